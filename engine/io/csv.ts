/**
 * Assignments as CSV, one row per CCG: what planners exchange in spreadsheets. Export has a fixed column order;
 * import finds its columns by header name, matches CCGs by ONS code, NHS code or name, and reports problems by
 * line (1-based, the header is line 1).
 */
import type { Geography } from '../geography.ts';
import type { ScenarioV1 } from '../scenario.ts';
import { quoted, type ImportIssue } from '../errors.ts';
import { withArticle } from '../article.ts';
import { parseCsvRows } from './csvRows.ts';
import { csvTable, type ProvenanceSource } from './provenance.ts';
import { matchUnit } from './matchUnit.ts';
import { failImport, nameFromFile, scenarioFromAssignments, type Assignment } from './assignments.ts';

export const ASSIGNMENT_COLUMNS = [
  'ccg_code',
  'ccg_nhs_code',
  'ccg_name',
  'population',
  'system_id',
  'system_name',
  'organisation_id',
  'organisation_name',
  'atypical_reason',
] as const;

export type CsvGeography = Pick<Geography, 'unitSet' | 'noun' | 'n' | 'codes' | 'nhsCodes' | 'names' | 'population' | 'find'>;

/** The columns above, then `source` and `attribution` (provenance.ts), which the importer ignores. */
export function exportAssignmentsCsv(s: ScenarioV1, geo: CsvGeography & { bundle: ProvenanceSource }): string {
  const systemOf = new Map<string, ScenarioV1['systems'][number]>();
  for (const g of s.systems) for (const u of g.units) systemOf.set(u, g);
  const orgOf = new Map<string, ScenarioV1['organisations'][number]>();
  for (const g of s.organisations) for (const u of g.units) orgOf.set(u, g);
  const rows: (string | number)[][] = [];
  for (let i = 0; i < geo.n; i++) {
    const code = geo.codes[i];
    const sys = systemOf.get(code);
    const org = orgOf.get(code);
    rows.push([code, geo.nhsCodes[i], geo.names[i], geo.population[i], sys?.id ?? '', sys?.name ?? '', org?.id ?? '', org?.name ?? '', sys?.atypical ?? '']);
  }
  return csvTable(ASSIGNMENT_COLUMNS, rows, geo.bundle);
}

// Header names, compared lowercased with everything but letters and digits removed; earlier wins.
const UNIT_HEADERS = ['ccgcode', 'ccg19cd', 'ccgonscode', 'onscode', 'code', 'ccgnhscode', 'nhscode', 'odscode', 'ccg19cdh', 'ccg', 'ccgname', 'ccg19nm', 'name', 'unit', 'unitcode'];
const SYSTEM_HEADERS = ['systemid', 'system', 'systemcode', 'group', 'groupid', 'stpcode', 'stp19cd', 'stp', 'stpid', 'icscode', 'ics', 'icbcode', 'icb', 'footprint', 'systemname', 'stpname', 'stp19nm', 'groupname'];
const SYSTEM_NAME_HEADERS = ['systemname', 'stpname', 'stp19nm', 'groupname', 'icsname', 'icbname'];
const ORG_HEADERS = ['organisationid', 'organisation', 'organizationid', 'organization', 'orgid', 'org', 'organisationcode', 'orgcode'];
const ORG_NAME_HEADERS = ['organisationname', 'organizationname', 'orgname'];
const ATYPICAL_HEADERS = ['atypicalreason', 'atypical'];

/** How many header cells a "no recognisable header" message names. */
const HEADER_ECHO = 6;
const column = (h: string) => quoted(h.trim(), 40);

const headerKey = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');

function pick(keys: readonly string[], wanted: readonly string[], exclude: number[] = []): number {
  for (const w of wanted) {
    const k = keys.findIndex((h, j) => h === w && !exclude.includes(j));
    if (k >= 0) return k;
  }
  return -1;
}

export interface CsvImportOptions {
  /** The file's name: names the scenario and prefixes error messages. */
  fileName?: string;
  /** Overrides the scenario name. */
  name?: string;
}

/** Reads assignments (one row per CCG) into a new scenario; throws ImportError listing every problem. */
export function importAssignmentsCsv(text: string, geo: CsvGeography, opts: CsvImportOptions = {}): ScenarioV1 {
  const prefix = opts.fileName ? `${opts.fileName}: ` : '';
  const records = parseCsvRows(text).filter((r) => r.fields.some((f) => f.trim() !== ''));
  const header = records[0];
  if (!header) failImport([{ line: 1, message: 'the file is empty' }], prefix);
  const keys = header.fields.map(headerKey);
  const unitCol = pick(keys, UNIT_HEADERS);
  const systemCol = pick(keys, SYSTEM_HEADERS, [unitCol]);
  if (unitCol < 0 || systemCol < 0) {
    const missing = [unitCol < 0 ? `${withArticle(geo.noun.one)} column (ccg_code, code, ccg, name …)` : '', systemCol < 0 ? 'a system column (system_id, system, group, stp …)' : '']
      .filter(Boolean)
      .join(' and ');
    // A header can be thousands of columns, or one huge cell: name a few, each cut short.
    const shown = header.fields.slice(0, HEADER_ECHO).map((f) => quoted(f.trim(), 30)).join(', ');
    const found = header.fields.length > HEADER_ECHO ? `${shown} … (${header.fields.length} columns)` : shown;
    failImport([{ line: header.line, message: `no recognisable header: expected ${missing}; found ${found}` }], prefix);
  }
  const used = [unitCol, systemCol];
  const systemNameCol = pick(keys, SYSTEM_NAME_HEADERS, used);
  const orgCol = pick(keys, ORG_HEADERS, used);
  const orgNameCol = pick(keys, ORG_NAME_HEADERS, [...used, orgCol]);
  const atypicalCol = pick(keys, ATYPICAL_HEADERS, used);

  const issues: ImportIssue[] = [];
  const rows: Assignment[] = [];
  const cell = (fields: string[], k: number) => (k >= 0 ? (fields[k] ?? '').trim() : '');
  for (const { line, fields } of records.slice(1)) {
    const unitValue = cell(fields, unitCol);
    const system = cell(fields, systemCol);
    if (unitValue === '') {
      issues.push({ line, message: `no ${geo.noun.one} given in column ${column(header.fields[unitCol])}` });
      continue;
    }
    const unit = matchUnit(geo, unitValue);
    if (unit < 0) {
      issues.push({ line, message: `no ${geo.noun.one} matches ${quoted(unitValue)}` });
      continue;
    }
    if (system === '') {
      issues.push({ line, message: `empty system value for ${geo.codes[unit]} in column ${column(header.fields[systemCol])}` });
      continue;
    }
    const row: Assignment = { unit, system, where: { line } };
    if (systemNameCol >= 0 && cell(fields, systemNameCol)) row.systemName = cell(fields, systemNameCol);
    if (atypicalCol >= 0 && cell(fields, atypicalCol)) row.atypical = cell(fields, atypicalCol);
    if (orgCol >= 0) {
      const org = cell(fields, orgCol);
      if (org === '') {
        issues.push({ line, message: `empty organisation value for ${geo.codes[unit]} in column ${column(header.fields[orgCol])}` });
        continue;
      }
      row.organisation = org;
      if (orgNameCol >= 0 && cell(fields, orgNameCol)) row.organisationName = cell(fields, orgNameCol);
    }
    rows.push(row);
  }
  return scenarioFromAssignments(geo, rows, issues, { name: opts.name ?? nameFromFile(opts.fileName, 'Imported scenario'), prefix });
}
