/**
 * The incremental Evaluator at 32,844 units (lsoa-2011): after each of a few hundred random moves of CCG parts
 * (and single LSOAs, and organisation edits), every metric, the summary, every finding and the changed
 * footprints equal a fresh evaluation's.
 */
import { describe, expect, it } from 'vitest';
import { loadUnitSet } from '../../geodata/load.ts';
import { Geography } from '../../engine/geography.ts';
import { Evaluator, evaluateScenario } from '../../engine/evaluate.ts';
import { Dissolver } from '../../engine/dissolve.ts';
import { assignUnits, scenarioFromBaseline, type ScenarioV1 } from '../../engine/scenario.ts';

const bundle = loadUnitSet('lsoa-2011');
const geo = Geography.fromBundle(bundle);

/** CCG parts (ccg-district-2019 units) as lists of LSOA indices. */
const pieces: number[][] = [];
bundle.parents!['ccg-district-2019'].forEach((p, i) => (pieces[p] ??= []).push(i));

/** mulberry32: a small seeded generator, so the walk is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** A serialisation that tells every value apart (typed arrays as lists, NaN by name): fast to compare at this size. */
const key = (x: unknown) => JSON.stringify(x, (_, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Uint16Array) : Number.isNaN(v) ? 'NaN' : v));

/** Equal as `toEqual` says; the deep comparison (with its readable diff) only runs when the quick one differs. */
function expectSame(actual: unknown, expected: unknown): void {
  if (key(actual) !== key(expected)) expect(actual).toEqual(expected);
  expect(key(actual)).toBe(key(expected));
}

describe('incremental Evaluator on lsoa-2011', () => {
  it('equals a fresh evaluation after each of 200 random piece moves', () => {
    const rand = random(20210401);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    let s: ScenarioV1 = scenarioFromBaseline(bundle, 'stp-2019');
    s = {
      ...s,
      collaborations: [
        { id: 'sao', name: 'Shared AO', kind: 'shared-accountable-officer', status: 'in-place', services: [], units: s.organisations.slice(0, 3).flatMap((o) => o.units) },
      ],
    };
    const evaluator = new Evaluator(geo);
    evaluator.evaluate(s);
    evaluator.footprints('systems');
    const fresh = new Dissolver(geo);
    let moved = 0;
    for (let step = 0; step < 200; step++) {
      const r = rand();
      const units = r < 0.8 ? pick(pieces) : [Math.floor(rand() * geo.n)];
      const codes = units.map((i) => geo.codes[i]);
      // Mostly to the system of a neighbour across the piece's edge (a planner's move), else anywhere.
      const inside = new Set(units);
      const sysOf = evaluator.evaluate(s).systemPartition.unitToGroup;
      const across = units.flatMap((i) => Array.from(geo.neighbours(i))).filter((j) => !inside.has(j) && sysOf[j] !== sysOf[units[0]]);
      const target = across.length && rand() < 0.9 ? geo.codes[pick(across)] : geo.codes[Math.floor(rand() * geo.n)];
      if (rand() < 0.85) {
        s = assignUnits(s, codes, s.systems.find((g) => g.units.includes(target))!.id);
      } else {
        // The piece joins the organisation of the target unit.
        const taking = new Set(codes);
        const to = s.organisations.findIndex((o) => o.units.includes(target));
        s = {
          ...s,
          organisations: s.organisations
            .map((o, k) => (k === to ? { ...o, units: [...o.units.filter((u) => !taking.has(u)), ...codes] } : o.units.some((u) => taking.has(u)) ? { ...o, units: o.units.filter((u) => !taking.has(u)) } : o))
            .filter((o) => o.units.length),
        };
      }
      const before = evaluator.footprints('systems');
      const inc = evaluator.evaluate(s);
      const ref = evaluateScenario(geo, s);
      expectSame(inc.systems, ref.systems);
      expectSame(inc.organisations, ref.organisations);
      expectSame(inc.collaborations, ref.collaborations);
      expectSame(inc.summary, ref.summary);
      expectSame(inc.findings, ref.findings);
      expectSame(inc.systemPartition, ref.systemPartition);
      expectSame(inc.organisationPartition, ref.organisationPartition);
      expect(inc.summary.populationConserved).toBe(true);
      const after = evaluator.footprints('systems');
      after.forEach((f, k) => {
        if (before[k]?.signature === f.signature) return;
        moved++;
        expect(f.footprint.arcs).toEqual(fresh.dissolve(ref.systems[k].members).arcs);
        fresh.evict(f.signature);
      });
    }
    // The walk really moved pieces between systems, and split councils and organisations on the way.
    expect(moved).toBeGreaterThan(150);
    const last = evaluator.evaluate(s);
    expect(last.findings.some((f) => f.code === 'organisation-straddles-systems')).toBe(true);
  }, 600_000);
});
