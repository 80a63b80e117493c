/**
 * Which scenario the session works on, and keeping it safe: a share link in the hash opens as a new saved
 * scenario, then the scenario open last time (IndexedDB), else STP 2019. Every state is autosaved to the current
 * record. Opening a baseline, a saved scenario, a file or a link switches records, so earlier work stays in the
 * list; a refused file or link switches back and changes nothing. Stored records are checked by the engine when
 * listed: damaged ones are listed apart (`damaged`) and never stop the others from opening.
 */
import type { ScenarioV1 } from '../../engine/scenario.ts';
import type { Session } from './session.ts';
import type { Actions, Notify } from './actions.ts';
import { createAutosaver, deleteScenario, getCurrentId, getScenario, listRecords, newScenarioId, putRecord, putScenario, type SavedScenario } from './autosave.ts';
import { sortRecords, type DamagedRecord } from './savedRecords.ts';
import { decodeShare } from './share.ts';
import { signal, type Signal } from './signal.ts';
import { COARSEST_UNIT_SET, selectAfterOpen, unitSetOf } from './unitSetChoice.ts';

export interface Persistence {
  /** The saved scenarios that open, newest first; refreshed after every save. */
  saved: Signal<SavedScenario[]>;
  /** Stored records that cannot be opened, with why. */
  damaged: Signal<DamagedRecord[]>;
  /** Last record written (for tests and the "saved" indicator). */
  lastSaved: Signal<SavedScenario | null>;
  currentId(): string;
  start(defaultBaseline: string): Promise<void>;
  openBaseline(id: string): Promise<void>;
  openSaved(id: string): Promise<void>;
  /** Opens a file's text as a new saved scenario beside the open one; false (nothing changed) when refused. */
  importFile(text: string, filename: string): Promise<boolean>;
  /**
   * Saves a scenario on another unit set (a conversion) as a new record beside the open one, which stays saved as
   * it was, and reopens the app on it with `select` (unit codes) selected.
   */
  openOnOtherUnitSet(scenario: ScenarioV1, select: readonly string[]): Promise<void>;
  /** Opens a scenario (e.g. a generated option) as a new saved record beside the open one, which stays saved as it was. */
  openAsNew(scenario: unknown): Promise<boolean>;
  duplicate(id: string): Promise<void>;
  rename(id: string, name: string): Promise<void>;
  /** Deletes a stored record (not the open one) and gives it back as it was, for `restore`. */
  remove(id: IDBValidKey): Promise<unknown>;
  /** Puts a deleted record back, as it was. */
  restore(rec: unknown): Promise<void>;
  /** The open scenario as last saved (after writing what is pending), for a restarted engine. */
  lastSavedScenario(): Promise<ScenarioV1 | undefined>;
  /** Lists and checks the stored records again. */
  refresh(): Promise<void>;
  flush(): Promise<void>;
}

/** `check`: the engine's verdict on each scenario (null: valid), the worker's `checkScenarios`. */
/** `appUnitSet`: the unit set the engine was started on; a saved scenario on another one opens by reopening the app. */
export function createPersistence(session: Session, actions: Actions, notify: Notify, check: (scenarios: unknown[]) => Promise<(string | null)[]>, appUnitSet: string = COARSEST_UNIT_SET): Persistence {
  const saved = signal<SavedScenario[]>([]);
  const damaged = signal<DamagedRecord[]>([]);
  const lastSaved = signal<SavedScenario | null>(null);
  const refresh = async () => {
    try {
      const sorted = await sortRecords(await listRecords(), check);
      damaged.set(sorted.damaged);
      saved.set(sorted.saved);
    } catch (e) {
      // The engine may be restarting; the list is refreshed again once it is back.
      console.warn('saved scenarios not listed', e);
    }
  };
  const saver = createAutosaver(250, (rec) => {
    lastSaved.set(rec);
    // The record just written holds a scenario the engine made: it goes to the top of the list as it is, without
    // reading every record back and checking each in the engine's worker again (at LSOA level that was tens of ms
    // a record on each side, after every edit). A record not listed yet lists them all again.
    const list = saved.get();
    const k = list.findIndex((r) => r.id === rec.id);
    if (k >= 0) saved.set([rec, ...list.slice(0, k), ...list.slice(k + 1)]);
    else void refresh();
  });
  session.engine.subscribe((st) => st && saver.save(st.scenario));

  /**
   * Switches to record `id`, then opens into it; when the engine refuses, switches back to the record that was
   * current (in this session, or stored from the last one), so nothing the planner had is displaced.
   */
  async function openInto(id: string, open: () => Promise<boolean>): Promise<boolean> {
    const previous = saver.currentId || (await getCurrentId().catch(() => undefined)) || '';
    await saver.use(id);
    const ok = await open();
    if (!ok && previous) await saver.use(previous);
    return ok;
  }
  const load = (source: Parameters<Actions['load']>[0], refusal?: string, keepErrors = false) => () => actions.load(source, { reset: true, refusal, keepErrors });

  return {
    saved,
    damaged,
    lastSaved,
    currentId: () => saver.currentId,
    async start(defaultBaseline) {
      const hasLink = /^#s=/.test(location.hash);
      let shared: string | null = null;
      try {
        shared = await decodeShare(location.hash);
      } catch (e) {
        notify.error(`${e instanceof Error ? e.message : String(e)}; your saved work is open instead.`);
      }
      // Dropped from the address either way, so a reload does not open the link again.
      if (hasLink) history.replaceState(null, '', location.pathname + location.search);
      if (shared !== null && (await openInto(newScenarioId(), load({ json: shared }, 'The share link was not opened (your saved work is open instead)')))) {
        notify.info('Opened the shared scenario; it is saved in this browser as a new scenario beside your others.');
        await refresh();
        return;
      }
      await refresh();
      const id = await getCurrentId().catch(() => undefined);
      const rec = saved.get().find((r) => r.id === id);
      // After a refused link these loads are its fallback: the link's notice stays up.
      if (!(rec && (await openInto(rec.id, load({ scenario: rec.scenario }, undefined, hasLink))))) await openInto(newScenarioId(), load({ baseline: defaultBaseline }, undefined, hasLink));
      await refresh();
    },
    async openBaseline(baseline) {
      await openInto(newScenarioId(), load({ baseline }));
    },
    async openSaved(id) {
      const rec = saved.get().find((r) => r.id === id);
      if (!rec) return;
      if (unitSetOf(rec.scenario) !== appUnitSet) {
        await saver.use(rec.id);
        location.reload();
        return;
      }
      await openInto(rec.id, load({ scenario: rec.scenario }));
    },
    async openOnOtherUnitSet(scenario, select) {
      await saver.flush();
      const id = newScenarioId();
      await putScenario({ id, name: scenario.name, updated: Date.now(), scenario });
      await saver.use(id);
      selectAfterOpen(select);
      location.reload();
    },
    async importFile(text, filename) {
      const ok = await openInto(newScenarioId(), () => actions.importFile(text, filename, { reset: true }));
      if (ok) await saver.flush();
      await refresh();
      return ok;
    },
    async openAsNew(scenario) {
      const ok = await openInto(newScenarioId(), load({ scenario }));
      if (ok) await saver.flush();
      await refresh();
      return ok;
    },
    async duplicate(id) {
      await saver.flush();
      const rec = await getScenario(id);
      if (!rec) return;
      const name = `${rec.name} (copy)`;
      await putScenario({ id: newScenarioId(), name, updated: Date.now(), scenario: { ...rec.scenario, name } });
      await refresh();
    },
    async rename(id, name) {
      if (id === saver.currentId) {
        await actions.run({ op: 'describeScenario', name });
        return;
      }
      const rec = await getScenario(id);
      if (rec) await putScenario({ ...rec, name, updated: Date.now(), scenario: { ...rec.scenario, name } });
      await refresh();
    },
    async remove(id) {
      if (id === saver.currentId) {
        notify.error('That scenario is open; open another one before deleting it.');
        return undefined;
      }
      const rec = await getScenario(id);
      await deleteScenario(id);
      await refresh();
      return rec;
    },
    async restore(rec) {
      await putRecord(rec);
      await refresh();
    },
    async lastSavedScenario() {
      await saver.flush();
      const id = saver.currentId;
      return id ? (await getScenario(id).catch(() => undefined))?.scenario : undefined;
    },
    refresh,
    flush: () => saver.flush(),
  };
}
