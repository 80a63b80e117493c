/**
 * What every export says about where its figures come from, taken from the bundle (geodata/ writes it from the
 * raw files' manifest), never written here: the unit vintage, the population source, the OGL attribution lines
 * and the source datasets with their checksums.
 *
 * - JSON exports (scenario, evaluation, comparison) carry it as a `provenance` member (`withProvenance`); the
 *   GeoJSON export carries the same fields in its foreign member `footprints`.
 * - CSV exports carry it as two trailing columns, `source` and `attribution`, filled on every row (`csvTable`).
 *   Why columns and not `#` comment lines: a CSV has no comment syntax; spreadsheets, R's read.csv, pandas
 *   (without `comment='#'`) and d3-dsv would all read `#` lines as data rows or a broken header, while two more
 *   columns open cleanly everywhere, stay with each row through sorting and filtering, and are ignored by our
 *   importer (it finds its columns by name). A sidecar file is impossible on stdout. The checksums stay out of
 *   the CSVs: 22 of them on every row would swamp the table; the JSON and GeoJSON exports carry them.
 */
import type { Bundle } from '../bundle.ts';
import type { CsvValue } from './csvRows.ts';
import { formatCsvRows } from './csvRows.ts';

/** The part of a bundle provenance is read from: `geo.bundle` or the bundle itself. */
export type ProvenanceSource = Pick<Bundle, 'unitSet' | 'unitVintage' | 'populationSource' | 'provenance'>;

export interface ExportProvenance {
  unit_set: string;
  unit_vintage: string;
  population_source: string;
  attribution: string[];
  sources: { dataset: string; vintage: string; sha256: string }[];
}

export function exportProvenance(b: ProvenanceSource): ExportProvenance {
  return {
    unit_set: b.unitSet,
    unit_vintage: b.unitVintage,
    population_source: b.populationSource,
    attribution: [...b.provenance.attribution],
    sources: b.provenance.sources.map((s) => ({ dataset: s.dataset, vintage: s.vintage, sha256: s.sha256 })),
  };
}

/** A JSON document with the `provenance` member last. Importers accept and ignore the member. */
export function withProvenance<T extends object>(doc: T, b: ProvenanceSource): T & { provenance: ExportProvenance } {
  return { ...doc, provenance: exportProvenance(b) };
}

/** The trailing CSV columns. */
export const PROVENANCE_COLUMNS = ['source', 'attribution'] as const;

/** The values of the trailing columns: what the figures are, and the attribution lines joined with " | ". */
export function provenanceCells(b: ProvenanceSource): [string, string] {
  return [`${b.unitVintage}; population: ${b.populationSource}`, b.provenance.attribution.join(' | ')];
}

/** A CSV export: `header` and `rows` with the provenance columns appended to every line. */
export function csvTable(header: readonly string[], rows: readonly (readonly CsvValue[])[], b: ProvenanceSource): string {
  const cells = provenanceCells(b);
  return formatCsvRows([[...header, ...PROVENANCE_COLUMNS], ...rows.map((r) => [...r, ...cells])]);
}
