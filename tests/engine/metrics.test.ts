import { describe, expect, it } from 'vitest';
import { evaluateScenario } from '../../engine/evaluate.ts';
import { componentsOf } from '../../engine/contiguity.ts';
import { scenarioFromBaseline, type ScenarioV1 } from '../../engine/scenario.ts';
import { Geography } from '../../engine/geography.ts';
import { LSOA_LOOKUP, LTLA_UTLA, STP_LOOKUP, rawCcgPopulation, readRawCsv, realBundle, realGeography } from './helpers/real.ts';
import { GRID_CODES, gridBundle } from './helpers/gridBundle.ts';

const bundle = realBundle();
const geo = realGeography();
const rawPop = rawCcgPopulation();
const stpRows = readRawCsv(STP_LOOKUP);
/** STP code → CCG codes, from the raw ONS lookup. */
const rawStp = new Map<string, string[]>();
for (const r of stpRows) rawStp.set(r.STP19CD, [...(rawStp.get(r.STP19CD) ?? []), r.CCG19CD]);
const ccgByName = (name: string) => stpRows.find((r) => r.CCG19NM === name)!.CCG19CD;

/** A scenario of the given systems (everything else as STP 2019). */
function withSystems(systems: ScenarioV1['systems']): ScenarioV1 {
  return { ...scenarioFromBaseline(bundle, 'stp-2019'), systems };
}

describe('STP 2019 golden values (raw ONS lookup and SAPE21DT5)', () => {
  const s = scenarioFromBaseline(bundle, 'stp-2019');
  const ev = evaluateScenario(geo, s);

  it('42 systems, each with the population of its CCGs in the raw lookup and population file', () => {
    expect(rawStp.size).toBe(42);
    expect(ev.systems).toHaveLength(42);
    for (const m of ev.systems) {
      const ccgs = rawStp.get(m.id);
      expect(ccgs, m.id).toBeDefined();
      expect([...m.units].sort()).toEqual([...ccgs!].sort());
      expect(m.population).toBe(ccgs!.reduce((t, c) => t + rawPop.get(c)!, 0));
      expect(m.ccgCount).toBe(ccgs!.length);
    }
  });

  it('England total is conserved: 55,977,178', () => {
    const rawTotal = [...rawPop.values()].reduce((a, b) => a + b, 0);
    expect(rawTotal).toBe(55_977_178);
    expect(ev.summary.systemsTotal).toBe(rawTotal);
    expect(ev.summary.organisationsTotal).toBe(rawTotal);
    expect(ev.summary.englandTotal).toBe(rawTotal);
    expect(ev.summary.populationConserved).toBe(true);
  });

  it('191 organisations: typical systems are exactly the single-CCG STPs', () => {
    const singles = [...rawStp.values()].filter((c) => c.length === 1).length;
    expect(ev.summary.organisations).toBe(191);
    expect(ev.summary.typicalSystems).toBe(singles);
    expect(ev.summary.severalOrganisationsNoReason).toHaveLength(42 - singles);
    expect(ev.summary.governingBodies).toBe(191);
    expect(ev.summary.accountableOfficers).toBe(191);
  });

  it('sums GP practices, patients and areas of the members; compactness in (0, 1]', () => {
    for (const m of ev.systems) {
      let gp = 0, pts = 0, area = 0;
      for (const c of m.units) {
        const i = bundle.units.code.indexOf(c);
        gp += bundle.units.gpPractices![i];
        pts += bundle.units.registeredPatients![i];
        area += bundle.units.areaKm2[i];
      }
      expect(m.gpPractices).toBe(gp);
      expect(m.registeredPatients).toBeCloseTo(pts, 6);
      expect(m.areaKm2).toBeCloseTo(area, 6);
      expect(m.polsbyPopper).toBeGreaterThan(0);
      expect(m.polsbyPopper).toBeLessThanOrEqual(1);
      expect(m.allowance).toBeCloseTo(m.population * 21.46, 6);
      expect(m.runningCost).toBeCloseTo(m.allowance + m.fixedCosts, 6);
    }
    expect(ev.summary.allowance).toBeCloseTo(55_977_178 * 21.46, 3);
  });

  it('STP 2019 systems are contiguous (counting the Isle of Wight water links) and each in one region', () => {
    for (const m of ev.systems) {
      expect(m.components, m.name).toBe(1);
      expect(m.regions, m.name).toHaveLength(1);
    }
  });
});

describe('one CCG per ICS', () => {
  it('all 42 systems are typical', () => {
    const ev = evaluateScenario(geo, scenarioFromBaseline(bundle, 'one-ccg-per-ics'));
    expect(ev.summary.systems).toBe(42);
    expect(ev.summary.typicalSystems).toBe(42);
    expect(ev.summary.severalOrganisationsNoReason).toEqual([]);
    expect(ev.findings.filter((f) => f.code === 'several-organisations-no-reason')).toEqual([]);
  });
});

describe('contiguity with water links', () => {
  const iow = ccgByName('NHS Isle of Wight CCG');
  const fg = ccgByName('NHS Fareham and Gosport CCG');

  it('Isle of Wight + Fareham and Gosport is one piece only thanks to the water link', () => {
    const members = Uint16Array.from([geo.indexOfCode(iow), geo.indexOfCode(fg)]).sort();
    expect(componentsOf(geo, members, false)).toHaveLength(2);
    expect(componentsOf(geo, members, true)).toHaveLength(1);
    const s = scenarioFromBaseline(bundle, 'stp-2019');
    const rest = s.systems.map((g) => ({ ...g, units: g.units.filter((u) => u !== iow && u !== fg) })).filter((g) => g.units.length);
    const ev = evaluateScenario(geo, withSystems([...rest, { id: 'solent', name: 'Solent', units: [iow, fg] }]));
    const solent = ev.systems.find((m) => m.id === 'solent')!;
    expect(solent.components).toBe(1);
    expect(ev.findings.some((f) => f.code === 'system-not-contiguous' && f.ids.includes('solent'))).toBe(false);
  });

  it('a made-up system of Cornwall and Northumberland has 2 components and a finding', () => {
    const kernow = ccgByName('NHS Kernow CCG');
    const north = ccgByName('NHS Northumberland CCG');
    const s = scenarioFromBaseline(bundle, 'stp-2019');
    const rest = s.systems.map((g) => ({ ...g, units: g.units.filter((u) => u !== kernow && u !== north) })).filter((g) => g.units.length);
    const ev = evaluateScenario(geo, withSystems([...rest, { id: 'x', name: 'Far Apart', units: [kernow, north] }]));
    const x = ev.systems.find((m) => m.id === 'x')!;
    expect(x.components).toBe(2);
    expect(x.componentUnits.flat().sort()).toEqual([kernow, north].sort());
    const f = ev.findings.find((f) => f.code === 'system-not-contiguous' && f.ids[0] === 'x')!;
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('Far Apart');
    expect(f.message).toContain('2 separate pieces');
    expect(f.units).toHaveLength(1);
  });
});

describe('coterminosity (golden cases from the raw LSOA and council lookups)', () => {
  // LSOA → CCG and LAD; LAD → UTLA. A CCG is coterminous with a UTLA when they hold the same LSOAs.
  const utlaOfLad = new Map(readRawCsv(LTLA_UTLA).map((r) => [r.LTLA19CD, r.UTLA19CD]));
  const lsoaByCcg = new Map<string, Set<string>>();
  const lsoaByUtla = new Map<string, Set<string>>();
  for (const r of readRawCsv(LSOA_LOOKUP)) {
    const u = utlaOfLad.get(r.LAD19CD)!;
    if (!lsoaByCcg.has(r.CCG19CD)) lsoaByCcg.set(r.CCG19CD, new Set());
    if (!lsoaByUtla.has(u)) lsoaByUtla.set(u, new Set());
    lsoaByCcg.get(r.CCG19CD)!.add(r.LSOA11CD);
    lsoaByUtla.get(u)!.add(r.LSOA11CD);
  }
  const coterminous: [string, string][] = [];
  for (const [ccg, ls] of lsoaByCcg) {
    for (const [utla, us] of lsoaByUtla) if (us.size === ls.size && [...ls].every((l) => us.has(l))) coterminous.push([ccg, utla]);
  }

  it('a system equal to a CCG coterminous with its upper-tier council has coterminosity 1', () => {
    expect(coterminous.length).toBeGreaterThan(10);
    const s = scenarioFromBaseline(bundle, 'one-ccg-per-ics');
    for (const [ccg, utla] of coterminous.slice(0, 8)) {
      const rest = s.systems.map((g) => ({ ...g, units: g.units.filter((u) => u !== ccg) })).filter((g) => g.units.length);
      const ev = evaluateScenario(geo, { ...s, systems: [...rest, { id: 'c', name: 'Coterminous', units: [ccg] }] });
      const m = ev.systems.find((x) => x.id === 'c')!;
      expect(m.coterminosityUtla, ccg).toBe(1);
      expect(m.wholeUtla).toEqual([utla]);
      expect(m.splitUtla).toEqual([]);
    }
  });

  it('a council partly inside is listed with its share; shares of a split council sum to 1 across systems', () => {
    const ev = evaluateScenario(geo, scenarioFromBaseline(bundle, 'stp-2019'));
    const shares = new Map<string, number>();
    for (const m of ev.systems) {
      expect(m.coterminosityUtla).toBeGreaterThanOrEqual(0);
      expect(m.coterminosityUtla).toBeLessThanOrEqual(1);
      for (const c of m.splitUtla) {
        expect(c.share).toBeGreaterThan(0);
        expect(c.share).toBeLessThan(1);
        shares.set(c.code, (shares.get(c.code) ?? 0) + c.share);
      }
    }
    for (const [code, sum] of shares) {
      // A split council's remainder is in other systems, as a split entry there too (or whole nowhere).
      expect(sum, code).toBeCloseTo(1, 9);
    }
  });
});

describe('accountable officers and governing bodies', () => {
  it('organisations wholly inside an in-place shared-AO collaboration share one AO', () => {
    const s = scenarioFromBaseline(bundle, 'stp-2019');
    const sys = s.systems.find((g) => g.units.length >= 3)!;
    const [a, b] = sys.units;
    const shared: ScenarioV1 = {
      ...s,
      collaborations: [{ id: 'sao', name: 'Shared AO', kind: 'shared-accountable-officer', status: 'in-place', services: [], units: [a, b] }],
    };
    const ev = evaluateScenario(geo, shared);
    const m = ev.systems.find((x) => x.id === sys.id)!;
    expect(m.governingBodies).toBe(sys.units.length);
    expect(m.accountableOfficers).toBe(sys.units.length - 1);
    expect(ev.summary.accountableOfficers).toBe(190);
    const planned = evaluateScenario(geo, { ...shared, collaborations: [{ ...shared.collaborations[0], status: 'planned' }] });
    expect(planned.systems.find((x) => x.id === sys.id)!.accountableOfficers).toBe(sys.units.length);
    const collab = ev.collaborations[0];
    expect(collab.organisationCount).toBe(2);
    expect(collab.accountableOfficers).toBe(1);
    expect(collab.kind).toBe('shared-accountable-officer');
  });
});

describe('metrics on the hand-made grid', () => {
  const g = Geography.fromBundle(gridBundle());
  const C = GRID_CODES;
  const s: ScenarioV1 = {
    schema: 'footprints/scenario@1',
    unitSet: 'grid',
    name: 'grid',
    systems: [
      { id: 'n', name: 'North', units: [C[0], C[1], C[3], C[4]] },
      { id: 's', name: 'South', units: C.slice(5).concat([C[2]]) },
    ],
    organisations: C.map((c) => ({ id: c, name: c, units: [c] })),
    collaborations: [],
    settings: { band: { min: 0, max: 1e9 }, costPerHead: 10, governingBodyCost: 0, accountableOfficerCost: 0 },
  };

  it('coterminosity counts only councils wholly inside; C is split between U1 and U2', () => {
    const ev = evaluateScenario(g, s);
    const north = ev.systems[0];
    // U1 = A, B, D, E and half of C: not wholly inside North (C is in South).
    expect(north.coterminosityUtla).toBe(0);
    expect(north.splitUtla).toEqual([{ code: 'U1', name: 'Upper One', population: 1200, share: 1200 / 1350 }]);
    // LADs: L-AB, L-D, L-E wholly inside.
    expect(north.coterminosityLad).toBe(1);
    const moved = evaluateScenario(g, { ...s, systems: [{ ...s.systems[0], units: [...s.systems[0].units, C[2]] }, { ...s.systems[1], units: C.slice(5) }] });
    expect(moved.systems[0].coterminosityUtla).toBeCloseTo(1350 / 1500, 12);
  });
});
