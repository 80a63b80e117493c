/**
 * The edge where loose JSON becomes a `ScenarioV1` (STYLE.md 6): every file, share link and import passes
 * here, and the engine trusts what comes out. Problems are collected (up to MAX_ISSUES) with their JSON path,
 * so one pass over a hand-edited file shows what to fix. The result is a clean copy: unknown fields dropped (the
 * `provenance` member our exports write among them), optional fields only when present. Settings and collaboration
 * fields obey the same rules as the operations (scenarioRules.ts).
 *
 * Lenient only where a default is unambiguous: missing `collaborations` → none; missing `settings`, `band` or
 * `costPerHead`, `governingBodyCost`, `accountableOfficerCost` → DEFAULT_SETTINGS. Present but malformed → an error. A system or organisation with no units is
 * accepted (it breaks no partition); `removeEmptySystems` drops them, and operations never make them.
 */
import type { Geography } from '../geography.ts';
import {
  COLLABORATION_KINDS,
  COLLABORATION_STATUSES,
  settingsWithDefaults,
  SCENARIO_SCHEMA,
  type CollaborationDef,
  type OrganisationDef,
  type ScenarioSettings,
  type ScenarioV1,
  type SystemDef,
} from '../scenario.ts';
import { clip, MAX_ISSUES, quoted, ScenarioValidationError, type ValidationIssue } from '../errors.ts';
import { collaborationKindIssue, collaborationStatusIssue, kindOf, servicesIssues, settingsIssues, type RuleIssue } from '../scenarioRules.ts';
import { withArticle } from '../article.ts';
import { findJsonSyntaxError } from './jsonError.ts';
import { JSON_LIMITS, jsonLimitProblem } from './jsonLimits.ts';

export const SUPPORTED_SCHEMAS: readonly string[] = [SCENARIO_SCHEMA];

/** What validation needs from the geography. */
export type ValidationGeography = Pick<Geography, 'unitSet' | 'noun' | 'codes' | 'indexOfCode' | 'find'>;

/** How many missing codes a message spells out. */
const LIST_CAP = 10;

export function listCodes(codes: readonly string[], cap = LIST_CAP): string {
  return codes.length <= cap ? codes.join(', ') : `${codes.slice(0, cap).join(', ')} … and ${codes.length - cap} more`;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

class Issues {
  readonly list: ValidationIssue[] = [];
  constructor(private readonly base: string) {}
  at(path: string): string {
    if (!this.base) return path;
    return path === '' ? this.base : path.startsWith('[') ? this.base + path : `${this.base}.${path}`;
  }
  add(path: string, message: string): void {
    if (this.list.length < MAX_ISSUES) this.list.push({ path: this.at(path), message });
  }
  /** Rule issues (paths relative to `base`). */
  addRules(base: string, rules: readonly (RuleIssue | null)[]): void {
    for (const r of rules) if (r) this.add(`${base}.${r.path}`, r.message);
  }
  fail(): never {
    throw new ScenarioValidationError(this.list);
  }
}

/**
 * Validates parsed JSON as a scenario for `geo`. `basePath` prefixes every reported path (e.g. `scenario` when
 * the scenario is nested in a GeoJSON file).
 */
/**
 * The unit set a scenario file is on. Files saved before unit sets existed have no `unitSet` (or an empty one)
 * and are all on the 2019 CCGs.
 */
export function scenarioUnitSet(json: { unitSet?: unknown }): unknown {
  return json.unitSet === undefined || json.unitSet === null || json.unitSet === '' ? LEGACY_UNIT_SET : json.unitSet;
}

/** What every scenario saved before unit sets existed is on. */
export const LEGACY_UNIT_SET = 'ccg-2019';

export function validateScenario(json: unknown, geo: ValidationGeography, basePath = ''): ScenarioV1 {
  const issues: Issues = new Issues(basePath); // annotated so `fail(): never` narrows
  if (!isObj(json)) {
    issues.add('', `expected a scenario object, got ${kindOf(json)}`);
    issues.fail();
  }
  checkSchema(json.schema, issues);
  const unitSet = scenarioUnitSet(json);
  if (unitSet !== geo.unitSet) {
    issues.add(
      'unitSet',
      typeof unitSet === 'string'
        ? `this scenario is for another unit set, ${quoted(unitSet)}; the loaded geography is "${geo.unitSet}"`
        : `missing or not a string; expected "${geo.unitSet}"`,
    );
    issues.fail();
  }

  const name = json.name;
  if (typeof name !== 'string') issues.add('name', `expected a string, got ${kindOf(name)}`);
  for (const f of ['description', 'basedOn'] as const) {
    if (json[f] !== undefined && typeof json[f] !== 'string') issues.add(f, `expected a string, got ${kindOf(json[f])}`);
  }

  const systems = readPartition(json.systems, 'systems', 'system', geo, issues) as SystemDef[];
  const organisations = readPartition(json.organisations, 'organisations', 'organisation', geo, issues);
  const collaborations = readCollaborations(json.collaborations, geo, issues);
  const settings = readSettings(json.settings, issues);
  if (issues.list.length > 0) issues.fail();

  const out: ScenarioV1 = { schema: SCENARIO_SCHEMA, unitSet: geo.unitSet, name: name as string, systems, organisations, collaborations, settings };
  if (typeof json.description === 'string') out.description = json.description;
  if (typeof json.basedOn === 'string') out.basedOn = json.basedOn;
  return out;
}

/**
 * Parses and validates scenario JSON text: a scenario file, or the inflated text of a share link. Text over the
 * limits (JSON_LIMITS.maxScenarioChars, maxDepth) is refused before parsing; a JSON syntax error is reported
 * with its line and column.
 */
export function parseScenarioJson(text: string, geo: ValidationGeography): ScenarioV1 {
  return validateScenario(parseScenarioText(text), geo);
}

/**
 * Scenario JSON text parsed within the same limits, not yet validated: for a front end holding share-link text
 * where no geography is at hand (the worker validates it). Throws ScenarioValidationError.
 */
export function parseScenarioText(text: string): unknown {
  const limit = jsonLimitProblem(text, JSON_LIMITS.maxScenarioChars);
  if (limit) {
    const where = limit.line !== undefined ? `line ${limit.line}, column ${limit.column}: ` : '';
    throw new ScenarioValidationError([{ path: '', message: `${where}${limit.message}` }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    const p = findJsonSyntaxError(text);
    const where = p ? `line ${p.line}, column ${p.column}: ${p.message}` : 'not valid JSON';
    throw new ScenarioValidationError([{ path: '', message: `malformed JSON at ${where}` }]);
  }
  return json;
}

function checkSchema(schema: unknown, issues: Issues): void {
  if (schema === SCENARIO_SCHEMA) return;
  const supported = `supported: ${SUPPORTED_SCHEMAS.join(', ')}`;
  if (schema === undefined) {
    issues.add('schema', `missing: this is not a Footprints scenario file (${supported})`);
  } else {
    const m = typeof schema === 'string' ? /^footprints\/scenario@(.+)$/.exec(schema) : null;
    if (m) {
      const newer = Number(m[1]) > 1 ? ', written by a newer version of Footprints' : '';
      issues.add('schema', `scenario format version ${clip(m[1], 20)} is not supported${newer} (${supported})`);
    } else {
      issues.add('schema', `${quoted(schema)} is not a Footprints scenario schema (${supported})`);
    }
  }
  issues.fail();
}

function unknownCode(code: unknown, geo: ValidationGeography): string {
  const { one, many } = geo.noun;
  if (typeof code !== 'string') return `expected ${withArticle(one)} code (string), got ${kindOf(code)}`;
  const i = geo.find(code);
  // An NHS code or a name is a common slip in hand-made files: say what it would have matched.
  const hint = i >= 0 ? ` (did you mean ${geo.codes[i]}? scenarios refer to ${many} by ONS code)` : '';
  return `unknown ${one} code ${quoted(code)}${hint}`;
}

/**
 * Where each unit was first met in a partition, by unit index: the group's units path (an index into `paths`) and
 * the unit's place in that list; the path text is made only for a message.
 */
class Seen {
  readonly paths: string[] = [];
  readonly group: Int32Array;
  readonly k: Int32Array;
  /** The units marked, so `forget` clears just those. */
  private readonly marked: number[] = [];
  constructor(n: number) {
    this.group = new Int32Array(n).fill(-1);
    this.k = new Int32Array(n);
  }
  mark(i: number, group: number, k: number): void {
    this.group[i] = group;
    this.k[i] = k;
    this.marked.push(i);
  }
  where(i: number): string {
    return `${this.paths[this.group[i]]}[${this.k[i]}]`;
  }
  /** Unmarks every unit marked so far (collaborations: a unit once in each, but in any number of them). */
  forget(): void {
    for (const i of this.marked) this.group[i] = -1;
    this.marked.length = 0;
  }
}

/**
 * Reads `units` of one group: known codes, each once in the whole partition (`seen`). At 32,844 LSOAs a scenario
 * has 65,688 unit entries, so nothing is built or hashed per entry beyond the code's own lookup.
 */
function readUnits(raw: unknown, path: string, geo: ValidationGeography, issues: Issues, seen: Seen): string[] {
  if (!Array.isArray(raw)) {
    issues.add(path, `expected an array of ${geo.noun.one} codes, got ${kindOf(raw)}`);
    return [];
  }
  const at = seen.paths.push(path) - 1;
  const units: string[] = [];
  for (let k = 0; k < raw.length; k++) {
    const code: unknown = raw[k];
    const i = typeof code === 'string' ? geo.indexOfCode(code) : -1;
    if (i < 0) {
      issues.add(`${path}[${k}]`, unknownCode(code, geo));
      continue;
    }
    if (seen.group[i] >= 0) {
      issues.add(`${path}[${k}]`, `${code} is also in ${issues.at(seen.where(i))}`);
      continue;
    }
    seen.mark(i, at, k);
    units.push(code as string);
  }
  return units;
}

function readId(g: Obj, path: string, ids: Map<string, string>, issues: Issues): string {
  const id = g.id;
  if (typeof id !== 'string' || id.trim() === '') {
    issues.add(`${path}.id`, `expected a non-empty string, got ${typeof id === 'string' ? 'an empty string' : kindOf(id)}`);
    return '';
  }
  const first = ids.get(id);
  if (first !== undefined) issues.add(`${path}.id`, `id ${quoted(id)} is also used by ${issues.at(first)}`);
  else ids.set(id, path);
  return id;
}

function readPartition(
  raw: unknown,
  key: 'systems' | 'organisations',
  kind: 'system' | 'organisation',
  geo: ValidationGeography,
  issues: Issues,
): (SystemDef | OrganisationDef)[] {
  if (!Array.isArray(raw)) {
    issues.add(key, `expected an array of ${kind}s, got ${kindOf(raw)}`);
    return [];
  }
  const seen = new Seen(geo.codes.length);
  const ids = new Map<string, string>();
  const out = raw.map((g, k) => {
    const path = `${key}[${k}]`;
    if (!isObj(g)) {
      issues.add(path, `expected a ${kind} object, got ${kindOf(g)}`);
      return { id: '', name: '', units: [] };
    }
    const id = readId(g, path, ids, issues);
    if (typeof g.name !== 'string') issues.add(`${path}.name`, `expected a string, got ${kindOf(g.name)}`);
    const units = readUnits(g.units, `${path}.units`, geo, issues, seen);
    const def: SystemDef = { id, name: String(g.name ?? ''), units };
    if (kind === 'system') {
      if (g.locked !== undefined && typeof g.locked !== 'boolean') issues.add(`${path}.locked`, `expected true or false, got ${kindOf(g.locked)}`);
      if (g.atypical !== undefined && typeof g.atypical !== 'string') issues.add(`${path}.atypical`, `expected a string (the reason), got ${kindOf(g.atypical)}`);
      if (g.locked === true) def.locked = true;
      if (typeof g.atypical === 'string' && g.atypical !== '') def.atypical = g.atypical;
    }
    return def;
  });
  const missing = geo.codes.filter((_, i) => seen.group[i] < 0);
  if (missing.length > 0) {
    issues.add(key, `${missing.length} ${missing.length === 1 ? `${geo.noun.one} is` : `${geo.noun.many} are`} in no ${kind}: ${listCodes(missing)}`);
  }
  return out;
}

function readCollaborations(raw: unknown, geo: ValidationGeography, issues: Issues): CollaborationDef[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    issues.add('collaborations', `expected an array, got ${kindOf(raw)}`);
    return [];
  }
  const ids = new Map<string, string>();
  const seen = new Seen(geo.codes.length);
  return raw.map((c, k): CollaborationDef => {
    const path = `collaborations[${k}]`;
    if (!isObj(c)) {
      issues.add(path, `expected a collaboration object, got ${kindOf(c)}`);
      return { id: '', name: '', kind: COLLABORATION_KINDS[0], services: [], status: COLLABORATION_STATUSES[0], units: [] };
    }
    const id = readId(c, path, ids, issues);
    if (typeof c.name !== 'string') issues.add(`${path}.name`, `expected a string, got ${kindOf(c.name)}`);
    issues.addRules(path, [collaborationKindIssue(c.kind), collaborationStatusIssue(c.status), ...servicesIssues(c.services)]);
    const services: unknown[] = Array.isArray(c.services) ? c.services : [];
    // A unit appears once per collaboration, but may be in many collaborations.
    seen.forget();
    const units = readUnits(c.units, `${path}.units`, geo, issues, seen);
    if (Array.isArray(c.units) && c.units.length === 0) issues.add(`${path}.units`, `a collaboration needs at least one ${geo.noun.one}`);
    return {
      id,
      name: String(c.name ?? ''),
      kind: c.kind as CollaborationDef['kind'],
      services: services.filter((x): x is string => typeof x === 'string'),
      status: c.status as CollaborationDef['status'],
      units,
    };
  });
}

function readSettings(raw: unknown, issues: Issues): ScenarioSettings {
  const settings: ScenarioSettings = settingsWithDefaults(undefined);
  if (raw === undefined) return settings;
  if (!isObj(raw)) {
    issues.add('settings', `expected an object, got ${kindOf(raw)}`);
    return settings;
  }
  // Missing parts take the defaults; what is there obeys the operations' rules.
  const band = raw.band === undefined ? settings.band : raw.band;
  const costPerHead = raw.costPerHead === undefined ? settings.costPerHead : raw.costPerHead;
  const governingBodyCost = raw.governingBodyCost === undefined ? settings.governingBodyCost : raw.governingBodyCost;
  const accountableOfficerCost = raw.accountableOfficerCost === undefined ? settings.accountableOfficerCost : raw.accountableOfficerCost;
  const problems = settingsIssues({ band, costPerHead, governingBodyCost, accountableOfficerCost });
  issues.addRules('settings', problems);
  if (problems.length > 0) return settings;
  const b = band as { min: number; max: number };
  return {
    band: { min: b.min, max: b.max },
    costPerHead: costPerHead as number,
    governingBodyCost: governingBodyCost as number,
    accountableOfficerCost: accountableOfficerCost as number,
  };
}
