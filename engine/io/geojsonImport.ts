/**
 * Scenarios from GeoJSON: a FeatureCollection of units carrying a group property (e.g. a GIS layer of CCGs
 * with an STP column), or our own systems export (one feature per system with its `ccg_codes`; the whole
 * scenario rides in the foreign member `footprints.scenario` unless a GIS tool dropped it). Problems name the feature (`features[12]…`).
 * Also `importAny`, the one entry point for "open a file", since GeoJSON is where the dispatch is subtle.
 */
import type { ScenarioV1 } from '../scenario.ts';
import type { Geography } from '../geography.ts';
import { MAX_ISSUES, quoted, type ImportIssue } from '../errors.ts';
import { geometryIssue } from './geometryCheck.ts';
import { matchUnit } from './matchUnit.ts';
import { failImport, nameFromFile, scenarioFromAssignments, type Assignment } from './assignments.ts';
import { parseJsonForImport } from './parseJsonForImport.ts';
import { importAssignmentsCsv, type CsvGeography } from './csv.ts';
import { validateScenario, type ValidationGeography } from './validate.ts';

export type GeoJsonGeography = Pick<Geography, 'unitSet' | 'noun' | 'n' | 'codes' | 'names' | 'find'>;
/** What `importAny` needs: satisfied by `Geography`. */
export type ImportGeography = CsvGeography & GeoJsonGeography & ValidationGeography;

export interface GeoJsonImportOptions {
  /** Property holding each unit's system; default: the first of UNIT_GROUP_PROPERTIES present. */
  groupProperty?: string;
  /** Property holding each unit's organisation; default: `organisation_id` if present, else each CCG its own. */
  organisationProperty?: string;
  fileName?: string;
  name?: string;
}

/** Property names for the unit, tried in order (compared case-insensitively). */
export const UNIT_CODE_PROPERTIES = ['ccg_code', 'CCG19CD', 'code', 'ccg', 'ons_code', 'CCG19CDH', 'nhs_code', 'CCG19NM', 'ccg_name', 'name'] as const;
export const UNIT_GROUP_PROPERTIES = ['system_id', 'system', 'group', 'STP19CD', 'stp_code', 'stp', 'icb', 'ics'] as const;

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The key of `props` equal to `name` ignoring case, if any. */
function keyLike(props: Obj, name: string): string | undefined {
  if (name in props) return name;
  const lower = name.toLowerCase();
  return Object.keys(props).find((k) => k.toLowerCase() === lower);
}

function asText(v: unknown): string {
  return typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
}

function featureCollection(json: unknown, prefix: string): Obj[] {
  if (!isObj(json) || json.type !== 'FeatureCollection') {
    const what = isObj(json) ? (typeof json.type === 'string' ? `type is ${quoted(json.type)}` : 'no "type" member') : Array.isArray(json) ? 'an array' : typeof json;
    failImport([{ path: 'type', message: `not a GeoJSON FeatureCollection (${what})` }], prefix);
  }
  const features = (json as Obj).features;
  if (!Array.isArray(features)) failImport([{ path: 'features', message: 'expected an array of features' }], prefix);
  // Shapes are not read, but a file whose shapes are not GeoJSON polygons is not the file it claims to be.
  const issues: ImportIssue[] = [];
  for (let k = 0; k < features.length && issues.length < MAX_ISSUES; k++) {
    const f: unknown = features[k];
    const issue = isObj(f) ? geometryIssue(f.geometry) : null;
    if (issue) issues.push({ path: `features[${k}].${issue.path}`, message: issue.message });
  }
  if (issues.length > 0) failImport(issues, prefix);
  return features as Obj[];
}

function scenarioName(json: unknown, opts: GeoJsonImportOptions): string {
  if (opts.name) return opts.name;
  const own = isObj(json) && typeof json.name === 'string' && json.name.trim() ? json.name.trim() : '';
  return own || nameFromFile(opts.fileName, 'Imported scenario');
}

/** A FeatureCollection of units, each with a unit code and a group property. */
export function importUnitsGeoJson(input: unknown, geo: GeoJsonGeography, opts: GeoJsonImportOptions = {}): ScenarioV1 {
  const prefix = opts.fileName ? `${opts.fileName}: ` : '';
  const json = typeof input === 'string' ? parseJsonForImport(input, prefix) : input;
  const features = featureCollection(json, prefix);
  const allProps = features.map((f) => (isObj(f) && isObj(f.properties) ? f.properties : {}));
  let group = opts.groupProperty;
  if (group !== undefined && !allProps.some((p) => keyLike(p, group!) !== undefined)) {
    failImport([{ path: 'features', message: `no feature has the property ${quoted(group)}` }], prefix);
  }
  if (group === undefined) {
    group = UNIT_GROUP_PROPERTIES.find((g) => allProps.some((p) => keyLike(p, g) !== undefined));
    if (group === undefined) {
      failImport([{ path: 'features', message: `no group property: expected one of ${UNIT_GROUP_PROPERTIES.join(', ')} (or choose the property to group by)` }], prefix);
    }
  }
  // Our units export also names the groups and the organisations: use them when there.
  const has = (name: string) => allProps.some((p) => keyLike(p, name) !== undefined);
  const orgProperty = opts.organisationProperty ?? (has('organisation_id') ? 'organisation_id' : undefined);
  const nameOf = (props: Obj, property: string | undefined, idProperty: string) =>
    property && idProperty.toLowerCase().endsWith('_id') ? asText(props[keyLike(props, property) ?? property]) : '';
  const issues: ImportIssue[] = [];
  const rows: Assignment[] = [];
  features.forEach((f, k) => {
    const path = `features[${k}]`;
    if (!isObj(f) || f.type !== 'Feature') return issues.push({ path, message: 'not a GeoJSON Feature' });
    if (!isObj(f.properties)) return issues.push({ path: `${path}.properties`, message: `missing: no ${geo.noun.one} code and no group` });
    const props = f.properties;
    const codeKey = UNIT_CODE_PROPERTIES.map((c) => keyLike(props, c)).find((c) => c !== undefined && asText(props[c]) !== '');
    const codeValue = codeKey !== undefined ? asText(props[codeKey]) : asText(f.id);
    if (codeValue === '') {
      return issues.push({ path: `${path}.properties`, message: `no ${geo.noun.one} code (expected one of ${UNIT_CODE_PROPERTIES.slice(0, 3).join(', ')} …)` });
    }
    const unit = matchUnit(geo, codeValue);
    if (unit < 0) return issues.push({ path: `${path}.${codeKey !== undefined ? `properties.${codeKey}` : 'id'}`, message: `no ${geo.noun.one} matches ${quoted(codeValue)}` });
    const groupKey = keyLike(props, group!) ?? group!;
    const system = asText(props[groupKey]);
    if (system === '') return issues.push({ path: `${path}.properties.${groupKey}`, message: `no group value for ${geo.codes[unit]}` });
    const row: Assignment = { unit, system, where: { path } };
    const systemName = nameOf(props, groupKey.replace(/_id$/i, '_name'), groupKey);
    if (systemName) row.systemName = systemName;
    if (orgProperty !== undefined) {
      const orgKey = keyLike(props, orgProperty) ?? orgProperty;
      const org = asText(props[orgKey]);
      if (org === '') return issues.push({ path: `${path}.properties.${orgKey}`, message: `no organisation value for ${geo.codes[unit]}` });
      row.organisation = org;
      const orgName = nameOf(props, orgKey.replace(/_id$/i, '_name'), orgKey);
      if (orgName) row.organisationName = orgName;
    }
    rows.push(row);
  });
  return scenarioFromAssignments(geo, rows, issues, { name: scenarioName(json, opts), prefix });
}

/** True when the features look like our systems export: each carries `ccg_codes`. */
export function isSystemsGeoJson(json: unknown): boolean {
  if (!isObj(json) || !Array.isArray(json.features) || json.features.length === 0) return false;
  return json.features.every((f) => isObj(f) && isObj(f.properties) && f.properties.ccg_codes !== undefined);
}

/** Our systems export without a `scenario` member: systems from the features, each CCG its own organisation. */
export function importSystemsGeoJson(input: unknown, geo: GeoJsonGeography, opts: GeoJsonImportOptions = {}): ScenarioV1 {
  const prefix = opts.fileName ? `${opts.fileName}: ` : '';
  const json = typeof input === 'string' ? parseJsonForImport(input, prefix) : input;
  const features = featureCollection(json, prefix);
  const issues: ImportIssue[] = [];
  const rows: Assignment[] = [];
  const ids = new Map<string, number>();
  features.forEach((f, k) => {
    const path = `features[${k}].properties`;
    const props = isObj(f) && isObj(f.properties) ? f.properties : null;
    if (!props) return issues.push({ path, message: 'missing' });
    const id = asText(props.id);
    if (id === '') return issues.push({ path: `${path}.id`, message: 'no system id' });
    if (ids.has(id)) return issues.push({ path: `${path}.id`, message: `system id ${quoted(id)} is also used by features[${ids.get(id)}]` });
    ids.set(id, k);
    const raw = props.ccg_codes;
    const codes = typeof raw === 'string' ? raw.split(';') : Array.isArray(raw) ? raw : null;
    if (!codes) return issues.push({ path: `${path}.ccg_codes`, message: 'expected a list of CCG codes (an array or a ";"-separated string)' });
    const systemName = asText(props.name) || id;
    const atypical = asText(props.atypical);
    codes.forEach((c, j) => {
      const code = asText(c);
      if (code === '') return;
      const unit = matchUnit(geo, code);
      if (unit < 0) return issues.push({ path: `${path}.ccg_codes[${j}]`, message: `no CCG matches ${quoted(code)}` });
      rows.push({ unit, system: id, systemName, ...(atypical ? { atypical } : {}), where: { path: `${path}.ccg_codes[${j}]` } });
    });
  });
  return scenarioFromAssignments(geo, rows, issues, { name: scenarioName(json, opts), prefix });
}

/**
 * Opens a file by extension, then by content: CSV → assignments; JSON with `schema` → scenario; a
 * FeatureCollection → the scenario in its `footprints` (or `scenario`) member if any, else our systems export (features with `ccg_codes`), else a
 * units layer. Throws ImportError or ScenarioValidationError (both carry `issues`); never a partial scenario.
 */
export function importAny(text: string, fileName: string, geo: ImportGeography): ScenarioV1 {
  const prefix = fileName ? `${fileName}: ` : '';
  const ext = /\.([^.\\/]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const looksJson = /^\s*[{[]/.test(body);
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt' || (!['json', 'geojson'].includes(ext) && !looksJson)) {
    return importAssignmentsCsv(text, geo, { fileName });
  }
  const json = parseJsonForImport(text, prefix);
  const obj = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
  if (obj && 'schema' in obj) return validateScenario(obj, geo);
  if (obj && obj.type === 'FeatureCollection') {
    featureCollection(obj, prefix); // the features' shapes are checked even when only the scenario member is read
    // Our export carries the whole scenario in the foreign member `footprints` (older drafts: `scenario`).
    const member = obj.footprints;
    if (typeof member === 'object' && member !== null && 'scenario' in member) {
      return validateScenario((member as { scenario: unknown }).scenario, geo, 'footprints.scenario');
    }
    if (obj.scenario !== undefined) return validateScenario(obj.scenario, geo, 'scenario');
    if (isSystemsGeoJson(obj)) return importSystemsGeoJson(obj, geo, { fileName });
    return importUnitsGeoJson(obj, geo, { fileName });
  }
  failImport([{ message: 'not a Footprints scenario (no "schema" member) nor a GeoJSON FeatureCollection' }], prefix);
}
