/**
 * Unit → group rows, as read from a CSV or GeoJSON file, made into a scenario. The readers match units and
 * report what they cannot read; this checks the rows as a whole (each CCG once, none missing) and builds the
 * scenario only when there is no problem at all, so an import never yields a partial scenario.
 */
import type { Geography } from '../geography.ts';
import { settingsWithDefaults, SCENARIO_SCHEMA, type OrganisationDef, type ScenarioV1, type SystemDef } from '../scenario.ts';
import { clip, ImportError, MAX_ECHO_CHARS, MAX_ISSUES, quoted, type ImportIssue } from '../errors.ts';
import { listCodes } from './validate.ts';

export interface Assignment {
  /** Unit index in the geography. */
  unit: number;
  system: string;
  systemName?: string;
  atypical?: string;
  /** Without it, the CCG is its own organisation. */
  organisation?: string;
  organisationName?: string;
  /** Where the row came from, for messages: `{line}` or `{path}`. */
  where: { line?: number; path?: string };
}

export type AssignmentGeography = Pick<Geography, 'unitSet' | 'codes' | 'names' | 'n'>;

const place = (w: Assignment['where']) => (w.line !== undefined ? `line ${w.line}` : (w.path ?? 'another row'));

/** Throws ImportError with `issues` (capped) when there are any; `prefix` starts the message (e.g. the file name). */
export function throwIfIssues(issues: readonly ImportIssue[], prefix = ''): void {
  if (issues.length > 0) failImport(issues, prefix);
}

export function failImport(issues: readonly ImportIssue[], prefix = ''): never {
  const capped = issues.slice(0, MAX_ISSUES);
  // One problem speaks for itself; several get a count first, so a truncated message still says how many.
  const count = issues.length === 1 ? '' : `${issues.length > MAX_ISSUES ? `${MAX_ISSUES}+` : issues.length} problems: `;
  // The prefix is usually "<file name>: "; a very long file name is cut, keeping the separator.
  const head = prefix.length > MAX_ECHO_CHARS ? `${clip(prefix.replace(/: $/, ''), MAX_ECHO_CHARS - 2)}: ` : prefix;
  throw new ImportError(capped, `${head}${count}`);
}

/**
 * A group named twice with different names (the second would silently rename it): one issue on each later row
 * whose name differs from the first row that named the group, naming both lines.
 */
function conflictingNames(rows: readonly Assignment[], kind: string, id: (r: Assignment) => string | undefined, name: (r: Assignment) => string | undefined): ImportIssue[] {
  const named = new Map<string, Assignment>();
  const out: ImportIssue[] = [];
  for (const r of rows) {
    const g = id(r);
    const n = name(r);
    if (g === undefined || !n) continue;
    const prior = named.get(g);
    if (!prior) named.set(g, r);
    else if (name(prior) !== n) {
      out.push({ ...r.where, message: `${kind} ${quoted(g)} is named ${quoted(n)} here but ${quoted(name(prior))} on ${place(prior.where)}` });
    }
  }
  return out;
}

export function scenarioFromAssignments(
  geo: AssignmentGeography,
  rows: readonly Assignment[],
  issues: ImportIssue[],
  opts: { name: string; prefix?: string },
): ScenarioV1 {
  const unreadable = issues.length;
  const first = new Map<number, Assignment>();
  for (const r of rows) {
    const prior = first.get(r.unit);
    if (prior) issues.push({ ...r.where, message: `${geo.codes[r.unit]} already given on ${place(prior.where)}` });
    else first.set(r.unit, r);
  }
  issues.push(...conflictingNames(rows, 'system', (r) => r.system, (r) => r.systemName));
  issues.push(...conflictingNames(rows, 'organisation', (r) => r.organisation, (r) => r.organisationName));
  // Units whose row was unreadable are already reported; listing them again as missing would only repeat it.
  if (unreadable === 0) {
    const missing = geo.codes.filter((_, i) => !first.has(i));
    if (missing.length > 0) issues.push({ message: `${missing.length} CCG${missing.length === 1 ? ' is' : 's are'} missing: ${listCodes(missing)}` });
  }
  throwIfIssues(issues, opts.prefix);

  const systems = new Map<string, SystemDef>();
  const orgs = new Map<string, OrganisationDef>();
  const organisations: OrganisationDef[] = [];
  for (let i = 0; i < geo.n; i++) {
    const r = first.get(i)!;
    let sys = systems.get(r.system);
    if (!sys) systems.set(r.system, (sys = { id: r.system, name: r.systemName || r.system, units: [] }));
    sys.units.push(geo.codes[i]);
    if (r.atypical && !sys.atypical) sys.atypical = r.atypical;
    if (r.organisation === undefined) {
      organisations.push({ id: geo.codes[i], name: geo.names[i], units: [geo.codes[i]] });
      continue;
    }
    let org = orgs.get(r.organisation);
    if (!org) {
      orgs.set(r.organisation, (org = { id: r.organisation, name: r.organisationName || r.organisation, units: [] }));
      organisations.push(org);
    }
    org.units.push(geo.codes[i]);
  }
  return {
    schema: SCENARIO_SCHEMA,
    unitSet: geo.unitSet,
    name: opts.name,
    systems: [...systems.values()],
    organisations,
    collaborations: [],
    settings: settingsWithDefaults(undefined),
  };
}

/** A scenario name from a file name: `north-west v2.csv` → `north-west v2`. */
export function nameFromFile(fileName: string | undefined, fallback: string): string {
  const base = (fileName ?? '').split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.[^.]*$/, '').trim();
  return stem || fallback;
}
