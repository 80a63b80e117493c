/**
 * Batch outputs: several inputs' results as one table with a leading `scenario` column (the input as typed), as
 * JSON lines, or as one JSON array, each object with an `input` member (`scenario` already holds the scenario).
 */
import { formatCsvRows, parseCsvRows } from '../engine/io/csvRows.ts';

export interface Part {
  /** The input as typed: a path, `-`, or `baseline:NAME`. */
  input: string;
  csv: string;
}

/** One CSV table from several tables with the same header, each row led by its input's name. */
export function csvWithScenarioColumn(parts: readonly Part[]): string {
  if (parts.length === 0) return '';
  let header: string[] | undefined;
  const lines: string[] = [];
  for (const p of parts) {
    const [headRecord] = parseCsvRows(p.csv);
    const head = headRecord?.fields ?? [];
    const rows = rawRecords(p.csv).slice(1);
    if (!header) {
      header = head;
      lines.push(formatCsvRows([['scenario', ...head]]));
    } else if (head.join('\u0000') !== header.join('\u0000')) {
      throw new Error(`the tables of ${parts[0].input} and ${p.input} have different columns`);
    }
    // The input's name goes through the engine's CSV writer (its formula guard included); the engine's rows are
    // kept byte for byte, so a negative number stays a number and a guarded text cell stays guarded.
    const name = formatCsvRows([[p.input]]).replace(/\r\n$/, '');
    for (const r of rows) lines.push(`${name},${r}`);
  }
  return lines.join('');
}

/**
 * The records of a CSV the engine wrote, each as its raw text with its line end: split at line ends outside
 * quotes (a quoted cell may hold a line end).
 */
function rawRecords(csv: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) {
      const end = c === '\r' && csv[i + 1] === '\n' ? i + 2 : i + 1;
      out.push(csv.slice(start, end));
      start = end;
      i = end - 1;
    }
  }
  if (start < csv.length) out.push(csv.slice(start) + '\r\n');
  return out;
}

/** JSON lines: one object per input. */
export function jsonLines(parts: readonly { input: string; value: object }[]): string {
  return parts.map((p) => JSON.stringify({ input: p.input, ...p.value }) + '\n').join('');
}

/**
 * A call with one input: its object as it is; with several: an array of objects with `input` (even if only one of
 * them could be read, so a script sees the same shape whatever failed).
 */
export function jsonDocument(parts: readonly { input: string; value: object }[], single: boolean): string {
  if (single) return parts.length ? JSON.stringify(parts[0].value, null, 2) : '';
  return JSON.stringify(parts.map((p) => ({ input: p.input, ...p.value })), null, 2);
}
