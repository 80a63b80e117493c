/**
 * A generated plan back to a scenario the app and the CLI open like any other.
 *
 * - Systems: each keeps the id, name and lock of the starting system it overlaps most (by population, matched
 *   greedily, largest overlaps first, each starting system used once). A system matched to none (the smaller
 *   part of a split, when the number of systems may vary) is named after the starting system holding most of
 *   its people, "NAME (part 2)", "(part 3)" … by people from it, with the first free `sys-N` id (as the app's new
 *   systems): the same plan always gets the same ids and names. A starting system merged into another has no
 *   system left and is simply absent. An atypical reason is kept only when the system's units are unchanged,
 *   since it was given for those units.
 * - Organisations: kept as they were when they were kept whole (none can straddle); otherwise each is cut along
 *   the new system borders, its most populous part keeping its id and name.
 * - Collaborations and settings are kept; the band becomes the one generated under.
 */
import type { Geography } from '../geography.ts';
import type { OrganisationDef, ScenarioV1, SystemDef } from '../scenario.ts';
import type { Problem } from './problem.ts';
import { Scorer } from './objectives.ts';
import { generationProblem } from './problem.ts';

export interface ScenarioInfo {
  name?: string;
  description?: string;
}

export function scenarioFromPlan(problem: Problem, unitSystem: Uint16Array, info: ScenarioInfo = {}): ScenarioV1 {
  const { geo, start, k } = problem;
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < geo.n; i++) members[unitSystem[i]].push(i);
  const overlap: { d: number; s: number; pop: number }[] = [];
  members.forEach((units, d) => {
    const byStart = new Map<number, number>();
    for (const i of units) byStart.set(problem.startUnits[i], (byStart.get(problem.startUnits[i]) ?? 0) + geo.population[i]);
    byStart.forEach((pop, s) => overlap.push({ d, s, pop }));
  });
  overlap.sort((x, y) => y.pop - x.pop || x.d - y.d || x.s - y.s);
  const matched = new Int32Array(k).fill(-1);
  const used = new Uint8Array(start.systems.length);
  for (const o of overlap) {
    if (matched[o.d] >= 0 || used[o.s]) continue;
    matched[o.d] = o.s;
    used[o.s] = 1;
  }
  const ids = new Set(start.systems.filter((_, s) => used[s]).map((g) => g.id));
  const parts = unmatchedParts(overlap, matched, members.map((units) => units.length > 0));
  let fresh = 1;
  const systems: SystemDef[] = [];
  members.forEach((units, d) => {
    if (units.length === 0) return;
    const codes = units.map((i) => geo.codes[i]);
    const s = matched[d];
    if (s >= 0) {
      const from = start.systems[s];
      const sys: SystemDef = { id: from.id, name: from.name, units: codes };
      if (from.locked) sys.locked = true;
      if (from.atypical && sameUnits(from.units, codes)) sys.atypical = from.atypical;
      systems.push(sys);
    } else {
      while (ids.has(`sys-${fresh}`)) fresh++;
      ids.add(`sys-${fresh}`);
      const part = parts.get(d)!;
      systems.push({ id: `sys-${fresh}`, name: `${start.systems[part.parent].name} (part ${part.number})`, units: codes });
    }
  });
  const organisations = problem.keepOrganisations ? start.organisations : cutOrganisations(geo, start.organisations, unitSystem);
  return {
    ...start,
    name: info.name ?? `${start.name} (generated)`,
    ...(info.description !== undefined ? { description: info.description } : {}),
    systems,
    organisations,
    settings: { ...start.settings, band: { ...problem.band } },
  };
}

/**
 * For each non-empty system matched to no starting system: the starting system holding most of its people (its
 * parent) and its part number, 2, 3, … among the parent's unmatched parts, those holding more of its people first.
 * `overlap` is sorted by population, largest first.
 */
function unmatchedParts(overlap: readonly { d: number; s: number; pop: number }[], matched: Int32Array, nonEmpty: boolean[]): Map<number, { parent: number; number: number }> {
  const parentOf = new Map<number, { s: number; pop: number }>();
  for (const o of overlap) {
    if (matched[o.d] >= 0 || !nonEmpty[o.d] || parentOf.has(o.d)) continue;
    parentOf.set(o.d, { s: o.s, pop: o.pop });
  }
  const ranked = [...parentOf].sort(([d1, x], [d2, y]) => x.s - y.s || y.pop - x.pop || d1 - d2);
  const out = new Map<number, { parent: number; number: number }>();
  let number = 1;
  ranked.forEach(([d, p], r) => {
    number = r > 0 && ranked[r - 1][1].s === p.s ? number + 1 : 2;
    out.set(d, { parent: p.s, number });
  });
  return out;
}

function sameUnits(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((u) => set.has(u));
}

function cutOrganisations(geo: Geography, orgs: readonly OrganisationDef[], unitSystem: Uint16Array): OrganisationDef[] {
  const ids = new Set(orgs.map((o) => o.id));
  let fresh = 1;
  const out: OrganisationDef[] = [];
  for (const o of orgs) {
    const parts = new Map<number, { units: string[]; pop: number }>();
    for (const code of o.units) {
      const i = geo.indexOfCode(code);
      const d = unitSystem[i];
      const part = parts.get(d) ?? { units: [], pop: 0 };
      part.units.push(code);
      part.pop += geo.population[i];
      parts.set(d, part);
    }
    if (parts.size <= 1) {
      out.push(o);
      continue;
    }
    const ranked = [...parts.values()].sort((x, y) => y.pop - x.pop);
    out.push({ ...o, units: ranked[0].units });
    ranked.slice(1).forEach((p, j) => {
      while (ids.has(`org-${fresh}`)) fresh++;
      ids.add(`org-${fresh}`);
      out.push({ id: `org-${fresh}`, name: `${o.name} (part ${j + 2})`, units: p.units });
    });
  }
  return out;
}

/**
 * The generator's metrics (METRICS order) of a scenario as it is, to place it in an ensemble: people moved are
 * counted from `from` when given (the ensemble's start), else 0.
 */
export function scenarioMetrics(geo: Geography, scenario: ScenarioV1, band: { min: number; max: number }, from?: ScenarioV1): Float64Array {
  const problem = generationProblem(geo, from ?? scenario, { band }, false);
  const own = from ? generationProblem(geo, scenario, { band }, false) : problem;
  // Moved counts against `from`'s systems; organisations are the scenario's own.
  const scorer = new Scorer({ ...problem, k: Math.max(problem.k, own.k), start: own.start, unitOrganisation: own.unitOrganisation });
  scorer.reset(own.startUnits);
  return Float64Array.from(scorer.metrics);
}
