/**
 * Batch outputs: several inputs' results as one table with a leading `scenario` column (the input as typed), as
 * JSON lines, or as one JSON array, each object with an `input` member (`scenario` already holds the scenario).
 */
import { formatCsvRows, parseCsvRows, restoreCell } from '../engine/io/csvRows.ts';

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
    const [headRecord, ...records] = parseCsvRows(p.csv, { raw: true });
    const head = (headRecord?.fields ?? []).map(restoreCell);
    if (!header) {
      header = head;
      lines.push(formatCsvRows([['scenario', ...head]]));
    } else if (head.join('\u0000') !== header.join('\u0000')) {
      throw new Error(`the tables of ${parts[0].input} and ${p.input} have different columns`);
    }
    // The input's name goes through the engine's CSV writer (its formula guard included); the engine's rows are
    // kept byte for byte, so a negative number stays a number and a guarded text cell stays guarded.
    const name = formatCsvRows([[p.input]]).replace(/\r\n$/, '');
    for (const r of records) lines.push(`${name},${r.text}${/[\r\n]$/.test(r.text) ? '' : '\r\n'}`);
  }
  return lines.join('');
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
