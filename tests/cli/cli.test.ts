// The `footprints` command as an analyst runs it: a child process on the real bundle, stdout, stderr, exit code.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseCsvRows } from '../../engine/io/csvRows.ts';
import { rawCcgPopulation, readRawCsv, STP_LOOKUP } from '../engine/helpers/real.ts';

const BIN = fileURLToPath(new URL('../../bin/footprints.mjs', import.meta.url));
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'footprints-cli-'));

async function footprints(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: dir, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const csv = (text: string) => {
  const [header, ...rows] = parseCsvRows(text).map((r) => r.fields);
  return rows.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k]])));
};

/** STP populations recomputed from the raw ONS lookup and population files. */
function rawStpPopulations(): Map<string, number> {
  const pop = rawCcgPopulation();
  const out = new Map<string, number>();
  for (const r of readRawCsv(STP_LOOKUP)) out.set(r.STP19CD, (out.get(r.STP19CD) ?? 0) + pop.get(r.CCG19CD)!);
  return out;
}

describe('footprints CLI', { timeout: 60_000 }, () => {
  it('baselines lists the seven baselines', async () => {
    const r = await footprints('baselines');
    expect(r.code).toBe(0);
    // One line per baseline; the units an inexact baseline splits follow it, indented (tests/cli/units.test.ts).
    const ids = r.stdout.trim().split('\n').filter((l) => !l.startsWith(' ')).map((l) => l.split('\t')[0]);
    expect(ids).toEqual(['baseline:stp-2019', 'baseline:ccg-2020', 'baseline:ccg-2021', 'baseline:one-ccg-per-ics', 'baseline:icb-2022', 'baseline:regions', 'baseline:regions-2022']);
  });

  it('evaluate --format json gives the 42 STP populations of the raw files, summary and findings', async () => {
    const r = await footprints('evaluate', 'baseline:stp-2019');
    expect(r.code).toBe(0);
    const ev = JSON.parse(r.stdout);
    const expected = rawStpPopulations();
    expect(ev.systems).toHaveLength(42);
    for (const s of ev.systems) expect(s.population).toBe(expected.get(s.id));
    expect(ev.summary.englandTotal).toBe(55_977_178);
    expect(ev.summary.organisations).toBe(191);
    expect(ev.findings.some((f: { code: string }) => f.code === 'several-organisations-no-reason')).toBe(true);
    expect(ev.systems[0].members).toBeUndefined();
  });

  it('evaluate --format csv has a row per group and an England row', async () => {
    const r = await footprints('evaluate', 'baseline:ccg-2021', '--format', 'csv');
    expect(r.code).toBe(0);
    const rows = csv(r.stdout);
    expect(rows.filter((x) => x.level === 'system')).toHaveLength(42);
    expect(rows.filter((x) => x.level === 'organisation')).toHaveLength(106);
    const england = rows.find((x) => x.level === 'england')!;
    expect(Number(england.population)).toBe(55_977_178);
    expect(Number(england.organisation_count)).toBe(106);
  });

  it('export --level systems writes RFC 7946 GeoJSON with one feature per system to -o', async () => {
    const out = join(dir, 'icb.geojson');
    const r = await footprints('export', 'baseline:icb-2022', '--level', 'systems', '-o', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const fc = JSON.parse(readFileSync(out, 'utf8'));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.crs).toBeUndefined();
    expect(fc.features).toHaveLength(42);
    const total = fc.features.reduce((t: number, f: { properties: { population: number } }) => t + f.properties.population, 0);
    expect(total).toBe(55_977_178);
  });

  it('export units CSV → import → export scenario gives back the same systems and organisations', async () => {
    const assignments = join(dir, 'units.csv');
    expect((await footprints('export', 'baseline:ccg-2020', '--level', 'units', '--format', 'csv', '-o', assignments)).code).toBe(0);
    const imported = await footprints('import', assignments);
    expect(imported.code).toBe(0);
    const original = await footprints('export', 'baseline:ccg-2020', '--format', 'scenario');
    const key = (s: { systems: { units: string[] }[]; organisations: { units: string[] }[] }) => ({
      systems: s.systems.map((g) => [...g.units].sort().join(',')).sort(),
      organisations: s.organisations.map((g) => [...g.units].sort().join(',')).sort(),
    });
    expect(key(JSON.parse(imported.stdout))).toEqual(key(JSON.parse(original.stdout)));
    expect(JSON.parse(imported.stdout).organisations).toHaveLength(135);
  });

  it('compare names Bassetlaw with its raw population, in JSON and CSV', async () => {
    const pop = rawCcgPopulation().get('E38000008');
    const j = await footprints('compare', 'baseline:stp-2019', 'baseline:icb-2022');
    expect(j.code).toBe(0);
    const c = JSON.parse(j.stdout);
    expect(c.systems.moved.find((m: { unit: string }) => m.unit === 'E38000008').population).toBe(pop);
    const k = await footprints('compare', 'baseline:stp-2019', 'baseline:icb-2022', '--format', 'csv');
    const row = csv(k.stdout).find((x) => x.row === 'ccg-system' && x.ccg_code === 'E38000008')!;
    expect(Number(row.population_a)).toBe(pop);
  });

  describe('bad input: one line on stderr naming the problem, exit 1, no stack', () => {
    const cases: [string, string[], RegExp][] = [
      ['unknown baseline', ['evaluate', 'baseline:nope'], /unknown baseline "nope"/],
      ['missing file', ['evaluate', 'missing.json'], /^footprints: cannot read missing\.json: no such file or folder\n$/],
      ['a folder as a scenario', ['evaluate', '.'], /^footprints: cannot read \.: it is a folder, not a file\n$/],
      ['bad CSV line', ['import', 'bad.csv'], /bad\.csv: line 3: no CCG matches "E3800XXXX"/],
      ['malformed JSON', ['evaluate', 'broken.json'], /broken\.json: line 2, column 1: malformed JSON/],
      ['newer schema', ['evaluate', 'v2.json'], /schema: scenario format version 2 is not supported/],
    ];
    writeFileSync(join(dir, 'bad.csv'), 'ccg_code,system_name\nE38000001,A\nE3800XXXX,B\n');
    writeFileSync(join(dir, 'broken.json'), '{"schema": \n');
    writeFileSync(join(dir, 'v2.json'), '{"schema": "footprints/scenario@2"}');
    for (const [label, args, message] of cases) {
      it(label, async () => {
        const r = await footprints(...args);
        expect(r.code).toBe(1);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(message);
        expect(r.stderr).not.toMatch(/\n\s+at /);
        expect(r.stderr).not.toMatch(/internal error/);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
      });
    }
  });

  describe('usage errors: one line on stderr, exit 2, nothing read or written', () => {
    const cases: [string, string[], RegExp][] = [
      ['unknown level', ['export', 'baseline:stp-2019', '--level', 'wards'], /--level must be one of/],
      ['unknown command', ['frobnicate'], /unknown command "frobnicate"/],
      ['unknown flag', ['evaluate', 'baseline:stp-2019', '--colour'], /Unknown option '--colour'\. \(see footprints evaluate --help\)\n$/],
      ['no scenario', ['evaluate'], /evaluate: expected at least 1 argument, got 0/],
      ['compare with one scenario', ['compare', 'baseline:stp-2019'], /compare \(or give --against REFERENCE\): expected 2 arguments, got 1/],
      ['unknown format', ['evaluate', 'baseline:stp-2019', '--format', 'xml'], /--format must be one of json, jsonl, csv, not "xml"/],
      ['standard input twice', ['evaluate', '-', '-'], /- \(standard input\) can be given only once/],
      ['several exports to standard output', ['export', 'baseline:stp-2019', 'baseline:icb-2022', '--level', 'systems'], /give -o FOLDER/],
      ['option before the command', ['--verbose', 'baselines'], /give a command before options/],
    ];
    for (const [label, args, message] of cases) {
      it(label, async () => {
        const r = await footprints(...args);
        expect(r.code).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(message);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
      });
    }
  });
});
