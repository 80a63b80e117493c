/**
 * GP practices per CCG (epraccur, November 2019) and registered patients per CCG (NHS Payments to General
 * Practice 2018/19, average list size over the year).
 */
import { join } from 'node:path';
import { readCsv, readCsvRows, toNumber } from './read.ts';
import { S } from './sources.ts';
import { fail } from './checks.ts';
import type { Lookups } from './lookups.ts';

/** Sum of "Average Number of Registered Patients" over all 7,279 practices of the payments file (SOURCES.md). */
export const REGISTERED_PATIENTS_2018_19 = 59_824_330;

/**
 * The payments file still uses the 195 CCG codes of 2018/19; two mergers of 1 April 2019 explain the difference:
 * 03X, 03Y, 04J, 04R → 15M (NHS Derby and Derbyshire) and 99P, 99Q → 15N (NHS Devon).
 */
export const CCG18_TO_CCG19: Record<string, string> = { '03X': '15M', '03Y': '15M', '04J': '15M', '04R': '15M', '99P': '15N', '99Q': '15N' };

// epraccur has no header row: 1-based ODS columns (epraccur.pdf) 1 code, 13 status, 15 commissioner, 26 setting.
const COL_CODE = 0;
const COL_STATUS = 12;
const COL_COMMISSIONER = 14;
const COL_SETTING = 25;

export interface GpTables {
  /** Active GP practices by CCG19 NHS code. */
  practices: Map<string, number>;
  /** Registered patients by CCG19 NHS code, rounded so that they sum to the rounded national total. */
  patients: Map<string, number>;
  /** Practices whose CCG came from the payments file (absent from epraccur or with a non-CCG19 commissioner). */
  fallbacks: string[];
}

/** Rounds each value so that the rounded values sum to the rounded total (largest remainder; ties by key). */
function roundToTotal(values: Map<string, number>): Map<string, number> {
  const entries = [...values.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const total = Math.round(entries.reduce((s, [, v]) => s + v, 0));
  const floors = entries.map(([k, v]) => ({ k, f: Math.floor(v), r: v - Math.floor(v) }));
  let left = total - floors.reduce((s, x) => s + x.f, 0);
  const order = [...floors].sort((a, b) => b.r - a.r || (a.k < b.k ? -1 : 1));
  for (const x of order) {
    if (left <= 0) break;
    x.f += 1;
    left -= 1;
  }
  return new Map(floors.map((x) => [x.k, x.f]));
}

export function readGp(rawDir: string, lk: Lookups): GpTables {
  const ccgNhs = new Set(lk.ccg19.map((c) => c.nhsCode));
  const rows = readCsvRows(join(rawDir, S.epraccur.file));
  if (rows.some((r) => r.length < 26)) fail('epraccur layout', `rows with fewer than 26 columns in ${S.epraccur.file}`);

  const practices = new Map<string, number>([...ccgNhs].map((c) => [c, 0]));
  const commissioner = new Map<string, string>();
  for (const r of rows) {
    commissioner.set(r[COL_CODE], r[COL_COMMISSIONER]);
    if (r[COL_STATUS] === 'A' && r[COL_SETTING] === '4') {
      const ccg = r[COL_COMMISSIONER];
      if (!ccgNhs.has(ccg)) fail('epraccur commissioner is a CCG19', `active GP practice ${r[COL_CODE]} has commissioner ${ccg}`);
      practices.set(ccg, practices.get(ccg)! + 1);
    }
  }

  const pay = readCsv(join(rawDir, S.payments.file), ['Practice Code', 'CCG Code', 'Average Number of Registered Patients']);
  const raw = new Map<string, number>([...ccgNhs].map((c) => [c, 0]));
  const fallbacks: string[] = [];
  let total = 0;
  for (const r of pay) {
    const n = toNumber(r['Average Number of Registered Patients'], `${S.payments.file} ${r['Practice Code']}`);
    total += n;
    let ccg = commissioner.get(r['Practice Code']);
    if (ccg === undefined || !ccgNhs.has(ccg)) {
      ccg = CCG18_TO_CCG19[r['CCG Code']] ?? r['CCG Code'];
      fallbacks.push(r['Practice Code']);
    }
    if (!ccgNhs.has(ccg)) fail('payments practice CCG is a CCG19', `practice ${r['Practice Code']} → ${ccg}`);
    raw.set(ccg, raw.get(ccg)! + n);
  }
  if (Math.round(total) !== REGISTERED_PATIENTS_2018_19) fail('registered patients total', `${Math.round(total)} ≠ ${REGISTERED_PATIENTS_2018_19}`);
  const patients = roundToTotal(raw);
  const none = [...ccgNhs].filter((c) => !(patients.get(c)! > 0) || !(practices.get(c)! > 0)).sort();
  if (none.length) fail('every CCG19 has practices and patients', `none for ${none.join(', ')}`);
  return { practices, patients, fallbacks: fallbacks.sort() };
}
