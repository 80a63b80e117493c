/**
 * The ONS code/name lookups: CCG 2019 → STP 2019, LSOA 2011 → CCG 2019/2020/2021 and LAD 2019, CCG 2020 → STP 2020,
 * CCG 2021 → STP 2021 → NHS region, LTLA → UTLA 2019, region names.
 */
import { join } from 'node:path';
import { readCsv } from './read.ts';
import { S } from './sources.ts';
import { fail, requireCount, requireSameCodes } from './checks.ts';

export interface Ccg19Row {
  code: string;
  nhsCode: string;
  name: string;
  stpCode: string;
  stpName: string;
}

export interface LsoaRow {
  code: string;
  name: string;
  ccg19: string;
  lad19: string;
  lad19Name: string;
  ccg20: string;
  ccg21: string;
}

export interface Lookups {
  /** The 191 CCGs of April 2019, sorted by ONS code. */
  ccg19: Ccg19Row[];
  regionNames: Map<string, string>;
  /** The 32,844 LSOAs of England, sorted by code. */
  lsoa: LsoaRow[];
  ccg20: Map<string, { nhsCode: string; name: string; stpCode: string; stpName: string }>;
  ccg21: Map<string, { nhsCode: string; name: string; stpCode: string; stpName: string; regionCode: string; regionName: string }>;
  /** England LTLA 2019 → UTLA 2019. */
  ltlaUtla: Map<string, { ltlaName: string; utla: string; utlaName: string }>;
}

export function readLookups(rawDir: string): Lookups {
  const at = (rel: string) => join(rawDir, rel);

  const stp19 = readCsv(at(S.ccgStp19.file), ['CCG19CD', 'CCG19CDH', 'CCG19NM', 'STP19CD', 'STP19NM']);
  const ccg19: Ccg19Row[] = stp19
    .map((r) => ({ code: r.CCG19CD, nhsCode: r.CCG19CDH, name: r.CCG19NM, stpCode: r.STP19CD, stpName: r.STP19NM }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));

  // The names-and-codes file must agree with the STP lookup on codes, NHS codes and names.
  const names19 = readCsv(at(S.ccgNames19.file), ['CCG19CD', 'CCG19CDH', 'CCG19NM']);
  requireSameCodes(`CCG19 codes of ${S.ccgStp19.file} vs ${S.ccgNames19.file}`, names19.map((r) => r.CCG19CD), ccg19.map((c) => c.code));
  requireCount('CCG 2019 units', new Set(ccg19.map((c) => c.code)).size, 191, `CCG19 codes in ${S.ccgStp19.file}`);
  if (ccg19.length !== 191) fail('CCG 2019 units', `${ccg19.length} rows for 191 CCGs in ${S.ccgStp19.file} (duplicates)`);
  const byCode = new Map(ccg19.map((c) => [c.code, c]));
  const disagree = names19.filter((r) => byCode.get(r.CCG19CD)!.nhsCode !== r.CCG19CDH || byCode.get(r.CCG19CD)!.name !== r.CCG19NM);
  if (disagree.length) fail('CCG19 names and NHS codes agree', disagree.map((r) => r.CCG19CD).join(', '));

  const regionNames = new Map(readCsv(at(S.nhser19.file), ['NHSER19CD', 'NHSER19NM']).map((r) => [r.NHSER19CD, r.NHSER19NM]));
  requireCount('NHS regions 2019', regionNames.size, 7, `regions in ${S.nhser19.file}`);

  const l19 = readCsv(at(S.lsoaCcg19.file), ['LSOA11CD', 'LSOA11NM', 'CCG19CD', 'LAD19CD', 'LAD19NM']);
  const l20 = new Map(readCsv(at(S.lsoaCcg20.file), ['LSOA11CD', 'CCG20CD']).map((r) => [r.LSOA11CD, r.CCG20CD]));
  const l21 = new Map(readCsv(at(S.lsoaCcg21.file), ['LSOA11CD', 'CCG21CD']).map((r) => [r.LSOA11CD, r.CCG21CD]));
  // Compare the code sets first so that a missing row is named, then the count.
  requireSameCodes('LSOAs of the 2019 lookup vs the 2020 lookup', l20.keys(), l19.map((r) => r.LSOA11CD));
  requireSameCodes('LSOAs of the 2021 lookup vs the 2020 lookup', l20.keys(), l21.keys());
  requireCount('LSOA 2011 → CCG 2019 lookup', new Set(l19.map((r) => r.LSOA11CD)).size, 32_844, 'unique LSOAs');
  if (l19.length !== 32_844) fail('LSOA 2011 → CCG 2019 lookup', `${l19.length} rows for 32,844 LSOAs (duplicates)`);
  requireSameCodes('CCG19 codes of the LSOA lookup', ccg19.map((c) => c.code), l19.map((r) => r.CCG19CD));
  const lsoa: LsoaRow[] = l19
    .map((r) => ({ code: r.LSOA11CD, name: r.LSOA11NM, ccg19: r.CCG19CD, lad19: r.LAD19CD, lad19Name: r.LAD19NM, ccg20: l20.get(r.LSOA11CD)!, ccg21: l21.get(r.LSOA11CD)! }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));

  const ccg20 = new Map(
    readCsv(at(S.ccgStp20.file), ['CCG20CD', 'CCG20CDH', 'CCG20NM', 'STP20CD', 'STP20NM']).map((r) => [
      r.CCG20CD,
      { nhsCode: r.CCG20CDH, name: r.CCG20NM, stpCode: r.STP20CD, stpName: r.STP20NM },
    ]),
  );
  requireCount('CCG 2020', ccg20.size, 135, `CCG20 codes in ${S.ccgStp20.file}`);
  requireSameCodes('CCG20 codes of the LSOA lookup vs the STP 2020 lookup', ccg20.keys(), lsoa.map((r) => r.ccg20));

  const ccg21 = new Map(
    readCsv(at(S.ccgStpNhser21.file), ['CCG21CD', 'CCG21CDH', 'CCG21NM', 'STP21CD', 'STP21NM', 'NHSER21CD', 'NHSER21NM']).map((r) => [
      r.CCG21CD,
      { nhsCode: r.CCG21CDH, name: r.CCG21NM, stpCode: r.STP21CD, stpName: r.STP21NM, regionCode: r.NHSER21CD, regionName: r.NHSER21NM },
    ]),
  );
  requireCount('CCG 2021', ccg21.size, 106, `CCG21 codes in ${S.ccgStpNhser21.file}`);
  requireSameCodes('CCG21 codes of the LSOA lookup vs the STP/NHSER 2021 lookup', ccg21.keys(), lsoa.map((r) => r.ccg21));
  // SOURCES.md: the NHSER19 and NHSER21 code sets are identical, which is what lets us derive CCG19 → region.
  requireSameCodes('NHSER21 codes vs NHSER19 codes', regionNames.keys(), [...ccg21.values()].map((c) => c.regionCode));

  const ltlaUtla = new Map(
    readCsv(at(S.ltlaUtla19.file), ['LTLA19CD', 'LTLA19NM', 'UTLA19CD', 'UTLA19NM'])
      .filter((r) => r.LTLA19CD.startsWith('E'))
      .map((r) => [r.LTLA19CD, { ltlaName: r.LTLA19NM, utla: r.UTLA19CD, utlaName: r.UTLA19NM }]),
  );
  requireSameCodes('LAD19 codes of the LSOA lookup vs the LTLA→UTLA lookup', lsoa.map((r) => r.lad19), ltlaUtla.keys());

  return { ccg19, regionNames, lsoa, ccg20, ccg21, ltlaUtla };
}
