import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Evaluator, evaluateScenario } from '../../engine/evaluate.ts';
import { Dissolver } from '../../engine/dissolve.ts';
import { assignUnits, scenarioFromBaseline, updateSettings, type ScenarioV1 } from '../../engine/scenario.ts';
import { realBundle, realGeography } from './helpers/real.ts';

const bundle = realBundle();
const geo = realGeography();

/** A step: move unit `u` (index) to the system of unit `v`, or change £/head. */
type Step = { kind: 'move'; u: number; v: number } | { kind: 'cost'; cost: number } | { kind: 'merge-orgs'; u: number; v: number };

function apply(s: ScenarioV1, step: Step): ScenarioV1 {
  if (step.kind === 'cost') return updateSettings(s, { costPerHead: step.cost });
  const [a, b] = [geo.codes[step.u], geo.codes[step.v]];
  if (step.kind === 'merge-orgs') {
    // Move unit u into the organisation of unit v (organisations are a partition too).
    const to = s.organisations.findIndex((o) => o.units.includes(b));
    const orgs = s.organisations
      .map((o, k) => (k === to ? { ...o, units: o.units.includes(a) ? o.units : [...o.units, a] } : o.units.includes(a) ? { ...o, units: o.units.filter((x) => x !== a) } : o))
      .filter((o) => o.units.length);
    return { ...s, organisations: orgs };
  }
  const target = s.systems.find((g) => g.units.includes(b))!;
  return assignUnits(s, [a], target.id);
}

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('move' as const), u: fc.nat(geo.n - 1), v: fc.nat(geo.n - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cost' as const), cost: fc.constantFrom(25, 22.07, 21.46) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('merge-orgs' as const), u: fc.nat(geo.n - 1), v: fc.nat(geo.n - 1) }) },
);

describe('incremental Evaluator', () => {
  it('gives the same metrics, summary, findings and footprints as a fresh evaluation after random edits', () => {
    const evaluator = new Evaluator(geo);
    const baselines = ['stp-2019', 'one-ccg-per-ics', 'ccg-2021'];
    fc.assert(
      fc.property(fc.constantFrom(...baselines), fc.array(stepArb, { minLength: 1, maxLength: 8 }), (base, steps) => {
        let s = scenarioFromBaseline(bundle, base);
        s = {
          ...s,
          collaborations: [
            { id: 'sao', name: 'Shared AO', kind: 'shared-accountable-officer', status: 'in-place', services: [], units: geo.codes.slice(0, 12) },
            { id: 'amb', name: 'Ambulance', kind: 'collaborative-commissioning', status: 'planned', services: ['ambulance'], units: geo.codes.slice(5, 40) },
          ],
        };
        evaluator.evaluate(s);
        evaluator.footprints('systems');
        for (const step of steps) {
          s = apply(s, step);
          const inc = evaluator.evaluate(s);
          const fresh = evaluateScenario(geo, s);
          expect(inc.systems).toEqual(fresh.systems);
          expect(inc.organisations).toEqual(fresh.organisations);
          expect(inc.collaborations).toEqual(fresh.collaborations);
          expect(inc.summary).toEqual(fresh.summary);
          expect(inc.findings).toEqual(fresh.findings);
          expect(inc.summary.populationConserved).toBe(true);
          const d = new Dissolver(geo);
          const fps = evaluator.footprints('systems');
          expect(fps.map((f) => f.footprint.arcs)).toEqual(fresh.systems.map((m) => d.dissolve(m.members).arcs));
        }
      }),
      { numRuns: 40, seed: 20190401 },
    );
  });

  it('recomputes only changed groups: untouched systems keep the same metrics object', () => {
    const evaluator = new Evaluator(geo);
    const s0 = scenarioFromBaseline(bundle, 'stp-2019');
    const a = evaluator.evaluate(s0);
    const fa = evaluator.footprints('systems');
    const unit = s0.systems[0].units[0];
    const s1 = assignUnits(s0, [unit], s0.systems[1].id);
    const b = evaluator.evaluate(s1);
    const fb = evaluator.footprints('systems');
    let changed = 0;
    b.systems.forEach((m, k) => {
      if (m !== a.systems[k]) changed++;
      if (fb[k].footprint !== fa[k].footprint) expect(k).toBeLessThan(2);
    });
    expect(changed).toBe(2);
    expect(b.organisations).toBe(a.organisations);
    expect(evaluator.evaluate(s1)).toBe(b);
  });

  it('footprintFeatures gives one RFC 7946 feature per group', () => {
    const evaluator = new Evaluator(geo);
    const fcol = evaluator.footprintFeatures('organisations', scenarioFromBaseline(bundle, 'ccg-2021'));
    expect(fcol.features).toHaveLength(bundle.baselines['ccg-2021'].organisations.length);
    expect(fcol.features[0].geometry.type).toBe('MultiPolygon');
  });
});
