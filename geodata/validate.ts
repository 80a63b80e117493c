/**
 * Whole-bundle validation, run at the end of every build (and by the tests on tampered copies). Each failure
 * throws a GeodataCheckError naming the check and the offending codes.
 */
import type { Bundle, Membership } from '../engine/bundle.ts';
import type { ScenarioV1 } from '../engine/scenario.ts';
import { fail, requireCount } from './checks.ts';
import { ENGLAND_POPULATION_2018 } from './population.ts';

/** Expected (systems, organisations) of each baseline. */
export const BASELINE_COUNTS: Record<string, [number, number]> = {
  'stp-2019': [42, 191],
  'ccg-2020': [42, 135],
  'ccg-2021': [42, 106],
  'one-ccg-per-ics': [42, 42],
  'icb-2022': [42, 42],
  regions: [7, 191],
  'regions-2022': [7, 42],
};

function sumTriplesByUnit(triples: number[], n: number): number[] {
  const s = new Array<number>(n).fill(0);
  for (let k = 0; k < triples.length; k += 3) s[triples[k]] += triples[k + 2];
  return s;
}

function checkTriples(name: string, b: Bundle, triples: number[], areaCount: number): void {
  const n = b.units.code.length;
  if (triples.length % 3 !== 0) fail(`${name} triples`, 'length is not a multiple of 3');
  for (let k = 0; k < triples.length; k += 3) {
    const [u, a, p] = [triples[k], triples[k + 1], triples[k + 2]];
    if (!(u >= 0 && u < n && a >= 0 && a < areaCount && Number.isInteger(p) && p > 0)) fail(`${name} triples`, `bad triple [${u}, ${a}, ${p}]`);
    if (k > 0 && (triples[k - 3] > u || (triples[k - 3] === u && triples[k - 2] >= a))) fail(`${name} triples sorted`, `at unit ${b.units.code[u]}`);
  }
  const sums = sumTriplesByUnit(triples, n);
  const bad = b.units.code.filter((_, u) => sums[u] !== b.units.population[u]);
  if (bad.length) fail(`${name} parts sum to unit population`, bad.join(', '));
}

function checkMembership(name: string, b: Bundle, m: Membership, areaCount: number): void {
  checkTriples(`membership ${name}`, b, m.parts, areaCount);
  requireCount(`membership ${name} primary`, m.primary.length, b.units.code.length, 'primary entries');
}

/** Fails unless `s` partitions the units into systems and organisations with the expected counts and unique ids. */
export function checkPartition(id: string, s: ScenarioV1, unitCodes: readonly string[], counts?: [number, number]): void {
  for (const [kind, groups] of [['systems', s.systems], ['organisations', s.organisations]] as const) {
    const seen = new Map<string, string>();
    const ids = new Set<string>();
    for (const g of groups) {
      if (ids.has(g.id)) fail(`baseline ${id} ${kind} ids unique`, `duplicate id ${g.id}`);
      ids.add(g.id);
      if (g.units.length === 0) fail(`baseline ${id} ${kind} non-empty`, `${g.id} has no units`);
      for (const u of g.units) {
        if (seen.has(u)) fail(`baseline ${id} ${kind} partition`, `${u} is in both ${seen.get(u)} and ${g.id}`);
        seen.set(u, g.id);
      }
    }
    const missing = unitCodes.filter((u) => !seen.has(u));
    const unknown = [...seen.keys()].filter((u) => !unitCodes.includes(u));
    if (missing.length || unknown.length) fail(`baseline ${id} ${kind} partition`, `missing ${missing.join(', ') || 'none'}; unknown ${unknown.join(', ') || 'none'}`);
  }
  if (counts) {
    requireCount(`baseline ${id} systems`, s.systems.length, counts[0], 'systems');
    requireCount(`baseline ${id} organisations`, s.organisations.length, counts[1], 'organisations');
  }
}

/** Checks a unit set's descriptor; `units` is the number of units it must have (191 CCGs for ccg-2019). */
export function validateBundle(b: Bundle, units = 191): void {
  const n = b.units.code.length;
  requireCount('units', n, units, `${b.unitSet} units`);
  for (const [k, v] of Object.entries(b.units)) requireCount(`units.${k} length`, (v as unknown[]).length, units, 'entries');
  requireCount('CCG 2019', b.ccg2019.code.length, 191, 'CCGs');
  requireCount('NHS regions 2022', b.regions2022.code.length, 7, 'regions');
  requireCount('STP 2019', b.stp2019.code.length, 42, 'STPs');
  requireCount('NHS regions', b.regions.code.length, 7, 'regions');
  requireCount('CCG 2020', b.ccg2020.code.length, 135, 'CCGs');
  requireCount('CCG 2021', b.ccg2021.code.length, 106, 'CCGs');
  requireCount('ICB 2022', b.icb2022.code.length, 42, 'ICBs');
  requireCount('STP 2020', b.stp2020.code.length, 42, 'STPs');
  requireCount('STP 2021', b.stp2021.code.length, 42, 'STPs');

  const total = b.units.population.reduce((a, x) => a + x, 0);
  if (total !== ENGLAND_POPULATION_2018 || b.englandPopulation !== ENGLAND_POPULATION_2018) {
    fail('England population', `units sum to ${total}, englandPopulation ${b.englandPopulation}, ONS England mid-2018 ${ENGLAND_POPULATION_2018}`);
  }
  const badStp = b.units.code.filter((_, u) => !(b.units.stp[u] >= 0 && b.units.stp[u] < 42));
  const badRegion = b.units.code.filter((_, u) => !(b.units.region[u] >= 0 && b.units.region[u] < 7));
  if (badStp.length || badRegion.length) fail('unit STP and region indices', [...badStp, ...badRegion].join(', '));
  const emptyStp = b.stp2019.code.filter((_, s) => !b.units.stp.includes(s));
  if (emptyStp.length) fail('every STP 2019 has units', emptyStp.join(', '));

  checkMembership('ccg2019', b, b.membership.ccg2019, b.ccg2019.code.length);
  checkMembership('ccg2020', b, b.membership.ccg2020, b.ccg2020.code.length);
  checkMembership('ccg2021', b, b.membership.ccg2021, b.ccg2021.code.length);
  checkMembership('icb2022', b, b.membership.icb2022, b.icb2022.code.length);
  checkTriples('councils.unitLad', b, b.councils.unitLad, b.councils.lad.code.length);
  checkTriples('councils.unitUtla', b, b.councils.unitUtla, b.councils.utla.code.length);

  // Adjacency: pairs a < b, sorted, no duplicates; every unit has a land neighbour or a water link.
  const linked = new Set<number>();
  for (const [name, pairs] of [['land', b.adjacency.land], ['water', b.adjacency.water]] as const) {
    for (let k = 0; k < pairs.length; k += 2) {
      const [a, c] = [pairs[k], pairs[k + 1]];
      if (!(a >= 0 && a < c && c < n)) fail(`adjacency.${name} pairs`, `bad pair [${a}, ${c}]`);
      if (k > 0 && (pairs[k - 2] > a || (pairs[k - 2] === a && pairs[k - 1] >= c))) fail(`adjacency.${name} sorted`, `at ${b.units.code[a]}`);
      linked.add(a).add(c);
    }
  }
  const isolated = b.units.code.filter((_, u) => !linked.has(u));
  if (isolated.length) fail('every unit has a land neighbour or a water link', isolated.join(', '));

  const geoms = b.topology.objects.units.geometries;
  requireCount('topology units', geoms.length, n, 'unit geometries');
  const wrongId = geoms.map((g, i) => (g.id === b.units.code[i] ? '' : `${i}:${String(g.id)}`)).filter(Boolean);
  if (wrongId.length) fail('topology unit ids in unit order', wrongId.join(', '));
  requireCount('topology regions', b.topology.objects.regions.geometries.length, 7, 'region geometries');

  for (const [id, counts] of Object.entries(BASELINE_COUNTS)) {
    const s = b.baselines[id];
    if (!s) fail('baselines present', `missing ${id}`);
    checkPartition(id, s, b.units.code, counts);
  }
}
