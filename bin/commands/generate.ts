/**
 * `footprints generate SCENARIO --steps N --seed S -o best.json [options]`
 *
 * Runs K ReCom chains (engine/generate) in turns of short chunks, merges their best distinct plans and writes
 * the best as a scenario to -o (the next as best-2.json, … when --top > 1). A progress bar on stderr on a
 * terminal; elsewhere quiet like every command, progress lines with --verbose. Ctrl+C stops the chains and
 * writes the best plans so far (exit 130). Asynchronous: it yields between chunks so Ctrl+C is heard.
 */
import type { Command, Context } from '../command.ts';
import type { Geography } from '../../engine/geography.ts';
import { ScenarioError } from '../../engine/errors.ts';
import { METRICS, OBJECTIVES, type ObjectiveName, type Weights } from '../../engine/generate/objectives.ts';
import { createGeneration, generationResults, mergeResults, progressOf, runChain, type Generation } from '../../engine/generate/run.ts';
import { scenarioFromPlan } from '../../engine/generate/toScenario.ts';
import { keepWholeOf } from '../../engine/generate/graph.ts';
import { expectCount, oneOf, stringValue } from '../args.ts';
import { UsageError } from '../errors.ts';
import { readScenario } from '../inputs.ts';
import { writeFileAtomic } from '../io.ts';

/** What the command does to the world besides reading: files, standard output, the terminal and Ctrl+C. */
export interface GenerateIo {
  writeFile(path: string, text: string): void;
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  /** Calls `handler` on Ctrl+C until the returned function is called. */
  onInterrupt(handler: () => void): () => void;
}

const PROCESS_IO: GenerateIo = {
  writeFile: (path, text) => writeFileAtomic(path, text),
  stdout: process.stdout,
  stderr: process.stderr,
  onInterrupt: (h) => (process.on('SIGINT', h), () => process.off('SIGINT', h)),
};

/** Exit code after Ctrl+C (128 + SIGINT), as shells report an interrupted command. */
export const EXIT_INTERRUPTED = 130;

const CHUNK = 2000;

function wholeNumber(value: string | undefined, flag: string, min: number): number {
  if (value === undefined) throw new UsageError(`${flag} is required`);
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`${flag} must be a whole number ≥ ${min}, not "${value}"`);
  return Number(value);
}

function parseBand(value: string): { min: number; max: number } {
  const m = /^(\d+(?:_\d+)*)-(\d+(?:_\d+)*)$/.exec(value.replace(/,/g, '_'));
  if (!m) throw new UsageError(`--band must be MIN-MAX in persons, e.g. 400000-3500000, not "${value}"`);
  const [min, max] = [Number(m[1].replace(/_/g, '')), Number(m[2].replace(/_/g, ''))];
  if (min > max) throw new UsageError(`--band: ${min} is above ${max}`);
  return { min, max };
}

/** `--systems N` (fixed) or `MIN-MAX`; whether the scenario's count fits is the engine's rule, checked there. */
function parseSystems(value: string): { min: number; max: number } {
  const m = /^(\d+)(?:-(\d+))?$/.exec(value);
  if (!m) throw new UsageError(`--systems must be N or MIN-MAX, whole numbers of systems such as 40-44, not "${value}"`);
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : Number(m[2]);
  if (min < 1 || min > max) throw new UsageError(`--systems: ${value} is not a range of system counts (1 ≤ MIN ≤ MAX)`);
  return { min, max };
}

function parseObjectives(value: string): Weights {
  const out: Weights = {};
  for (const part of value.split(',')) {
    const [name, weight] = part.split('=');
    if (!(OBJECTIVES as readonly string[]).includes(name)) throw new UsageError(`--objective: unknown objective "${name}"; the objectives are ${OBJECTIVES.join(', ')}`);
    const w = weight === undefined ? 1 : Number(weight);
    if (!(Number.isFinite(w) && w >= 0) || weight === '') throw new UsageError(`--objective: weight of ${name} must be a number ≥ 0, not "${weight}"`);
    out[name as ObjectiveName] = w;
  }
  return out;
}

/** The units of each 2019 CCG, from the descriptor's `membership.ccg2019` (each unit's primary CCG). */
function ccgMembers(geo: Geography): number[][] {
  const members: number[][] = geo.bundle.ccg2019.code.map(() => []);
  geo.bundle.membership.ccg2019.primary.forEach((c, i) => members[c].push(i));
  return members;
}

/** `best.json` → `best-2.json` for the option ranked 2. */
const rankedPath = (path: string, rank: number) => (rank === 1 ? path : path.replace(/(\.[^./\\]*)?$/, (ext) => `-${rank}${ext}`));

/** The command line read and checked before any file is: a bad value is a usage error (exit 2). */
function options(ctx: Context) {
  const v = (name: string) => stringValue(ctx.values, name);
  expectCount(ctx.args, 1, 1, 'generate (one scenario: a file, - or baseline:NAME)');
  const output = v('output');
  if (output === undefined || output === '-') throw new UsageError('generate needs -o FILE for the best plan (a file: the plans are scenario files)');
  const format = oneOf(ctx.values.format, ['text', 'json'] as const, '--format', 'text');
  const steps = wholeNumber(v('steps'), '--steps', 1);
  const seed = wholeNumber(v('seed'), '--seed', 0);
  const chains = v('chains') === undefined ? 1 : wholeNumber(v('chains'), '--chains', 1);
  const top = v('top') === undefined ? 1 : wholeNumber(v('top'), '--top', 1);
  const burst = v('burst') === undefined ? undefined : wholeNumber(v('burst'), '--burst', 1);
  const objectives = parseObjectives(v('objective') ?? 'coterminosity');
  const ensemble = v('ensemble');
  if (v('every') !== undefined && ensemble === undefined) throw new UsageError('--every needs --ensemble FILE');
  const every = ensemble === undefined ? 0 : v('every') === undefined ? Math.max(1, Math.floor(steps / 10_000)) : wholeNumber(v('every'), '--every', 1);
  const band = v('band') === undefined ? undefined : parseBand(v('band')!);
  const systemCount = v('systems') === undefined ? undefined : parseSystems(v('systems')!);
  const lock = (v('lock') ?? '').split(',').filter((s) => s !== '');
  return { ref: ctx.args[0], output, format, steps, seed, chains, top, burst, objectives, ensemble, every, band, systemCount, lock };
}

export const generate: Command = {
  name: 'generate',
  summary: 'options drawn by ReCom chains under constraints, optimised toward objectives',
  help: `footprints generate SCENARIO --steps N --seed S -o BEST.json [options]

Runs ReCom chains (merge two neighbouring systems, draw a uniform spanning tree, cut it so both halves are in the
band) from SCENARIO, steered by short bursts toward the objectives, and writes the best plan to BEST.json (the
next ones to BEST-2.json, … with --top). Prints the ranked scores and metrics on standard output (--format text, a
tab-separated table, or json). A progress bar on standard error on a terminal (elsewhere lines with --verbose).
Ctrl+C writes the best plans so far (exit 130).

  --steps N                 steps per chain (required)
  --seed S                  seed of the random numbers: the same seed and options give the same plans (required)
  --band MIN-MAX            population band of every system, in persons (default: the scenario's band)
  --systems N | MIN-MAX     number of systems: fixed (default: the scenario's) or a range; with a range, merges
                            and splits in the band join ReCom's steps (SCENARIO's count must be inside it)
  --objective NAME[=W],…    objectives and weights: ${OBJECTIVES.join(', ')} (default coterminosity)
  --chains K                independent chains (default 1)
  --lock ID,…               systems never changed (besides those locked in the scenario)
  --top K                   how many distinct best plans to write (default 1)
  --burst B                 steps per burst before restarting from the best plan
  --keep-organisations      organisations are never split
  --keep-ccgs               the 2019 CCGs are never split (units finer than CCGs move only with their whole CCG)
  --within-regions          systems stay inside one NHS region
  --ensemble FILE.csv       also run a plain chain and write every n-th plan's metrics (--every N)

A bad option value is a usage error (exit 2); constraints SCENARIO cannot meet (a locked id it lacks, its number
of systems outside --systems) are bad input (exit 1).`,
  options: {
    steps: { type: 'string' },
    seed: { type: 'string' },
    band: { type: 'string' },
    systems: { type: 'string' },
    objective: { type: 'string' },
    chains: { type: 'string' },
    lock: { type: 'string' },
    top: { type: 'string' },
    burst: { type: 'string' },
    ensemble: { type: 'string' },
    every: { type: 'string' },
    'keep-organisations': { type: 'boolean' },
    'keep-ccgs': { type: 'boolean' },
    'within-regions': { type: 'boolean' },
  },
  run: (ctx) => runGenerate(ctx, PROCESS_IO),
};

/** The command with its effects given (tests pass files and Ctrl+C in memory). Returns 130 after Ctrl+C. */
export async function runGenerate(ctx: Context, io: GenerateIo): Promise<number | void> {
  const o = options(ctx);
  const geo = ctx.data.geography();
  const start = readScenario(ctx, o.ref);
  const band = o.band ?? start.settings.band;
  // Each unit's 2019 CCG (exactly one on every unit set: they all nest in the CCGs), kept whole by contraction.
  const keepWhole = ctx.values['keep-ccgs'] ? [keepWholeOf(geo.n, ccgMembers(geo))] : [];
  const runs: Generation[] = [];
  try {
    for (let c = 0; c < o.chains; c++) {
      runs.push(createGeneration(geo, start, {
        seed: o.seed, steps: o.steps, chain: c, band, lock: o.lock, objectives: o.objectives, top: o.top, burst: o.burst,
        ensembleEvery: o.every, systemCount: o.systemCount, keepWhole,
        keepOrganisations: !!ctx.values['keep-organisations'], withinRegions: !!ctx.values['within-regions'],
      }));
    }
  } catch (e) {
    // The engine names its own option; say it as the flag that was typed.
    if (e instanceof ScenarioError && e.path === 'systemCount') e.message = e.message.replace(/^systemCount/, `${o.ref}: --systems`);
    throw e;
  }

  let interrupted = false;
  const release = io.onInterrupt(() => (interrupted = true));
  const tty = !!io.stderr.isTTY;
  const t0 = performance.now();
  let lastLine = -Infinity;
  const total = o.steps * o.chains;
  const progress = (final: boolean) => {
    if (!tty && !ctx.report.verbose) return;
    const now = performance.now();
    if (!final && now - lastLine < (tty ? 100 : 2000)) return;
    lastLine = now;
    const done = runs.reduce((a, r) => a + r.steps, 0);
    const rate = done / Math.max((now - t0) / 1000, 1e-3);
    const best = Math.max(...runs.map((r) => progressOf(r).bestScore ?? -Infinity));
    const text = `${done.toLocaleString('en-GB')}/${total.toLocaleString('en-GB')} steps, ${Math.round(rate).toLocaleString('en-GB')} steps/s, best ${best.toFixed(4)}`;
    if (tty) {
      const width = 24;
      const filled = Math.round((done / total) * width);
      io.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}${final ? '\n' : ''}`);
    } else ctx.report.info(text);
  };
  try {
    while (!interrupted && runs.some((r) => r.steps < o.steps)) {
      for (const r of runs) runChain(r, CHUNK);
      progress(false);
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    release();
  }
  progress(true);
  if (interrupted) ctx.report.notice('interrupted; writing the best plans so far');

  const problem = runs[0].problem;
  const best = mergeResults(runs.map(generationResults), o.top);
  const files = best.map((p, r) => {
    const scenario = scenarioFromPlan(problem, p.unitSystem, {
      name: `${start.name} (generated, option ${r + 1})`,
      description: `footprints generate: seed ${o.seed}, ${o.steps} steps × ${o.chains} chain(s), band ${band.min}–${band.max}, ` +
        `${problem.systemCount.min === problem.systemCount.max ? `${problem.systemCount.min} systems` : `${problem.systemCount.min}–${problem.systemCount.max} systems`}, score ${p.score.toFixed(6)}`,
    });
    const file = rankedPath(o.output, r + 1);
    io.writeFile(file, JSON.stringify(scenario, null, 2) + '\n');
    return file;
  });
  if (o.format === 'json') {
    const optionsOut = best.map((p, r) => ({ rank: r + 1, file: files[r], score: p.score, metrics: Object.fromEntries(METRICS.map((m, j) => [m, p.metrics[j]])) }));
    io.stdout.write(JSON.stringify({ steps: runs.reduce((a, r) => a + r.steps, 0), interrupted, options: optionsOut }) + '\n');
  } else {
    const lines = [['rank', 'score', ...METRICS].join('\t'), ...best.map((p, r) => [r + 1, p.score.toFixed(6), ...Array.from(p.metrics, (m) => +m.toFixed(6))].join('\t'))];
    io.stdout.write(lines.join('\n') + '\n');
  }

  if (o.ensemble) {
    const rows = [['chain', 'step', ...METRICS].join(',')];
    runs.forEach((r, c) => {
      const e = r.plain?.ensemble;
      if (!e) return;
      for (let k = 0; k < e.count; k++) rows.push([c, e.steps[k], ...e.columns.map((col) => col[k])].join(','));
    });
    io.writeFile(o.ensemble, rows.join('\n') + '\n');
  }
  return interrupted ? EXIT_INTERRUPTED : undefined;
}
