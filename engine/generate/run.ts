/**
 * A generation run in chunks: `runChain(run, n)` takes up to n more steps and returns, so a worker or the CLI
 * can report progress, pause and cancel between chunks (the engine keeps no clock; callers time the chunks).
 *
 * A run has up to two chains from one seed: the optimiser's (short bursts toward the weighted objectives) and,
 * when an ensemble is asked for, a plain ReCom chain whose every `ensembleEvery`-th plan is recorded (the
 * optimiser's plans are steered, so they would not describe what ReCom draws). Chain `c` of a run of several
 * uses PRNG streams jumped 2c and 2c + 1 times, so chains never overlap and each is reproducible alone.
 */
import type { Geography } from '../geography.ts';
import type { ScenarioV1 } from '../scenario.ts';
import { generationProblem, type Constraints, type Problem } from './problem.ts';
import { RecomChain } from './recom.ts';
import { seededRng } from './random.ts';
import { OBJECTIVES, Scorer, type Weights } from './objectives.ts';
import { Optimiser, type GeneratedPlan } from './optimise.ts';
import { Ensemble } from './ensemble.ts';

export interface GenerateOptions extends Constraints {
  seed: number;
  /** Steps of each chain. */
  steps: number;
  /** Objective weights; none set → no optimiser (an ensemble, or a plain chain). */
  objectives?: Weights;
  burst?: number;
  top?: number;
  /** Record every n-th plan of a plain chain (0 / absent: no ensemble). */
  ensembleEvery?: number;
  /** Index of this chain among a run's chains. */
  chain?: number;
  /** Spanning trees per step before it counts as a self-loop. */
  maxTrees?: number;
}

export interface Generation {
  problem: Problem;
  options: GenerateOptions;
  steps: number;
  optimiser: Optimiser | null;
  plain: { chain: RecomChain; scorer: Scorer | null; ensemble: Ensemble | null } | null;
}

export interface Progress {
  steps: number;
  total: number;
  /** Steps that left the plan unchanged (no balanced cut found), over the run's chains. */
  selfLoops: number;
  /** Best score so far (null without objectives). */
  bestScore: number | null;
  /** Plans recorded in the ensemble. */
  recorded: number;
  done: boolean;
}

const hasObjectives = (w: Weights | undefined) => !!w && OBJECTIVES.some((o) => (w[o] ?? 0) > 0);

export function createGeneration(geo: Geography, start: ScenarioV1, options: GenerateOptions): Generation {
  if (!Number.isInteger(options.steps) || options.steps < 0) throw new Error(`steps: ${options.steps} is not a whole number ≥ 0`);
  const problem = generationProblem(geo, start, options);
  const c = options.chain ?? 0;
  const recom = (stream: number) =>
    new RecomChain(problem.graph, problem.startNodes, problem.k, seededRng(options.seed, stream), {
      band: problem.band, locked: problem.locked, districtRegion: problem.districtRegion, maxTrees: options.maxTrees,
      count: problem.systemCount,
    });
  const optimiser = hasObjectives(options.objectives)
    ? new Optimiser(recom(2 * c), new Scorer(problem, options.objectives), { burst: options.burst, top: options.top })
    : null;
  const every = options.ensembleEvery ?? 0;
  let plain: Generation['plain'] = null;
  if (every > 0 || !optimiser) {
    const chain = recom(2 * c + 1);
    const scorer = every > 0 ? new Scorer(problem) : null;
    scorer?.attach(chain);
    plain = { chain, scorer, ensemble: every > 0 ? new Ensemble(Math.floor(options.steps / every), every) : null };
  }
  return { problem, options, steps: 0, optimiser, plain };
}

/** Takes up to `steps` more steps (never beyond the run's total) and reports where the run is. */
export function runChain(run: Generation, steps: number): Progress {
  const n = Math.max(0, Math.min(steps, run.options.steps - run.steps));
  run.optimiser?.run(n);
  const p = run.plain;
  if (p) {
    if (p.scorer && p.ensemble) {
      for (let s = 0; s < n; s++) {
        if (p.chain.step()) p.scorer.update();
        p.ensemble.offer(p.chain.steps, p.scorer.metrics);
      }
    } else {
      for (let s = 0; s < n; s++) p.chain.step();
    }
  }
  run.steps += n;
  return progressOf(run);
}

export function progressOf(run: Generation): Progress {
  return {
    steps: run.steps,
    total: run.options.steps,
    selfLoops: (run.optimiser?.chain.selfLoops ?? 0) + (run.plain?.chain.selfLoops ?? 0),
    bestScore: run.optimiser ? run.optimiser.bestScore : null,
    recorded: run.plain?.ensemble?.count ?? 0,
    done: run.steps >= run.options.steps,
  };
}

/** The run's best distinct plans, best first (none without objectives). */
export function generationResults(run: Generation): GeneratedPlan[] {
  return run.optimiser ? run.optimiser.results() : [];
}

/** A plan's partition with systems numbered by first unit: equal keys, same partition. */
function partitionKey(unitSystem: Uint16Array): string {
  const relabel = new Map<number, number>();
  const out = new Array<number>(unitSystem.length);
  for (let i = 0; i < unitSystem.length; i++) {
    let l = relabel.get(unitSystem[i]);
    if (l === undefined) relabel.set(unitSystem[i], (l = relabel.size));
    out[i] = l;
  }
  return out.join(',');
}

/** The best `top` distinct plans of several chains, best first (ties: earlier list first). */
export function mergeResults(lists: readonly GeneratedPlan[][], top: number): GeneratedPlan[] {
  const seen = new Set<string>();
  const out: GeneratedPlan[] = [];
  const all = lists.flat().map((p, order) => ({ p, order }));
  all.sort((a, b) => b.p.score - a.p.score || a.order - b.order);
  for (const { p } of all) {
    const key = partitionKey(p.unitSystem);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
    if (out.length >= top) break;
  }
  return out;
}
