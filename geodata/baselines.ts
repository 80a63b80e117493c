/**
 * The baseline scenarios shipped with every unit set: the real configurations of 2019–2022. Each unit goes to
 * the group where most of its people are (`Membership.primary`); on the finer unit sets every unit lies wholly
 * in one group, so the baselines are exact there. Where a unit is split (a 2019 CCG cut by the 2022 boundary
 * changes), the baseline's description and `baselineSplits` name the unit and the people of every part.
 */
import { DEFAULT_SETTINGS, SCENARIO_SCHEMA, type OrganisationDef, type ScenarioV1, type SystemDef } from '../engine/scenario.ts';
import type { AreaTable, BaselineSplit, Bundle, Membership } from '../engine/bundle.ts';
import { primaryOf } from './membership.ts';

type Tables = Pick<Bundle, 'unitSet' | 'units' | 'ccg2019' | 'stp2019' | 'regions' | 'regions2022' | 'ccg2020' | 'stp2020' | 'ccg2021' | 'stp2021' | 'icb2022' | 'membership'>;

/** Groups units by `groupOf(unit)` (an index into `table`), in table order, dropping empty groups. */
function groups(b: Tables, table: AreaTable, groupOf: (u: number) => number): { id: string; name: string; units: string[] }[] {
  const members: string[][] = table.code.map(() => []);
  b.units.code.forEach((code, u) => members[groupOf(u)].push(code));
  return table.code.map((id, k) => ({ id, name: table.name[k], units: members[k] })).filter((g) => g.units.length > 0);
}

const onePerSystem = (systems: SystemDef[]): OrganisationDef[] => systems.map((s) => ({ id: s.id, name: s.name, units: [...s.units] }));

/** The same membership one level up: each part's area mapped by `up` (e.g. ICB → its 2022 region). */
export function lift(m: Membership, up: number[]): Membership {
  const sums = new Map<string, number>();
  for (let k = 0; k < m.parts.length; k += 3) {
    const key = `${m.parts[k]},${up[m.parts[k + 1]]}`;
    sums.set(key, (sums.get(key) ?? 0) + m.parts[k + 2]);
  }
  const parts = [...sums]
    .map(([key, pop]) => [...key.split(',').map(Number), pop])
    .sort((x, y) => x[0] - y[0] || x[1] - y[1])
    .flat();
  return { primary: primaryOf(parts, m.primary.length), parts };
}

/** Units with more than one part, most populous part first. */
export function splitUnits(b: Tables, m: Membership, table: AreaTable): BaselineSplit[] {
  const byUnit = new Map<number, { area: number; pop: number }[]>();
  for (let k = 0; k < m.parts.length; k += 3) {
    const list = byUnit.get(m.parts[k]) ?? [];
    list.push({ area: m.parts[k + 1], pop: m.parts[k + 2] });
    byUnit.set(m.parts[k], list);
  }
  return [...byUnit]
    .filter(([, list]) => list.length > 1)
    .map(([u, list]) => ({
      unit: b.units.code[u],
      unitName: b.units.name[u],
      parts: list.sort((x, y) => y.pop - x.pop || x.area - y.area).map((p) => ({ group: table.code[p.area], groupName: table.name[p.area], population: p.pop })),
    }));
}

/** One sentence naming every split unit and the people of each part, for a baseline's description. */
export function splitSentence(splits: BaselineSplit[], noun: string): string {
  if (splits.length === 0) return '';
  const fmt = (n: number) => n.toLocaleString('en-GB');
  const each = splits.map(
    (s) => `${s.unitName} (${s.unit}): ${fmt(s.parts[0].population)} in ${s.parts[0].groupName}, where it is placed; ${s.parts.slice(1).map((p) => `${fmt(p.population)} in ${p.groupName}`).join(', ')}`,
  );
  return ` Not exact on these units: ${splits.length} ${noun} ${splits.length === 1 ? 'is' : 'are'} split (LSOA mid-2018 populations): ${each.join('; ')}.`;
}

function scenario(b: Tables, name: string, description: string, systems: SystemDef[], organisations: OrganisationDef[]): ScenarioV1 {
  return {
    schema: SCENARIO_SCHEMA,
    unitSet: b.unitSet,
    name,
    description,
    systems,
    organisations,
    collaborations: [],
    settings: structuredClone(DEFAULT_SETTINGS),
  };
}

export function buildBaselines(b: Tables, noun: { one: string; many: string }): { baselines: Record<string, ScenarioV1>; splits: Record<string, BaselineSplit[]> } {
  const m = b.membership;
  const p20 = m.ccg2020.primary;
  const p21 = m.ccg2021.primary;
  const pIcb = m.icb2022.primary;
  const region22 = lift(m.icb2022, b.icb2022.region);
  const stp19 = groups(b, b.stp2019, (u) => b.units.stp[u]);
  const ccg19 = groups(b, b.ccg2019, (u) => m.ccg2019.primary[u]);
  const icb = groups(b, b.icb2022, (u) => pIcb[u]);
  const splits: Record<string, BaselineSplit[]> = {
    'stp-2019': [],
    'ccg-2020': splitUnits(b, m.ccg2020, b.ccg2020),
    'ccg-2021': splitUnits(b, m.ccg2021, b.ccg2021),
    'one-ccg-per-ics': [],
    'icb-2022': splitUnits(b, m.icb2022, b.icb2022),
    regions: [],
    'regions-2022': splitUnits(b, region22, b.regions2022),
  };
  const unitsNote = (id: string) => splitSentence(splits[id], splits[id].length === 1 ? noun.one : noun.many);
  const baselines: Record<string, ScenarioV1> = {
    'stp-2019': scenario(
      b,
      'STPs and CCGs, April 2019',
      'The 42 Sustainability and Transformation Partnerships of April 2019 (ONS CCG to STP lookup) with each of the 191 CCGs as its own organisation.',
      stp19,
      ccg19,
    ),
    'ccg-2020': scenario(
      b,
      'STPs and CCGs, April 2020',
      `The 135 CCGs of April 2020 (after the 2020 mergers) in the 42 STPs of April 2020, from the ONS LSOA → CCG 2020 lookup.${unitsNote('ccg-2020')}`,
      groups(b, b.stp2020, (u) => b.ccg2020.stp[p20[u]]),
      groups(b, b.ccg2020, (u) => p20[u]),
    ),
    'ccg-2021': scenario(
      b,
      'STPs and CCGs, April 2021',
      `The 106 CCGs of April 2021 (after the 2021 mergers) in the 42 STPs of April 2021, from the ONS LSOA → CCG 2021 lookup.${unitsNote('ccg-2021')}`,
      groups(b, b.stp2021, (u) => b.ccg2021.stp[p21[u]]),
      groups(b, b.ccg2021, (u) => p21[u]),
    ),
    'one-ccg-per-ics': scenario(
      b,
      'One CCG per ICS (STP 2019 footprints)',
      'The 42 STP footprints of April 2019, each with a single commissioning organisation covering the whole system.',
      stp19,
      onePerSystem(stp19),
    ),
    'icb-2022': scenario(
      b,
      'Integrated Care Boards, July 2022',
      `The 42 Integrated Care Boards of July 2022, each one organisation.${unitsNote('icb-2022')}`,
      icb,
      onePerSystem(icb),
    ),
    regions: scenario(
      b,
      'NHS England regions, 2019',
      'The 7 NHS England regions of 2019 (derived via the LSOA lookups and the CCG 2021 → NHS region lookup), with each CCG of 2019 as its own organisation.',
      groups(b, b.regions, (u) => b.units.region[u]),
      ccg19,
    ),
    'regions-2022': scenario(
      b,
      'NHS England regions, 2022',
      `The 7 NHS England regions of 2022 (ICB → region from the ONS SICBL → ICB → NHS region April 2023 lookup), with each ICB of July 2022 as an organisation.${unitsNote('regions-2022')}`,
      groups(b, b.regions2022, (u) => region22.primary[u]),
      icb,
    ),
  };
  return { baselines, splits };
}
