// The conventions analysts expect of a command: --version, --help for every command, - for standard input and
// output, quiet unless --verbose, documented exit codes, and errors as JSON for scripts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { footprints, jsonErrors, tempDir } from './run.ts';
import { loadBundle } from '../../geodata/load.ts';
import { REPO_ROOT } from '../../geodata/paths.ts';

const dir = tempDir();
const run = (...args: string[]) => footprints(args, { cwd: dir });
const COMMANDS = ['evaluate', 'compare', 'export', 'import', 'baselines', 'generate'];

describe('footprints conventions', { timeout: 60_000 }, () => {
  it('--version gives the package version and the inputs hash of the built bundle', async () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    const { inputsHash } = loadBundle();
    const r = await run('--version');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`footprints ${pkg.version} (bundle inputs ${inputsHash})\n`);
    const j = await run('--version', '--format', 'json');
    expect(JSON.parse(j.stdout)).toEqual({ version: pkg.version, bundleInputsHash: inputsHash });
  });

  it('--help lists every command; exit 0 on stdout', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c} +\\S`, 'm'));
    expect(r.stdout).toMatch(/Exit codes: 0 ok; 1 bad input/);
  });

  for (const c of COMMANDS) {
    it(`${c} --help and help ${c} print its usage and the common options, exit 0, without reading the bundle`, async () => {
      const r = await run(c, '--help');
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout.startsWith(`footprints ${c} `)).toBe(true);
      expect(r.stdout).toMatch(/--verbose/);
      expect(r.stdout).toMatch(/-o, --output FILE/);
      expect((await run('help', c)).stdout).toBe(r.stdout);
      // With --verbose, loading the bundle would say so.
      expect((await run(c, '--help', '--verbose')).stderr).toBe('');
    });
  }

  it('reads a scenario from standard input (JSON and CSV) and writes to standard output with -o -', async () => {
    const scenario = await run('export', 'baseline:ccg-2021', '--format', 'scenario', '-o', '-');
    expect(scenario.code).toBe(0);
    const fromJson = await footprints(['evaluate', '-'], { cwd: dir, input: scenario.stdout });
    expect(fromJson.code).toBe(0);
    expect(JSON.parse(fromJson.stdout).summary.organisations).toBe(106);

    const units = await run('export', 'baseline:ccg-2020', '--level', 'units', '--format', 'csv');
    const fromCsv = await footprints(['import', '-'], { cwd: dir, input: units.stdout });
    expect(fromCsv.code).toBe(0);
    expect(JSON.parse(fromCsv.stdout).organisations).toHaveLength(135);

    const bad = await footprints(['evaluate', '-'], { cwd: dir, input: '{"schema": \n' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('footprints: standard input: line 2, column 1: malformed JSON: unexpected end of input\n');
  });

  it('quiet by default: nothing on stderr when all goes well; --verbose says what it did', async () => {
    const quiet = await run('evaluate', 'baseline:stp-2019', '--format', 'csv');
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    const loud = await run('evaluate', 'baseline:stp-2019', '--format', 'csv', '--verbose');
    expect(loud.code).toBe(0);
    expect(loud.stdout).toBe(quiet.stdout);
    expect(loud.stderr).toMatch(/^footprints: bundle current/m);
    expect(loud.stderr).toMatch(/^footprints: baseline:stp-2019: done$/m);
  });

  it('--format json errors: one JSON object per problem with file, line, field, message and code', async () => {
    const r = await footprints(['evaluate', '-', '--format', 'json'], {
      cwd: dir,
      input: JSON.stringify({ schema: 'footprints/scenario@1', unitSet: 'ccg-2019', name: 'x', systems: 'none' }),
    });
    expect(r.code).toBe(1);
    const errors = jsonErrors(r.stderr);
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      expect(e.file).toBe('-');
      expect(e.code).toBe('invalid-scenario');
      expect(typeof e.message).toBe('string');
    }
    expect(errors.some((e) => e.field === 'systems')).toBe(true);

    const usage = await run('evaluate', '--format', 'json', '--colour');
    expect(usage.code).toBe(2);
    expect(jsonErrors(usage.stderr)).toEqual([{ message: "Unknown option '--colour'.", code: 'usage' }]);

    // --errors json for commands whose output is not JSON.
    const geojson = await run('export', 'nope.json', '--level', 'systems', '--errors', 'json');
    expect(jsonErrors(geojson.stderr)).toEqual([{ file: 'nope.json', message: 'cannot read nope.json: no such file or folder', code: 'ENOENT' }]);
  });

  it('exit codes: 0 ok, 1 bad input, 2 usage', async () => {
    expect((await run('baselines')).code).toBe(0);
    expect((await run('evaluate', 'baseline:nope')).code).toBe(1);
    expect((await run('baselines', 'extra')).code).toBe(2);
    expect((await run('evaluate', '--level')).code).toBe(2);
  });
});
