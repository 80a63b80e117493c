/** The build fails loudly: tampered raw inputs and tampered bundles are refused with the offending codes named. */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle } from '../../engine/bundle.ts';
import { build } from '../../geodata/build.ts';
import { rawDir } from '../../geodata/load.ts';
import { validateBundle } from '../../geodata/validate.ts';
import { readCsv, toInt } from '../../geodata/read.ts';
import { distBundle } from './dist.ts';

/**
 * A raw folder in tmp mirroring the real one through symlinks, except the file at `rel` (e.g.
 * `population/x.csv`), which is written rewritten by `edit`. Raw data is never written anywhere but tmp.
 */
function tamperedRaw(rel: string, edit: (text: string) => string): string {
  const root = mkdtempSync(join(tmpdir(), 'geodata-raw-'));
  const parts = rel.split('/');
  let from = rawDir();
  let to = root;
  for (let depth = 0; depth < parts.length; depth++) {
    for (const entry of readdirSync(from)) {
      if (entry !== parts[depth]) symlinkSync(join(from, entry), join(to, entry));
    }
    from = join(from, parts[depth]);
    to = join(to, parts[depth]);
    if (depth < parts.length - 1) mkdirSync(to);
  }
  writeFileSync(to, edit(readFileSync(from, 'utf8')));
  return root;
}

const dropLine = (re: RegExp) => (text: string) =>
  text
    .split('\n')
    .filter((l) => !re.test(l))
    .join('\n');

async function expectBuildError(raw: string, pattern: RegExp): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'geodata-out-'));
  try {
    await expect(build({ rawDir: raw, outDir: out })).rejects.toThrow(pattern);
    expect(readdirSync(out)).toEqual([]); // nothing written
  } finally {
    rmSync(raw, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
}

describe('tampered raw inputs', () => {
  it('refuses a CCG population file with a row removed, naming the CCG', async () => {
    const raw = tamperedRaw('population/SAPE21DT5_mid2018_pop_estimates.csv', dropLine(/^E38000056,/));
    await expectBuildError(raw, /CCG19 codes of population\/SAPE21DT5.*missing E38000056/);
  });

  it('refuses an LSOA population that no longer sums to its CCG, naming the CCG', async () => {
    // E01011949 (Hartlepool 009A) is in NHS Hartlepool and Stockton-on-Tees CCG (E38000075): add one person.
    const raw = tamperedRaw('lsoa-population/derived/SAPE21DT11_mid-2018_LSOA_population_density.sheet4.csv', (text) =>
      text.replace(/^(E01011949,[^,]*,)(\d+)/m, (_, head: string, n: string) => `${head}${Number(n) + 1}`),
    );
    await expectBuildError(raw, /CCG population equals the sum of its LSOAs.*E38000075/);
  });

  it('refuses an LSOA lookup with a row removed, naming the LSOA', async () => {
    const raw = tamperedRaw(
      'lookups/Lower_Layer_Super_Output_Area_(2011)_to_Clinical_Commissioning_Group_to_Local_Authority_District_(April_2019)_Lookup_in_England.csv',
      dropLine(/,E01011949,/),
    );
    await expectBuildError(raw, /E01011949/);
  });

  it('refuses a CCG to STP lookup with a row removed, naming the CCG', async () => {
    const raw = tamperedRaw('lookups/Clinical_Commissioning_Group_to_STPs_(April_2019)_Lookup_in_England.csv', dropLine(/,E38000008,/));
    await expectBuildError(raw, /missing E38000008/);
  });
});

describe('tampered bundles', () => {
  let b: Bundle;
  beforeAll(async () => {
    ({ bundle: b } = await distBundle());
  });
  const copy = () => structuredClone(b);

  it('accepts the real bundle', () => {
    expect(() => validateBundle(b)).not.toThrow();
  });

  it('refuses a baseline that is not a partition, naming the unit', () => {
    const t = copy();
    const org = t.baselines['ccg-2021'].organisations.find((o) => o.units.length > 1)!;
    const lost = org.units.pop()!;
    expect(() => validateBundle(t)).toThrow(new RegExp(`baseline ccg-2021 organisations partition.*missing ${lost}`));
    const t2 = copy();
    t2.baselines['stp-2019'].systems[1].units.push(t2.baselines['stp-2019'].systems[0].units[0]);
    expect(() => validateBundle(t2)).toThrow(/baseline stp-2019 systems partition/);
  });

  it('refuses a wrong England total', () => {
    const t = copy();
    t.units.population[0] += 1;
    expect(() => validateBundle(t)).toThrow(/England population/);
  });

  it('refuses an isolated unit, naming it', () => {
    const t = copy();
    t.adjacency.water = [];
    expect(() => validateBundle(t)).toThrow(/every unit has a land neighbour or a water link.*E38000087/);
  });

  it('refuses membership parts that do not sum to the unit population, naming the unit', () => {
    const t = copy();
    t.membership.icb2022.parts[2] -= 1;
    expect(() => validateBundle(t)).toThrow(new RegExp(`membership icb2022 parts sum to unit population.*${b.units.code[t.membership.icb2022.parts[0]]}`));
  });

  it('refuses a unit count other than 191', () => {
    const t = copy();
    for (const col of Object.values(t.units)) (col as unknown[]).pop();
    expect(() => validateBundle(t)).toThrow(/units.*expected 191/);
  });
});

describe('CSV quirks', () => {
  it('handles a BOM, a trailing space in a header, quoted thousands commas and CRLF', () => {
    const dir = mkdtempSync(join(tmpdir(), 'geodata-csv-'));
    try {
      const path = join(dir, 'x.csv');
      writeFileSync(path, '\uFEFFArea Codes ,Area Names,All Ages\r\nE38000056,"NHS Eastern Cheshire CCG","197,296"\r\nE38000068,NHS Halton CCG,"128,432"\r\n');
      const rows = readCsv(path, ['Area Codes', 'All Ages']);
      expect(rows).toHaveLength(2);
      expect(rows[0]['Area Codes']).toBe('E38000056');
      expect(toInt(rows[0]['All Ages'], 'test')).toBe(197_296);
      expect(rows[1]['Area Names']).toBe('NHS Halton CCG');
      expect(() => readCsv(path, ['Missing'])).toThrow(/CSV columns missing.*Missing/);
      expect(() => toInt('n/a', 'here')).toThrow(/not a number in here/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
