/**
 * ReCom speed on GerryChain's anchor setting: 191 CCGs, rook adjacency plus the Isle of Wight water links of the
 * bundle, start STP 2019, band 400,000–3,500,000, every proposal accepted. One chain, steps per second over
 * 200,000 steps after a warm-up (best of 3 runs), and heap growth over 1,000,000 steps (after a forced GC).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Geography } from '../../engine/geography.ts';
import { scenarioFromBaseline, type ScenarioV1 } from '../../engine/scenario.ts';
import { generationProblem } from '../../engine/generate/problem.ts';
import { RecomChain } from '../../engine/generate/recom.ts';
import { seededRng } from '../../engine/generate/random.ts';

/** GerryChain's recom on the same setting, on this machine kind (issue 12). */
export const GERRYCHAIN_STEPS_PER_S = 1466;

export interface RecomBench {
  stepsPerSecond: number;
  selfLoopShare: number;
  heapGrowthBytes: number;
  memorySteps: number;
}

function gc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

export function benchRecom(geo: Geography): RecomBench {
  const band = { min: 400_000, max: 3_500_000 };
  const problem = generationProblem(geo, scenarioFromBaseline(geo.bundle, 'stp-2019'), { band });
  const chain = new RecomChain(problem.graph, problem.startNodes, problem.k, seededRng(1), { band });
  for (let s = 0; s < 20_000; s++) chain.step();
  let best = 0;
  const steps = 200_000;
  for (let r = 0; r < 3; r++) {
    const t0 = process.hrtime.bigint();
    for (let s = 0; s < steps; s++) chain.step();
    best = Math.max(best, steps / (Number(process.hrtime.bigint() - t0) / 1e9));
  }
  const collect = gc();
  collect();
  const before = process.memoryUsage().heapUsed;
  const memorySteps = 1_000_000;
  const loopsBefore = chain.selfLoops;
  for (let s = 0; s < memorySteps; s++) chain.step();
  collect();
  const after = process.memoryUsage().heapUsed;
  return { stepsPerSecond: best, selfLoopShare: (chain.selfLoops - loopsBefore) / memorySteps, heapGrowthBytes: after - before, memorySteps };
}

export interface RecomLsoaBench {
  stepsPerSecond: number;
  steps: number;
  units: number;
  /** LSOAs moved to make the start contiguous, by system: the lsoa-2011 adjacency has no Humber crossing. */
  moved: { system: string; to: string; units: number; population: number }[];
}

/**
 * The STP 2019 baseline with each system in one piece on `geo`'s adjacency: every piece of a system but its
 * largest joins the neighbouring system it shares most borders with. On lsoa-2011 the LSOA boundaries stop at
 * the coast, so the Humber (bridged at CCG level by the CCGs' estuary boundaries) splits Humber, Coast and Vale;
 * ReCom needs connected systems, so its south bank starts in its southern neighbour, and the bench says so.
 */
export function contiguousStart(geo: Geography, start: ScenarioV1): { scenario: ScenarioV1; moved: RecomLsoaBench['moved'] } {
  const systemOf = new Int32Array(geo.n).fill(-1);
  start.systems.forEach((s, d) => s.units.forEach((c) => (systemOf[geo.indexOfCode(c)] = d)));
  const moved: RecomLsoaBench['moved'] = [];
  start.systems.forEach((_s, d) => {
    const comps: number[][] = [];
    const seen = new Uint8Array(geo.n);
    for (let u = 0; u < geo.n; u++) {
      if (systemOf[u] !== d || seen[u]) continue;
      const comp = [u];
      seen[u] = 1;
      for (let k = 0; k < comp.length; k++) {
        for (const v of geo.neighbours(comp[k])) {
          if (systemOf[v] !== d || seen[v]) continue;
          seen[v] = 1;
          comp.push(v);
        }
      }
      comps.push(comp);
    }
    comps.sort((a, b) => b.length - a.length);
    for (const comp of comps.slice(1)) {
      const border = new Map<number, number>();
      for (const u of comp) for (const v of geo.neighbours(u)) if (systemOf[v] !== d) border.set(systemOf[v], (border.get(systemOf[v]) ?? 0) + 1);
      const to = [...border].sort((a, b) => b[1] - a[1])[0][0];
      for (const u of comp) systemOf[u] = to;
      moved.push({ system: start.systems[d].name, to: start.systems[to].name, units: comp.length, population: comp.reduce((a, u) => a + geo.population[u], 0) });
    }
  });
  const units: string[][] = start.systems.map(() => []);
  for (let u = 0; u < geo.n; u++) units[systemOf[u]].push(geo.codes[u]);
  return { scenario: { ...start, systems: start.systems.map((s, d) => ({ ...s, units: units[d] })) }, moved };
}

/** ReCom on lsoa-2011 from STP 2019 (made contiguous), band 400,000–3,500,000: steps per second, best of 3. */
export function benchRecomLsoa(geo: Geography, steps = 2_000): RecomLsoaBench {
  const band = { min: 400_000, max: 3_500_000 };
  const { scenario, moved } = contiguousStart(geo, scenarioFromBaseline(geo.bundle, 'stp-2019'));
  const problem = generationProblem(geo, scenario, { band });
  const chain = new RecomChain(problem.graph, problem.startNodes, problem.k, seededRng(1), { band });
  for (let s = 0; s < 200; s++) chain.step();
  let best = 0;
  for (let r = 0; r < 3; r++) {
    const t0 = process.hrtime.bigint();
    for (let s = 0; s < steps; s++) chain.step();
    best = Math.max(best, steps / (Number(process.hrtime.bigint() - t0) / 1e9));
  }
  return { stepsPerSecond: best, steps, units: geo.n, moved };
}
