/**
 * The real bundle (geodata/dist/bundle.json through the geodata loader) and the raw ONS files, for tests that
 * compute their golden values by an independent path.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBundle } from '../../../geodata/load.ts';
import { rawDir } from '../../../geodata/paths.ts';
import { Geography } from '../../../engine/geography.ts';
import type { Bundle } from '../../../engine/bundle.ts';

let bundle: Bundle | undefined;
let geo: Geography | undefined;

export function realBundle(): Bundle {
  return (bundle ??= loadBundle());
}

/** One Geography per test file (so per-geography caches are shared within a file). */
export function realGeography(): Geography {
  return (geo ??= Geography.fromBundle(realBundle()));
}

/** Minimal CSV reader for the raw lookups: quoted fields, doubled quotes, BOM, CRLF; header names trimmed. */
export function readRawCsv(relPath: string): Record<string, string>[] {
  const text = readFileSync(join(rawDir(), relPath), 'utf8').replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let k = 0; k < text.length; k++) {
    const ch = text[k];
    if (quoted) {
      if (ch === '"' && text[k + 1] === '"') {
        field += '"';
        k++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[k + 1] === '\n') k++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  const header = rows[0].map((h) => h.trim());
  return rows.slice(1).map((r) => Object.fromEntries(header.map((h, k) => [h, r[k] ?? ''])));
}

export const STP_LOOKUP = 'lookups/Clinical_Commissioning_Group_to_STPs_(April_2019)_Lookup_in_England.csv';
const SAPE = 'population/SAPE21DT5_mid2018_pop_estimates.csv';
export const LSOA_LOOKUP = 'lookups/Lower_Layer_Super_Output_Area_(2011)_to_Clinical_Commissioning_Group_to_Local_Authority_District_(April_2019)_Lookup_in_England.csv';
export const LTLA_UTLA = 'lookups/Lower_Tier_Local_Authority_to_Upper_Tier_Local_Authority_(April_2019)_Lookup_in_England_and_Wales.csv';

/** Mid-2018 population of each CCG (E38…) from the raw SAPE21DT5 extract. */
export function rawCcgPopulation(): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of readRawCsv(SAPE)) {
    const code = r['Area Codes'].trim();
    if (code.startsWith('E38')) out.set(code, Number(r['All Ages'].replace(/,/g, '')));
  }
  return out;
}
