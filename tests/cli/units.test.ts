// `--units`, `convert` and `baselines --units` through the real command. The LSOA descriptor is 22 MB, so the
// commands that need it run once each in beforeAll (two at a time) and the tests read their results.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { footprints, tempDir, type Result } from './run.ts';
import { readRawCsv } from '../engine/helpers/real.ts';
import { canonicalScenario, type ScenarioV1 } from '../../engine/scenario.ts';

const LOOKUP19 = 'lookups/Lower_Layer_Super_Output_Area_(2011)_to_Clinical_Commissioning_Group_to_Local_Authority_District_(April_2019)_Lookup_in_England.csv';
const LOOKUP21 = 'lookups/Lower_Layer_Super_Output_Area_(2011)_to_Clinical_Commissioning_Group_to_Local_Authority_District_(April_2021)_Lookup_in_England.csv';
const SAPE = 'lsoa-population/derived/SAPE21DT11_mid-2018_LSOA_population_density.sheet4.csv';

/**
 * The people of each 2019 CCG that ICB 2022 put elsewhere, from the raw LSOA lookups and populations (issue 11):
 * three council pieces cut off in 2022 and the four Chichester LSOAs that went to Surrey Heartlands in 2020.
 */
function rawMovedParts(): Map<string, number> {
  const pop = new Map(readRawCsv(SAPE).filter((r) => r.Code.startsWith('E01')).map((r) => [r.Code, Number(r['Mid-2018 population'])]));
  const cut: Record<string, string> = { E38000144: 'E08000025', E38000182: 'E07000037', E38000026: 'E07000152' };
  const out = new Map<string, number>();
  const add = (ccg: string, lsoa: string) => out.set(ccg, (out.get(ccg) ?? 0) + pop.get(lsoa)!);
  for (const r of readRawCsv(LOOKUP19)) if (cut[r.CCG19CD] === r.LAD19CD) add(r.CCG19CD, r.LSOA11CD);
  const ccg19 = new Map(readRawCsv(LOOKUP19).map((r) => [r.LSOA11CD, r.CCG19CD]));
  for (const r of readRawCsv(LOOKUP21)) if (r.CCG21CD === 'E38000246' && ccg19.get(r.LSOA11CD) === 'E38000213') add('E38000213', r.LSOA11CD);
  return out;
}

const fmt = (n: number) => n.toLocaleString('en-GB');
const dir = tempDir();
const cli = (...args: string[]) => footprints(args, { cwd: dir });
const readJson = <T>(name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as T;

let moved: Map<string, number>;
let toLsoa: Result, strict: Result, exportLsoa: Result, generate: Result, back: Result;

beforeAll(async () => {
  moved = rawMovedParts();
  [toLsoa, strict] = await Promise.all([
    cli('convert', 'baseline:stp-2019', '--from', 'ccg-2019', '--units', 'lsoa-2011', '-o', 'stp-lsoa.json'),
    cli('convert', 'baseline:icb-2022', '--units', 'ccg-2019', '--strict', '-o', 'strict.json'),
  ]);
  [generate, exportLsoa] = await Promise.all([
    // The STP 2019 Humber system is in two pieces on the LSOAs (no estuary crossing): CCGs kept whole join them.
    cli('generate', 'stp-lsoa.json', '--units', 'lsoa-2011', '--keep-ccgs', '--steps', '30', '--seed', '3', '-o', 'generated.json'),
    cli('export', 'baseline:icb-2022', '--units', 'lsoa-2011', '--level', 'systems'),
  ]);
  back = await cli('convert', 'stp-lsoa.json', 'generated.json', 'baseline:icb-2022', '--units', 'ccg-2019', '-o', 'back/');
}, 600_000);

describe('footprints convert', () => {
  it('ccg-2019 → lsoa-2011 → ccg-2019 through files is the identity, with nothing to report', async () => {
    expect([toLsoa.code, toLsoa.stderr]).toEqual([0, '']);
    const lsoa = readJson<ScenarioV1>('stp-lsoa.json');
    expect(lsoa.unitSet).toBe('lsoa-2011');
    expect(lsoa.systems.reduce((a, s) => a + s.units.length, 0)).toBe(32_844);
    expect(back.code).toBe(0);
    expect(back.stderr).not.toMatch(/stp-lsoa\.json/);
    const again = readJson<ScenarioV1>('back/stp-lsoa.scenario.json');
    const original = (await cli('export', 'baseline:stp-2019', '--format', 'scenario')).stdout;
    const strip = (s: ScenarioV1) => canonicalScenario({ ...s, basedOn: undefined });
    expect(strip(again)).toEqual(strip(JSON.parse(original) as ScenarioV1));
  });

  it('ICB 2022 from the LSOAs to the CCGs reports the four split CCGs with the people on each side', () => {
    const lines = back.stderr.trim().split('\n').filter((l) => l.includes('baseline:icb-2022'));
    expect(lines).toHaveLength(4);
    for (const [ccg, people] of moved) {
      const line = lines.find((l) => l.includes(`(${ccg})`));
      expect(line, ccg).toContain(`${fmt(people)} in `);
    }
    expect(lines.find((l) => l.includes('E38000144'))).toContain(`${fmt(177_263)} in NHS Birmingham and Solihull Integrated Care Board`);
    expect(readJson<ScenarioV1>('back/icb-2022.scenario.json').unitSet).toBe('ccg-2019');
  });

  it('--strict refuses an inexact conversion with exit 1, naming every split unit, and writes nothing', () => {
    expect(strict.code).toBe(1);
    expect(strict.stderr.trim().split('\n')).toHaveLength(1);
    expect(strict.stderr).toContain('4 CCGs would be split');
    for (const ccg of moved.keys()) expect(strict.stderr).toContain(ccg);
    expect(existsSync(join(dir, 'strict.json'))).toBe(false);
  });

  it('a scenario on another unit set is refused with the convert command to run', async () => {
    const r = await cli('evaluate', 'stp-lsoa.json');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"lsoa-2011"');
    expect(r.stderr).toContain('footprints convert stp-lsoa.json --units ccg-2019');
  });
});

describe('--units on the other commands', () => {
  it('a bad --units is a usage error listing the unit sets', async () => {
    const r = await cli('evaluate', 'baseline:stp-2019', '--units', 'msoa-2011');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--units must be one of ccg-2019, ccg-district-2019, lsoa-2011');
  });

  it('evaluate on ccg-district-2019 gives Birmingham and Solihull its West Birmingham people', async () => {
    const [fine, coarse] = await Promise.all([cli('evaluate', 'baseline:icb-2022', '--units', 'ccg-district-2019'), cli('evaluate', 'baseline:icb-2022')]);
    const bsol = (r: Result) => (JSON.parse(r.stdout) as { systems: { id: string; population: number }[] }).systems.find((s) => s.id === 'E54000055')!.population;
    expect(bsol(fine) - bsol(coarse)).toBe(moved.get('E38000144'));
    const findings = (r: Result) => (JSON.parse(r.stdout) as { findings: { code: string; units: string[]; message: string }[] }).findings.filter((f) => f.code === 'baseline-not-exact');
    expect(findings(fine)).toEqual([]);
    const [f] = findings(coarse);
    expect(f.units.sort()).toEqual([...moved.keys()].sort());
    for (const people of moved.values()) expect(f.message).toContain(fmt(people));
  });

  it('baselines --units lists what exists there and, on ccg-2019, the splits of the inexact ones', async () => {
    const [coarse, fine] = await Promise.all([cli('baselines', '--format', 'json'), cli('baselines', '--units', 'ccg-district-2019', '--format', 'json')]);
    type Row = { id: string; exact: boolean; splits: { unit: string; parts: { population: number }[] }[] };
    const icb = (JSON.parse(coarse.stdout) as Row[]).find((b) => b.id === 'baseline:icb-2022')!;
    expect(icb.exact).toBe(false);
    expect(new Map(icb.splits.map((s) => [s.unit, s.parts[1].population]))).toEqual(moved);
    expect((JSON.parse(fine.stdout) as Row[]).every((b) => b.exact)).toBe(true);
    const text = await cli('baselines');
    expect(text.stdout).toMatch(/^baseline:icb-2022\t.*not exact on ccg-2019: 4 CCGs split$/m);
    expect(text.stdout).toContain(`${fmt(177_263)} in NHS Birmingham and Solihull Integrated Care Board`);
  });

  it('export --units lsoa-2011 keeps the flat properties; BSol has CCGs in part', () => {
    expect(exportLsoa.code).toBe(0);
    const fc = JSON.parse(exportLsoa.stdout) as { features: { properties: Record<string, unknown> }[] };
    const bsol = fc.features.find((f) => f.properties.id === 'E54000055')!.properties;
    expect(bsol.population).toBe(1_356_283);
    expect(bsol.ccg_count).toBe(2);
    expect(bsol.ccg_parts as number).toBeGreaterThanOrEqual(1);
  });

  it('generate --units lsoa-2011 --keep-ccgs runs and keeps every 2019 CCG whole', () => {
    expect(generate.code).toBe(0);
    expect(readJson<ScenarioV1>('generated.json').unitSet).toBe('lsoa-2011');
    // Converted back to the CCGs with no split reported: every CCG stayed in one system.
    expect(back.stderr).not.toMatch(/generated\.json/);
    expect(readJson<ScenarioV1>('back/generated.scenario.json').systems.reduce((a, s) => a + s.units.length, 0)).toBe(191);
  });
});
