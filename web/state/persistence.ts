/**
 * Which scenario the session works on, and keeping it safe: a share link in the hash wins, then the scenario
 * open last time (IndexedDB), else STP 2019. Every state is autosaved to the current record. Opening a
 * baseline or a saved scenario switches records, so earlier work stays in the list.
 */
import type { Session } from './session.ts';
import type { Actions, Notify } from './actions.ts';
import { createAutosaver, deleteScenario, getCurrentId, getScenario, listScenarios, newScenarioId, putScenario, type SavedScenario } from './autosave.ts';
import { decodeShare } from './share.ts';
import { signal, type Signal } from './signal.ts';

export interface Persistence {
  /** The saved scenarios, newest first; refreshed after every save. */
  saved: Signal<SavedScenario[]>;
  /** Last record written (for tests and the "saved" indicator). */
  lastSaved: Signal<SavedScenario | null>;
  currentId(): string;
  start(defaultBaseline: string): Promise<void>;
  openBaseline(id: string): Promise<void>;
  openSaved(id: string): Promise<void>;
  /** Opens a scenario (e.g. a generated option) as a new saved record beside the open one, which stays saved as it was. */
  openAsNew(scenario: unknown): Promise<boolean>;
  duplicate(id: string): Promise<void>;
  rename(id: string, name: string): Promise<void>;
  /** Deletes a saved scenario (not the open one) and gives back its record, for `restore`. */
  remove(id: string): Promise<SavedScenario | undefined>;
  /** Puts a deleted record back, as it was. */
  restore(rec: SavedScenario): Promise<void>;
  flush(): Promise<void>;
}

export function createPersistence(session: Session, actions: Actions, notify: Notify): Persistence {
  const saved = signal<SavedScenario[]>([]);
  const lastSaved = signal<SavedScenario | null>(null);
  const refresh = async () => saved.set(await listScenarios());
  const saver = createAutosaver(250, (rec) => {
    lastSaved.set(rec);
    void refresh();
  });
  session.engine.subscribe((st) => st && saver.save(st.scenario));

  /** Switches to a new record, then opens; goes back to the previous record if the scenario is refused. */
  async function openInto(id: string, source: Parameters<Actions['load']>[0]): Promise<boolean> {
    const previous = saver.currentId;
    await saver.use(id);
    const ok = await actions.load(source, { reset: true });
    if (!ok && previous) await saver.use(previous);
    return ok;
  }

  return {
    saved,
    lastSaved,
    currentId: () => saver.currentId,
    async start(defaultBaseline) {
      try {
        const shared = await decodeShare(location.hash);
        if (shared) {
          history.replaceState(null, '', location.pathname + location.search);
          if (await openInto(newScenarioId(), { scenario: shared })) {
            notify.info('Opened the shared scenario; it is saved in this browser as a new scenario.');
            await refresh();
            return;
          }
        }
      } catch (e) {
        notify.error(e instanceof Error ? e.message : String(e));
      }
      const id = await getCurrentId().catch(() => undefined);
      const rec = id ? await getScenario(id).catch(() => undefined) : undefined;
      if (!(rec && (await openInto(rec.id, { scenario: rec.scenario })))) await openInto(newScenarioId(), { baseline: defaultBaseline });
      await refresh();
    },
    async openBaseline(baseline) {
      await openInto(newScenarioId(), { baseline });
    },
    async openSaved(id) {
      const rec = await getScenario(id);
      if (rec) await openInto(rec.id, { scenario: rec.scenario });
    },
    async openAsNew(scenario) {
      const ok = await openInto(newScenarioId(), { scenario });
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
      await putScenario(rec);
      await refresh();
    },
    flush: () => saver.flush(),
  };
}
