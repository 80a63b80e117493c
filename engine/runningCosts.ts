/**
 * What an option costs to run, so that a merger shows what it saves.
 *
 * Two parts, both £ a year:
 * - the running-cost allowance, population × £ per head (the figure NHS England set per head: DOMAIN.md, 003:700).
 *   It depends on people only, so regrouping the same people never changes it;
 * - the organisations' fixed costs: each governing body and each accountable officer costs a set amount whatever
 *   the population. Merging organisations removes governing bodies and accountable officers (Leeds: three of each
 *   became one, 000:243), which is where a merger saves.
 */
import type { ScenarioSettings } from './scenarioTypes.ts';

/**
 * The default fixed costs, £ a year each. PLANNER ASSUMPTIONS, not published figures: neither the project's
 * sources (DOMAIN.md, the reports in seeds/) nor the ONS data give a cost per governing body or per accountable
 * officer, so these round figures only make the saving visible until a planner sets their own (Settings, or
 * `settings.governingBodyCost` / `settings.accountableOfficerCost` in a scenario file). This is the one place
 * they are written.
 */
export const FIXED_COST_DEFAULTS = {
  /** A governing body: members' remuneration, meetings, its secretariat and audit. */
  governingBodyCost: 200_000,
  /** An accountable officer: the post with its on-costs. */
  accountableOfficerCost: 150_000,
} as const;

export interface RunningCosts {
  /** population × £ per head. */
  allowance: number;
  /** governing bodies × their cost + accountable officers × their cost. */
  fixedCosts: number;
  /** allowance + fixedCosts. */
  total: number;
}

export function runningCosts(
  population: number,
  governingBodies: number,
  accountableOfficers: number,
  settings: Pick<ScenarioSettings, 'costPerHead' | 'governingBodyCost' | 'accountableOfficerCost'>,
): RunningCosts {
  const allowance = population * settings.costPerHead;
  const fixedCosts = governingBodies * settings.governingBodyCost + accountableOfficers * settings.accountableOfficerCost;
  return { allowance, fixedCosts, total: allowance + fixedCosts };
}

/** The counts a summary gives that the costs are made of. */
export interface CostBasis {
  organisationsTotal: number;
  governingBodies: number;
  accountableOfficers: number;
}

/** An option's running costs against a reference option's: current − reference (negative = a saving). */
export interface CostChange {
  /** The reference option's name, e.g. the baseline the option started from. */
  against: string;
  allowance: number;
  fixedCosts: number;
  runningCost: number;
  governingBodies: number;
  accountableOfficers: number;
}

/**
 * What the current option costs against a reference, both at the current option's settings, so the change shows
 * the structure only (mergers, shared officers), never a different £ per head.
 */
export function costChange(against: string, reference: CostBasis, current: CostBasis, settings: Parameters<typeof runningCosts>[3]): CostChange {
  const a = runningCosts(reference.organisationsTotal, reference.governingBodies, reference.accountableOfficers, settings);
  const b = runningCosts(current.organisationsTotal, current.governingBodies, current.accountableOfficers, settings);
  return {
    against,
    allowance: b.allowance - a.allowance,
    fixedCosts: b.fixedCosts - a.fixedCosts,
    runningCost: b.total - a.total,
    governingBodies: current.governingBodies - reference.governingBodies,
    accountableOfficers: current.accountableOfficers - reference.accountableOfficers,
  };
}
