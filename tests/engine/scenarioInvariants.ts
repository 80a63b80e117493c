/** The invariants every scenario keeps (scenario.ts header), as test assertions. */
import { expect } from 'vitest';
import type { Geography } from '../../engine/geography.ts';
import type { ScenarioV1 } from '../../engine/scenario.ts';

/** England's mid-2018 population, the figure every scenario's systems must sum to (DOMAIN.md). */
export const ENGLAND_TOTAL = 55_977_178;

function expectPartition(groups: readonly { id: string; units: readonly string[] }[], geo: Geography, what: string): void {
  // Problems are collected and asserted once: this runs after every step of the property tests.
  const problems: string[] = [];
  const count = new Map<string, number>();
  for (const g of groups) {
    if (g.units.length === 0) problems.push(`${what} ${g.id} is empty`);
    for (const u of g.units) count.set(u, (count.get(u) ?? 0) + 1);
  }
  for (const c of geo.codes) if (count.get(c) !== 1) problems.push(`${what}: ${c} is in ${count.get(c) ?? 0} groups`);
  if (count.size !== geo.n) problems.push(`${what}: ${count.size} distinct units, expected ${geo.n}`);
  if (new Set(groups.map((g) => g.id)).size !== groups.length) problems.push(`${what}: ids not unique`);
  if (problems.length > 0) expect(problems).toEqual([]); // expect() only on failure: this runs 10,000s of times
}

export function expectInvariants(s: ScenarioV1, geo: Geography): void {
  expectPartition(s.systems, geo, 'systems');
  expectPartition(s.organisations, geo, 'organisations');
  let total = 0;
  for (const g of s.systems) for (const u of g.units) total += geo.population[geo.indexOfCode(u)];
  expect(total).toBe(geo.total);
  expect(new Set(s.collaborations.map((c) => c.id)).size).toBe(s.collaborations.length);
}

/** Groups as sorted `id → sorted units`, for comparing partitions regardless of group order. */
export function partitionById(groups: readonly { id: string; name: string; units: readonly string[] }[]): [string, string, string[]][] {
  return groups.map((g): [string, string, string[]] => [g.id, g.name, [...g.units].sort()]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}
