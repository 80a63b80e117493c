/**
 * `footprints generate FILE|baseline:NAME --steps N --seed S [--band MIN-MAX] [--objective NAME[=WEIGHT],…]
 *   [--chains K] [--lock ID,…] [--top K] [--burst B] [--keep-organisations] [--within-regions]
 *   -o best.json [--ensemble metrics.csv [--every N]]`
 *
 * Runs K ReCom chains (engine/generate) in turns of short chunks, merges their best distinct plans and writes
 * the best as a scenario to -o (the next as best-2.json, … when --top > 1). A progress bar on stderr on a
 * terminal, plain lines otherwise. Ctrl+C stops the chains and writes the best plans so far.
 */
import { parseArgs } from 'node:util';
import type { Geography } from '../../engine/geography.ts';
import type { ScenarioV1 } from '../../engine/scenario.ts';
import { METRICS, OBJECTIVES, type ObjectiveName, type Weights } from '../../engine/generate/objectives.ts';
import { createGeneration, generationResults, mergeResults, progressOf, runChain, type Generation } from '../../engine/generate/run.ts';
import { scenarioFromPlan } from '../../engine/generate/toScenario.ts';
import { keepWholeOf } from '../../engine/generate/graph.ts';
import { UNIT_SETS } from '../../engine/bundle.ts';

export interface GenerateIo {
  /** The geography of a unit set (one of UNIT_SETS). */
  geography(unitSet: string): Geography;
  readScenario(geo: Geography, ref: string): ScenarioV1;
  writeFile(path: string, text: string): void;
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  /** Calls `handler` on Ctrl+C until the returned function is called. */
  onInterrupt(handler: () => void): () => void;
}

class OptionError extends Error {}

export const GENERATE_SUMMARY = 'options drawn by ReCom chains under constraints, optimised toward objectives';

const HELP = `footprints generate SCENARIO --steps N --seed S -o BEST.json [options]

Runs ReCom chains (merge two neighbouring systems, draw a uniform spanning tree, cut it so both halves are in the
band) from SCENARIO, steered by short bursts toward the objectives, and writes the best plan to BEST.json (the
next ones to BEST-2.json, … with --top). Prints the ranked scores and metrics on standard output; progress on
standard error (a bar on a terminal, plain lines otherwise). Ctrl+C writes the best plans so far (exit 130).

  --steps N                 steps per chain (required)
  --seed S                  seed of the random numbers: the same seed and options give the same plans (required)
  --band MIN-MAX            population band of every system, in persons (default: the scenario's band)
  --objective NAME[=W],…    objectives and weights: ${OBJECTIVES.join(', ')} (default coterminosity)
  --chains K                independent chains (default 1)
  --lock ID,…               systems never changed (besides those locked in the scenario)
  --top K                   how many distinct best plans to write (default 1)
  --burst B                 steps per burst before restarting from the best plan
  --units UNITSET           the unit set: ${UNIT_SETS.join(', ')} (default ${UNIT_SETS[0]}); SCENARIO must be on it
  --keep-organisations      organisations are never split
  --keep-ccgs               the 2019 CCGs are never split (units finer than CCGs move only with their whole CCG)
  --within-regions          systems stay inside one NHS region
  --ensemble FILE.csv       also run a plain chain and write every n-th plan's metrics (--every N)

Bad options get one line on standard error and exit code 1.`;

const CHUNK = 2000;

function wholeNumber(value: string | undefined, flag: string, min: number): number {
  if (value === undefined) throw new OptionError(`${flag} is required`);
  if (!/^\d+$/.test(value) || Number(value) < min) throw new OptionError(`${flag} must be a whole number ≥ ${min}, not "${value}"`);
  return Number(value);
}

function parseBand(value: string): { min: number; max: number } {
  const m = /^(\d+(?:_\d+)*)-(\d+(?:_\d+)*)$/.exec(value.replace(/,/g, '_'));
  if (!m) throw new OptionError(`--band must be MIN-MAX in persons, e.g. 400000-3500000, not "${value}"`);
  const [min, max] = [Number(m[1].replace(/_/g, '')), Number(m[2].replace(/_/g, ''))];
  if (min > max) throw new OptionError(`--band: ${min} is above ${max}`);
  return { min, max };
}

function parseObjectives(value: string): Weights {
  const out: Weights = {};
  for (const part of value.split(',')) {
    const [name, weight] = part.split('=');
    if (!(OBJECTIVES as readonly string[]).includes(name)) throw new OptionError(`--objective: unknown objective "${name}"; the objectives are ${OBJECTIVES.join(', ')}`);
    const w = weight === undefined ? 1 : Number(weight);
    if (!(Number.isFinite(w) && w >= 0) || weight === '') throw new OptionError(`--objective: weight of ${name} must be a number ≥ 0, not "${weight}"`);
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

export async function generateCommand(argv: string[], io: GenerateIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    io.stderr.write(`footprints: ${(e as Error).message}\n`);
    return 1;
  }
}

async function run(argv: string[], io: GenerateIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(HELP + '\n');
    return 0;
  }
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      steps: { type: 'string' },
      seed: { type: 'string' },
      band: { type: 'string' },
      objective: { type: 'string' },
      chains: { type: 'string' },
      lock: { type: 'string' },
      top: { type: 'string' },
      burst: { type: 'string' },
      output: { type: 'string', short: 'o' },
      ensemble: { type: 'string' },
      every: { type: 'string' },
      units: { type: 'string' },
      'keep-organisations': { type: 'boolean' },
      'keep-ccgs': { type: 'boolean' },
      'within-regions': { type: 'boolean' },
    },
  });
  if (positionals.length !== 1) throw new OptionError(`generate takes one scenario (a file or baseline:NAME), got ${positionals.length}`);
  const units = values.units ?? UNIT_SETS[0];
  if (!(UNIT_SETS as readonly string[]).includes(units)) throw new OptionError(`--units must be one of ${UNIT_SETS.join(', ')}, not "${units}"`);
  if (!values.output) throw new OptionError('generate needs -o FILE for the best plan');
  const steps = wholeNumber(values.steps, '--steps', 1);
  const seed = wholeNumber(values.seed, '--seed', 0);
  const chains = values.chains === undefined ? 1 : wholeNumber(values.chains, '--chains', 1);
  const top = values.top === undefined ? 1 : wholeNumber(values.top, '--top', 1);
  const burst = values.burst === undefined ? undefined : wholeNumber(values.burst, '--burst', 1);
  const objectives = parseObjectives(values.objective ?? 'coterminosity');
  const every = values.ensemble === undefined ? 0 : values.every === undefined ? Math.max(1, Math.floor(steps / 10_000)) : wholeNumber(values.every, '--every', 1);
  if (values.every !== undefined && values.ensemble === undefined) throw new OptionError('--every needs --ensemble FILE');

  const geo = io.geography(units);
  const start = io.readScenario(geo, positionals[0]);
  const band = values.band === undefined ? start.settings.band : parseBand(values.band);
  const lock = values.lock === undefined ? [] : values.lock.split(',').filter((s) => s !== '');
  // Each unit's 2019 CCG (exactly one on every unit set: they all nest in the CCGs), kept whole by contraction.
  const keepWhole = values['keep-ccgs'] ? [keepWholeOf(geo.n, ccgMembers(geo))] : [];
  const runs: Generation[] = [];
  for (let c = 0; c < chains; c++) {
    runs.push(createGeneration(geo, start, {
      seed, steps, chain: c, band, lock, objectives, top, burst, ensembleEvery: every,
      keepOrganisations: !!values['keep-organisations'], withinRegions: !!values['within-regions'], keepWhole,
    }));
  }

  let interrupted = false;
  const release = io.onInterrupt(() => (interrupted = true));
  const tty = !!io.stderr.isTTY;
  const t0 = performance.now();
  let lastLine = -Infinity;
  const report = (final: boolean) => {
    const now = performance.now();
    if (!final && now - lastLine < (tty ? 100 : 2000)) return;
    lastLine = now;
    const done = runs.reduce((a, r) => a + r.steps, 0);
    const total = steps * chains;
    const rate = done / Math.max((now - t0) / 1000, 1e-3);
    const best = Math.max(...runs.map((r) => progressOf(r).bestScore ?? -Infinity));
    const text = `${done.toLocaleString('en-GB')}/${total.toLocaleString('en-GB')} steps, ${Math.round(rate).toLocaleString('en-GB')} steps/s, best ${best.toFixed(4)}`;
    if (tty) {
      const width = 24;
      const filled = Math.round((done / total) * width);
      io.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}${final ? '\n' : ''}`);
    } else io.stderr.write(`${text}\n`);
  };
  try {
    while (!interrupted && runs.some((r) => r.steps < steps)) {
      for (const r of runs) runChain(r, CHUNK);
      report(false);
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    release();
  }
  report(true);
  if (interrupted) io.stderr.write('footprints: interrupted; writing the best plans so far\n');

  const problem = runs[0].problem;
  const best = mergeResults(runs.map(generationResults), top);
  best.forEach((p, r) => {
    const scenario = scenarioFromPlan(problem, p.unitSystem, {
      name: `${start.name} (generated, option ${r + 1})`,
      description: `footprints generate: seed ${seed}, ${steps} steps × ${chains} chain(s), band ${band.min}–${band.max}, score ${p.score.toFixed(6)}`,
    });
    io.writeFile(rankedPath(values.output!, r + 1), JSON.stringify(scenario, null, 2) + '\n');
  });
  const lines = [['rank', 'score', ...METRICS].join('\t'), ...best.map((p, r) => [r + 1, p.score.toFixed(6), ...Array.from(p.metrics, (m) => +m.toFixed(6))].join('\t'))];
  io.stdout.write(lines.join('\n') + '\n');

  if (values.ensemble) {
    const rows = [['chain', 'step', ...METRICS].join(',')];
    runs.forEach((r, c) => {
      const e = r.plain?.ensemble;
      if (!e) return;
      for (let k = 0; k < e.count; k++) rows.push([c, e.steps[k], ...e.columns.map((col) => col[k])].join(','));
    });
    io.writeFile(values.ensemble, rows.join('\n') + '\n');
  }
  return interrupted ? 130 : 0;
}
