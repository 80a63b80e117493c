// `footprints generate` as an analyst runs it: the real command in a child process. A range of system counts
// end to end (--systems), bad values as usage errors (exit 2, one line, JSON with --errors json), a scenario the
// range does not fit as bad input (exit 1), and Ctrl+C writing the best plan so far (exit 130).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, csvObjects, footprints, jsonErrors, tempDir, type Result } from './run.ts';

const dir = tempDir();
const run = (...args: string[]) => footprints(args, { cwd: dir });
const read = <T>(file: string): T => JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;

describe('footprints generate', { timeout: 120_000 }, () => {
  it('--systems MIN-MAX: plans and the ensemble keep the count inside the range, and it varies', async () => {
    const r = await run('generate', 'baseline:stp-2019', '--steps', '4000', '--seed', '3', '--systems', '40-44', '--top', '2',
      '-o', 'range.json', '--ensemble', 'range.csv', '--every', '20');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [header, ...rows] = r.stdout.trim().split('\n').map((l) => l.split('\t'));
    expect(header.at(-1)).toBe('systems');
    expect(rows).toHaveLength(2);
    for (const [k, file] of ['range.json', 'range-2.json'].entries()) {
      const s = read<{ systems: { id: string; units: string[] }[] }>(file);
      expect(s.systems.length).toBe(Number(rows[k].at(-1)));
      expect(s.systems.length).toBeGreaterThanOrEqual(40);
      expect(s.systems.length).toBeLessThanOrEqual(44);
      expect(s.systems.reduce((a, g) => a + g.units.length, 0)).toBe(191);
    }
    const counts = csvObjects(readFileSync(join(dir, 'range.csv'), 'utf8')).map((row) => Number(row.systems));
    expect(counts).toHaveLength(200);
    expect(counts.every((c) => c >= 40 && c <= 44)).toBe(true);
    expect(new Set(counts).size).toBeGreaterThan(1);
  });

  it('a bad --systems is a usage error: one line, exit 2, nothing written; JSON with --errors json', async () => {
    const r = await run('generate', 'baseline:stp-2019', '--steps', '10', '--seed', '1', '--systems', 'many', '-o', 'bad.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('footprints: --systems must be N or MIN-MAX, whole numbers of systems such as 40-44, not "many" (see footprints generate --help)\n');
    expect(existsSync(join(dir, 'bad.json'))).toBe(false);
    const j = await run('generate', 'baseline:stp-2019', '--steps', '10', '--seed', '1', '--systems', '9-3', '-o', 'bad.json', '--errors', 'json');
    expect(j.code).toBe(2);
    expect(jsonErrors(j.stderr)).toEqual([{ message: '--systems: 9-3 is not a range of system counts (1 ≤ MIN ≤ MAX)', code: 'usage' }]);
    const steps = await run('generate', 'baseline:stp-2019', '--seed', '1', '-o', 'bad.json');
    expect(steps.code).toBe(2);
    expect(steps.stderr).toBe('footprints: --steps is required (see footprints generate --help)\n');
  });

  it('a scenario whose count is outside the range is bad input: one line naming both, exit 1', async () => {
    const r = await run('generate', 'baseline:stp-2019', '--steps', '10', '--seed', '1', '--systems', '30-40', '-o', 'out.json');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('footprints: baseline:stp-2019: --systems: the scenario has 42 systems, outside the range 30–40 asked for\n');
    expect(existsSync(join(dir, 'out.json'))).toBe(false);
    const j = await run('generate', 'baseline:stp-2019', '--steps', '10', '--seed', '1', '--systems', '30-40', '-o', 'out.json', '--format', 'json');
    expect(jsonErrors(j.stderr)).toEqual([{ field: 'systemCount', message: 'baseline:stp-2019: --systems: the scenario has 42 systems, outside the range 30–40 asked for', code: 'invalid-argument' }]);
  });

  it('Ctrl+C writes the best plan so far and exits 130', async () => {
    const child = spawn(process.execPath, [BIN, 'generate', 'baseline:stp-2019', '--steps', '100000000', '--seed', '2', '-o', 'stopped.json', '--verbose'],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    const result = await new Promise<Result>((resolve, reject) => {
      let stdout = '';
      let stderr = '';
      let sent = false;
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
        // The first progress line: the chains are running.
        if (!sent && /steps\/s/.test(stderr)) {
          sent = true;
          child.kill('SIGINT');
        }
      });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/^footprints: interrupted; writing the best plans so far$/m);
    expect(read<{ systems: unknown[] }>('stopped.json').systems).toHaveLength(42);
    expect(result.stdout).toMatch(/^rank\tscore/);
  });
});
