/**
 * The unit sets below the CCG on the real data. Golden values are recomputed here from the raw CSVs (a parser of
 * the tests, not the build's modules): the 42 ICB 2022 populations go LSOA mid-2018 population → the 2021 LSOA →
 * CCG lookup → the SICBL of the same code (or, for a CCG re-issued in July 2022, of the same NHS code) → ICB, with
 * the three council areas that moved in July 2022 (issue 11) sent to their new ICB.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Bundle } from '../../engine/bundle.ts';
import { Geography } from '../../engine/geography.ts';
import { convert, ConvertError } from '../../engine/convert.ts';
import type { ScenarioV1 } from '../../engine/scenario.ts';
import { loadUnitSet } from '../../geodata/load.ts';
import { validateScenario } from '../../engine/io/validate.ts';
import { readRawCsv } from '../engine/helpers/real.ts';
import { distBundle } from './dist.ts';

const LOOKUP21 = 'lookups/Lower_Layer_Super_Output_Area_(2011)_to_Clinical_Commissioning_Group_to_Local_Authority_District_(April_2021)_Lookup_in_England.csv';
const LOOKUP19 = 'lookups/Lower_Layer_Super_Output_Area_(2011)_to_Clinical_Commissioning_Group_to_Local_Authority_District_(April_2019)_Lookup_in_England.csv';
const SICBL = 'lookups/Sub_ICB_Locations_to_Integrated_Care_Boards_to_NHS_England_(Region)_(April_2023)_Lookup_in_England.csv';
const CCG21 = 'lookups/Clinical_Commissioning_Group_to_STP_and_NHS_England_(Region)_(April_2021)_Lookup_in_England.csv';
const SAPE = 'lsoa-population/derived/SAPE21DT11_mid-2018_LSOA_population_density.sheet4.csv';
/** Issue 11: Glossop (High Peak part of Tameside and Glossop), West Birmingham, East Northamptonshire. */
const MOVED: Record<string, string> = { 'E38000182 E07000037': '15M', 'E38000250 E08000025': '15E', 'E38000026 E07000152': '78H' };

let geos: Record<string, Geography>;
let icbPop: Map<string, number>;

const systemPops = (s: ScenarioV1, g: Geography) => new Map(s.systems.map((x) => [x.name, x.units.reduce((a, c) => a + g.population[g.indexOfCode(c)], 0)]));

beforeAll(async () => {
  const { bundle } = await distBundle();
  const sets: Bundle[] = [bundle, loadUnitSet('ccg-district-2019'), loadUnitSet('lsoa-2011')];
  geos = Object.fromEntries(sets.map((b) => [b.unitSet, Geography.fromBundle(b)]));
  const pop = new Map(readRawCsv(SAPE).filter((r) => r.Code.startsWith('E01')).map((r) => [r.Code, Number(r['Mid-2018 population'])]));
  const lad = new Map(readRawCsv(LOOKUP19).map((r) => [r.LSOA11CD, r.LAD19CD]));
  const ccgNhs = new Map(readRawCsv(CCG21).map((r) => [r.CCG21CD, r.CCG21CDH]));
  const sicbl = readRawCsv(SICBL);
  const icbByCode = new Map(sicbl.map((r) => [r.SICBL23CD, r.ICB23NM]));
  const icbByNhs = new Map(sicbl.map((r) => [r.SICBL23CDH, r.ICB23NM]));
  icbPop = new Map();
  for (const r of readRawCsv(LOOKUP21)) {
    const moved = MOVED[`${r.CCG21CD} ${lad.get(r.LSOA11CD)}`];
    const icb = moved ? icbByNhs.get(moved)! : (icbByCode.get(r.CCG21CD) ?? icbByNhs.get(ccgNhs.get(r.CCG21CD)!)!);
    icbPop.set(icb, (icbPop.get(icb) ?? 0) + pop.get(r.LSOA11CD)!);
  }
}, 600_000);

describe('ICB 2022 exact on the finer unit sets', () => {
  it('the raw path gives 42 ICBs summing to England, with the issue-11 figures', () => {
    expect(icbPop.size).toBe(42);
    expect([...icbPop.values()].reduce((a, x) => a + x, 0)).toBe(55_977_178);
    expect(icbPop.get('NHS Birmingham and Solihull Integrated Care Board')).toBe(1_356_283);
    expect(icbPop.get('NHS Derby and Derbyshire Integrated Care Board')).toBe(1_053_316);
    expect(icbPop.get('NHS Northamptonshire Integrated Care Board')).toBe(747_622);
  });

  it.each(['lsoa-2011', 'ccg-district-2019'])('every one of the 42 ICB populations of %s equals the raw path', (id) => {
    const g = geos[id];
    const got = systemPops(g.bundle.baselines['icb-2022'], g);
    expect(got.size).toBe(42);
    for (const [name, p] of icbPop) expect([name, got.get(name)]).toEqual([name, p]);
    expect(g.bundle.baselineSplits['icb-2022']).toEqual([]);
  });

  it('on ccg-2019 the ICB 2022 baseline names the four split CCGs and the people moved', () => {
    const splits = geos['ccg-2019'].bundle.baselineSplits['icb-2022'];
    const moved = new Map(splits.map((s) => [s.unit, s.parts.slice(1).map((p) => [p.groupName, p.population])]));
    expect(moved).toEqual(
      new Map([
        ['E38000026', [['NHS Northamptonshire Integrated Care Board', 16_972]]],
        ['E38000144', [['NHS Birmingham and Solihull Integrated Care Board', 177_263]]],
        ['E38000182', [['NHS Derby and Derbyshire Integrated Care Board', 33_416]]],
        ['E38000213', [['NHS Surrey Heartlands Integrated Care Board', 6_791]]],
      ]),
    );
    expect(geos['ccg-2019'].bundle.baselines['icb-2022'].description).toContain('177,263 in NHS Birmingham and Solihull Integrated Care Board');
  });

  it('Nottingham and Nottinghamshire crosses no region in 2022', () => {
    const g = geos['lsoa-2011'];
    const s = g.bundle.baselines['regions-2022'];
    const notts = g.bundle.baselines['icb-2022'].systems.find((x) => x.name.includes('Nottingham'))!;
    const regionOf = new Map(s.systems.flatMap((r) => r.units.map((u) => [u, r.id])));
    expect(new Set(notts.units.map((u) => regionOf.get(u))).size).toBe(1);
  });
});

describe('the levels nest', () => {
  it('each unit set sums to England and every CCG is the sum of its parts and of its LSOAs', () => {
    for (const id of ['ccg-district-2019', 'lsoa-2011']) {
      const g = geos[id];
      expect(g.total).toBe(55_977_178);
      const sums = new Float64Array(191);
      g.bundle.parents!['ccg-2019'].forEach((c, i) => (sums[c] += g.population[i]));
      expect(Array.from(sums)).toEqual(Array.from(geos['ccg-2019'].population));
    }
    expect(geos['lsoa-2011'].n).toBe(32_844);
    const glossop = geos['ccg-district-2019'].indexOfCode('E38000182_E07000037');
    expect(geos['ccg-district-2019'].population[glossop]).toBe(33_416);
  });

  it('adjacency is symmetric and Wakefield 041A touches 041C', () => {
    const g = geos['lsoa-2011'];
    const asymmetric: string[] = [];
    for (let i = 0; i < g.n; i++) for (const j of g.neighbours(i)) if (!g.neighbours(j).includes(i)) asymmetric.push(`${g.codes[i]}→${g.codes[j]}`);
    expect(asymmetric).toEqual([]);
    expect(g.adjNeighbours.length).toBeGreaterThan(2 * 90_000);
    const a = g.find('Wakefield 041A');
    expect(Array.from(g.neighbours(a))).toContain(g.find('Wakefield 041C'));
  });

  const randomScenario = (g: Geography, k: number, seed: number[]): ScenarioV1 => {
    const base = g.bundle.baselines['stp-2019'];
    const groups = Array.from({ length: k }, (_, j) => ({ id: `s${j}`, name: `S${j}`, units: [] as string[] }));
    g.codes.forEach((c, i) => groups[seed[i % seed.length] % k].units.push(c));
    const systems = groups.filter((x) => x.units.length);
    return { ...base, systems, organisations: g.codes.map((c, i) => ({ id: c, name: g.names[i], units: [c] })) };
  };

  it('ccg → lsoa keeps every system population; lsoa → ccg gives the scenario back (property)', () => {
    const ccg = geos['ccg-2019'];
    const lsoa = geos['lsoa-2011'];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(fc.nat(), { minLength: 1, maxLength: 50 }), (k, seed) => {
        const s = randomScenario(ccg, k, seed);
        const fine = convert(s, ccg, lsoa);
        expect(fine.report.exact).toBe(true);
        expect(systemPops(fine.scenario, lsoa)).toEqual(systemPops(s, ccg));
        const back = convert(fine.scenario, lsoa, ccg, { strict: true });
        expect(back.scenario.systems).toEqual(s.systems);
        expect(back.scenario.organisations).toEqual(s.organisations);
      }),
      { numRuns: 15 },
    );
  });

  it('ccg-district → ccg places each part where most of its people are and reports the split (property)', () => {
    const d = geos['ccg-district-2019'];
    const ccg = geos['ccg-2019'];
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.array(fc.nat(), { minLength: 2, maxLength: 60 }), (k, seed) => {
        const s = randomScenario(d, k, seed);
        const { scenario, report } = convert(s, d, ccg);
        const sysOf = new Map(scenario.systems.flatMap((x) => x.units.map((u) => [u, x.id])));
        const parent = d.bundle.parents!['ccg-2019'];
        for (let c = 0; c < ccg.n; c++) {
          const byGroup = new Map<string, number>();
          parent.forEach((p, i) => p === c && s.systems.forEach((x) => x.units.includes(d.codes[i]) && byGroup.set(x.id, (byGroup.get(x.id) ?? 0) + d.population[i])));
          const best = Math.max(...byGroup.values());
          expect(byGroup.get(sysOf.get(ccg.codes[c])!)).toBe(best);
          const split = report.splits.some((x) => x.level === 'systems' && x.unit === ccg.codes[c]);
          expect(split).toBe(byGroup.size > 1);
        }
        if (!report.exact) expect(() => convert(s, d, ccg, { strict: true })).toThrow(ConvertError);
      }),
      { numRuns: 10 },
    );
  });
});

describe('scenario files carry their unit set', () => {
  it('a file saved before unit sets (no unitSet) opens as ccg-2019 and is refused on another unit set', () => {
    const old: Partial<ScenarioV1> = structuredClone(geos['ccg-2019'].bundle.baselines['stp-2019']);
    delete old.unitSet;
    expect(validateScenario(old, geos['ccg-2019']).unitSet).toBe('ccg-2019');
    expect(() => validateScenario(old, geos['lsoa-2011'])).toThrow(/another unit set, "ccg-2019"|ccg-2019/);
  });

  it('metrics on CCG parts count the 2019 CCGs touched and those only in part', async () => {
    const { Evaluator } = await import('../../engine/evaluate.ts');
    const d = geos['ccg-district-2019'];
    const s = d.bundle.baselines['icb-2022'];
    const ev = new Evaluator(d).evaluate(s);
    const gm = ev.systems.find((m) => m.name.includes('Greater Manchester'))!;
    // Greater Manchester: 9 whole CCGs of 2019 and Tameside and Glossop without Glossop.
    expect([gm.ccgCount, gm.ccgParts]).toEqual([10, 1]);
    expect(gm.unitCount).toBe(10);
  });
});
