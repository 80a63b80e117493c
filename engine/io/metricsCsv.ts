/**
 * Metrics of one level of an evaluated scenario as CSV (RFC 4180: quoted when needed, CRLF line ends), one row
 * per group, with the columns of the GeoJSON export's properties.
 */
import type { Evaluation } from '../evaluate.ts';
import type { GroupLevel } from '../metrics.ts';
import { flatColumns, flatRecord, type FlatValue } from './flatRecord.ts';

function cell(v: FlatValue): string {
  if (v === null) return '';
  // A text cell starting with = + @ would run as a formula in a spreadsheet: keep it text.
  const s = typeof v === 'string' && /^[=+@\t\r]/.test(v) ? `'${v}` : String(v);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function exportMetricsCsv(evaluation: Evaluation, level: GroupLevel): string {
  const columns = flatColumns(level);
  const lines = [columns.join(',')];
  for (const m of evaluation[level]) {
    const r = flatRecord(m);
    lines.push(columns.map((c) => cell(r[c] ?? null)).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
