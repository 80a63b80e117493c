/**
 * Low-level readers for the raw files: text with or without a BOM, CSV with the publishers' quirks, shapefiles,
 * and file hashes. Nothing here knows what the files mean.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { csvParse, csvParseRows } from 'd3';
import * as shapefile from 'shapefile';
import type { Feature, FeatureCollection, Geometry } from 'geojson';

/** Reads a UTF-8 text file, dropping a UTF-8 BOM (several ONS CSVs start with one) and normalising CRLF. */
export function readText(path: string): string {
  let text = readFileSync(path, 'utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.replace(/\r\n?/g, '\n');
}

export type Row = Record<string, string>;

/**
 * Parses a CSV file with a header row. Header names are trimmed because SAPE21DT5 has `"Area Codes "` with a
 * trailing space; values are left as published (quoted fields keep their thousands commas: see `toInt`).
 * `required` lists columns that must exist, so a renamed column fails here rather than as a silent `undefined`.
 */
export function readCsv(path: string, required: readonly string[] = []): Row[] {
  const text = readText(path);
  const rows = csvParse(text, (row) => {
    const out: Row = {};
    for (const [k, v] of Object.entries(row)) out[k.trim()] = (v ?? '').trim();
    return out;
  });
  const columns = new Set(rows.columns.map((c) => c.trim()));
  const missing = required.filter((c) => !columns.has(c));
  if (missing.length > 0) throw new Error(`CSV columns missing in ${path}: ${missing.join(', ')}`);
  return rows;
}

/** Parses a CSV file without a header row (ODS epraccur) into arrays of trimmed strings. */
export function readCsvRows(path: string): string[][] {
  return csvParseRows(readText(path)).map((r) => r.map((v) => v.trim()));
}

/** Parses an integer as published: `"197,296"` (thousands commas), `1665`, `59.0`. Throws on anything else. */
export function toInt(value: string, where: string): number {
  return Math.round(toNumber(value, where));
}

/** Parses a number (possibly fractional) as published. */
export function toNumber(value: string, where: string): number {
  const s = value.replace(/,/g, '').trim();
  const n = Number(s);
  if (s === '' || !Number.isFinite(n)) throw new Error(`not a number in ${where}: ${JSON.stringify(value)}`);
  return n;
}

/** Reads a shapefile (.shp + .dbf) into a GeoJSON FeatureCollection, coordinates untouched. */
export async function readShapefile(shpPath: string): Promise<FeatureCollection<Geometry>> {
  const dbfPath = shpPath.replace(/\.shp$/i, '.dbf');
  const fc = (await shapefile.read(shpPath, dbfPath, { encoding: 'utf-8' })) as FeatureCollection<Geometry>;
  return { type: 'FeatureCollection', features: fc.features.map((f) => ({ ...f }) as Feature<Geometry>) };
}

export function readJson<T = unknown>(path: string): T {
  return JSON.parse(readText(path)) as T;
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function sha256File(path: string): string {
  return sha256(readFileSync(path));
}
