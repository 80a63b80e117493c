// ReCom and the optimiser on the real 191-unit bundle: invariants at every step (checked with the engine's own
// contiguity, partition and evaluation code), reproducibility, the optimiser's effect, and the generated scenario.
import { describe, expect, it } from 'vitest';
import { realGeography } from './helpers/real.ts';
import { scenarioFromBaseline, type ScenarioV1 } from '../../engine/scenario.ts';
import { componentsOf } from '../../engine/contiguity.ts';
import { evaluateScenario } from '../../engine/evaluate.ts';
import { validateScenario } from '../../engine/io/validate.ts';
import { bandPosition } from '../../engine/metrics.ts';
import { generationProblem } from '../../engine/generate/problem.ts';
import { RecomChain } from '../../engine/generate/recom.ts';
import { seededRng } from '../../engine/generate/random.ts';
import { METRICS, Scorer } from '../../engine/generate/objectives.ts';
import { createGeneration, generationResults, mergeResults, runChain } from '../../engine/generate/run.ts';
import { percentileOf } from '../../engine/generate/ensemble.ts';
import { scenarioFromPlan, scenarioMetrics } from '../../engine/generate/toScenario.ts';

const geo = realGeography();
const BAND = { min: 400_000, max: 3_500_000 };
const stp = (): ScenarioV1 => scenarioFromBaseline(geo.bundle, 'stp-2019');

function unitPlan(chain: RecomChain): Uint16Array {
  const g = chain.graph;
  return Uint16Array.from({ length: g.nUnits }, (_, i) => chain.assignment[g.unitNode[i]]);
}

function membersOfSystem(plan: Uint16Array, d: number): number[] {
  const out: number[] = [];
  plan.forEach((s, i) => s === d && out.push(i));
  return out;
}

describe('ReCom chain on the 191 CCGs', () => {
  it('keeps the partition, the band, contiguity and locked systems at every step of a long chain', () => {
    const start = stp();
    const lockIds = [start.systems[0].id, start.systems[17].id];
    const problem = generationProblem(geo, start, { band: BAND, lock: lockIds });
    const chain = new RecomChain(problem.graph, problem.startNodes, problem.k, seededRng(7), { band: BAND, locked: problem.locked });
    const lockedUnits = [0, 17].map((d) => membersOfSystem(problem.startUnits, d).join(','));
    let changed = 0;
    for (let s = 0; s < 2500; s++) {
      const moved = chain.step();
      const plan = unitPlan(chain);
      // Partition: every unit in exactly one of k systems, none empty; populations add up.
      const counts = new Uint32Array(problem.k);
      let outside = 0;
      for (const d of plan) {
        if (d < problem.k) counts[d]++;
        else outside++;
      }
      expect(outside).toBe(0);
      expect(counts.every((c) => c > 0)).toBe(true);
      if (!moved) continue;
      changed++;
      for (const d of [chain.lastA, chain.lastB]) {
        const m = membersOfSystem(plan, d);
        expect(componentsOf(geo, m)).toHaveLength(1);
        const pop = m.reduce((a, i) => a + geo.population[i], 0);
        expect(pop).toBe(chain.districtPop[d]);
        expect(bandPosition(pop, BAND)).toBe('in');
        expect(problem.locked[d]).toBe(0);
      }
      if (s % 500 === 0) {
        for (let d = 0; d < problem.k; d++) expect(componentsOf(geo, membersOfSystem(plan, d))).toHaveLength(1);
      }
    }
    expect(changed).toBeGreaterThan(2400);
    const plan = unitPlan(chain);
    expect([0, 17].map((d) => membersOfSystem(plan, d).join(','))).toEqual(lockedUnits);
    let total = 0;
    for (let d = 0; d < problem.k; d++) total += chain.districtPop[d];
    expect(total).toBe(geo.total);
  });

  it('keeps organisations whole and systems inside their NHS region when asked', () => {
    const start = scenarioFromBaseline(geo.bundle, 'ccg-2021');
    const problem = generationProblem(geo, start, { band: BAND, keepOrganisations: true, withinRegions: true });
    expect(problem.graph.n).toBe(start.organisations.length);
    const chain = new RecomChain(problem.graph, problem.startNodes, problem.k, seededRng(3), {
      band: BAND, districtRegion: problem.districtRegion,
    });
    for (let s = 0; s < 2000; s++) chain.step();
    const plan = unitPlan(chain);
    expect(plan.some((d, i) => d !== problem.startUnits[i])).toBe(true);
    for (const o of start.organisations) {
      const ds = new Set(o.units.map((c) => plan[geo.indexOfCode(c)]));
      expect(ds.size, o.name).toBe(1);
    }
    const regions = new Map<number, Set<number>>();
    plan.forEach((d, i) => regions.set(d, (regions.get(d) ?? new Set()).add(geo.regionOf[i])));
    for (const rs of regions.values()) expect(rs.size).toBe(1);
  });

  it('gives the same plans for the same seed and options, other plans for another seed', () => {
    const problem = generationProblem(geo, stp(), { band: BAND });
    const run = (seed: number) => {
      const chain = new RecomChain(problem.graph, problem.startNodes, problem.k, seededRng(seed), { band: BAND });
      const trace: string[] = [];
      for (let s = 0; s < 3000; s++) {
        chain.step();
        if (s % 300 === 0) trace.push(chain.assignment.join(','));
      }
      return trace;
    };
    expect(run(11)).toEqual(run(11));
    expect(run(12)).not.toEqual(run(11));
  });

  it('refuses a start it cannot walk from, naming the system', () => {
    const s = stp();
    const broken: ScenarioV1 = {
      ...s,
      systems: s.systems.map((g, k) => (k === 0 ? { ...g, units: [...g.units, s.systems[30].units[0]] } : k === 30 ? { ...g, units: g.units.slice(1) } : g)),
    };
    expect(() => generationProblem(geo, broken, { band: BAND })).toThrow(/not contiguous/);
    expect(() => generationProblem(geo, s, { band: BAND, lock: ['nope'] })).toThrow(/lock\[0\]: no system has id "nope"/);
  });
});

describe('objectives', () => {
  it('incremental metrics equal a full recount and the engine evaluation of the same plan', () => {
    const start = stp();
    const problem = generationProblem(geo, start, { band: BAND });
    const chain = new RecomChain(problem.graph, problem.startNodes, problem.k, seededRng(5), { band: BAND });
    const scorer = new Scorer(problem);
    scorer.attach(chain);
    for (let s = 0; s < 3000; s++) if (chain.step()) scorer.update();
    const fresh = new Scorer(problem);
    fresh.reset(unitPlan(chain));
    expect(Array.from(scorer.metrics)).toEqual(Array.from(fresh.metrics));

    const generated = scenarioFromPlan(problem, unitPlan(chain));
    const ev = evaluateScenario(geo, generated);
    const coterminous = ev.systems.reduce((a, m) => a + m.coterminosityUtla * m.population, 0) / geo.total;
    const at = (name: (typeof METRICS)[number]) => scorer.metrics[METRICS.indexOf(name)];
    expect(at('coterminosity')).toBeCloseTo(coterminous, 12);
    expect(at('systemsInBand')).toBe(ev.summary.systemsInBand);
    expect(at('regionCrossings')).toBe(ev.systems.filter((m) => m.regions.length > 1).length);
    expect(at('oneOrganisation')).toBe(ev.summary.typicalSystems);
    // Cut links, counted here from the bundle's pair lists.
    const { land, water } = geo.bundle.adjacency;
    const plan = unitPlan(chain);
    let cut = 0;
    for (const pairs of [land, water]) for (let k = 0; k < pairs.length; k += 2) if (plan[pairs[k]] !== plan[pairs[k + 1]]) cut++;
    expect(at('cutEdges')).toBe(cut);
    let moved = 0;
    for (let i = 0; i < geo.n; i++) if (plan[i] !== problem.startUnits[i]) moved += geo.population[i];
    expect(at('peopleMoved')).toBe(moved);
  });
});

describe('optimiser', () => {
  it('raises coterminosity from STP 2019 and returns distinct plans, best first, that validate as scenarios', () => {
    const start = stp();
    const before = evaluateScenario(geo, start);
    const startShare = before.systems.reduce((a, m) => a + m.coterminosityUtla * m.population, 0) / geo.total;
    const run = createGeneration(geo, start, { seed: 1, steps: 6000, band: BAND, objectives: { coterminosity: 1 }, top: 4 });
    runChain(run, 6000);
    const best = generationResults(run);
    expect(best).toHaveLength(4);
    for (let r = 1; r < best.length; r++) expect(best[r].score).toBeLessThanOrEqual(best[r - 1].score);
    expect(new Set(best.map((p) => p.unitSystem.join(','))).size).toBe(4);

    const scenario = scenarioFromPlan(run.problem, best[0].unitSystem, { name: 'Generated' });
    const valid = validateScenario(JSON.parse(JSON.stringify(scenario)), geo);
    const ev = evaluateScenario(geo, valid);
    const share = ev.systems.reduce((a, m) => a + m.coterminosityUtla * m.population, 0) / geo.total;
    expect(share).toBeCloseTo(best[0].score, 12);
    expect(share).toBeGreaterThan(startShare + 0.05);
    expect(ev.systems).toHaveLength(42);
    expect(ev.summary.populationConserved).toBe(true);
    expect(ev.findings.filter((f) => f.code === 'system-outside-band' || f.code === 'system-not-contiguous')).toEqual([]);
    // Names follow the starting systems they overlap most; each starting name used at most once.
    expect(new Set(valid.systems.map((s) => s.name)).size).toBe(42);
    expect(valid.systems.filter((s) => start.systems.some((t) => t.id === s.id && t.name === s.name)).length).toBeGreaterThan(30);

    const merged = mergeResults([best, best.slice(0, 2)], 3);
    expect(merged.map((p) => p.score)).toEqual(best.slice(0, 3).map((p) => p.score));
  });

  it('cuts organisations along the new borders when they were not kept whole', () => {
    const start = scenarioFromBaseline(geo.bundle, 'ccg-2021');
    const run = createGeneration(geo, start, { seed: 4, steps: 300, band: BAND, objectives: { compactness: 1 } });
    runChain(run, 300);
    const scenario = scenarioFromPlan(run.problem, generationResults(run)[0].unitSystem);
    const valid = validateScenario(JSON.parse(JSON.stringify(scenario)), geo);
    const ev = evaluateScenario(geo, valid);
    expect(ev.findings.filter((f) => f.code === 'organisation-straddles-systems')).toEqual([]);
  });
});

describe('ensembles', () => {
  it('records every k-th plan and places a scenario among them', () => {
    const start = stp();
    const run = createGeneration(geo, start, { seed: 9, steps: 2000, band: BAND, ensembleEvery: 10 });
    let p = runChain(run, 700);
    expect(p.done).toBe(false);
    p = runChain(run, 5000);
    expect(p.done).toBe(true);
    expect(p.steps).toBe(2000);
    const e = run.plain!.ensemble!;
    expect(e.count).toBe(200);
    expect(e.steps[0]).toBe(10);
    expect(e.steps[199]).toBe(2000);
    const values = e.values('coterminosity');
    const mine = scenarioMetrics(geo, start, BAND)[METRICS.indexOf('coterminosity')];
    const pct = percentileOf(values, mine);
    expect(pct.count).toBe(200);
    expect(pct.below).toBe(Array.from(values).filter((v) => v < mine).length);
    expect(pct.share).toBeCloseTo(pct.below / 200, 12);
    expect(percentileOf(values, Infinity).share).toBe(1);
    expect(percentileOf(values, -Infinity).share).toBe(0);
  });
});
