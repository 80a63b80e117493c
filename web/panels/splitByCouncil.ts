/**
 * "Split by council": the open scenario moves to the unit set of CCG parts (each 2019 CCG cut by the 2019
 * districts), converted exactly by the engine, so a CCG's parts can be assigned one by one. A scenario has one
 * unit set, so the converted one is saved as a new scenario beside the open one (which stays as it was: going
 * back is opening it from the Scenarios tab) and the app reopens on it with the split CCG's parts selected. The
 * parts' file is fetched on first use, with the bytes loaded shown as it comes.
 */
import { proxy } from 'comlink';
import { unitSetFile } from '../../engine/bundle.ts';
import type { Engine } from '../../workers/client.ts';
import type { Persistence } from '../state/persistence.ts';
import type { Notify } from '../state/actions.ts';
import { h } from '../dom.ts';

export const PARTS_UNIT_SET = 'ccg-district-2019';

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

export interface SplitDeps {
  engine: Engine;
  persistence: Persistence;
  notify: Notify;
  /** Where notices go (the progress line sits with them). */
  notices: HTMLElement;
  asset(name: string): string;
}

/** Splits unit `code` (a CCG) by council; resolves false, changing nothing, when the engine refuses. */
export function createSplitByCouncil(d: SplitDeps): (code: string) => Promise<boolean> {
  let busy = false;
  return async (code) => {
    if (busy) return false;
    busy = true;
    const line = h('div', { class: 'notice notice-info', role: 'status', id: 'unitset-progress' }, 'Loading the CCG parts…');
    d.notices.append(line);
    try {
      const r = await d.engine.convertTo(PARTS_UNIT_SET, d.asset(unitSetFile(PARTS_UNIT_SET)), proxy((loaded: number, total: number) => {
        line.textContent = total ? `Loading the CCG parts: ${mb(loaded)} of ${mb(total)} MB` : `Loading the CCG parts: ${mb(loaded)} MB`;
      }));
      if (!r.ok) {
        line.remove();
        d.notify.error(`Could not split by council: ${r.error}`);
        return false;
      }
      line.textContent = 'Opening the scenario split by council…';
      const scenario = { ...r.scenario, name: `${r.scenario.name} (split by council)` };
      const parts = scenario.systems.flatMap((s) => s.units).filter((u) => u.startsWith(`${code}_`));
      await d.persistence.openOnOtherUnitSet(scenario, parts);
      return true;
    } catch (e) {
      line.remove();
      throw e;
    } finally {
      busy = false;
    }
  };
}
