/**
 * Runs a generation's chains in generate workers, one worker per spare core, so the editor's worker and the page
 * never wait. Chains beyond the number of workers queue and start as workers free up; chain `c` is passed to the
 * engine as `chain: c`, so each chain draws from its own PRNG streams and a run is reproducible for its seed.
 * The chains' best options are combined with the engine's `mergeResults`, their ensembles concatenated.
 */
import { proxy, wrap, type Remote } from 'comlink';
import type { Bundle } from '../../engine/bundle.ts';
import type { ScenarioV1 } from '../../engine/scenario.ts';
import { mergeResults, type GenerateOptions } from '../../engine/generate/run.ts';
import type { GeneratedPlan } from '../../engine/generate/optimise.ts';
import type { GenerateApi, GenerateOutcome, GenerateProgress, GeneratedOption } from '../../workers/api.ts';

/** The run as a whole: sums over its chains (those not started count as 0 steps). */
export interface RunProgress {
  steps: number;
  total: number;
  stepsPerSecond: number;
  remainingMs: number | null;
  bestScore: number | null;
  recorded: number;
  chains: number;
  chainsDone: number;
}

export interface RunResult {
  status: 'done' | 'cancelled';
  progress: RunProgress;
  options: GeneratedOption[];
  /** Columns in `METRICS` order, all chains' recorded plans together (null when none was asked for). */
  ensemble: { every: number; columns: Float64Array[] } | null;
}

export type RunOptions = Omit<GenerateOptions, 'chain'> & { top: number };

export interface GeneratePool {
  readonly workers: number;
  run(scenario: ScenarioV1, options: RunOptions, chains: number, onProgress: (p: RunProgress) => void): Promise<RunResult>;
  pause(): void;
  resume(): void;
  cancel(): void;
}

/** navigator.hardwareConcurrency − 1 (the page and the editor's worker keep one core), at least 1. */
export function spareCores(): number {
  return Math.max(1, (navigator.hardwareConcurrency || 2) - 1);
}

const PROGRESS_MS = 100;

export function createGeneratePool(bundle: Bundle, size = spareCores()): GeneratePool {
  const apis: { api: Remote<GenerateApi>; ready: Promise<void> }[] = [];
  const worker = (k: number) => {
    if (!apis[k]) {
      const w = new Worker(new URL('../../workers/generate.worker.ts', import.meta.url), { type: 'module', name: `footprints-generate-${k}` });
      const api = wrap<GenerateApi>(w);
      apis[k] = { api, ready: api.init(bundle) };
    }
    return apis[k];
  };

  let cancelled = false;
  let paused = false;
  /** Lanes waiting for resume before starting their next chain. */
  let waiting: (() => void)[] = [];
  const wakeAll = () => {
    waiting.forEach((r) => r());
    waiting = [];
  };
  const busy = new Set<Remote<GenerateApi>>();

  const pool: GeneratePool = {
    workers: size,
    async run(scenario, options, chains, onProgress) {
      cancelled = false;
      paused = false;
      const perChain: (GenerateProgress | null)[] = new Array(chains).fill(null);
      const outcomes: (GenerateOutcome | null)[] = new Array(chains).fill(null);
      const total = chains * options.steps;
      const report = (): RunProgress => {
        let steps = 0;
        let speed = 0;
        let best: number | null = null;
        let recorded = 0;
        let done = 0;
        let busyMs = 0;
        let running = 0;
        for (const p of perChain) {
          if (!p) continue;
          steps += p.steps;
          busyMs += p.elapsedMs;
          if (!p.done) running++;
          recorded += p.recorded;
          if (p.done) done++;
          else if (!p.paused) speed += p.stepsPerSecond;
          if (p.bestScore !== null && (best === null || p.bestScore > best)) best = p.bestScore;
        }
        // Once no chain runs, the speed is the run's average over its lanes working side by side.
        if (running === 0 && busyMs > 0) speed = (steps / busyMs) * 1000 * Math.min(size, chains);
        return { steps, total, stepsPerSecond: speed, remainingMs: speed > 0 ? ((total - steps) / speed) * 1000 : null, bestScore: best, recorded, chains, chainsDone: done };
      };
      let next = 0;
      const lane = async (k: number) => {
        const { api, ready } = worker(k);
        await ready;
        while (!cancelled && next < chains) {
          if (paused) await new Promise<void>((r) => waiting.push(r));
          if (cancelled) break;
          const c = next++;
          busy.add(api);
          try {
            outcomes[c] = await api.start(scenario, { ...options, chain: c }, proxy((p: GenerateProgress) => {
              perChain[c] = p;
              onProgress(report());
            }), PROGRESS_MS);
          } finally {
            busy.delete(api);
          }
          perChain[c] = outcomes[c]!.progress;
          onProgress(report());
        }
      };
      try {
        await Promise.all(Array.from({ length: Math.min(size, chains) }, (_, k) => lane(k)));
      } catch (e) {
        // One chain refused (a band no plan can meet, …): stop the others, report the reason.
        pool.cancel();
        throw e;
      }
      const finished = outcomes.filter((o): o is GenerateOutcome => !!o);
      return {
        status: cancelled ? 'cancelled' : 'done',
        progress: report(),
        options: mergeOptions(finished.map((o) => o.options), options.top),
        ensemble: concatEnsembles(finished),
      };
    },
    pause() {
      paused = true;
      for (const api of busy) void api.pause();
    },
    resume() {
      paused = false;
      wakeAll();
      for (const api of busy) void api.resume();
    },
    cancel() {
      cancelled = true;
      paused = false;
      wakeAll();
      for (const api of busy) void api.cancel();
    },
  };
  return pool;
}

/** The engine's `mergeResults` over options as the workers send them (metrics as plain arrays). */
function mergeOptions(lists: GeneratedOption[][], top: number): GeneratedOption[] {
  const back = new Map<GeneratedPlan, GeneratedOption>();
  const plans = lists.map((l) => l.map((o) => {
    const p: GeneratedPlan = { score: o.score, metrics: Float64Array.from(o.metrics), unitSystem: o.unitSystem };
    back.set(p, o);
    return p;
  }));
  return mergeResults(plans, top).map((p) => back.get(p)!);
}

function concatEnsembles(outcomes: GenerateOutcome[]): RunResult['ensemble'] {
  const es = outcomes.map((o) => o.ensemble).filter((e): e is NonNullable<GenerateOutcome['ensemble']> => !!e);
  if (!es.length) return null;
  const columns = es[0].columns.map((_, m) => {
    const out = new Float64Array(es.reduce((n, e) => n + e.columns[m].length, 0));
    let at = 0;
    for (const e of es) {
      out.set(e.columns[m], at);
      at += e.columns[m].length;
    }
    return out;
  });
  return { every: es[0].every, columns };
}
