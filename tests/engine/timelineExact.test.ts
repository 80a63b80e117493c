// The timeline on the coarsest unit set where every vintage is exact (the CCG parts): each step's moves name the
// parts that moved, with their people recomputed here from the raw ONS lookups (LSOA populations summed per
// 2019 CCG × district), not from the bundle. July 2022: the boundary review's Glossop, West Birmingham and East
// Northamptonshire parts (and Bassetlaw whole); April 2020: Chichester 001A–D to Surrey Heartlands.
import { beforeAll, describe, expect, it } from 'vitest';
import { exactForTimeline, timeline, timelineUnitSets, type TimelineStep } from '../../engine/timeline.ts';
import { Geography } from '../../engine/geography.ts';
import { loadUnitSet } from '../../geodata/load.ts';
import { LSOA_LOOKUP, readRawCsv, realBundle } from './helpers/real.ts';

const LOOKUP20 = 'lookups/Lower_Layer_Super_Output_Area_(2011)_to_Clinical_Commissioning_Group_to_Local_Authority_District_(April_2020)_Lookup_in_England.csv';
const LOOKUP21 = 'lookups/Lower_Layer_Super_Output_Area_(2011)_to_Clinical_Commissioning_Group_to_Local_Authority_District_(April_2021)_Lookup_in_England.csv';
const CCG21 = 'lookups/Clinical_Commissioning_Group_to_STP_and_NHS_England_(Region)_(April_2021)_Lookup_in_England.csv';
const SICBL = 'lookups/Sub_ICB_Locations_to_Integrated_Care_Boards_to_NHS_England_(Region)_(April_2023)_Lookup_in_England.csv';
const SAPE = 'lsoa-population/derived/SAPE21DT11_mid-2018_LSOA_population_density.sheet4.csv';
/** The July 2022 boundary review (as tests/geodata/unitsets.test.ts): 2021 CCG × district → its new SICBL. */
const MOVED: Record<string, string> = { 'E38000182 E07000037': '15M', 'E38000250 E08000025': '15E', 'E38000026 E07000152': '78H' };

let steps: TimelineStep[];
let pop: Map<string, number>;
let ccg19: Map<string, string>;
let lad19: Map<string, string>;

beforeAll(() => {
  const parts = loadUnitSet('ccg-district-2019');
  steps = timeline(Geography.fromBundle(parts), parts, undefined, realBundle());
  pop = new Map(readRawCsv(SAPE).filter((r) => r.Code.startsWith('E01')).map((r) => [r.Code, Number(r['Mid-2018 population'])]));
  const l19 = readRawCsv(LSOA_LOOKUP);
  ccg19 = new Map(l19.map((r) => [r.LSOA11CD, r.CCG19CD]));
  lad19 = new Map(l19.map((r) => [r.LSOA11CD, r.LAD19CD]));
}, 600_000);

const movesOf = (s: TimelineStep) => new Map(s.moves.map((m) => [m.unit, m.population]));

describe('the timeline on the finest exact unit set', () => {
  it('is computed on the CCG parts: CCGs cannot hold every vintage, the parts can', () => {
    expect(exactForTimeline(realBundle())).toBe(false);
    expect(exactForTimeline(loadUnitSet('ccg-district-2019'))).toBe(true);
    expect(timelineUnitSets('ccg-2019')).toEqual(['ccg-2019', 'ccg-district-2019', 'lsoa-2011']);
    expect(steps.every((s) => s.unitSet === 'ccg-district-2019')).toBe(true);
  });

  it('April 2021 → July 2022: the parts that moved system, with their people from the raw lookups', () => {
    // Each LSOA's 2021 STP and 2022 ICB; an ICB's forerunner is the STP holding most of its people; an LSOA whose
    // STP is not its ICB's forerunner moved. Summed per 2019 CCG × 2019 district (the parts' codes).
    const ccgNhs = new Map(readRawCsv(CCG21).map((r) => [r.CCG21CD, r.CCG21CDH]));
    const stp21 = new Map(readRawCsv(CCG21).map((r) => [r.CCG21CD, r.STP21CD]));
    const sicbl = readRawCsv(SICBL);
    const icbByCode = new Map(sicbl.map((r) => [r.SICBL23CD, r.ICB23CD]));
    const icbByNhs = new Map(sicbl.map((r) => [r.SICBL23CDH, r.ICB23CD]));
    const rows = readRawCsv(LOOKUP21).map((r) => {
      const moved = MOVED[`${r.CCG21CD} ${lad19.get(r.LSOA11CD)}`];
      const icb = moved ? icbByNhs.get(moved)! : (icbByCode.get(r.CCG21CD) ?? icbByNhs.get(ccgNhs.get(r.CCG21CD)!)!);
      return { lsoa: r.LSOA11CD, stp: stp21.get(r.CCG21CD)!, icb };
    });
    const overlap = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const m = overlap.get(r.icb) ?? new Map<string, number>();
      m.set(r.stp, (m.get(r.stp) ?? 0) + pop.get(r.lsoa)!);
      overlap.set(r.icb, m);
    }
    const forerunner = new Map([...overlap].map(([icb, m]) => [icb, [...m].sort((a, b) => b[1] - a[1])[0][0]]));
    const expected = new Map<string, number>();
    for (const r of rows) {
      if (forerunner.get(r.icb) === r.stp) continue;
      const part = `${ccg19.get(r.lsoa)}_${lad19.get(r.lsoa)}`;
      expected.set(part, (expected.get(part) ?? 0) + pop.get(r.lsoa)!);
    }
    const step = steps[3];
    expect(step.date).toBe('July 2022');
    expect(movesOf(step)).toEqual(expected);
    // The boundary review's three parts, as the planner reads them.
    const glossop = step.moves.find((m) => m.unit === 'E38000182_E07000037')!;
    expect([glossop.name, glossop.population, glossop.to]).toEqual(['NHS Tameside and Glossop CCG: High Peak', 33_416, 'NHS Derby and Derbyshire Integrated Care Board']);
    expect(expected.get('E38000144_E08000025')).toBe(177_263);
    expect(expected.get('E38000026_E07000152')).toBe(16_972);
    // The map draws CCGs: the step says which of them it splits, with the same people.
    const split = step.mapSplits.find((x) => x.unit === 'E38000182')!;
    expect(split.parts.find((p) => p.groupName.includes('Derby'))!.population).toBe(33_416);
    expect(step.mapSplits.map((x) => x.unit).sort()).toEqual(['E38000026', 'E38000144', 'E38000182', 'E38000213']);
  });

  it('April 2019 → April 2020: Chichester 001A–D (Coastal West Sussex) moved to Surrey Heartlands with its people', () => {
    const l20 = new Map(readRawCsv(LOOKUP20).map((r) => [r.LSOA11CD, r.CCG20NM]));
    const lsoas = [...ccg19].filter(([l, c]) => c === 'E38000213' && l20.get(l) === 'NHS Surrey Heartlands CCG').map(([l]) => l);
    expect(lsoas.length).toBe(4);
    const people = lsoas.reduce((t, l) => t + pop.get(l)!, 0);
    const move = steps[1].moves.find((m) => m.name.startsWith('NHS Coastal West Sussex CCG: Chichester'))!;
    expect([move.population, move.to]).toEqual([people, 'Surrey Heartlands Health and Care Partnership']);
    expect(people).toBe(6_791);
    expect(steps[1].mapSplits.map((x) => x.unit)).toEqual(['E38000213']);
  });
});
