/**
 * Recomputes populations straight from the raw CSVs, with a parser written here (not the build's modules), and
 * compares them with the bundle.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Bundle } from '../../engine/bundle.ts';
import { readRawCsv } from '../engine/helpers/real.ts';
import { distBundle } from './dist.ts';

let b: Bundle;
let ccgPop: Map<string, number>;
let ccgStp: Map<string, string>;

beforeAll(async () => {
  ({ bundle: b } = await distBundle());
  ccgPop = new Map(
    readRawCsv('population/SAPE21DT5_mid2018_pop_estimates.csv')
      .filter((r) => r['Area Codes'].startsWith('E38'))
      .map((r) => [r['Area Codes'], Number(r['All Ages'].replace(/,/g, ''))]),
  );
  ccgStp = new Map(
    readRawCsv('lookups/Clinical_Commissioning_Group_to_STPs_(April_2019)_Lookup_in_England.csv').map((r) => [r.CCG19CD, r.STP19NM]),
  );
});

describe('populations recomputed from the raw files', () => {
  it('reads 191 CCGs summing to England', () => {
    expect(ccgPop.size).toBe(191);
    expect([...ccgPop.values()].reduce((a, x) => a + x, 0)).toBe(55_977_178);
    expect(ccgPop.get('E38000056')).toBe(197_296); // NHS Eastern Cheshire, published as "197,296"
  });

  it.each([
    'South Yorkshire and Bassetlaw',
    'Cornwall and the Isles of Scilly',
    'Our Healthier South East London',
    'Frimley Health',
    'West Yorkshire and Harrogate (Health and Care Partnership)',
    'Cumbria and North East',
  ])('STP %s equals the sum of its bundle units', (stpName) => {
    const expected = [...ccgStp].filter(([, s]) => s === stpName).reduce((a, [c]) => a + ccgPop.get(c)!, 0);
    expect(expected).toBeGreaterThan(400_000);
    const s = b.stp2019.name.indexOf(stpName);
    expect(s, stpName).toBeGreaterThanOrEqual(0);
    const fromBundle = b.units.population.filter((_, u) => b.units.stp[u] === s).reduce((a, x) => a + x, 0);
    expect(fromBundle).toBe(expected);
  });

  it('agrees for every STP and has the documented range 498,073 – 3,129,490', () => {
    const byStp = new Map<string, number>();
    for (const [c, s] of ccgStp) byStp.set(s, (byStp.get(s) ?? 0) + ccgPop.get(c)!);
    const bundleByStp = new Map<string, number>();
    b.units.population.forEach((p, u) => bundleByStp.set(b.stp2019.name[b.units.stp[u]], (bundleByStp.get(b.stp2019.name[b.units.stp[u]]) ?? 0) + p));
    expect(bundleByStp).toEqual(byStp);
    expect(Math.min(...byStp.values())).toBe(498_073);
    expect(Math.max(...byStp.values())).toBe(3_129_490);
  });

  it.each([
    ['E06000046', 'Isle of Wight'],
    ['E08000025', 'Birmingham'],
    ['E07000171', 'Bassetlaw'],
    ['E09000001', 'City of London'],
    ['E06000053', 'Isles of Scilly'],
    ['E07000037', 'High Peak'],
  ])('LAD %s (%s) equals MYE2-All and the sum of its unit triples', (code, name) => {
    const mye2 = readRawCsv('la-population-2018/derived/ukmidyearestimates20182019ladcodes.MYE2-All.csv').find((r) => r.Code === code)!;
    expect(mye2.Name).toBe(name);
    const l = b.councils.lad.code.indexOf(code);
    expect(b.councils.lad.name[l]).toBe(name);
    expect(b.councils.lad.population[l]).toBe(Number(mye2['All ages']));
    let sum = 0;
    for (let k = 0; k < b.councils.unitLad.length; k += 3) if (b.councils.unitLad[k + 1] === l) sum += b.councils.unitLad[k + 2];
    expect(sum).toBe(Number(mye2['All ages']));
  });
});
