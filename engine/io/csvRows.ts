/**
 * RFC 4180 records with the line each starts on, which d3-dsv does not give and error messages need (a quoted
 * field may span lines, so record k is not line k). Accepts a BOM, CRLF/LF/CR line ends, and `;` or tab as the
 * delimiter when the header line has no comma (spreadsheets in some locales write those).
 */
import { ImportError } from '../errors.ts';

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  fields: string[];
}

function sniffDelimiter(text: string): string {
  const end = text.search(/[\r\n]/);
  const first = end < 0 ? text : text.slice(0, end);
  if (first.includes(',')) return ',';
  if (first.includes(';')) return ';';
  if (first.includes('\t')) return '\t';
  return ',';
}

export function parseCsvRows(input: string): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delim = sniffDelimiter(text);
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
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
      fields.push(field);
      if (i < n && text[i] === delim) {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    records.push({ line: start, fields });
  }
  return records;
}

export type CsvValue = string | number | boolean | null;

function quote(field: string): string {
  return /[",\r\n]|^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/**
 * RFC 4180 text, CRLF line ends, fields quoted only when they must be; null is an empty cell.
 * `guardFormulas`: a text cell starting with = + @ would run as a formula in a spreadsheet, so it is prefixed with
 * an apostrophe. For reports only: files meant to be imported again keep their text exactly.
 */
export function formatCsvRows(rows: readonly (readonly CsvValue[])[], opts: { guardFormulas?: boolean } = {}): string {
  const text = (v: CsvValue) => {
    if (v === null) return '';
    if (opts.guardFormulas && typeof v === 'string' && /^[=+@\t\r]/.test(v)) return `'${v}`;
    return String(v);
  };
  return rows.map((r) => r.map((f) => quote(text(f))).join(',')).join('\r\n') + '\r\n';
}
