/** The baseline scenarios shipped in the bundle: real configurations of 2019–2022 on the CCG 2019 units. */
import { DEFAULT_SETTINGS, SCENARIO_SCHEMA, type OrganisationDef, type ScenarioV1, type SystemDef } from '../engine/scenario.ts';
import type { AreaTable, Bundle } from '../engine/bundle.ts';

export const UNIT_SET = 'ccg-2019';

type Tables = Pick<Bundle, 'units' | 'stp2019' | 'regions' | 'ccg2020' | 'stp2020' | 'ccg2021' | 'stp2021' | 'icb2022' | 'membership'>;

/** Groups units by `groupOf(unit)` (an index into `table`), in table order, dropping empty groups. */
function groups(b: Tables, table: AreaTable, groupOf: (u: number) => number): { id: string; name: string; units: string[] }[] {
  const members: string[][] = table.code.map(() => []);
  b.units.code.forEach((code, u) => members[groupOf(u)].push(code));
  return table.code.map((id, k) => ({ id, name: table.name[k], units: members[k] })).filter((g) => g.units.length > 0);
}

const eachUnit = (b: Tables): OrganisationDef[] => b.units.code.map((code, u) => ({ id: code, name: b.units.name[u], units: [code] }));
const onePerSystem = (systems: SystemDef[]): OrganisationDef[] => systems.map((s) => ({ id: s.id, name: s.name, units: [...s.units] }));

function scenario(name: string, description: string, systems: SystemDef[], organisations: OrganisationDef[]): ScenarioV1 {
  return {
    schema: SCENARIO_SCHEMA,
    unitSet: UNIT_SET,
    name,
    description,
    systems,
    organisations,
    collaborations: [],
    settings: structuredClone(DEFAULT_SETTINGS),
  };
}

export function buildBaselines(b: Tables, icbSplitNote: string): Record<string, ScenarioV1> {
  const stp19 = groups(b, b.stp2019, (u) => b.units.stp[u]);
  const p20 = b.membership.ccg2020.primary;
  const p21 = b.membership.ccg2021.primary;
  const stp20 = groups(b, b.stp2020, (u) => b.ccg2020.stp[p20[u]]);
  const stp21 = groups(b, b.stp2021, (u) => b.ccg2021.stp[p21[u]]);
  const icb = groups(b, b.icb2022, (u) => b.membership.icb2022.primary[u]);
  const regions = groups(b, b.regions, (u) => b.units.region[u]);
  return {
    'stp-2019': scenario(
      'STPs and CCGs, April 2019',
      'The 42 Sustainability and Transformation Partnerships of April 2019 (ONS CCG to STP lookup) with each of the 191 CCGs as its own organisation.',
      stp19,
      eachUnit(b),
    ),
    'ccg-2020': scenario(
      'STPs and CCGs, April 2020',
      'The 135 CCGs of April 2020 (after the 2020 mergers) in the 42 STPs of April 2020. Each CCG of 2019 goes to the CCG 2020 where most of its people live (ONS LSOA lookups).',
      stp20,
      groups(b, b.ccg2020, (u) => p20[u]),
    ),
    'ccg-2021': scenario(
      'STPs and CCGs, April 2021',
      'The 106 CCGs of April 2021 (after the 2021 mergers) in the 42 STPs of April 2021. Each CCG of 2019 goes to the CCG 2021 where most of its people live (ONS LSOA lookups).',
      stp21,
      groups(b, b.ccg2021, (u) => p21[u]),
    ),
    'one-ccg-per-ics': scenario(
      'One CCG per ICS (STP 2019 footprints)',
      'The 42 STP footprints of April 2019, each with a single commissioning organisation covering the whole system.',
      stp19,
      onePerSystem(stp19),
    ),
    'icb-2022': scenario(
      'Integrated Care Boards, July 2022',
      `The 42 Integrated Care Boards of July 2022, each one organisation. ${icbSplitNote}`,
      icb,
      onePerSystem(icb),
    ),
    regions: scenario(
      'NHS England regions',
      'The 7 NHS England regions (derived per CCG 2019 via the LSOA lookups and the CCG 2021 → NHS region lookup), with each CCG as its own organisation.',
      regions,
      eachUnit(b),
    ),
  };
}
