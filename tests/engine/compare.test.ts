// compare(a, b) on the real 191 CCGs. Golden values come from the raw ONS lookups and population file.
import { beforeAll, describe, expect, it } from 'vitest';
import { compareScenarios, COMPARED_METRICS, COMPARED_SUMMARY } from '../../engine/compare.ts';
import { assignUnits, mergeOrganisations, scenarioFromBaseline, type ScenarioV1 } from '../../engine/scenario.ts';
import { ScenarioError } from '../../engine/errors.ts';
import { comparisonCsv } from '../../engine/io/compareCsv.ts';
import { parseCsvRows } from '../../engine/io/csvRows.ts';
import type { Geography } from '../../engine/geography.ts';
import { deepFreeze } from '../fixtures/deepFreeze.ts';
import { rawCcgPopulation, readRawCsv, realBundle, realGeography, STP_LOOKUP } from './helpers/real.ts';

let geo: Geography;
let stp: ScenarioV1;
let icb: ScenarioV1;
beforeAll(() => {
  geo = realGeography();
  stp = deepFreeze(scenarioFromBaseline(realBundle(), 'stp-2019'));
  icb = deepFreeze(scenarioFromBaseline(realBundle(), 'icb-2022'));
});

const BASSETLAW = 'E38000008';

describe('STP 2019 against ICB 2022', () => {
  it('names the CCGs that moved system, Bassetlaw among them, with their raw populations and STPs', () => {
    const c = compareScenarios(geo, stp, icb);
    const pop = rawCcgPopulation();
    const stpOf = new Map(readRawCsv(STP_LOOKUP).map((r) => [r.CCG19CD, r.STP19NM]));
    const bassetlaw = c.systems.moved.find((m) => m.unit === BASSETLAW);
    expect(bassetlaw).toBeDefined();
    expect(bassetlaw!.name).toBe('NHS Bassetlaw CCG');
    expect(bassetlaw!.population).toBe(pop.get(BASSETLAW));
    expect(bassetlaw!.fromName).toBe(stpOf.get(BASSETLAW));
    expect(bassetlaw!.toName).toMatch(/Nottingham and Nottinghamshire/);
    for (const m of c.systems.moved) {
      expect(m.population).toBe(pop.get(m.unit));
      expect(m.fromName).toBe(stpOf.get(m.unit));
    }
    expect(c.systems.movedPopulation).toBe(c.systems.moved.reduce((t, m) => t + pop.get(m.unit)!, 0));
    // Every moved CCG is also listed among the unit changes with systemMoved set.
    const changed = new Set(c.changes.filter((u) => u.systemMoved).map((u) => u.unit));
    expect([...changed].sort()).toEqual(c.systems.moved.map((m) => m.unit).sort());
  });

  it('the from→to matrix partitions England and matches 42 STPs one to one with 42 ICBs', () => {
    const c = compareScenarios(geo, stp, icb);
    const total = c.systems.matrix.reduce((t, x) => t + x.population, 0);
    expect(total).toBe(geo.total);
    expect(c.systems.matrix.reduce((t, x) => t + x.units, 0)).toBe(191);
    const matched = c.systems.matches.filter((m) => m.aId && m.bId);
    expect(matched).toHaveLength(42);
    // A moved CCG's cell is off the matching; the matching's cells hold everything else.
    const onMatch = matched.reduce((t, m) => t + m.overlap, 0);
    expect(onMatch + c.systems.movedPopulation).toBe(geo.total);
  });

  it('counts the typical systems and organisations of each side and their deltas', () => {
    const c = compareScenarios(geo, stp, icb);
    expect(c.summary.systems).toEqual({ a: 42, b: 42, delta: 0 });
    expect(c.summary.organisations).toEqual({ a: 191, b: 42, delta: -149 });
    // ICB 2022: one organisation per system, so all 42 typical. STP 2019: the STPs holding a single CCG.
    const singleCcgStps = stp.systems.filter((s) => s.units.length === 1).length;
    expect(c.summary.typical_systems).toEqual({ a: singleCcgStps, b: 42, delta: 42 - singleCcgStps });
    for (const [key] of COMPARED_SUMMARY) expect(c.summary[key].delta).toBe(c.summary[key].b! - c.summary[key].a!);
    // Systems with several organisations and no reason disappear under ICB 2022.
    expect(c.findings.disappeared.some((f) => f.code === 'several-organisations-no-reason')).toBe(true);
    expect(c.findings.appeared.some((f) => f.code === 'several-organisations-no-reason')).toBe(false);
    expect(c.systems.similarity.adjustedRand).toBeLessThan(1);
  });
});

describe('a scenario compared with itself', () => {
  it('has no change, similarity 1 and zero deltas', () => {
    for (const s of [stp, icb]) {
      const c = compareScenarios(geo, s, s);
      expect(c.changes).toEqual([]);
      expect(c.systems.moved).toEqual([]);
      expect(c.organisations.moved).toEqual([]);
      expect(c.systems.similarity.adjustedRand).toBeCloseTo(1, 12);
      expect(c.systems.similarity.normalisedVariationOfInformation).toBeCloseTo(0, 12);
      expect(c.organisations.similarity.adjustedRand).toBeCloseTo(1, 12);
      expect(c.findings.appeared).toEqual([]);
      expect(c.findings.disappeared).toEqual([]);
      for (const p of c.systemPairs) {
        expect(p.aId).toBe(p.bId);
        expect(p.left).toEqual([]);
        expect(p.joined).toEqual([]);
        for (const [k] of COMPARED_METRICS) expect(p.metrics[k].delta).toBe(0);
      }
    }
  });
});

describe('one edit', () => {
  it('moving one CCG shows exactly that CCG, and both systems change by its population', () => {
    const from = stp.systems.find((s) => s.units.includes(BASSETLAW))!;
    const to = stp.systems.find((s) => /Nottingham/.test(s.name))!;
    const edited = assignUnits(stp, [BASSETLAW], to.id);
    const c = compareScenarios(geo, stp, edited);
    const pop = rawCcgPopulation().get(BASSETLAW)!;
    expect(c.systems.moved.map((m) => [m.unit, m.population, m.fromId, m.toId])).toEqual([[BASSETLAW, pop, from.id, to.id]]);
    expect(c.organisations.moved).toEqual([]);
    const pairFrom = c.systemPairs.find((p) => p.aId === from.id)!;
    const pairTo = c.systemPairs.find((p) => p.aId === to.id)!;
    expect(pairFrom.metrics.population.delta).toBe(-pop);
    expect(pairTo.metrics.population.delta).toBe(pop);
    expect(pairFrom.left).toEqual([BASSETLAW]);
    expect(pairTo.joined).toEqual([BASSETLAW]);
    expect(pairTo.metrics.ccg_count.delta).toBe(1);
    expect(c.systems.similarity.adjustedRand).toBeLessThan(1);
    expect(c.systems.similarity.adjustedRand).toBeGreaterThan(0.99);
  });

  it('merging two organisations changes organisations, not systems', () => {
    const sys = stp.systems.find((s) => s.units.length >= 2)!;
    const orgIds = stp.organisations.filter((o) => sys.units.includes(o.units[0])).slice(0, 2).map((o) => o.id);
    const merged = mergeOrganisations(stp, orgIds, { name: 'Merged' });
    const c = compareScenarios(geo, stp, merged);
    expect(c.systems.moved).toEqual([]);
    // One of the two keeps its match (the larger), the other CCG(s) moved organisation.
    expect(c.organisations.moved.length).toBeGreaterThan(0);
    expect(c.changes.every((u) => u.organisationMoved && !u.systemMoved)).toBe(true);
    expect(c.summary.organisations.delta).toBe(-1);
  });
});

describe('refusals', () => {
  it('refuses scenarios on different unit sets, naming both', () => {
    const other: ScenarioV1 = { ...stp, name: 'CCGs 2021', unitSet: 'ccg-2021' };
    let err: unknown;
    try {
      compareScenarios(geo, stp, other);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScenarioError);
    expect((err as ScenarioError).code).toBe('different-unit-sets');
    expect((err as Error).message).toContain('ccg-2019');
    expect((err as Error).message).toContain('ccg-2021');
    expect((err as Error).message).toContain('CCGs 2021');
  });
});

describe('comparison CSV', () => {
  it('holds the summary, one row per system pair and one per moved CCG', () => {
    const c = compareScenarios(geo, stp, icb);
    const rows = parseCsvRows(comparisonCsv(c, geo.bundle)).map((r) => r.fields);
    const header = rows[0];
    const col = (name: string) => header.indexOf(name);
    const body = rows.slice(1);
    const kinds = (k: string) => body.filter((r) => r[col('row')] === k);
    expect(kinds('scenario')).toHaveLength(1);
    expect(kinds('system')).toHaveLength(c.systemPairs.length);
    expect(kinds('ccg-system')).toHaveLength(c.systems.moved.length);
    expect(kinds('ccg-organisation')).toHaveLength(c.organisations.moved.length);
    const b = kinds('ccg-system').find((r) => r[col('ccg_code')] === BASSETLAW)!;
    expect(Number(b[col('population_a')])).toBe(rawCcgPopulation().get(BASSETLAW));
    const s = kinds('scenario')[0];
    expect(Number(s[col('organisations_a')])).toBe(191);
    expect(Number(s[col('organisations_b')])).toBe(42);
    expect(Number(s[col('typical_systems_b')])).toBe(42);
    for (const r of kinds('system')) {
      const a = r[col('population_a')];
      const bb = r[col('population_b')];
      if (a !== '' && bb !== '') expect(Number(r[col('population_delta')])).toBe(Number(bb) - Number(a));
    }
  });
});
