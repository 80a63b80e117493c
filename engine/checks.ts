/**
 * Findings: what the policy checks say about a scenario, in words a planner reads (names and populations).
 * Order: by `FINDING_CODES` (errors, then warnings, then information), then in scenario order (councils in
 * bundle order, upper tier before districts).
 *
 * `Checker` keeps each group's findings keyed by the identity of the `GroupMetrics` objects they were written
 * from (the evaluator reuses those objects while a group is unchanged), so after one reassignment only the
 * findings of the changed groups, and of the councils and organisations they touch, are written again.
 */
import type { Geography } from './geography.ts';
import type { ScenarioV1 } from './scenario.ts';
import { bandPosition, type GroupMetrics } from './metrics.ts';
import { UNASSIGNED, type Partition } from './partition.ts';
import { councilTables, type CouncilTable } from './councils.ts';
import { formatCount, formatShare } from './format.ts';

export type Severity = 'error' | 'warning' | 'info';

export const FINDING_CODES = [
  'unassigned-unit',
  'organisation-straddles-systems',
  'system-outside-band',
  'system-not-contiguous',
  'several-organisations-no-reason',
  'system-crosses-region',
  'council-split',
  'baseline-not-exact',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export interface Finding {
  severity: Severity;
  code: FindingCode;
  message: string;
  /** Ids of the systems, organisations or collaborations concerned. */
  ids: string[];
  /** ONS codes of the units concerned. */
  units: string[];
}

export interface CheckInput {
  systems: readonly GroupMetrics[];
  organisations: readonly GroupMetrics[];
  systemPartition: Partition;
  organisationPartition: Partition;
  /** Organisations by id; built from `organisations` when absent. */
  organisationsById?: ReadonlyMap<string, GroupMetrics>;
}

const MAX_NAMED = 5;

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, MAX_NAMED).join(', ');
  return names.length > MAX_NAMED ? `${shown} and ${names.length - MAX_NAMED} more` : shown;
}

const people = (n: number) => `${formatCount(n)} people`;

function unassigned(geo: Geography, p: Partition, what: 'system' | 'organisation'): Finding[] {
  if (p.unassigned === 0) return [];
  const units: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < geo.n; i++) {
    if (p.unitToGroup[i] !== UNASSIGNED) continue;
    units.push(geo.codes[i]);
    names.push(`${geo.names[i]} (${geo.codes[i]})`);
  }
  const subject = units.length === 1 ? `1 ${geo.noun.one} is` : `${units.length} ${geo.noun.many} are`;
  return [{ severity: 'error', code: 'unassigned-unit', message: `${subject} in no ${what}: ${listNames(names)}.`, ids: [], units }];
}

/** Population of `members` by group of `unitToGroup`, most populous first. */
function splitBy(geo: Geography, members: ArrayLike<number>, unitToGroup: Uint16Array, weights?: ArrayLike<number>): [number, number][] {
  const pop = new Map<number, number>();
  for (let k = 0; k < members.length; k++) {
    const g = unitToGroup[members[k]];
    pop.set(g, (pop.get(g) ?? 0) + (weights ? weights[k] : geo.population[members[k]]));
  }
  return [...pop].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
}

function straddleFinding(geo: Geography, org: GroupMetrics, inp: CheckInput): Finding {
  const parts = splitBy(geo, org.members, inp.systemPartition.unitToGroup);
  const label = (g: number) => (g === UNASSIGNED ? 'no system' : inp.systems[g].name);
  return {
    severity: 'warning',
    code: 'organisation-straddles-systems',
    message: `Organisation ${org.name} straddles ${parts.length} systems: ${parts.map(([g, p]) => `${label(g)} (${people(p)})`).join(', ')}.`,
    ids: [org.id, ...parts.filter(([g]) => g !== UNASSIGNED).map(([g]) => inp.systems[g].id)],
    units: org.units,
  };
}

/** The four per-system findings, in `FINDING_CODES` order (null when the check passes). */
function systemFindings(geo: Geography, m: GroupMetrics, s: ScenarioV1, orgs: readonly (GroupMetrics | undefined)[]): (Finding | null)[] {
  const { min, max } = s.settings.band;
  const base = { severity: 'warning' as const, ids: [m.id], units: m.units };
  const out: (Finding | null)[] = [null, null, null, null];
  const position = bandPosition(m.population, s.settings.band);
  if (position !== 'in') {
    const above = position === 'above';
    const by = above ? m.population - max : min - m.population;
    const where = above ? 'above the band maximum' : 'below the band minimum';
    out[0] = { ...base, code: 'system-outside-band', message: `System ${m.name} has ${people(m.population)}, ${formatCount(by)} ${where} of ${formatCount(above ? max : min)}.` };
  }
  if (m.components > 1) {
    out[1] = {
      ...base,
      code: 'system-not-contiguous',
      message: `System ${m.name} is in ${m.components} separate pieces (even counting water links); the main piece has ${m.componentUnits[0].length} of its ${m.unitCount} ${geo.noun.many}.`,
      units: m.componentUnits.slice(1).flat(),
    };
  }
  if (m.organisationCount > 1 && !m.atypical) {
    const names = m.organisationIds.map((id, k) => orgs[k]?.name ?? id);
    out[2] = {
      ...base,
      code: 'several-organisations-no-reason',
      message: `System ${m.name} holds ${m.organisationCount} organisations (${listNames(names)}) with no reason given: typically one CCG per ICS. Merge them or mark the system atypical with a reason.`,
      ids: [m.id, ...m.organisationIds],
    };
  }
  if (m.regions.length > 1) {
    const parts = m.regionNames.map((r, k) => `${r} (${people(m.regionPopulations[k])})`);
    out[3] = { ...base, code: 'system-crosses-region', message: `System ${m.name} crosses ${m.regions.length} NHS regions: ${parts.join(', ')}.` };
  }
  return out;
}

function councilFinding(geo: Geography, tab: CouncilTable, c: number, label: string, inp: CheckInput): Finding {
  const { offsets, index, value } = tab.byCouncil;
  const members = index.subarray(offsets[c], offsets[c + 1]);
  const parts = splitBy(geo, members, inp.systemPartition.unitToGroup, value.subarray(offsets[c], offsets[c + 1]));
  const name = (g: number) => (g === UNASSIGNED ? 'no system' : inp.systems[g].name);
  const text = parts.map(([g, p]) => `${name(g)} ${formatShare(p / tab.total[c])} (${people(p)})`).join(', ');
  return {
    severity: 'info',
    code: 'council-split',
    message: `${tab.names[c]} (${label}) is split between ${parts.length} systems: ${text}.`,
    ids: parts.filter(([g]) => g !== UNASSIGNED).map(([g]) => inp.systems[g].id),
    units: Array.from(members, (i) => geo.codes[i]),
  };
}

/**
 * A scenario started from a baseline that cannot be exact on this unit set (ICB 2022 on whole CCGs) says so,
 * naming each unit the real boundaries split and the people on each side (the descriptor's `baselineSplits`).
 * Kept after edits: the scenario's starting point was approximate whatever it became since.
 */
function baselineFinding(geo: Geography, baseline: string): Finding | null {
  const splits = Object.prototype.hasOwnProperty.call(geo.bundle.baselineSplits ?? {}, baseline) ? geo.bundle.baselineSplits[baseline] : [];
  if (splits.length === 0) return null;
  const name = geo.bundle.baselines[baseline]?.name ?? baseline;
  const subject = splits.length === 1 ? `1 ${geo.noun.one} is` : `${splits.length} ${geo.noun.many} are`;
  const text = splits.map((u) => `${u.unitName} (${u.unit}): ${u.parts.map((p) => `${formatCount(p.population)} in ${p.groupName}`).join(', ')}`).join('; ');
  return {
    severity: 'info',
    code: 'baseline-not-exact',
    message: `This scenario starts from ${name}, which cannot be exact on ${geo.noun.many}: ${subject} split by its real boundaries, each placed with its most populous part. ${text}.`,
    ids: [],
    units: splits.map((u) => u.unit),
  };
}

type Keyed<T, K = readonly unknown[]> = { key: K; value: T };

/**
 * What a straddle or council-split finding says depends only on which system each of its units is in (ties in
 * its order go by system index) and on those systems' ids and names: the populations come from the units.
 * Keying the cache by that, not by the systems' metrics objects, keeps the findings of a council untouched by an
 * edit elsewhere in the systems it spans. The key is typed: per unit its system index, then the id and name of
 * each system named, so checking it is a walk over a Uint16Array with no per-unit strings.
 */
interface SystemsKey {
  groups: Uint16Array;
  /** The distinct system indices of `groups`, each followed by that system's id and name. */
  labels: (number | string | undefined)[];
}

function systemsKey(units: ArrayLike<number>, inp: CheckInput): SystemsKey {
  const sysOf = inp.systemPartition.unitToGroup;
  const groups = new Uint16Array(units.length);
  const labels: SystemsKey['labels'] = [];
  for (let k = 0; k < units.length; k++) {
    const g = (groups[k] = sysOf[units[k]]);
    let known = false;
    for (let j = 0; j < labels.length && !known; j += 3) known = labels[j] === g;
    if (!known) labels.push(g, inp.systems[g]?.id, inp.systems[g]?.name);
  }
  return { groups, labels };
}

function sameSystems(key: SystemsKey, units: ArrayLike<number>, inp: CheckInput): boolean {
  const sysOf = inp.systemPartition.unitToGroup;
  if (key.groups.length !== units.length) return false;
  for (let k = 0; k < units.length; k++) if (key.groups[k] !== sysOf[units[k]]) return false;
  for (let j = 0; j < key.labels.length; j += 3) {
    const m = inp.systems[key.labels[j] as number];
    if (key.labels[j + 1] !== m?.id || key.labels[j + 2] !== m?.name) return false;
  }
  return true;
}

export class Checker {
  readonly geo: Geography;
  private readonly bySystem = new WeakMap<GroupMetrics, Keyed<(Finding | null)[]>>();
  private readonly byOrganisation = new WeakMap<GroupMetrics, Keyed<Finding | null, SystemsKey>>();
  private readonly byCouncil: { utla: (Keyed<Finding | null, SystemsKey> | undefined)[]; lad: (Keyed<Finding | null, SystemsKey> | undefined)[] } = { utla: [], lad: [] };
  private readonly byBaseline = new Map<string, Finding | null>();

  constructor(geo: Geography) {
    this.geo = geo;
  }

  check(s: ScenarioV1, inp: CheckInput): Finding[] {
    const geo = this.geo;
    const sysOf = inp.systemPartition.unitToGroup;
    const out: Finding[] = [...unassigned(geo, inp.systemPartition, 'system'), ...unassigned(geo, inp.organisationPartition, 'organisation')];

    for (const org of inp.organisations) {
      const first = org.members.length ? sysOf[org.members[0]] : UNASSIGNED;
      let several = false;
      for (let k = 1; k < org.members.length && !several; k++) several = sysOf[org.members[k]] !== first;
      if (!several) continue;
      let hit = this.byOrganisation.get(org);
      if (!hit || !sameSystems(hit.key, org.members, inp)) {
        this.byOrganisation.set(org, (hit = { key: systemsKey(org.members, inp), value: straddleFinding(geo, org, inp) }));
      }
      if (hit.value) out.push(hit.value);
    }

    let orgsById = inp.organisationsById;
    const { min, max } = s.settings.band;
    const perSystem = inp.systems.map((m) => {
      let orgs: (GroupMetrics | undefined)[] = [];
      if (m.organisationCount > 1 && !m.atypical) {
        orgsById ??= new Map(inp.organisations.map((o) => [o.id, o]));
        orgs = m.organisationIds.map((id) => orgsById!.get(id));
      }
      let hit = this.bySystem.get(m);
      const same = hit && hit.key[0] === min && hit.key[1] === max && hit.key.length === orgs.length + 2 && orgs.every((o, k) => hit!.key[k + 2] === o);
      if (!same) this.bySystem.set(m, (hit = { key: [min, max, ...orgs], value: systemFindings(geo, m, s, orgs) }));
      return hit!.value;
    });
    for (let code = 0; code < 4; code++) for (const f of perSystem) if (f[code]) out.push(f[code]!);

    const councils = councilTables(geo);
    this.councilSplits(councils.utla, 'upper-tier council', inp, out);
    this.councilSplits(councils.lad, 'district council', inp, out);
    if (s.basedOn !== undefined) {
      if (!this.byBaseline.has(s.basedOn)) this.byBaseline.set(s.basedOn, baselineFinding(geo, s.basedOn));
      const f = this.byBaseline.get(s.basedOn);
      if (f) out.push(f);
    }
    return out;
  }

  private councilSplits(tab: CouncilTable, label: string, inp: CheckInput, out: Finding[]): void {
    const sysOf = inp.systemPartition.unitToGroup;
    const { offsets, index, value } = tab.byCouncil;
    const cache = this.byCouncil[tab.tier];
    for (let c = 0; c < tab.codes.length; c++) {
      // Districts of two-tier counties are reported; a unitary district is its own upper tier, reported once.
      if (tab.tier === 'lad' && tab.unitary[c]) continue;
      let first = -1;
      let several = false;
      for (let e = offsets[c]; e < offsets[c + 1] && !several; e++) {
        if (value[e] <= 0) continue;
        if (first < 0) first = sysOf[index[e]];
        else several = sysOf[index[e]] !== first;
      }
      if (!several) continue;
      let hit = cache[c];
      const members = index.subarray(offsets[c], offsets[c + 1]);
      if (!hit || !sameSystems(hit.key, members, inp)) {
        cache[c] = hit = { key: systemsKey(members, inp), value: councilFinding(this.geo, tab, c, label, inp) };
      }
      if (hit!.value) out.push(hit!.value);
    }
  }
}
