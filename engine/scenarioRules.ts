/**
 * The rules for a scenario's settings and collaborations, in one place: the operations (scenario.ts) and file
 * validation (io/validate.ts) both ask these, so a value refused by one is refused by the other in the same words.
 * Each returns issues with paths relative to the thing checked (`band.min`, `services[2]`); callers prefix them.
 */
import { formatCount } from './format.ts';
import { quoted } from './errors.ts';

// The vocabularies live here, beside their rules; scenario.ts re-exports them with the types.
export const COLLABORATION_KINDS = [
  'shared-accountable-officer',
  'joint-committee',
  'committees-in-common',
  'joint-team',
  'lead-commissioner',
  'collaborative-commissioning',
] as const;

export const COLLABORATION_STATUSES = ['in-place', 'planned', 'possible'] as const;

/** Sane ranges for the settings: finite, and within what a planner could mean. */
export const SETTINGS_LIMITS = {
  /** Band bounds, persons: 0 to 100 million (England is about 56 million; a larger bound says nothing more). */
  maxPopulation: 100_000_000,
  /** Running-cost allowance, £ per head: above 0 and at most £1,000 (the real figures were £21.46–£25). */
  maxCostPerHead: 1_000,
  /** A governing body's or an accountable officer's fixed cost, £ a year: 0 (left out) to £10 million. */
  maxFixedCost: 10_000_000,
} as const;

export interface RuleIssue {
  path: string;
  message: string;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
export const kindOf = (x: unknown): string => (x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x);
const got = (v: unknown) => (v === undefined ? 'nothing' : typeof v === 'number' || typeof v === 'string' ? quoted(v) : kindOf(v));
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Issues of a whole settings object `{band: {min, max}, costPerHead, governingBodyCost, accountableOfficerCost}` (callers fill defaults first). */
export function settingsIssues(settings: { band?: unknown; costPerHead?: unknown; governingBodyCost?: unknown; accountableOfficerCost?: unknown }): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const { band, costPerHead } = settings;
  if (!isObj(band)) {
    issues.push({ path: 'band', message: `expected {min, max} (persons), got ${kindOf(band)}` });
  } else {
    let ok = true;
    for (const f of ['min', 'max'] as const) {
      const v = band[f];
      if (!isNumber(v) || v < 0 || v > SETTINGS_LIMITS.maxPopulation) {
        issues.push({ path: `band.${f}`, message: `expected a number of persons from 0 to ${formatCount(SETTINGS_LIMITS.maxPopulation)}, got ${got(v)}` });
        ok = false;
      }
    }
    if (ok && (band.min as number) > (band.max as number)) issues.push({ path: 'band', message: `min (${band.min}) is greater than max (${band.max})` });
  }
  if (!isNumber(costPerHead) || costPerHead <= 0 || costPerHead > SETTINGS_LIMITS.maxCostPerHead) {
    issues.push({ path: 'costPerHead', message: `expected £ per head above 0 and at most ${formatCount(SETTINGS_LIMITS.maxCostPerHead)}, got ${got(costPerHead)}` });
  }
  for (const f of ['governingBodyCost', 'accountableOfficerCost'] as const) {
    const v = settings[f];
    if (!isNumber(v) || v < 0 || v > SETTINGS_LIMITS.maxFixedCost) {
      issues.push({ path: f, message: `expected £ a year from 0 to ${formatCount(SETTINGS_LIMITS.maxFixedCost)}, got ${got(v)}` });
    }
  }
  return issues;
}

export function collaborationKindIssue(kind: unknown): RuleIssue | null {
  if ((COLLABORATION_KINDS as readonly unknown[]).includes(kind)) return null;
  return { path: 'kind', message: `${kind === undefined ? 'missing' : got(kind)} is not a collaboration kind; expected one of ${COLLABORATION_KINDS.join(', ')}` };
}

export function collaborationStatusIssue(status: unknown): RuleIssue | null {
  if ((COLLABORATION_STATUSES as readonly unknown[]).includes(status)) return null;
  return { path: 'status', message: `${status === undefined ? 'missing' : got(status)} is not a status; expected one of ${COLLABORATION_STATUSES.join(', ')}` };
}

export function servicesIssues(services: unknown): RuleIssue[] {
  if (!Array.isArray(services)) return [{ path: 'services', message: `expected an array of strings, got ${kindOf(services)}` }];
  return services.flatMap((x, j) => (typeof x === 'string' ? [] : [{ path: `services[${j}]`, message: `expected a string, got ${kindOf(x)}` }]));
}
