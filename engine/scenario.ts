/**
 * The scenario: what a planner saves, shares, imports and exports. Plain JSON, versioned by `schema`.
 * Units are referred to by ONS code (E38…), so a file stays readable and survives a change of unit order.
 *
 * Invariants (checked by `io/validate.ts`, kept by every operation in this file):
 * - `systems` partition the unit set: every unit in exactly one system;
 * - `organisations` partition the unit set: every unit in exactly one organisation;
 * - ids are unique within systems, within organisations and within collaborations.
 */

import { clip, MAX_ECHO_CHARS, quoted, ScenarioError } from './errors.ts';
import type { Bundle } from './bundle.ts';
import { SCENARIO_SCHEMA, type CollaborationDef, type OrganisationDef, type ScenarioSettings, type ScenarioV1 } from './scenarioTypes.ts';
import { combinedName } from './shortName.ts';
import { FIXED_COST_DEFAULTS } from './runningCosts.ts';
import { COLLABORATION_KINDS, COLLABORATION_STATUSES, collaborationKindIssue, collaborationStatusIssue, servicesIssues, settingsIssues, type RuleIssue } from './scenarioRules.ts';

export { COLLABORATION_KINDS, COLLABORATION_STATUSES };
export * from './scenarioTypes.ts';

/** Running-cost allowance presets, £ per head (DOMAIN.md: 2013/14, 2016/17, expected 2020/21). */
export const COST_PER_HEAD_PRESETS = [25, 22.07, 21.46] as const;

export const DEFAULT_SETTINGS: ScenarioSettings = {
  // The band the design measures against (DESIGN.md, ReCom budget); a planner's setting, not policy.
  band: { min: 400_000, max: 3_500_000 },
  costPerHead: 21.46,
  ...FIXED_COST_DEFAULTS,
};

/** A copy of the settings, with the defaults for any part an older scenario lacks. */
export function settingsWithDefaults(settings: Partial<ScenarioSettings> | undefined): ScenarioSettings {
  const band = settings?.band ?? DEFAULT_SETTINGS.band;
  return {
    band: { min: band.min, max: band.max },
    costPerHead: settings?.costPerHead ?? DEFAULT_SETTINGS.costPerHead,
    governingBodyCost: settings?.governingBodyCost ?? DEFAULT_SETTINGS.governingBodyCost,
    accountableOfficerCost: settings?.accountableOfficerCost ?? DEFAULT_SETTINGS.accountableOfficerCost,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Operations. Each takes a scenario and arguments and returns a new scenario; the input is never mutated and
// untouched groups are shared with it. Bad arguments throw `ScenarioError` before anything is built, so a
// refused operation leaves nothing behind.
//
// Decisions:
// - Systems and organisations left with no units by an operation are dropped at once (an empty footprint has
//   nothing to draw and only produces findings). `removeEmptySystems` does the same for loaded files.
// - Locks guard membership only: units cannot move into or out of a locked system, and a locked system cannot
//   be merged; it can still be renamed or marked atypical.
// - Generated ids are the first free `sys-N`, `org-N`, `collab-N`, so replaying the same commands gives the
//   same ids. Organisations made from one CCG take the CCG's ONS code as id when it is free, and organisations
//   made from a system take the system's id when it is free: that is how the baselines are keyed.
// - Moving units between systems leaves organisations alone: an organisation may straddle systems (a finding
//   for checks.ts, not an error).
// ---------------------------------------------------------------------------------------------------------------


/** What operations need to name a CCG: satisfied by `Geography`. Without it, a CCG is named by its code. */
export interface UnitNames {
  readonly codes: readonly string[];
  readonly names: readonly string[];
  indexOfCode(code: string): number;
}

type Group = { id: string; name: string; units: string[] };

const label = (kind: string, g: Group) => `${kind} ${quoted(g.name)} (${clip(g.id, MAX_ECHO_CHARS)})`;

function nextFreeId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let k = 1;
  while (used.has(`${prefix}${k}`)) k++;
  return `${prefix}${k}`;
}

/** The requested id if given (non-empty and not taken, else an error naming `what`, e.g. "a system"), or the next free `prefix`N. */
function newId(requested: unknown, ids: readonly string[], what: string, prefix: string): string {
  if (requested === undefined) return nextFreeId(prefix, ids);
  if (typeof requested !== 'string' || requested.trim() === '') throw new ScenarioError('invalid-argument', 'id: must be a non-empty string', 'id');
  if (ids.some((id) => id === requested)) throw new ScenarioError('duplicate-id', `id: ${what} with id ${quoted(requested)} already exists`, 'id');
  return requested;
}

function requireName(name: unknown, path = 'name'): string {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new ScenarioError('invalid-argument', `${path}: a name must be a non-empty string`, path);
  }
  return name.trim();
}

function findIndex(groups: readonly Group[], id: unknown, kind: 'system' | 'organisation', path: string): number {
  const k = typeof id === 'string' ? groups.findIndex((g) => g.id === id) : -1;
  if (k < 0) throw new ScenarioError(kind === 'system' ? 'unknown-system' : 'unknown-organisation', `${path}: unknown ${kind} ${quoted(id)}`, path);
  return k;
}

/**
 * Each group's units as a set, made once per group: groups are immutable and an edit shares every group it does
 * not touch, so at 32,844 LSOAs moving a piece looks its codes up in ~42 sets instead of scanning every unit.
 */
const unitSets = new WeakMap<Group, Set<string>>();
function unitsOf(g: Group): Set<string> {
  let set = unitSets.get(g);
  if (!set) unitSets.set(g, (set = new Set(g.units)));
  return set;
}

/**
 * Unit code → index of its system (the scenario's own partition is the list of known units), for the codes in
 * `only`: each looked up in the systems' sets.
 */
function systemOfUnit(s: ScenarioV1, only: readonly unknown[]): Map<string, number> {
  const at = new Map<string, number>();
  for (const u of only) {
    if (typeof u !== 'string' || at.has(u)) continue;
    const k = s.systems.findIndex((g) => unitsOf(g).has(u));
    if (k >= 0) at.set(u, k);
  }
  return at;
}

/** Checks a list of unit codes against the scenario; returns them without repeats, in the order given. */
function requireUnits(s: ScenarioV1, codes: unknown, path = 'units', allowEmpty = false): string[] {
  if (!Array.isArray(codes)) throw new ScenarioError('invalid-argument', `${path}: expected an array of unit codes`, path);
  if (!allowEmpty && codes.length === 0) throw new ScenarioError('invalid-argument', `${path}: no units given`, path);
  const known = systemOfUnit(s, codes);
  const seen = new Set<string>();
  codes.forEach((c, k) => {
    if (typeof c !== 'string' || !known.has(c)) {
      throw new ScenarioError('unknown-unit', `${path}[${k}]: unknown unit code ${quoted(c)}`, `${path}[${k}]`);
    }
    seen.add(c);
  });
  return [...seen];
}

function dropEmpty<G extends Group>(groups: G[]): G[] {
  return groups.every((g) => g.units.length > 0) ? groups : groups.filter((g) => g.units.length > 0);
}

/** Moves `codes` out of whatever groups hold them and appends them to `groups[target]` (index), sharing the rest. */
function moveWithin<G extends Group>(groups: readonly G[], codes: readonly string[], target: number): G[] {
  const into = unitsOf(groups[target]);
  const moving = new Set(codes.filter((c) => !into.has(c)));
  if (moving.size === 0) return groups.slice();
  const out = groups.map((g, k) => {
    if (k === target) return { ...g, units: [...g.units, ...moving] };
    const has = unitsOf(g);
    for (const u of moving) if (has.has(u)) return { ...g, units: g.units.filter((v) => !moving.has(v)) };
    return g;
  });
  return dropEmpty(out);
}

/** Refuses when any of `codes` would leave a locked system, or would enter `target` while it is locked. */
function checkLocks(s: ScenarioV1, codes: readonly string[], target: number | null): void {
  const at = systemOfUnit(s, codes);
  for (const c of codes) {
    const from = at.get(c)!;
    if (from === target) continue;
    const src = s.systems[from];
    if (src.locked) throw new ScenarioError('locked', `${label('system', src)} is locked: ${c} cannot be moved out of it`);
    if (target !== null && s.systems[target].locked) {
      throw new ScenarioError('locked', `${label('system', s.systems[target])} is locked: ${c} cannot be moved into it`);
    }
  }
}

/** Moves units to an existing system. */
export function assignUnits(s: ScenarioV1, unitCodes: readonly string[], systemId: string): ScenarioV1 {
  const target = findIndex(s.systems, systemId, 'system', 'system');
  const codes = requireUnits(s, unitCodes);
  checkLocks(s, codes, target);
  return { ...s, systems: moveWithin(s.systems, codes, target) };
}

/** Makes a new system (appended last) from units taken out of their systems. */
export function newSystem(s: ScenarioV1, unitCodes: readonly string[], opts: { id?: string; name: string }): ScenarioV1 {
  const name = requireName(opts?.name);
  const codes = requireUnits(s, unitCodes);
  const id = newId(opts.id, s.systems.map((g) => g.id), 'a system', 'sys-');
  checkLocks(s, codes, null);
  const withNew = [...s.systems, { id, name, units: [] }];
  return { ...s, systems: moveWithin(withNew, codes, withNew.length - 1) };
}

function requireDistinctIds(groups: readonly Group[], ids: unknown, kind: 'system' | 'organisation', min: number): number[] {
  const path = kind === 'system' ? 'systems' : 'organisations';
  if (!Array.isArray(ids)) throw new ScenarioError('invalid-argument', `${path}: expected an array of ids`, path);
  const idx = [...new Set(ids.map((id, k) => findIndex(groups, id, kind, `${path}[${k}]`)))];
  if (idx.length < min) throw new ScenarioError('invalid-argument', `${path}: give at least ${min} different ${kind}s`, path);
  return idx;
}

/** Merges groups into the first one listed (which keeps its id and place); the others disappear. */
function mergeInto<G extends Group>(groups: readonly G[], idx: number[], name: string | undefined): G[] {
  const [first, ...rest] = idx;
  const gone = new Set(rest);
  const units = idx.flatMap((k) => groups[k].units);
  const merged = { ...groups[first], units, name: name ?? groups[first].name };
  return groups.flatMap((g, k) => (k === first ? [merged] : gone.has(k) ? [] : [g]));
}

/** Merges systems into the first listed, which keeps its id, place and atypical reason. Locked systems refuse. */
export function mergeSystems(s: ScenarioV1, systemIds: readonly string[], opts: { name?: string } = {}): ScenarioV1 {
  const idx = requireDistinctIds(s.systems, systemIds, 'system', 2);
  const name = opts.name === undefined ? undefined : requireName(opts.name);
  for (const k of idx) if (s.systems[k].locked) throw new ScenarioError('locked', `${label('system', s.systems[k])} is locked: it cannot be merged`);
  return { ...s, systems: mergeInto(s.systems, idx, name) };
}

function updateAt<G>(groups: readonly G[], k: number, patch: (g: G) => G): G[] {
  return groups.map((g, j) => (j === k ? patch(g) : g));
}

export function renameSystem(s: ScenarioV1, systemId: string, name: string): ScenarioV1 {
  const k = findIndex(s.systems, systemId, 'system', 'system');
  const n = requireName(name);
  return { ...s, systems: updateAt(s.systems, k, (g) => ({ ...g, name: n })) };
}

export function setLocked(s: ScenarioV1, systemId: string, locked: boolean): ScenarioV1 {
  const k = findIndex(s.systems, systemId, 'system', 'system');
  if (typeof locked !== 'boolean') throw new ScenarioError('invalid-argument', 'locked: expected true or false', 'locked');
  return {
    ...s,
    systems: updateAt(s.systems, k, ({ locked: _old, ...g }) => (locked ? { ...g, locked: true } : g)),
  };
}

/** Marks a system atypical with the planner's reason; `null` or an empty reason clears the mark. */
export function setAtypical(s: ScenarioV1, systemId: string, reason: string | null): ScenarioV1 {
  const k = findIndex(s.systems, systemId, 'system', 'system');
  if (reason !== null && typeof reason !== 'string') throw new ScenarioError('invalid-argument', 'reason: expected a string or null', 'reason');
  const r = reason?.trim() ?? '';
  return {
    ...s,
    systems: updateAt(s.systems, k, ({ atypical: _old, ...g }) => (r ? { ...g, atypical: r } : g)),
  };
}

/** Drops systems and organisations with no units (operations already do; this cleans a loaded file). */
export function removeEmptySystems(s: ScenarioV1): ScenarioV1 {
  return { ...s, systems: dropEmpty(s.systems), organisations: dropEmpty(s.organisations) };
}

/**
 * Merges organisations into the first listed, which keeps its id and place. Without a name it takes the names'
 * combination ("NHS Barnsley, Doncaster, Rotherham and Sheffield CCG"), for the planner to edit.
 */
export function mergeOrganisations(s: ScenarioV1, orgIds: readonly string[], opts: { name?: string } = {}): ScenarioV1 {
  const idx = requireDistinctIds(s.organisations, orgIds, 'organisation', 2);
  const name = requireName(opts.name ?? combinedName(idx.map((k) => s.organisations[k].name)));
  return { ...s, organisations: mergeInto(s.organisations, idx, name) };
}

/**
 * Makes each chosen system's units one organisation named after the system ("typically one CCG per ICS").
 * Organisations that also held units elsewhere keep those units. A new organisation takes the system's id when
 * no remaining organisation uses it, and sits where the first organisation holding any of its units was.
 */
export function oneOrganisationPerSystem(s: ScenarioV1, systemId: string | 'all'): ScenarioV1 {
  const targets = systemId === 'all' ? s.systems : [s.systems[findIndex(s.systems, systemId, 'system', 'system')]];
  const taken = new Set<string>();
  const claimed = new Map<string, number>(); // unit → target index
  targets.forEach((t, j) => t.units.forEach((u) => claimed.set(u, j)));
  const remaining = s.organisations.map((o) => {
    const units = o.units.filter((u) => !claimed.has(u));
    return units.length === o.units.length ? o : { ...o, units };
  });
  remaining.forEach((o) => o.units.length > 0 && taken.add(o.id));
  const anchor = new Map<number, number[]>(); // original org index → targets placed before it
  targets.forEach((t, j) => {
    const k = s.organisations.findIndex((o) => o.units.some((u) => claimed.get(u) === j));
    anchor.set(k, [...(anchor.get(k) ?? []), j]);
  });
  const made: OrganisationDef[] = targets.map((t) => {
    const id = taken.has(t.id) ? nextFreeId('org-', taken) : t.id;
    taken.add(id);
    return { id, name: t.name, units: [...t.units] };
  });
  const out: OrganisationDef[] = [];
  remaining.forEach((o, k) => {
    for (const j of anchor.get(k) ?? []) out.push(made[j]);
    if (o.units.length > 0) out.push(o);
  });
  return { ...s, organisations: out };
}

/**
 * Splits an organisation. Without `groups`: back to one organisation per CCG, named after the CCG. With
 * `groups` (disjoint lists of its units): each group becomes an organisation and units in no group stay in the
 * original one. A one-CCG organisation takes the CCG's code as id when free; others take `org-N`.
 */
export function splitOrganisation(s: ScenarioV1, orgId: string, groups?: readonly (readonly string[])[], names?: UnitNames): ScenarioV1 {
  const k = findIndex(s.organisations, orgId, 'organisation', 'organisation');
  const org = s.organisations[k];
  const parts = groups ?? org.units.map((u) => [u]);
  if (!Array.isArray(parts)) throw new ScenarioError('invalid-argument', 'groups: expected an array of arrays of unit codes', 'groups');
  const inOrg = new Set(org.units);
  const seen = new Set<string>();
  parts.forEach((g, i) => {
    if (!Array.isArray(g) || g.length === 0) throw new ScenarioError('invalid-argument', `groups[${i}]: expected a non-empty array of unit codes`, `groups[${i}]`);
    g.forEach((u, j) => {
      const path = `groups[${i}][${j}]`;
      if (typeof u !== 'string' || !inOrg.has(u)) throw new ScenarioError('invalid-argument', `${path}: ${quoted(u)} is not in ${label('organisation', org)}`, path);
      if (seen.has(u)) throw new ScenarioError('invalid-argument', `${path}: ${u} is in more than one group`, path);
      seen.add(u);
    });
  });
  const leftover = org.units.filter((u) => !seen.has(u));
  const kept: OrganisationDef[] = leftover.length > 0 ? [{ ...org, units: leftover }] : [];
  const taken = new Set(s.organisations.filter((_, j) => j !== k).map((o) => o.id));
  kept.forEach((o) => taken.add(o.id));
  const made = parts.map((g, i): OrganisationDef => {
    const single = g.length === 1 ? g[0] : null;
    const id = single !== null && !taken.has(single) ? single : nextFreeId('org-', taken);
    taken.add(id);
    const name = single !== null ? unitName(single, names) : `${org.name} (${i + 1})`;
    return { id, name, units: [...g] };
  });
  const organisations = [...s.organisations.slice(0, k), ...kept, ...made, ...s.organisations.slice(k + 1)];
  return { ...s, organisations };
}

function unitName(code: string, names?: UnitNames): string {
  const i = names ? names.indexOfCode(code) : -1;
  return i >= 0 ? names!.names[i] : code;
}

/** Moves units to an existing organisation (whatever systems they are in). */
export function moveUnitsToOrganisation(s: ScenarioV1, unitCodes: readonly string[], orgId: string): ScenarioV1 {
  const target = findIndex(s.organisations, orgId, 'organisation', 'organisation');
  const codes = requireUnits(s, unitCodes);
  return { ...s, organisations: moveWithin(s.organisations, codes, target) };
}

/** Makes a new organisation (appended last) from units taken out of their organisations. */
export function newOrganisation(s: ScenarioV1, unitCodes: readonly string[], opts: { id?: string; name: string }): ScenarioV1 {
  const name = requireName(opts?.name);
  const codes = requireUnits(s, unitCodes);
  const id = newId(opts.id, s.organisations.map((g) => g.id), 'an organisation', 'org-');
  const withNew = [...s.organisations, { id, name, units: [] }];
  return { ...s, organisations: moveWithin(withNew, codes, withNew.length - 1) };
}

export function renameOrganisation(s: ScenarioV1, orgId: string, name: string): ScenarioV1 {
  const k = findIndex(s.organisations, orgId, 'organisation', 'organisation');
  const n = requireName(name);
  return { ...s, organisations: updateAt(s.organisations, k, (g) => ({ ...g, name: n })) };
}

export type CollaborationInput = Omit<CollaborationDef, 'id'> & { id?: string };
export type CollaborationPatch = Partial<Omit<CollaborationDef, 'id'>>;

/** Throws the first of `issues` (paths relative to the argument, prefixed with `base`) as a ScenarioError. */
function refuse(issues: readonly (RuleIssue | null)[], base = ''): void {
  const first = issues.find((i) => i !== null);
  if (!first) return;
  const path = base ? `${base}.${first.path}` : first.path;
  throw new ScenarioError('invalid-argument', `${path}: ${first.message}`, path);
}

/** Checks the fields present in a collaboration (patch) by the rules files obey too; returns clean copies. */
function checkCollaboration(s: ScenarioV1, c: CollaborationPatch): CollaborationPatch {
  const out: CollaborationPatch = {};
  if (c.name !== undefined) out.name = requireName(c.name);
  if (c.kind !== undefined) {
    refuse([collaborationKindIssue(c.kind)]);
    out.kind = c.kind;
  }
  if (c.status !== undefined) {
    refuse([collaborationStatusIssue(c.status)]);
    out.status = c.status;
  }
  if (c.services !== undefined) {
    refuse(servicesIssues(c.services));
    out.services = [...c.services];
  }
  if (c.units !== undefined) out.units = requireUnits(s, c.units);
  return out;
}

/** Adds a collaboration (id: the given one, or the first free `collab-N`). */
export function addCollaboration(s: ScenarioV1, c: CollaborationInput): ScenarioV1 {
  if (!c || typeof c !== 'object') throw new ScenarioError('invalid-argument', 'collaboration: expected an object');
  for (const f of ['name', 'kind', 'services', 'status', 'units'] as const) {
    if (c[f] === undefined) throw new ScenarioError('invalid-argument', `${f}: missing`, f);
  }
  const fields = checkCollaboration(s, c) as Omit<CollaborationDef, 'id'>;
  const id = newId(c.id, s.collaborations.map((x) => x.id), 'a collaboration', 'collab-');
  const made: CollaborationDef = { id, name: fields.name, kind: fields.kind, services: fields.services, status: fields.status, units: fields.units };
  return { ...s, collaborations: [...s.collaborations, made] };
}

function findCollaboration(s: ScenarioV1, id: unknown): number {
  const k = s.collaborations.findIndex((c) => c.id === id);
  if (k < 0) throw new ScenarioError('unknown-collaboration', `collaboration: unknown collaboration ${quoted(id)}`, 'collaboration');
  return k;
}

export function updateCollaboration(s: ScenarioV1, id: string, patch: CollaborationPatch): ScenarioV1 {
  const k = findCollaboration(s, id);
  if (!patch || typeof patch !== 'object') throw new ScenarioError('invalid-argument', 'patch: expected an object', 'patch');
  if ('id' in patch) throw new ScenarioError('invalid-argument', 'patch.id: a collaboration id cannot be changed', 'patch.id');
  const fields = checkCollaboration(s, patch);
  return { ...s, collaborations: updateAt(s.collaborations, k, (c) => ({ ...c, ...fields })) };
}

export function removeCollaboration(s: ScenarioV1, id: string): ScenarioV1 {
  const k = findCollaboration(s, id);
  return { ...s, collaborations: s.collaborations.filter((_, j) => j !== k) };
}

export interface SettingsPatch {
  band?: { min?: number; max?: number };
  costPerHead?: number;
  governingBodyCost?: number;
  accountableOfficerCost?: number;
}

export function updateSettings(s: ScenarioV1, patch: SettingsPatch): ScenarioV1 {
  if (!patch || typeof patch !== 'object') throw new ScenarioError('invalid-argument', 'patch: expected an object', 'patch');
  if (patch.band !== undefined && (typeof patch.band !== 'object' || patch.band === null)) {
    throw new ScenarioError('invalid-argument', 'settings.band: expected {min?, max?}', 'settings.band');
  }
  const settings: ScenarioSettings = {
    band: { ...s.settings.band, ...(patch.band ?? {}) },
    costPerHead: patch.costPerHead ?? s.settings.costPerHead,
    governingBodyCost: patch.governingBodyCost ?? s.settings.governingBodyCost,
    accountableOfficerCost: patch.accountableOfficerCost ?? s.settings.accountableOfficerCost,
  };
  refuse(settingsIssues(settings), 'settings');
  return { ...s, settings };
}

/** Renames the scenario itself; an empty description removes it. */
export function describeScenario(s: ScenarioV1, info: { name?: string; description?: string }): ScenarioV1 {
  if (!info || typeof info !== 'object') throw new ScenarioError('invalid-argument', 'info: expected {name?, description?}', 'info');
  const { description: _old, ...rest } = s;
  const name = info.name === undefined ? s.name : requireName(info.name);
  const description = info.description === undefined ? s.description : info.description;
  if (description !== undefined && typeof description !== 'string') throw new ScenarioError('invalid-argument', 'description: expected a string', 'description');
  return description ? { ...rest, name, description } : { ...rest, name };
}

// ---------------------------------------------------------------------------------------------------------------
// Starting points and comparison.
// ---------------------------------------------------------------------------------------------------------------

/**
 * A blank canvas: every CCG in one system, "England" (`sys-1`), which empties as the planner paints new
 * systems and then disappears; organisations are the CCGs themselves (id = ONS code, name = CCG name).
 */
export function emptyScenario(geo: UnitNames & { readonly unitSet: string }, name = 'Untitled scenario'): ScenarioV1 {
  return {
    schema: SCENARIO_SCHEMA,
    unitSet: geo.unitSet,
    name,
    systems: [{ id: 'sys-1', name: 'England', units: [...geo.codes] }],
    organisations: geo.codes.map((c, i) => ({ id: c, name: geo.names[i], units: [c] })),
    collaborations: [],
    settings: settingsWithDefaults(undefined),
  };
}

/** A deep copy of a baseline shipped in the bundle, marked `basedOn` that baseline. */
export function scenarioFromBaseline(bundle: Pick<Bundle, 'baselines'>, id: string): ScenarioV1 {
  const b = Object.prototype.hasOwnProperty.call(bundle.baselines, id) ? bundle.baselines[id] : undefined;
  if (!b) {
    throw new ScenarioError('unknown-baseline', `baseline: unknown baseline ${quoted(id)}; available: ${Object.keys(bundle.baselines).join(', ')}`, 'baseline');
  }
  const copy = JSON.parse(JSON.stringify(b)) as ScenarioV1;
  // A bundle built before a setting existed still opens: the missing parts take the defaults.
  return { ...copy, settings: settingsWithDefaults(copy.settings), basedOn: copy.basedOn ?? id };
}

/**
 * A copy for comparisons: units inside every group sorted by unit order (by code without a geography), group
 * order kept, optional fields present only when they say something (`locked: true`, a non-empty reason).
 */
export function canonicalScenario(s: ScenarioV1, geo?: Pick<UnitNames, 'indexOfCode'>): ScenarioV1 {
  const order = (u: string) => (geo ? geo.indexOfCode(u) : -1);
  const sortUnits = (units: readonly string[]) =>
    [...units].sort((a, b) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0));
  const out: ScenarioV1 = {
    schema: s.schema,
    unitSet: s.unitSet,
    name: s.name,
    systems: s.systems.map((g) => ({
      id: g.id,
      name: g.name,
      units: sortUnits(g.units),
      ...(g.locked ? { locked: true } : {}),
      ...(g.atypical ? { atypical: g.atypical } : {}),
    })),
    organisations: s.organisations.map((g) => ({ id: g.id, name: g.name, units: sortUnits(g.units) })),
    collaborations: s.collaborations.map((c) => ({ ...c, services: [...c.services], units: sortUnits(c.units) })),
    settings: settingsWithDefaults(s.settings),
  };
  if (s.description) out.description = s.description;
  if (s.basedOn) out.basedOn = s.basedOn;
  return out;
}
