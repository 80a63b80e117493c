/**
 * RFC 4180 records with the line each starts on, which d3-dsv does not give and error messages need (a quoted
 * field may span lines, so record k is not line k). Accepts a BOM, CRLF/LF/CR line ends, and `;` or tab as the
 * delimiter when the header line has no comma (spreadsheets in some locales write those).
 *
 * Formula injection: a spreadsheet runs a cell that starts with = + - @ (and, in some, a tab or a carriage
 * return) as a formula, so a scenario named `=HYPERLINK(…)` or `-2+3+cmd|' /C calc'!A0` would run on the planner's
 * machine when the CSV is opened. `neutraliseCell` is the one rule every CSV writer goes through (formatCsvRows):
 * such a text cell is written with a leading apostrophe, which spreadsheets read as "this is text". Numbers are
 * not text and stay as they are (-12 stays a number). So that our own importers read back exactly what we wrote,
 * a text cell already starting with an apostrophe gets one more, and `parseCsvRows` removes one apostrophe where
 * it is followed by a trigger or by another apostrophe. A hand-made file's `'abc` is left as it is; its `'=x` or
 * `''x` reads as `=x` or `'x`, as a spreadsheet shows them.
 */
import { ImportError } from '../errors.ts';

/** First characters that make a spreadsheet read a text cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** What `neutraliseCell` wrote: an apostrophe before a trigger or before another apostrophe. */
const NEUTRALISED = /^'[=+\-@\t\r']/;

export type CsvValue = string | number | boolean | null;

/** The text of one cell: numbers and booleans as written, null empty, text that could run as a formula (or that starts with an apostrophe) behind an apostrophe. */
export function neutraliseCell(v: CsvValue): string {
  if (v === null) return '';
  if (typeof v !== 'string') return String(v);
  return FORMULA_START.test(v) || v.startsWith("'") ? `'${v}` : v;
}

/** The inverse of `neutraliseCell` on text read from a CSV. */
export function restoreCell(field: string): string {
  return NEUTRALISED.test(field) ? field.slice(1) : field;
}

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  fields: string[];
}

/** A record as written: its fields without the formula guard undone, and its whole text, line end included. */
export interface RawCsvRecord extends CsvRecord {
  text: string;
}

function sniffDelimiter(text: string): string {
  const end = text.search(/[\r\n]/);
  const first = end < 0 ? text : text.slice(0, end);
  if (first.includes(',')) return ',';
  if (first.includes(';')) return ';';
  if (first.includes('\t')) return '\t';
  return ',';
}

/**
 * The records of a CSV. With `raw`, each keeps its source text (so a caller can pass rows on byte for byte, a
 * guarded cell still guarded) and its fields are left as written.
 */
export function parseCsvRows(input: string): CsvRecord[];
export function parseCsvRows(input: string, options: { raw: true }): RawCsvRecord[];
export function parseCsvRows(input: string, options?: { raw: true }): CsvRecord[] {
  const raw = options?.raw === true;
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delim = sniffDelimiter(text);
  const records: (CsvRecord | RawCsvRecord)[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
    const from = i;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        const openLine = line;
        i++;
        for (;;) {
          if (i >= n) throw new ImportError([{ line: openLine, message: 'a quoted field is never closed' }]);
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
          field += c;
          i++;
        }
        // Anything between the closing quote and the delimiter is kept, as spreadsheets do.
        while (i < n && text[i] !== delim && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
      } else {
        while (i < n && text[i] !== delim && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
      }
      fields.push(raw ? field : restoreCell(field));
      if (i < n && text[i] === delim) {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    records.push(raw ? { line: start, fields, text: text.slice(from, i) } : { line: start, fields });
  }
  return records;
}

// Also quoted: `;` and tab, which the reader takes as the delimiter when a one-column header has no comma.
function quote(field: string): string {
  return /[",;\t\r\n]|^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** RFC 4180 text, CRLF line ends, fields quoted only when they must be, every cell through `neutraliseCell`. */
export function formatCsvRows(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((r) => r.map((f) => quote(neutraliseCell(f))).join(',')).join('\r\n') + '\r\n';
}
