/**
 * Which unit set the app opens on. A scenario has one unit set and the engine worker holds one, so the app starts
 * on the unit set of the scenario it will reopen (the current saved record; CCGs when there is none, as before),
 * and moves to another by saving the converted scenario as the current record and reopening. The CCG level thus
 * loads exactly what it loaded before; finer geometry is fetched only when a scenario on it is open.
 */
import { UNIT_SETS } from '../../engine/bundle.ts';
import { scenarioUnitSet } from '../../engine/io/validate.ts';
import { getCurrentId, getScenario } from './autosave.ts';

export const COARSEST_UNIT_SET = UNIT_SETS[0];

/**
 * How the picker and the progress line name each unit set before it is loaded (a loaded one's descriptor says
 * what its units are called: `Bundle.noun`). `many` matches the descriptor's plural.
 */
const LABELS: Record<string, { many: string; picker: string }> = {
  'ccg-2019': { many: 'CCGs', picker: 'CCGs' },
  'ccg-district-2019': { many: 'CCG parts', picker: 'CCG parts (by council)' },
  'lsoa-2011': { many: 'LSOAs', picker: 'LSOAs' },
};

export function unitSetLabel(id: string): { many: string; picker: string } {
  return LABELS[id] ?? { many: id, picker: id };
}
/** Units to select once the app has reopened on a finer unit set (the pieces of the CCG just split). */
const SELECT_KEY = 'footprints:select-after-open';

export function unitSetOf(scenario: unknown): string {
  const set = typeof scenario === 'object' && scenario !== null ? scenarioUnitSet(scenario as { unitSet?: unknown }) : undefined;
  return typeof set === 'string' && (UNIT_SETS as readonly string[]).includes(set) ? set : COARSEST_UNIT_SET;
}

/**
 * The unit set of the record the app will reopen. A share link in the address opens on CCGs, as before unit sets
 * (a link made on a finer unit set is refused there by the engine, naming the unit set).
 */
export async function openingUnitSet(): Promise<string> {
  if (/^#s=/.test(location.hash)) return COARSEST_UNIT_SET;
  try {
    const id = await getCurrentId();
    return id ? unitSetOf((await getScenario(id))?.scenario) : COARSEST_UNIT_SET;
  } catch {
    return COARSEST_UNIT_SET; // an unreadable store: persistence reports it when it lists the records
  }
}

export function selectAfterOpen(codes: readonly string[]): void {
  sessionStorage.setItem(SELECT_KEY, JSON.stringify(codes));
}

/** The codes left by `selectAfterOpen` (once). */
export function takeSelectAfterOpen(): string[] {
  const raw = sessionStorage.getItem(SELECT_KEY);
  sessionStorage.removeItem(SELECT_KEY);
  try {
    const v: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
