/**
 * Moving a scenario between nested unit sets. Every unit set is a union of LSOAs and a finer one records, for
 * each of its units, the unit holding it in each coarser set (`Bundle.parents`). So:
 * - to a finer unit set the conversion is exact: each unit's children go where it was;
 * - to a coarser one each coarse unit goes where most of its people are, and the report names every coarse unit
 *   whose people were in several groups, with the people in each (`strict` refuses instead).
 * Collaborations overlap, so a coarse unit joins one when most of its people are in it (reported the same way).
 */
import type { Geography } from './geography.ts';
import type { ScenarioV1 } from './scenario.ts';

export interface ConvertSplit {
  level: 'systems' | 'organisations' | 'collaborations';
  unit: string;
  unitName: string;
  /** The people of the unit in each group, most first; `group` is a group id ('' = in no collaboration). */
  parts: { group: string; groupName: string; population: number }[];
}

export interface ConvertReport {
  from: string;
  to: string;
  /** True when nothing had to be placed by majority. */
  exact: boolean;
  splits: ConvertSplit[];
}

export class ConvertError extends Error {
  readonly report: ConvertReport;
  constructor(message: string, report: ConvertReport) {
    super(message);
    this.name = 'ConvertError';
    this.report = report;
  }
}

/** `parent[i]` = the unit of `coarse` holding unit `i` of `fine`, or throws if the sets do not nest that way. */
function parentsOf(fine: Geography, coarse: Geography): Uint32Array {
  const p = fine.bundle.parents?.[coarse.unitSet];
  if (!p || p.length !== fine.n) throw new Error(`unit set "${fine.unitSet}" does not record how it nests in "${coarse.unitSet}"`);
  return Uint32Array.from(p);
}

interface Group {
  id: string;
  name: string;
  units: string[];
}

/** Groups of a finer scenario onto coarse units by majority of people. */
function coarsen<G extends Group>(groups: readonly G[], fine: Geography, coarse: Geography, parent: Uint32Array, level: ConvertSplit['level'], splits: ConvertSplit[], overlapping: boolean): G[] {
  const pop = new Map<number, Map<number, number>>();
  groups.forEach((g, k) => {
    for (const code of g.units) {
      const i = fine.indexOfCode(code);
      const c = parent[i];
      const m = pop.get(c) ?? new Map<number, number>();
      m.set(k, (m.get(k) ?? 0) + fine.population[i]);
      pop.set(c, m);
    }
  });
  const units: string[][] = groups.map(() => []);
  for (let c = 0; c < coarse.n; c++) {
    const m = pop.get(c);
    if (!m) continue;
    const parts = [...m].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const total = coarse.population[c];
    const inGroups = parts.reduce((a, [, p]) => a + p, 0);
    if (overlapping) {
      // A collaboration keeps a coarse unit when most of its people are in it.
      for (const [k, p] of parts) {
        if (2 * p > total) units[k].push(coarse.codes[c]);
        if (p < total) {
          splits.push({ level, unit: coarse.codes[c], unitName: coarse.names[c], parts: [{ group: groups[k].id, groupName: groups[k].name, population: p }, { group: '', groupName: 'not in it', population: total - p }] });
        }
      }
      continue;
    }
    units[parts[0][0]].push(coarse.codes[c]);
    if (parts.length > 1 || inGroups < total) {
      splits.push({ level, unit: coarse.codes[c], unitName: coarse.names[c], parts: parts.map(([k, p]) => ({ group: groups[k].id, groupName: groups[k].name, population: p })) });
    }
  }
  const order = (codes: string[]) => codes.sort((a, b) => coarse.indexOfCode(a) - coarse.indexOfCode(b));
  return groups.map((g, k) => ({ ...g, units: order(units[k]) })).filter((g) => overlapping || g.units.length > 0);
}

function refine<G extends Group>(groups: readonly G[], coarse: Geography, fine: Geography, parent: Uint32Array): G[] {
  const children: number[][] = Array.from({ length: coarse.n }, () => []);
  parent.forEach((c, i) => children[c].push(i));
  return groups.map((g) => ({ ...g, units: g.units.flatMap((code) => children[coarse.indexOfCode(code)]).sort((a, b) => a - b).map((i) => fine.codes[i]) }));
}

/**
 * Converts `scenario` (on `from`) to the unit set of `to`. Exact to a finer set; to a coarser one each unit goes
 * where most of its people are, every split unit reported; with `strict`, a conversion that is not exact throws a
 * `ConvertError` carrying the report and nothing is returned.
 */
export function convert(scenario: ScenarioV1, from: Geography, to: Geography, opts: { strict?: boolean } = {}): { scenario: ScenarioV1; report: ConvertReport } {
  const report: ConvertReport = { from: from.unitSet, to: to.unitSet, exact: true, splits: [] };
  if (scenario.unitSet !== from.unitSet) throw new Error(`the scenario is on "${scenario.unitSet}", not "${from.unitSet}"`);
  if (from.unitSet === to.unitSet) return { scenario: JSON.parse(JSON.stringify(scenario)) as ScenarioV1, report };
  const toFiner = !!to.bundle.parents?.[from.unitSet];
  let out: ScenarioV1;
  if (toFiner) {
    const parent = parentsOf(to, from);
    out = {
      ...JSON.parse(JSON.stringify(scenario)) as ScenarioV1,
      unitSet: to.unitSet,
      systems: refine(scenario.systems, from, to, parent),
      organisations: refine(scenario.organisations, from, to, parent),
      collaborations: refine(scenario.collaborations, from, to, parent),
    };
  } else {
    const parent = parentsOf(from, to);
    const splits = report.splits;
    out = {
      ...JSON.parse(JSON.stringify(scenario)) as ScenarioV1,
      unitSet: to.unitSet,
      systems: coarsen(scenario.systems, from, to, parent, 'systems', splits, false),
      organisations: coarsen(scenario.organisations, from, to, parent, 'organisations', splits, false),
      collaborations: coarsen(scenario.collaborations, from, to, parent, 'collaborations', splits, true),
    };
    report.exact = splits.length === 0;
    if (!report.exact && opts.strict) {
      const first = splits[0];
      throw new ConvertError(
        `cannot convert exactly from ${from.unitSet} to ${to.unitSet}: ${splits.length} ${splits.length === 1 ? to.noun.one : to.noun.many} would be split, first ${first.unitName} (${first.unit}) in ${first.level}: ${first.parts.map((p) => `${p.population} in ${p.groupName}`).join(', ')}`,
        report,
      );
    }
  }
  return { scenario: out, report };
}
