// A range of system counts (issue 12: "the number of systems stays fixed unless the planner allows a range") on
// the real 191-unit bundle: merges and splits keep every constraint at every step, the count moves inside the
// range, the run is reproducible, a range of one count is the fixed chain exactly, and generated scenarios name
// the systems a split makes.
import { describe, expect, it } from 'vitest';
import { realGeography } from './helpers/real.ts';
import { scenarioFromBaseline, type ScenarioV1 } from '../../engine/scenario.ts';
import { componentsOf } from '../../engine/contiguity.ts';
import { evaluateScenario } from '../../engine/evaluate.ts';
import { validateScenario } from '../../engine/io/validate.ts';
import { bandPosition } from '../../engine/metrics.ts';
import { generationProblem, type Constraints } from '../../engine/generate/problem.ts';
import { RecomChain } from '../../engine/generate/recom.ts';
import { seededRng } from '../../engine/generate/random.ts';
import { METRICS, Scorer } from '../../engine/generate/objectives.ts';
import { createGeneration, generationResults, runChain } from '../../engine/generate/run.ts';
import { scenarioFromPlan, scenarioMetrics } from '../../engine/generate/toScenario.ts';

const geo = realGeography();
const BAND = { min: 400_000, max: 3_500_000 };
const stp = (): ScenarioV1 => scenarioFromBaseline(geo.bundle, 'stp-2019');

function chainFor(start: ScenarioV1, c: Constraints, seed: number): { chain: RecomChain; problem: ReturnType<typeof generationProblem> } {
  const problem = generationProblem(geo, start, c);
  const chain = new RecomChain(problem.graph, problem.startNodes, problem.k, seededRng(seed), {
    band: problem.band, locked: problem.locked, districtRegion: problem.districtRegion, count: problem.systemCount,
  });
  return { chain, problem };
}

const unitPlan = (chain: RecomChain): Uint16Array =>
  Uint16Array.from({ length: chain.graph.nUnits }, (_, i) => chain.assignment[chain.graph.unitNode[i]]);

/** Units of each label of a unit plan (labels with none are absent). */
function groups(plan: Uint16Array): Map<number, number[]> {
  const out = new Map<number, number[]>();
  plan.forEach((d, i) => {
    const g = out.get(d);
    if (g) g.push(i);
    else out.set(d, [i]);
  });
  return out;
}

describe('ReCom with a range of system counts', () => {
  it('keeps the partition, band, contiguity, locked systems and min ≤ count ≤ max at every step, and the count varies', () => {
    const start = stp();
    const lockIds = [start.systems[0].id, start.systems[17].id];
    const range = { min: 36, max: 48 };
    const { chain, problem } = chainFor(start, { band: BAND, lock: lockIds, systemCount: range }, 21);
    expect(problem.k).toBe(48);
    const lockedUnits = [0, 17].map((d) => groups(problem.startUnits).get(d)!.join(','));
    const counts = new Set<number>();
    const moves = { recom: 0, merge: 0, split: 0, none: 0 };
    for (let s = 0; s < 6000; s++) {
      const changed = chain.step();
      moves[chain.lastMove]++;
      const plan = unitPlan(chain);
      const g = groups(plan);
      // Partition: every unit in a live label; the live labels are exactly those with units; the count is theirs.
      expect(g.size).toBe(chain.count);
      expect(Array.from(chain.alive).every((live, d) => live === (g.has(d) ? 1 : 0))).toBe(true);
      expect(chain.count).toBeGreaterThanOrEqual(range.min);
      expect(chain.count).toBeLessThanOrEqual(range.max);
      counts.add(chain.count);
      if (!changed) continue;
      // The labels the step touched: a merge's survivor, a split's two halves, a ReCom step's two systems.
      const touched = chain.lastMove === 'merge' ? [chain.lastA] : [chain.lastA, chain.lastB];
      if (chain.lastMove === 'merge') {
        expect(g.has(chain.lastB)).toBe(false);
        expect(chain.districtPop[chain.lastB]).toBe(0);
      }
      for (const d of touched) {
        const m = g.get(d)!;
        expect(componentsOf(geo, m)).toHaveLength(1);
        const pop = m.reduce((a, i) => a + geo.population[i], 0);
        expect(pop).toBe(chain.districtPop[d]);
        expect(bandPosition(pop, BAND)).toBe('in');
        expect(problem.locked[d] ?? 0).toBe(0);
      }
      if (s % 500 === 0) for (const m of g.values()) expect(componentsOf(geo, m)).toHaveLength(1);
    }
    expect(moves.merge).toBeGreaterThan(50);
    expect(moves.split).toBeGreaterThan(50);
    expect(moves.recom).toBeGreaterThan(2000);
    expect(counts.size).toBeGreaterThan(3);
    const plan = unitPlan(chain);
    expect([0, 17].map((d) => groups(plan).get(d)!.join(','))).toEqual(lockedUnits);
    let total = 0;
    for (let d = 0; d < problem.k; d++) total += chain.districtPop[d];
    expect(total).toBe(geo.total);
  });

  it('keeps organisations whole and systems inside their NHS region through merges and splits', () => {
    const start = scenarioFromBaseline(geo.bundle, 'ccg-2021');
    const { chain, problem } = chainFor(start, { band: BAND, keepOrganisations: true, withinRegions: true, systemCount: { min: 30, max: 60 } }, 3);
    const counts = new Set<number>();
    for (let s = 0; s < 3000; s++) {
      chain.step();
      counts.add(chain.count);
    }
    expect(counts.size).toBeGreaterThan(2);
    const plan = unitPlan(chain);
    expect(groups(plan).size).toBe(chain.count);
    for (const o of start.organisations) expect(new Set(o.units.map((c) => plan[geo.indexOfCode(c)])).size, o.name).toBe(1);
    for (const [d, units] of groups(plan)) {
      expect(new Set(units.map((i) => geo.regionOf[i])).size, `system ${d}`).toBe(1);
      // A system a split made is in the band (the start's own systems need not be, until a step redraws them).
      if (d >= problem.startCount) expect(bandPosition(units.reduce((a, i) => a + geo.population[i], 0), BAND)).toBe('in');
    }
  });

  it('gives the same plans for the same seed, others for another seed', () => {
    const trace = (seed: number) => {
      const { chain } = chainFor(stp(), { band: BAND, systemCount: { min: 40, max: 44 } }, seed);
      const out: string[] = [];
      for (let s = 0; s < 3000; s++) {
        chain.step();
        if (s % 300 === 0) out.push(`${chain.count}:${chain.assignment.join(',')}`);
      }
      return out;
    };
    expect(trace(11)).toEqual(trace(11));
    expect(trace(12)).not.toEqual(trace(11));
  });

  it('a range of one count is the fixed chain exactly: same plans, scores and ensemble as without the option', () => {
    const start = stp();
    const base = { seed: 5, steps: 4000, band: BAND, objectives: { coterminosity: 1, band: 1 }, top: 3, ensembleEvery: 50, lock: [start.systems[3].id] };
    const fixed = createGeneration(geo, start, base);
    const tight = createGeneration(geo, start, { ...base, systemCount: { min: 42, max: 42 } });
    runChain(fixed, 4000);
    runChain(tight, 4000);
    const a = generationResults(fixed);
    const b = generationResults(tight);
    expect(b.map((p) => p.score)).toEqual(a.map((p) => p.score));
    expect(b.map((p) => p.unitSystem.join(','))).toEqual(a.map((p) => p.unitSystem.join(',')));
    expect(tight.plain!.chain.assignment).toEqual(fixed.plain!.chain.assignment);
    expect(tight.plain!.ensemble!.columns).toEqual(fixed.plain!.ensemble!.columns);
    expect(Array.from(tight.plain!.ensemble!.values('systems'))).toEqual(new Array(80).fill(42));
  });

  it('refuses a start whose count is outside the range, naming both, and a range that is none', () => {
    expect(() => generationProblem(geo, stp(), { band: BAND, systemCount: { min: 30, max: 40 } }))
      .toThrow('systemCount: the scenario has 42 systems, outside the range 30–40 asked for');
    expect(() => generationProblem(geo, stp(), { band: BAND, systemCount: { min: 44, max: 43 } })).toThrow(/systemCount: 44–43 is not a range/);
    expect(() => generationProblem(geo, stp(), { band: BAND, systemCount: { min: 40.5, max: 43 } })).toThrow(/systemCount: 40.5–43 is not a range/);
    expect(() => generationProblem(geo, stp(), { band: BAND, systemCount: { min: 40, max: 500 } })).toThrow('systemCount: at most 191 systems can be made (one per unit kept whole), not 500');
  });
});

describe('scores, ensembles and scenarios with a range of counts', () => {
  it('incremental metrics equal a full recount after merges and splits; the systems metric is the count', () => {
    const { chain, problem } = chainFor(stp(), { band: BAND, systemCount: { min: 38, max: 46 } }, 8);
    const scorer = new Scorer(problem);
    scorer.attach(chain);
    for (let s = 0; s < 3000; s++) {
      if (chain.step()) scorer.update();
      if (s % 250 === 0) expect(scorer.metrics[METRICS.indexOf('systems')]).toBe(chain.count);
    }
    const fresh = new Scorer(problem);
    fresh.reset(unitPlan(chain));
    expect(Array.from(scorer.metrics)).toEqual(Array.from(fresh.metrics));
    // And the engine's own evaluation of the generated scenario agrees.
    const ev = evaluateScenario(geo, scenarioFromPlan(problem, unitPlan(chain)));
    expect(ev.systems).toHaveLength(chain.count);
    expect(scorer.metrics[METRICS.indexOf('systemsInBand')]).toBe(ev.summary.systemsInBand);
    expect(scorer.metrics[METRICS.indexOf('oneOrganisation')]).toBe(ev.summary.typicalSystems);
    expect(scenarioMetrics(geo, scenarioFromPlan(problem, unitPlan(chain)), BAND)[METRICS.indexOf('systems')]).toBe(chain.count);
  });

  it('the ensemble records the number of systems, and it varies', () => {
    const run = createGeneration(geo, stp(), { seed: 9, steps: 3000, band: BAND, ensembleEvery: 10, systemCount: { min: 38, max: 46 } });
    runChain(run, 3000);
    const counts = Array.from(run.plain!.ensemble!.values('systems'));
    expect(counts).toHaveLength(300);
    expect(counts.every((c) => c >= 38 && c <= 46)).toBe(true);
    expect(new Set(counts).size).toBeGreaterThan(2);
    expect(counts.at(-1)).toBe(run.plain!.chain.count);
  });

  it('names a split part after its parent with the first free sys-N id; a system merged away is absent', () => {
    const start = stp();
    const problem = generationProblem(geo, start, { band: BAND, systemCount: { min: 41, max: 44 } });
    const plan = Uint16Array.from(problem.startUnits);
    const members = (d: number) => Array.from(plan.keys()).filter((i) => plan[i] === d);
    // System 5 loses its least populous unit to a new label 42; system 7 merges into system 6.
    const five = members(5).sort((x, y) => geo.population[x] - geo.population[y]);
    plan[five[0]] = 42;
    for (const i of members(7)) plan[i] = 6;
    const s = scenarioFromPlan(problem, plan);
    expect(s.systems).toHaveLength(42);
    const part = s.systems.find((g) => g.units.length === 1 && g.units[0] === geo.codes[five[0]])!;
    expect(part).toEqual({ id: 'sys-1', name: `${start.systems[5].name} (part 2)`, units: [geo.codes[five[0]]] });
    // The merged system keeps the id and name of the more populous of the two; the other is gone.
    const pop = (d: number) => start.systems[d].units.reduce((a, c) => a + geo.population[geo.indexOfCode(c)], 0);
    const [big, small] = pop(6) >= pop(7) ? [6, 7] : [7, 6];
    expect(s.systems.find((g) => g.id === start.systems[big].id)).toMatchObject({ name: start.systems[big].name });
    expect(s.systems.find((g) => g.id === start.systems[big].id)!.units).toHaveLength(start.systems[6].units.length + start.systems[7].units.length);
    expect(s.systems.some((g) => g.id === start.systems[small].id)).toBe(false);
    expect(s.systems.find((g) => g.id === start.systems[5].id)!.units).toHaveLength(five.length - 1);
    expect(validateScenario(JSON.parse(JSON.stringify(s)), geo).systems).toHaveLength(42);
    expect(scenarioFromPlan(problem, plan)).toEqual(s);
  });

  it('the optimiser works with a range; scenarios name split parts after their parent with fresh stable ids and drop merged systems', () => {
    const start = stp();
    const opts = { seed: 2, steps: 3000, band: BAND, objectives: { coterminosity: 1 }, top: 3, systemCount: { min: 40, max: 46 } };
    const run = createGeneration(geo, start, opts);
    runChain(run, 3000);
    const best = generationResults(run);
    expect(best.length).toBe(3);
    const scenarios = best.map((p) => scenarioFromPlan(run.problem, p.unitSystem));
    // Stable: the same plan, the same ids and names.
    expect(scenarioFromPlan(run.problem, best[0].unitSystem)).toEqual(scenarios[0]);
    let sawPart = false;
    let sawMerge = false;
    scenarios.forEach((s, r) => {
      const valid = validateScenario(JSON.parse(JSON.stringify(s)), geo);
      const count = new Set(best[r].unitSystem).size;
      expect(valid.systems).toHaveLength(count);
      expect(best[r].metrics[METRICS.indexOf('systems')]).toBe(count);
      expect(valid.systems.every((g) => g.units.length > 0)).toBe(true);
      expect(new Set(valid.systems.map((g) => g.id)).size).toBe(count);
      expect(evaluateScenario(geo, valid).summary.populationConserved).toBe(true);
      for (const g of valid.systems) {
        const from = start.systems.find((t) => t.id === g.id);
        if (from) {
          expect(g.name).toBe(from.name);
          continue;
        }
        // A part: named after the starting system holding most of its people, with a sys-N id.
        sawPart = true;
        expect(g.id).toMatch(/^sys-\d+$/);
        const m = /^(.*) \(part (\d+)\)$/.exec(g.name)!;
        expect(m).not.toBeNull();
        const byStart = new Map<string, number>();
        for (const c of g.units) {
          const t = start.systems.find((x) => x.units.includes(c))!;
          byStart.set(t.name, (byStart.get(t.name) ?? 0) + geo.population[geo.indexOfCode(c)]);
        }
        expect(m[1]).toBe([...byStart].sort((x, y) => y[1] - x[1])[0][0]);
      }
      if (valid.systems.length < start.systems.length) sawMerge = true;
    });
    expect(sawPart || sawMerge).toBe(true);
  });
});
