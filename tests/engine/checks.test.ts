import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluateScenario } from '../../engine/evaluate.ts';
import { FINDING_CODES } from '../../engine/checks.ts';
import { formatCount, formatShort, formatShare } from '../../engine/format.ts';
import { scenarioFromBaseline, type ScenarioV1 } from '../../engine/scenario.ts';
import { LSOA_LOOKUP, LTLA_UTLA, STP_LOOKUP, rawCcgPopulation, readRawCsv, realBundle, realGeography } from './helpers/real.ts';

const bundle = realBundle();
const geo = realGeography();
const stp = () => scenarioFromBaseline(bundle, 'stp-2019');
const rawPop = rawCcgPopulation();
const stpRows = readRawCsv(STP_LOOKUP);
const stpOfCcg = new Map(stpRows.map((r) => [r.CCG19CD, r.STP19CD]));

describe('formatting', () => {
  it('formats populations and shares for planners', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(999)).toBe('999');
    expect(formatShort(1234567)).toBe('1.23M');
    expect(formatShort(412345)).toBe('412k');
    expect(formatShare(0.8523)).toBe('85.2%');
  });

  it('groups thousands as en-GB Intl does, for any whole or fractional count, negative or not', () => {
    const intl = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
    // Intl rounds halves away from zero, formatCount rounds |n| (also away from zero); -0 is shown as 0 by both.
    fc.assert(fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (n) => {
      expect(formatCount(n)).toBe(intl.format(Math.sign(n) * Math.round(Math.abs(n))).replace('-0', '0'));
    }), { numRuns: 2000 });
    for (const n of [0, 1, 12, 123, 1234, 12345, 123456, 999.5, -1000.4, -0.4]) {
      expect(formatCount(n)).toBe(intl.format(Math.sign(n) * Math.round(Math.abs(n))).replace('-0', '0'));
    }
  });
});

describe('findings on STP 2019', () => {
  const ev = evaluateScenario(geo, stp());
  const byCode = (code: string) => ev.findings.filter((f) => f.code === code);

  it('are ordered by code and severity', () => {
    const order = ev.findings.map((f) => FINDING_CODES.indexOf(f.code));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(byCode('unassigned-unit')).toEqual([]);
    expect(byCode('organisation-straddles-systems')).toEqual([]);
    expect(byCode('system-crosses-region')).toEqual([]);
  });

  it('several organisations and no reason: every multi-CCG STP (typically one CCG per ICS)', () => {
    const sizes = new Map<string, number>();
    for (const r of stpRows) sizes.set(r.STP19CD, (sizes.get(r.STP19CD) ?? 0) + 1);
    const multi = [...sizes].filter(([, n]) => n > 1).map(([c]) => c).sort();
    const found = byCode('several-organisations-no-reason');
    expect(found.map((f) => f.ids[0]).sort()).toEqual(multi);
    expect(found[0].message).toContain('typically one CCG per ICS');
    // Marking a system atypical with a reason silences it.
    const s = stp();
    const marked = { ...s, systems: s.systems.map((g) => ({ ...g, atypical: 'Two acute hospital footprints' })) };
    expect(evaluateScenario(geo, marked).findings.filter((f) => f.code === 'several-organisations-no-reason')).toEqual([]);
    expect(evaluateScenario(geo, marked).summary.atypicalSystems).toHaveLength(42);
  });

  it('council splits: exactly the councils whose LSOAs fall in more than one STP (raw lookups)', () => {
    const utlaOfLad = new Map(readRawCsv(LTLA_UTLA).map((r) => [r.LTLA19CD, r.UTLA19CD]));
    const stpsOf = new Map<string, Set<string>>();
    const add = (council: string, s: string) => {
      if (!stpsOf.has(council)) stpsOf.set(council, new Set());
      stpsOf.get(council)!.add(s);
    };
    for (const r of readRawCsv(LSOA_LOOKUP)) {
      const s = stpOfCcg.get(r.CCG19CD)!;
      const utla = utlaOfLad.get(r.LAD19CD)!;
      add(utla, s);
      if (utla !== r.LAD19CD) add(r.LAD19CD, s);
    }
    const expected = [...stpsOf].filter(([, s]) => s.size > 1).map(([c]) => c).sort();
    const splits = byCode('council-split');
    const codeOf = (m: string) => {
      const name = m.slice(0, m.indexOf(' ('));
      const k = bundle.councils.utla.name.indexOf(name);
      return m.includes('(upper-tier council)') ? bundle.councils.utla.code[k] : bundle.councils.lad.code[bundle.councils.lad.name.indexOf(name)];
    };
    expect(splits.map((f) => codeOf(f.message)).sort()).toEqual(expected);
    for (const f of splits) {
      expect(f.severity).toBe('info');
      expect(f.ids.length).toBeGreaterThanOrEqual(2);
      expect(f.message).toMatch(/split between \d+ systems: .+ \d+\.\d% \([\d,]+ people\)/);
    }
  });
});

describe('findings on edited scenarios', () => {
  it('unassigned unit: an error naming the CCG', () => {
    const s = stp();
    const gone = s.systems[0].units[0];
    const edited: ScenarioV1 = { ...s, systems: s.systems.map((g, k) => (k === 0 ? { ...g, units: g.units.slice(1) } : g)) };
    const ev = evaluateScenario(geo, edited);
    const f = ev.findings.filter((x) => x.code === 'unassigned-unit');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('error');
    expect(f[0].units).toEqual([gone]);
    expect(f[0].message).toContain(geo.names[geo.indexOfCode(gone)]);
    expect(ev.summary.populationConserved).toBe(false);
    expect(ev.summary.unassignedUnits.systems).toBe(1);
  });

  it('organisation straddling systems: names the organisation and each system with its population', () => {
    const s = stp();
    const [a, b] = [s.systems[0].units[0], s.systems[1].units[0]];
    const orgs = s.organisations.filter((o) => o.units[0] !== a && o.units[0] !== b);
    const ev = evaluateScenario(geo, { ...s, organisations: [...orgs, { id: 'merged', name: 'Merged Across CCG', units: [a, b] }] });
    const f = ev.findings.filter((x) => x.code === 'organisation-straddles-systems');
    expect(f).toHaveLength(1);
    expect(f[0].ids).toEqual(expect.arrayContaining(['merged', s.systems[0].id, s.systems[1].id]));
    expect(f[0].message).toContain('Merged Across CCG');
    expect(f[0].message).toContain(`${s.systems[0].name} (${formatCount(rawPop.get(a)!)} people)`);
    expect(f[0].message).toContain(`${s.systems[1].name} (${formatCount(rawPop.get(b)!)} people)`);
  });

  it('outside the band: says below or above and by how much', () => {
    const s = stp();
    const ev = evaluateScenario(geo, { ...s, settings: { ...s.settings, band: { min: 1_000_000, max: 2_000_000 } } });
    const f = ev.findings.filter((x) => x.code === 'system-outside-band');
    const below = ev.systems.filter((m) => m.population < 1_000_000);
    const above = ev.systems.filter((m) => m.population > 2_000_000);
    expect(f).toHaveLength(below.length + above.length);
    const m = below[0];
    const fm = f.find((x) => x.ids[0] === m.id)!;
    expect(fm.message).toContain(`${formatCount(1_000_000 - m.population)} below the band minimum of 1,000,000`);
    const big = above[0];
    expect(f.find((x) => x.ids[0] === big.id)!.message).toContain(`${formatCount(big.population - 2_000_000)} above the band maximum`);
    expect(ev.summary.systemsInBand).toBe(42 - f.length);
  });

  it('crossing a region: names both regions', () => {
    const s = stp();
    // A unit with a land neighbour in another NHS region.
    let unit = -1;
    let other = -1;
    for (let i = 0; i < geo.n && unit < 0; i++) {
      for (const j of geo.neighbours(i)) if (geo.regionOf[j] !== geo.regionOf[i]) [unit, other] = [i, j];
    }
    const code = geo.codes[unit];
    const target = s.systems.find((g) => g.units.includes(geo.codes[other]))!;
    const systems = s.systems.map((g) => (g === target ? { ...g, units: [...g.units, code] } : { ...g, units: g.units.filter((u) => u !== code) })).filter((g) => g.units.length);
    const ev = evaluateScenario(geo, { ...s, systems });
    const f = ev.findings.filter((x) => x.code === 'system-crosses-region');
    expect(f).toHaveLength(1);
    expect(f[0].ids).toEqual([target.id]);
    const regions = bundle.regions.name;
    expect(f[0].message).toContain(regions[geo.regionOf[unit]]);
    expect(f[0].message).toContain(regions[geo.regionOf[other]]);
  });
});
