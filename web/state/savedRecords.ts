/**
 * Sorting stored records into the ones that open and the damaged ones. A record is this app's wrapper (`id`,
 * `name`, `updated`, `scenario`); its scenario is judged by the engine's own validator (`check`, the worker's
 * `checkScenarios`), never by a second set of rules here. A damaged record is kept as it was, to be shown,
 * downloaded or deleted, and never stops the others from opening.
 */
import type { SavedScenario } from './autosave.ts';

export interface DamagedRecord {
  /** The record's key in the store (null when it has none the list can use). */
  key: IDBValidKey | null;
  /** What the list calls it: its name when it has one, else its key. */
  label: string;
  /** Why it cannot be opened, in one line. */
  reason: string;
  /** The record exactly as stored. */
  raw: unknown;
}

export interface SortedRecords {
  /** Newest first. */
  saved: SavedScenario[];
  damaged: DamagedRecord[];
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isKey = (x: unknown): x is IDBValidKey => typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x));

export async function sortRecords(records: readonly unknown[], check: (scenarios: unknown[]) => Promise<(string | null)[]>): Promise<SortedRecords> {
  const verdicts = await check(records.map((r) => (isObj(r) ? r.scenario : undefined)));
  const saved: SavedScenario[] = [];
  const damaged: DamagedRecord[] = [];
  records.forEach((raw, k) => {
    const rec = isObj(raw) ? raw : {};
    const key = isKey(rec.id) ? rec.id : null;
    const name = typeof rec.name === 'string' && rec.name.trim() ? rec.name : null;
    const problem = typeof rec.id !== 'string' ? 'its id is not text' : verdicts[k] === null ? null : `scenario: ${verdicts[k]}`;
    if (problem === null) {
      const scenario = rec.scenario as SavedScenario['scenario'];
      saved.push({ id: rec.id as string, name: name ?? scenario.name, updated: typeof rec.updated === 'number' && Number.isFinite(rec.updated) ? rec.updated : 0, scenario });
    } else damaged.push({ key, label: name ?? (key === null ? 'a record without a name' : String(key)), reason: problem, raw });
  });
  saved.sort((a, b) => b.updated - a.updated);
  return { saved, damaged };
}

/** The record as a JSON file's text (anything JSON cannot hold is named, not dropped silently). */
export function recordText(raw: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(raw, (_k, v: unknown) => {
    if (typeof v === 'bigint') return `${v}n`;
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) return '[seen above]';
      seen.add(v);
      if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
    }
    return v;
  }, 2) ?? 'null';
}
