/**
 * Metrics of one level of an evaluated scenario as CSV (RFC 4180: quoted when needed, CRLF line ends), one row
 * per group, with the columns of the GeoJSON export's properties, then `source` and `attribution` (provenance.ts).
 */
import type { Evaluation } from '../evaluate.ts';
import type { GroupLevel } from '../metrics.ts';
import { flatColumns, flatRecord } from './flatRecord.ts';
import { csvTable, type ProvenanceSource } from './provenance.ts';

export function exportMetricsCsv(evaluation: Evaluation, level: GroupLevel, source: ProvenanceSource): string {
  const columns = flatColumns(level);
  const rows = evaluation[level].map((m) => {
    const r = flatRecord(m);
    return columns.map((c) => r[c] ?? null);
  });
  return csvTable(columns, rows, source);
}
