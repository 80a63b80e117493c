/**
 * Finds the unit a person meant: ONS code, NHS code or name, case and spacing ignored (Geography.find), and
 * failing that the name without its "NHS " prefix and " CCG" suffix, which spreadsheets often drop or add.
 */
import type { Geography } from '../geography.ts';
import { normaliseKey } from '../geography.ts';

export type MatchGeography = Pick<Geography, 'find' | 'names'>;

const bare = (s: string) =>
  normaliseKey(s)
    .replace(/^nhs /, '')
    .replace(/ (ccg|clinical commissioning group)$/, '')
    .replace(/&/g, 'and');

const bareIndex = new WeakMap<object, Map<string, number>>();

/** Index of the unit `value` names, or -1. */
export function matchUnit(geo: MatchGeography, value: string): number {
  const i = geo.find(value);
  if (i >= 0) return i;
  let index = bareIndex.get(geo);
  if (!index) {
    index = new Map(geo.names.map((name, k) => [bare(name), k]));
    bareIndex.set(geo, index);
  }
  return index.get(bare(value)) ?? -1;
}
