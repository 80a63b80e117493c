/**
 * Metrics of systems, organisations and collaborations (each a list of unit indices).
 *
 * Two layers, so an evaluator can cache the expensive one:
 * - `footprintMetrics` depends on membership only (population, area, contiguity, compactness, coterminosity,
 *   regions): cache it by the group's signature;
 * - `groupMetrics` adds what depends on the rest of the scenario (organisations touched, accountable officers,
 *   running-cost allowance, the planner's fields), which is a walk over the members.
 *
 * Accountable officers (AOs): each organisation has one, except that organisations whose units all lie inside
 * one collaboration of kind `shared-accountable-officer` with status `in-place` share a single AO (an
 * organisation covered by several such collaborations counts under the first in scenario order). A group's AO
 * count is the number of distinct AOs among the organisations it touches; its governing bodies are the
 * organisations it touches (one per organisation).
 */
import type { Geography } from './geography.ts';
import type { CollaborationDef, CollaborationKind, CollaborationStatus, ScenarioSettings, ScenarioV1 } from './scenario.ts';
import { runningCosts, type RunningCosts } from './runningCosts.ts';
import { UNASSIGNED, type Partition } from './partition.ts';
import { componentsOf } from './contiguity.ts';
import { coterminosity, type CouncilShare } from './councils.ts';
import { perimeterKm } from './dissolve.ts';
import { topologyIndex } from './topologyIndex.ts';

export type { CouncilShare } from './councils.ts';

export type GroupLevel = 'systems' | 'organisations' | 'collaborations';

/** What depends on a group's membership only. */
export interface FootprintMetrics {
  population: number;
  /** 2019 CCGs with anyone in the group (on any unit set). */
  ccgCount: number;
  /** How many of those are only partly in the group ("7 CCGs (1 in part)"). */
  ccgParts: number;
  /** Number of units of the unit set (equal to ccgCount on ccg-2019). */
  unitCount: number;
  gpPractices: number;
  registeredPatients: number;
  /** Sum of the units' geodesic areas, km². */
  areaKm2: number;
  /** Length of the dissolved footprint's boundary, km. */
  perimeterKm: number;
  /** Polsby–Popper compactness 4πA/P² (1 = a disc). */
  polsbyPopper: number;
  /** Connected components, counting water links. 1 = contiguous. */
  components: number;
  /** Unit codes of each component, the most populous first. */
  componentUnits: string[][];
  /** Share of the population living in upper-tier councils wholly inside the group (0..1). */
  coterminosityUtla: number;
  coterminosityLad: number;
  wholeUtla: string[];
  wholeLad: string[];
  splitUtla: CouncilShare[];
  splitLad: CouncilShare[];
  /** NHS region codes touched, the most populous first; names and populations aligned. */
  regions: string[];
  regionNames: string[];
  regionPopulations: number[];
}

/** Where a population lies against the band (bounds inclusive): the one rule the summary, checks and UI share. */
export function bandPosition(population: number, band: { min: number; max: number }): 'below' | 'in' | 'above' {
  return population < band.min ? 'below' : population > band.max ? 'above' : 'in';
}

export interface GroupMetrics extends FootprintMetrics {
  level: GroupLevel;
  id: string;
  name: string;
  /** Unit codes in unit order. */
  units: string[];
  /** Unit indices, ascending. */
  members: Uint16Array;
  /** Membership key (see partition.ts). */
  signature: string;
  /** Distinct organisations among the members (1 for an organisation). */
  organisationCount: number;
  organisationIds: string[];
  governingBodies: number;
  accountableOfficers: number;
  /** Running-cost allowance, £ a year: population × settings.costPerHead. */
  allowance: number;
  /** Fixed costs, £ a year: governing bodies and accountable officers at their settings (runningCosts.ts). */
  fixedCosts: number;
  /** Running costs, £ a year: allowance + fixed costs. */
  runningCost: number;
  atypical?: string;
  locked?: boolean;
  kind?: CollaborationKind;
  status?: CollaborationStatus;
  services?: string[];
}

/** Per geography: population accumulators and touched marks by CCG 2019 and by region, zero between calls (not reentrant). */
const sumsOf = new WeakMap<Geography, { ccg: Float64Array; ccgMark: Uint8Array; region: Float64Array; regionMark: Uint8Array }>();

export function footprintMetrics(geo: Geography, members: Uint16Array): FootprintMetrics {
  let sums = sumsOf.get(geo);
  if (!sums) {
    let regions = geo.bundle.regions.code.length;
    for (let i = 0; i < geo.n; i++) regions = Math.max(regions, geo.regionOf[i] + 1);
    const nCcg = geo.ccg2019Population.length;
    sumsOf.set(geo, (sums = { ccg: new Float64Array(nCcg), ccgMark: new Uint8Array(nCcg), region: new Float64Array(regions), regionMark: new Uint8Array(regions) }));
  }
  let population = 0;
  let gpPractices = 0;
  let registeredPatients = 0;
  let areaKm2 = 0;
  // Touched CCGs and regions in order of first touch; a CCG or region counts as touched even at 0 people.
  const ccgs: number[] = [];
  const regionIds: number[] = [];
  const { ccg: ccgTouched, ccgMark, region: regionPop, regionMark } = sums;
  const cc = geo.unitCcg2019;
  for (let k = 0; k < members.length; k++) {
    const i = members[k];
    for (let e = cc.offsets[i]; e < cc.offsets[i + 1]; e++) {
      const c = cc.index[e];
      if (!ccgMark[c]) {
        ccgMark[c] = 1;
        ccgs.push(c);
      }
      ccgTouched[c] += cc.value[e];
    }
    population += geo.population[i];
    gpPractices += geo.gpPractices[i];
    registeredPatients += geo.registeredPatients[i];
    areaKm2 += geo.areaKm2[i];
    const r = geo.regionOf[i];
    if (!regionMark[r]) {
      regionMark[r] = 1;
      regionIds.push(r);
    }
    regionPop[r] += geo.population[i];
  }
  let ccgParts = 0;
  for (const c of ccgs) {
    if (ccgTouched[c] < geo.ccg2019Population[c]) ccgParts++;
    ccgTouched[c] = 0;
    ccgMark[c] = 0;
  }
  const regions = regionIds.map((r): [number, number] => [r, regionPop[r]]).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  for (const r of regionIds) regionPop[r] = regionMark[r] = 0;
  const perimeter = members.length ? perimeterKm(topologyIndex(geo), members) : 0;
  const comps = componentsOf(geo, members);
  const utla = coterminosity(geo, members, 'utla');
  const lad = coterminosity(geo, members, 'lad');
  const rt = geo.bundle.regions;
  return {
    population,
    ccgCount: ccgs.length,
    ccgParts,
    unitCount: members.length,
    gpPractices,
    registeredPatients,
    areaKm2,
    perimeterKm: perimeter,
    polsbyPopper: perimeter > 0 ? (4 * Math.PI * areaKm2) / (perimeter * perimeter) : 0,
    components: comps.length,
    componentUnits: comps.map((c) => c.map((i) => geo.codes[i])),
    coterminosityUtla: utla.share,
    coterminosityLad: lad.share,
    wholeUtla: utla.whole,
    wholeLad: lad.whole,
    splitUtla: utla.split,
    splitLad: lad.split,
    regions: regions.map(([r]) => rt.code[r]),
    regionNames: regions.map(([r]) => rt.name[r]),
    regionPopulations: regions.map(([, p]) => p),
  };
}

/** The organisation partition and who shares an accountable officer, for `groupMetrics`. */
export interface OrganisationContext {
  organisations: Partition;
  /** Per organisation: its AO (an organisation index, or organisations + collaboration index when shared). */
  aoOf: Uint32Array;
  /** Stamps for counting distinct organisations / AOs without allocation. */
  stampOrg: Uint32Array;
  stampAo: Uint32Array;
  epoch: number;
  /** Distinct AOs over all organisations with units. */
  accountableOfficers: number;
}

export function organisationContext(
  organisations: Partition,
  collaborations: readonly CollaborationDef[],
  collaborationMembers: readonly Uint16Array[],
): OrganisationContext {
  const nOrg = organisations.members.length;
  const aoOf = new Uint32Array(nOrg);
  for (let o = 0; o < nOrg; o++) aoOf[o] = o;
  const covered = new Uint8Array(nOrg);
  collaborations.forEach((c, ci) => {
    if (c.kind !== 'shared-accountable-officer' || c.status !== 'in-place') return;
    const inside = new Set<number>(collaborationMembers[ci]);
    const touched = new Set<number>();
    for (const i of collaborationMembers[ci]) {
      const o = organisations.unitToGroup[i];
      if (o !== UNASSIGNED) touched.add(o);
    }
    for (const o of touched) {
      if (covered[o]) continue;
      if (organisations.members[o].every((i) => inside.has(i))) {
        covered[o] = 1;
        aoOf[o] = nOrg + ci;
      }
    }
  });
  const distinct = new Set<number>();
  for (let o = 0; o < nOrg; o++) if (organisations.members[o].length) distinct.add(aoOf[o]);
  return {
    organisations,
    aoOf,
    stampOrg: new Uint32Array(nOrg),
    stampAo: new Uint32Array(nOrg + collaborations.length),
    epoch: 0,
    accountableOfficers: distinct.size,
  };
}

/** Indices of the distinct organisations touched by `members` (in order of first unit) and their AO count. */
export function organisationsTouched(ctx: OrganisationContext, members: ArrayLike<number>): { orgs: number[]; accountableOfficers: number } {
  const e = ++ctx.epoch;
  const orgs: number[] = [];
  let aos = 0;
  for (let k = 0; k < members.length; k++) {
    const o = ctx.organisations.unitToGroup[members[k]];
    if (o === UNASSIGNED || ctx.stampOrg[o] === e) continue;
    ctx.stampOrg[o] = e;
    orgs.push(o);
    const a = ctx.aoOf[o];
    if (ctx.stampAo[a] !== e) {
      ctx.stampAo[a] = e;
      aos++;
    }
  }
  return { orgs, accountableOfficers: aos };
}

/** The planner's fields of a group definition, copied into its metrics. */
export type GroupDefFields = Pick<GroupMetrics, 'atypical' | 'locked' | 'kind' | 'status' | 'services'>;

/** Organisations touched and accountable officers of a group (an organisation is its own and only one). */
export function organisationInfo(
  level: GroupLevel,
  id: string,
  members: ArrayLike<number>,
  ctx: OrganisationContext,
): { organisationIds: string[]; accountableOfficers: number } {
  if (level === 'organisations') return { organisationIds: [id], accountableOfficers: 1 };
  const t = organisationsTouched(ctx, members);
  return { organisationIds: t.orgs.map((o) => ctx.organisations.groupIds[o]), accountableOfficers: t.accountableOfficers };
}

export function groupMetrics(
  level: GroupLevel,
  def: { id: string; name: string } & GroupDefFields,
  group: { members: Uint16Array; signature: string; units: string[] },
  fm: FootprintMetrics,
  org: { organisationIds: string[]; accountableOfficers: number },
  settings: ScenarioSettings,
): GroupMetrics {
  const m: GroupMetrics = {
    level,
    id: def.id,
    name: def.name,
    units: group.units,
    members: group.members,
    signature: group.signature,
    ...fm,
    organisationCount: org.organisationIds.length,
    organisationIds: org.organisationIds,
    governingBodies: org.organisationIds.length,
    accountableOfficers: org.accountableOfficers,
    ...costFields(runningCosts(fm.population, org.organisationIds.length, org.accountableOfficers, settings)),
  };
  if (def.atypical) m.atypical = def.atypical;
  if (def.locked) m.locked = true;
  if (def.kind) m.kind = def.kind;
  if (def.status) m.status = def.status;
  if (def.services) m.services = [...def.services];
  return m;
}

const costFields = (c: RunningCosts) => ({ allowance: c.allowance, fixedCosts: c.fixedCosts, runningCost: c.total });

export interface ScenarioSummary {
  systems: number;
  organisations: number;
  collaborations: number;
  /** Systems holding exactly one organisation, that organisation lying wholly inside the system. */
  typicalSystems: number;
  /** Systems the planner marked atypical, with the reason. */
  atypicalSystems: { id: string; name: string; reason: string }[];
  /** Ids of systems touching several organisations with no atypical reason. */
  severalOrganisationsNoReason: string[];
  englandTotal: number;
  systemsTotal: number;
  organisationsTotal: number;
  /** Systems and organisations each sum to the England total (within half a person). */
  populationConserved: boolean;
  unassignedUnits: { systems: number; organisations: number };
  band: { min: number; max: number };
  systemsInBand: number;
  costPerHead: number;
  governingBodyCost: number;
  accountableOfficerCost: number;
  /** Total running-cost allowance, £: the sum over organisations (population × £/head). */
  allowance: number;
  /** Total fixed costs, £: every governing body and accountable officer at its setting. */
  fixedCosts: number;
  /** allowance + fixedCosts, £ a year. */
  runningCost: number;
  governingBodies: number;
  accountableOfficers: number;
}

export function scenarioSummary(
  geo: Geography,
  s: ScenarioV1,
  systems: readonly GroupMetrics[],
  organisations: readonly GroupMetrics[],
  systemPartition: Partition,
  ctx: OrganisationContext,
  organisationsById?: ReadonlyMap<string, GroupMetrics>,
): ScenarioSummary {
  const orgPartition = ctx.organisations;
  const orgById = organisationsById ?? new Map(organisations.map((m) => [m.id, m]));
  let typical = 0;
  let inBand = 0;
  const atypicalSystems: ScenarioSummary['atypicalSystems'] = [];
  const noReason: string[] = [];
  systems.forEach((m) => {
    if (bandPosition(m.population, s.settings.band) === 'in') inBand++;
    if (m.atypical) atypicalSystems.push({ id: m.id, name: m.name, reason: m.atypical });
    if (m.organisationCount > 1 && !m.atypical) noReason.push(m.id);
    // The system's units all lie in its one organisation; the organisation lies wholly inside the system when
    // it has no other unit.
    if (m.organisationCount === 1 && orgById.get(m.organisationIds[0])?.unitCount === m.unitCount) typical++;
  });
  let systemsTotal = 0;
  for (const m of systems) systemsTotal += m.population;
  let organisationsTotal = 0;
  for (const m of organisations) organisationsTotal += m.population;
  return {
    systems: systems.length,
    organisations: organisations.length,
    collaborations: s.collaborations.length,
    typicalSystems: typical,
    atypicalSystems,
    severalOrganisationsNoReason: noReason,
    englandTotal: geo.total,
    systemsTotal,
    organisationsTotal,
    populationConserved: Math.abs(systemsTotal - geo.total) < 0.5 && Math.abs(organisationsTotal - geo.total) < 0.5,
    unassignedUnits: { systems: systemPartition.unassigned, organisations: orgPartition.unassigned },
    band: { min: s.settings.band.min, max: s.settings.band.max },
    systemsInBand: inBand,
    costPerHead: s.settings.costPerHead,
    governingBodyCost: s.settings.governingBodyCost,
    accountableOfficerCost: s.settings.accountableOfficerCost,
    ...costFields(runningCosts(organisationsTotal, organisations.length, ctx.accountableOfficers, s.settings)),
    governingBodies: organisations.length,
    accountableOfficers: ctx.accountableOfficers,
  };
}
