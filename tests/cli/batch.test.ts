// Many scenarios in one call: one table or one JSON document for all, a bad file reported by name while the
// others still run, exit code 1 at the end.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { csvObjects, footprints, jsonErrors, tempDir } from './run.ts';
import { rawCcgPopulation } from '../engine/helpers/real.ts';

const dir = tempDir();
const run = (...args: string[]) => footprints(args, { cwd: dir });
const BAD_CSV = 'ccg_code,system_name\nE38000001,A\nE3800XXXX,B\n';

beforeAll(async () => {
  // Two good files of different kinds, made by the command itself from two baselines, and one bad CSV.
  expect((await run('export', 'baseline:ccg-2020', '--format', 'scenario', '-o', 'ccg2020.json')).code).toBe(0);
  expect((await run('export', 'baseline:ccg-2021', '--level', 'units', '--format', 'csv', '-o', 'ccg2021.csv')).code).toBe(0);
  writeFileSync(join(dir, 'bad.csv'), BAD_CSV);
}, 120_000);

describe('footprints over many files in one call', { timeout: 60_000 }, () => {
  it('evaluate --format csv: one table with a scenario column; the bad file named on stderr; exit 1', async () => {
    const r = await run('evaluate', 'ccg2020.json', 'bad.csv', 'ccg2021.csv', 'baseline:stp-2019', '--format', 'csv');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('footprints: bad.csv: line 3: no CCG matches "E3800XXXX"\n');
    const rows = csvObjects(r.stdout);
    expect(r.stdout.split('\r\n')[0].startsWith('scenario,level,id,name,population')).toBe(true);
    expect([...new Set(rows.map((x) => x.scenario))]).toEqual(['ccg2020.json', 'ccg2021.csv', 'baseline:stp-2019']);
    const orgs = (s: string) => Number(rows.find((x) => x.scenario === s && x.level === 'england')!.organisation_count);
    expect([orgs('ccg2020.json'), orgs('ccg2021.csv'), orgs('baseline:stp-2019')]).toEqual([135, 106, 191]);
    for (const s of ['ccg2020.json', 'ccg2021.csv', 'baseline:stp-2019']) {
      expect(rows.filter((x) => x.scenario === s && x.level === 'system')).toHaveLength(42);
      expect(Number(rows.find((x) => x.scenario === s && x.level === 'england')!.population)).toBe(55_977_178);
    }
  });

  it('evaluate --format jsonl: one object per line with its input; errors as JSON objects', async () => {
    const r = await run('evaluate', 'bad.csv', 'ccg2021.csv', 'missing.json', 'ccg2020.json', '--format', 'jsonl');
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.input)).toEqual(['ccg2021.csv', 'ccg2020.json']);
    expect(lines.map((l) => l.summary.organisations)).toEqual([106, 135]);
    expect(jsonErrors(r.stderr)).toEqual([
      { file: 'bad.csv', line: 3, message: 'no CCG matches "E3800XXXX"', code: 'bad-file' },
      { file: 'missing.json', message: 'cannot read missing.json: no such file or folder', code: 'ENOENT' },
    ]);
  });

  it('evaluate --format json with several inputs: an array with input members, the same shape when some fail', async () => {
    const r = await run('evaluate', 'ccg2020.json', 'bad.csv');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(Array.isArray(doc)).toBe(true);
    expect(doc.map((d: { input: string }) => d.input)).toEqual(['ccg2020.json']);
  });

  it('all inputs bad: nothing on stdout, every file named, exit 1', async () => {
    const r = await run('evaluate', 'bad.csv', 'nothing.csv', '--format', 'csv');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      'footprints: bad.csv: line 3: no CCG matches "E3800XXXX"',
      'footprints: cannot read nothing.csv: no such file or folder',
    ]);
  });

  it('compare --against baseline: each file against the reference, one CSV table; Bassetlaw with its raw population', async () => {
    const r = await run('compare', '--against', 'baseline:stp-2019', 'baseline:icb-2022', 'bad.csv', 'ccg2021.csv', '--format', 'csv');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('footprints: bad.csv: line 3: no CCG matches "E3800XXXX"\n');
    const rows = csvObjects(r.stdout);
    expect([...new Set(rows.map((x) => x.scenario))]).toEqual(['baseline:icb-2022', 'ccg2021.csv']);
    const bassetlaw = rows.find((x) => x.scenario === 'baseline:icb-2022' && x.row === 'ccg-system' && x.ccg_code === 'E38000008')!;
    expect(Number(bassetlaw.population_a)).toBe(rawCcgPopulation().get('E38000008'));
    const summary = rows.find((x) => x.scenario === 'ccg2021.csv' && x.row === 'scenario')!;
    expect([Number(summary.organisations_a), Number(summary.organisations_b)]).toEqual([191, 106]);
    // The engine's rows are kept as written: a negative delta is still a number, not a guarded text cell.
    expect(summary.organisations_delta).toBe('-85');
    expect(r.stdout).not.toMatch(/,'-\d/);
  });

  it('compare --against with a bad reference stops at once, exit 1', async () => {
    const r = await run('compare', '--against', 'bad.csv', 'ccg2021.csv', 'ccg2020.json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('footprints: bad.csv: line 3: no CCG matches "E3800XXXX"\n');
  });

  it('export -o FOLDER: one file per good input, named after it; the bad one reported; exit 1', async () => {
    const r = await run('export', 'ccg2020.json', 'bad.csv', 'baseline:icb-2022', 'ccg2021.csv', '--level', 'systems', '-o', 'maps');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('footprints: bad.csv: line 3: no CCG matches "E3800XXXX"\n');
    expect(readdirSync(join(dir, 'maps')).sort()).toEqual(['ccg2020.systems.geojson', 'ccg2021.systems.geojson', 'icb-2022.systems.geojson']);
    const icb = JSON.parse(readFileSync(join(dir, 'maps', 'icb-2022.systems.geojson'), 'utf8'));
    expect(icb.features).toHaveLength(42);
    const total = icb.features.reduce((t: number, f: { properties: { population: number } }) => t + f.properties.population, 0);
    expect(total).toBe(55_977_178);
  });

  it('export --format csv of units to a folder, then import them all back to another folder', async () => {
    const e = await run('export', 'baseline:ccg-2020', 'baseline:icb-2022', '--level', 'units', '--format', 'csv', '-o', 'units/');
    expect(e.code).toBe(0);
    expect(readdirSync(join(dir, 'units')).sort()).toEqual(['ccg-2020.units.csv', 'icb-2022.units.csv']);
    const i = await run('import', 'units/ccg-2020.units.csv', 'units/icb-2022.units.csv', '-o', 'scenarios');
    expect(i.code).toBe(0);
    expect(i.stderr).toBe('');
    const imported = JSON.parse(readFileSync(join(dir, 'scenarios', 'ccg-2020.units.scenario.json'), 'utf8'));
    expect(imported.organisations).toHaveLength(135);
  });

  it('two inputs that would be written to the same file: usage error before anything is written, exit 2', async () => {
    const r = await run('export', 'ccg2020.json', 'sub/ccg2020.csv', '--format', 'scenario', '-o', 'clash');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ccg2020\.json and sub\/ccg2020\.csv would both be written to clash\/ccg2020\.scenario\.json/);
    expect(() => readdirSync(join(dir, 'clash'))).toThrow();
  });
});
