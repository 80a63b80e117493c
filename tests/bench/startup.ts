/**
 * Start-up of the `footprints` command, as an analyst's script meets it: the whole process (spawn to exit), median
 * over interleaved runs beside `node -e 0` on the same machine at the same moment, and, in process, what the
 * command spends before its own work: the bundle stamp check, reading and parsing bundle.json, and
 * Geography.fromBundle. Budget (issue 14): ≤ 300 ms median for `footprints baselines` and
 * `footprints evaluate baseline:stp-2019` with the bundle built.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle } from '../../engine/bundle.ts';
import { Geography } from '../../engine/geography.ts';
import { bundleIsCurrent } from '../../geodata/current.ts';
import { BUNDLE_FILE, DIST_DIR, REPO_ROOT } from '../../geodata/paths.ts';
import type { BenchRow } from './row.ts';

export type StartupRow = BenchRow;

export const STARTUP_BUDGET_MS = 300;

const quantiles = (t: number[]) => {
  const s = [...t].sort((a, b) => a - b);
  return { median: s[Math.floor((s.length - 1) / 2)], p95: s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)] };
};

/**
 * CPU time (user + system, ms) of the children this process has waited for, from /proc/self/stat (cutime and
 * cstime, in clock ticks of 10 ms); null off Linux. Unlike wall time it hardly grows when other work shares the
 * cores, so it tells the command's cost on a busy machine.
 */
function childrenCpuMs(): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After "pid (comm) ", field 3 (state) is index 0, so cutime (16) and cstime (17) are at 13 and 14.
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

function wholeProcess(args: string[]): { ms: number; cpuMs: number | null } {
  const c0 = childrenCpuMs();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 << 20 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited with ${r.status}: ${r.stderr.toString().trim()}`);
  const c1 = childrenCpuMs();
  return { ms, cpuMs: c0 === null || c1 === null ? null : c1 - c0 };
}

function inProcess(runs: number, fn: () => void): number[] {
  const t: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = process.hrtime.bigint();
    fn();
    t.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return t;
}

export function measureStartup(runs = 21): StartupRow[] {
  const bin = join(REPO_ROOT, 'bin', 'footprints.mjs');
  const cases = [
    { name: 'node -e 0 (the floor)', args: ['-e', '0'], budgeted: false },
    { name: 'footprints baselines (whole process)', args: [bin, 'baselines'], budgeted: true },
    { name: 'footprints evaluate baseline:stp-2019 (whole process)', args: [bin, 'evaluate', 'baseline:stp-2019'], budgeted: true },
  ];
  // Warm-up: compiles dist/cli.mjs and writes the bundle stamp if either is missing, fills the file cache.
  for (let k = 0; k < 2; k++) for (const c of cases) wholeProcess(c.args);
  const times = cases.map(() => [] as number[]);
  const cpu = cases.map(() => [] as number[]);
  // Interleaved, so a burst of load from elsewhere falls on every case alike.
  for (let k = 0; k < runs; k++) {
    cases.forEach((c, i) => {
      const r = wholeProcess(c.args);
      times[i].push(r.ms);
      if (r.cpuMs !== null) cpu[i].push(r.cpuMs);
    });
  }

  const rows: StartupRow[] = cases.map((c, i) => {
    const q = quantiles(times[i]);
    return {
      name: c.name,
      runs,
      medianMs: q.median,
      p95Ms: q.p95,
      budget: c.budgeted ? `≤ ${STARTUP_BUDGET_MS} ms median` : 'comparison',
      pass: c.budgeted ? q.median <= STARTUP_BUDGET_MS : null,
    };
  });

  // The command's own share: each run minus the `node -e 0` of the same round, so machine load mostly cancels.
  for (const i of [1, 2]) {
    const q = quantiles(times[i].map((t, k) => t - times[0][k]));
    rows.push({ name: `  ${cases[i].name.replace(' (whole process)', '')} minus node -e 0 (paired)`, runs, medianMs: q.median, p95Ms: q.p95, budget: 'breakdown', pass: null });
  }

  cases.forEach((c, i) => {
    if (cpu[i].length === 0) return;
    const q = quantiles(cpu[i]);
    rows.push({ name: `  ${c.name.replace(' (whole process)', '')}: CPU time, user + system`, runs, medianMs: q.median, p95Ms: q.p95, budget: 'breakdown', pass: null });
  });

  let bundle: Bundle | undefined;
  const parts: [string, () => void][] = [
    ['  in process: bundle stamp check (stat of every input)', () => void bundleIsCurrent()],
    ['  in process: read and parse bundle.json', () => void (bundle = JSON.parse(readFileSync(join(DIST_DIR, BUNDLE_FILE), 'utf8')) as Bundle)],
    ['  in process: Geography.fromBundle', () => void Geography.fromBundle(bundle!)],
  ];
  for (const [name, fn] of parts) {
    const q = quantiles(inProcess(runs, fn));
    rows.push({ name, runs, medianMs: q.median, p95Ms: q.p95, budget: 'breakdown', pass: null });
  }
  return rows;
}
