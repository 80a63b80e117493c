/**
 * Mid-2018 populations: CCG (SAPE21DT5 extract), LSOA (SAPE21DT11) and local authority (MYE2-All), each checked
 * against the others through the LSOA lookup.
 */
import { join } from 'node:path';
import { readCsv, toInt } from './read.ts';
import { S } from './sources.ts';
import { fail, requireEqualBy, requireSameCodes } from './checks.ts';
import type { Lookups } from './lookups.ts';

/** ONS mid-2018 population of England (SAPE21DT5, MYE2-All and SAPE21DT11 all agree on it). */
export const ENGLAND_POPULATION_2018 = 55_977_178;

export interface Populations {
  ccg: Map<string, number>;
  lsoa: Map<string, number>;
  /** SAPE21DT11 "Area Sq Km" of each England LSOA (ONS area of the full-resolution boundary). */
  lsoaAreaKm2: Map<string, number>;
  /** MYE2-All "All ages" by LAD 2019 code (and every other area in the sheet). */
  mye2: Map<string, number>;
}

export function readPopulations(rawDir: string, lk: Lookups): Populations {
  // SAPE21DT5 extract: BOM, header "Area Codes " with a trailing space (trimmed by readCsv), quoted thousands
  // commas, CRLF; the uploader appended Welsh (W11) and Scottish (S08) rows, which we drop.
  const dt5 = readCsv(join(rawDir, S.sape21dt5.file), ['Area Codes', 'All Ages']).filter((r) => r['Area Codes'].startsWith('E38'));
  const ccg = new Map(dt5.map((r) => [r['Area Codes'], toInt(r['All Ages'], `${S.sape21dt5.file} ${r['Area Codes']}`)]));
  requireSameCodes(`CCG19 codes of ${S.sape21dt5.file}`, lk.ccg19.map((c) => c.code), ccg.keys());

  // SAPE21DT11: England (E01) and Wales (W01) LSOAs; England only here.
  const dt11 = readCsv(join(rawDir, S.sape21dt11.file), ['Code', 'Mid-2018 population', 'Area Sq Km']).filter((r) => r.Code.startsWith('E01'));
  const lsoa = new Map(dt11.map((r) => [r.Code, toInt(r['Mid-2018 population'], `${S.sape21dt11.file} ${r.Code}`)]));
  const lsoaAreaKm2 = new Map(dt11.map((r) => [r.Code, Number(r['Area Sq Km'])]));
  const badArea = [...lsoaAreaKm2].filter(([, a]) => !(a > 0)).map(([c]) => c);
  if (badArea.length) fail(`${S.sape21dt11.file} Area Sq Km is a positive number`, badArea.join(', '));
  requireSameCodes(`LSOA codes of ${S.sape21dt11.file} vs the LSOA→CCG19 lookup`, lk.lsoa.map((r) => r.code), lsoa.keys());

  const mye2 = new Map(
    readCsv(join(rawDir, S.mye2.file), ['Code', 'All ages']).map((r) => [r.Code, toInt(r['All ages'], `${S.mye2.file} ${r.Code}`)]),
  );

  const lsoaSum = new Map<string, number>();
  for (const r of lk.lsoa) lsoaSum.set(r.ccg19, (lsoaSum.get(r.ccg19) ?? 0) + lsoa.get(r.code)!);
  requireEqualBy('CCG population equals the sum of its LSOAs', lk.ccg19.map((c) => c.code), (c) => ccg.get(c)!, (c) => lsoaSum.get(c) ?? 0, ['SAPE21DT5', 'LSOA sum']);

  const total = [...ccg.values()].reduce((a, b) => a + b, 0);
  if (total !== ENGLAND_POPULATION_2018) fail('England population', `CCG total ${total} ≠ ONS England mid-2018 ${ENGLAND_POPULATION_2018}`);
  if (mye2.get('E92000001') !== ENGLAND_POPULATION_2018) fail('England population', `MYE2-All E92000001 ${mye2.get('E92000001')} ≠ ${ENGLAND_POPULATION_2018}`);

  return { ccg, lsoa, lsoaAreaKm2, mye2 };
}
