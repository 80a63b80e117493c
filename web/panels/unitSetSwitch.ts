/**
 * Moving the open scenario to another unit set: the one code path of "Split by council" and the unit-set picker.
 * The engine converts it (engine/convert.ts, in the worker, which fetches the other unit set on first use with its
 * bytes shown as they come): exactly to a finer set; to a coarser one each unit goes where most of its people
 * are, and the planner first sees every split unit with its people and confirms. A scenario has one unit set, so
 * the converted one is saved as a new record beside the open one (which stays as it was) and the app reopens on it.
 */
import { proxy } from 'comlink';
import { unitSetFile, type UnitNoun } from '../../engine/bundle.ts';
import type { ConvertReport } from '../../engine/convert.ts';
import type { ScenarioV1 } from '../../engine/scenario.ts';
import type { Engine } from '../../workers/client.ts';
import type { Persistence } from '../state/persistence.ts';
import type { Notify } from '../state/actions.ts';
import { unitSetLabel } from '../state/unitSetChoice.ts';
import { h } from '../dom.ts';

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

export interface SwitchDeps {
  engine: Engine;
  persistence: Persistence;
  notify: Notify;
  /** Where notices go (the progress line sits with them). */
  notices: HTMLElement;
  asset(name: string): string;
  /** Asks the planner whether to go ahead with a conversion that is not exact (web/panels/convertConfirm.ts). */
  confirm(report: ConvertReport, noun: UnitNoun, targetLabel: string): Promise<boolean>;
}

export interface SwitchRequest {
  /** Target unit set id. */
  to: string;
  /** What the planner is doing, for the refusal line ("split by council"). */
  doing: string;
  /** The new record's name from the open scenario's. */
  name(current: string): string;
  /** Units to select once reopened. */
  select?(scenario: ScenarioV1): string[];
}

/** Resolves true when the app is reopening on the converted scenario; false, changing nothing, otherwise. */
export function createUnitSetSwitch(d: SwitchDeps): (req: SwitchRequest) => Promise<boolean> {
  let busy = false;
  return async (req) => {
    if (busy) return false;
    busy = true;
    const what = unitSetLabel(req.to).many;
    const line = h('div', { class: 'notice notice-info', role: 'status', id: 'unitset-progress' }, `Loading the ${what}…`);
    d.notices.append(line);
    try {
      const r = await d.engine.convertTo(req.to, d.asset(unitSetFile(req.to)), proxy((loaded: number, total: number, step?: string) => {
        if (step === 'build') line.textContent = `Preparing the ${what}…`;
        else line.textContent = total ? `Loading the ${what}: ${mb(loaded)} of ${mb(total)} MB` : `Loading the ${what}: ${mb(loaded)} MB`;
      }));
      if (!r.ok) {
        line.remove();
        d.notify.error(`Could not ${req.doing}: ${r.error}`);
        return false;
      }
      if (!r.report.exact) {
        line.textContent = `Converting to ${what} would split some units: see the list.`;
        const go = await d.confirm(r.report, r.noun, what);
        if (!go) {
          line.remove();
          return false;
        }
      }
      line.textContent = `Opening the scenario on ${what}…`;
      const scenario = { ...r.scenario, name: req.name(r.scenario.name) };
      await d.persistence.openOnOtherUnitSet(scenario, req.select?.(scenario) ?? []);
      return true;
    } catch (e) {
      line.remove();
      throw e;
    } finally {
      busy = false;
    }
  };
}
