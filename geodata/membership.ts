/**
 * Population-weighted unit × area tables built from LSOAs: membership in later geographies (CCG 2020, CCG 2021,
 * ICB 2022) and overlap with councils.
 */
import type { AreaTable, Membership } from '../engine/bundle.ts';
import { fail } from './checks.ts';
import type { Lookups } from './lookups.ts';
import type { Populations } from './population.ts';

type LsoaRow = Lookups['lsoa'][number];

/** Each LSOA as an item of its 2019 CCG: the area it falls in (by `area`) and its mid-2018 population. */
export function lsoaItems(lk: Lookups, pop: Populations, unitIndex: Map<string, number>, area: (r: LsoaRow, i: number) => number): { unit: number; area: number; pop: number }[] {
  return lk.lsoa.map((r, i) => ({ unit: unitIndex.get(r.ccg19)!, area: area(r, i), pop: pop.lsoa.get(r.code)! }));
}

/** Sums `pop` over (unit, area) pairs; returns flat triples sorted by unit then area. */
export function triples(items: Iterable<{ unit: number; area: number; pop: number }>): number[] {
  const sums = new Map<number, Map<number, number>>();
  for (const { unit, area, pop } of items) {
    if (unit < 0 || area < 0) fail('membership join', `unit ${unit} / area ${area} not found`);
    let m = sums.get(unit);
    if (!m) sums.set(unit, (m = new Map()));
    m.set(area, (m.get(area) ?? 0) + pop);
  }
  const out: number[] = [];
  for (const u of [...sums.keys()].sort((a, b) => a - b)) {
    const m = sums.get(u)!;
    for (const a of [...m.keys()].sort((x, y) => x - y)) out.push(u, a, m.get(a)!);
  }
  return out;
}

/** Per unit, the area with the most people (ties: lowest area index). */
export function primaryOf(parts: number[], unitCount: number): number[] {
  const best = new Array<number>(unitCount).fill(-1);
  const bestPop = new Array<number>(unitCount).fill(-1);
  for (let k = 0; k < parts.length; k += 3) {
    const [u, a, p] = [parts[k], parts[k + 1], parts[k + 2]];
    if (p > bestPop[u]) {
      bestPop[u] = p;
      best[u] = a;
    }
  }
  const missing = best.map((a, u) => (a < 0 ? u : -1)).filter((u) => u >= 0);
  if (missing.length) fail('membership covers every unit', `units without any part: ${missing.join(', ')}`);
  return best;
}

export function membership(items: Iterable<{ unit: number; area: number; pop: number }>, unitCount: number): Membership {
  const parts = triples(items);
  return { primary: primaryOf(parts, unitCount), parts };
}

/** An area table from code → name, sorted by code; `index` maps codes to positions. */
export function areaTable(entries: Iterable<[string, string]>): AreaTable & { index: Map<string, number> } {
  const m = new Map(entries);
  const code = [...m.keys()].sort();
  return { code, name: code.map((c) => m.get(c)!), index: new Map(code.map((c, i) => [c, i])) };
}

/** Units of a split (more than one part), with their shares, for notes. */
export function splits(parts: number[]): Map<number, { area: number; pop: number }[]> {
  const byUnit = new Map<number, { area: number; pop: number }[]>();
  for (let k = 0; k < parts.length; k += 3) {
    const list = byUnit.get(parts[k]) ?? [];
    list.push({ area: parts[k + 1], pop: parts[k + 2] });
    byUnit.set(parts[k], list);
  }
  for (const [u, list] of byUnit) if (list.length < 2) byUnit.delete(u);
  return byUnit;
}
