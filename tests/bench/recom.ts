/**
 * ReCom speed on GerryChain's anchor setting: 191 CCGs, rook adjacency plus the Isle of Wight water links of the
 * bundle, start STP 2019, band 400,000–3,500,000, every proposal accepted. One chain, steps per second over
 * 200,000 steps after a warm-up (best of 3 runs), and heap growth over 1,000,000 steps (after a forced GC).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Geography } from '../../engine/geography.ts';
import { scenarioFromBaseline } from '../../engine/scenario.ts';
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
