/**
 * Compare two footprint options on the same CCGs.
 *
 * - Which CCGs changed system and which changed organisation, from → to, with their population. Group ids differ
 *   between options, so "the same system" is decided by population overlap (partitionDiff.ts): a CCG has moved
 *   when its system in B is not the partner of its system in A.
 * - The from → to population matrix and the matching, for systems and for organisations.
 * - Similarity: population-weighted adjusted Rand index and normalised variation of information (similarity.ts).
 * - Every metric of every matched pair of systems, side by side with its delta; the scenario summaries likewise
 *   (including how many systems meet "typically one CCG per ICS").
 * - Findings that appear or disappear. A finding is the same in both when it has the same code and concerns the
 *   same CCGs (ids and wording differ between options, the CCGs do not).
 *
 * Scenarios on different unit sets cannot be compared and are refused with a message naming both.
 */
import type { Geography } from './geography.ts';
import type { ScenarioV1 } from './scenario.ts';
import type { GroupMetrics, ScenarioSummary } from './metrics.ts';
import type { Finding } from './checks.ts';
import { Evaluator, type Evaluation } from './evaluate.ts';
import { diffPartitions, type GroupRef, type PartitionDiff } from './partitionDiff.ts';
import { ScenarioError } from './errors.ts';

/** The numeric metrics compared per system, in table order: key, label, how to read it off `GroupMetrics`. */
export const COMPARED_METRICS = [
  ['population', 'Population', (m: GroupMetrics) => m.population],
  ['ccg_count', 'CCGs', (m: GroupMetrics) => m.ccgCount],
  ['organisation_count', 'Organisations', (m: GroupMetrics) => m.organisationCount],
  ['coterminosity_utla', 'Coterminosity, upper-tier councils', (m: GroupMetrics) => m.coterminosityUtla],
  ['coterminosity_lad', 'Coterminosity, districts', (m: GroupMetrics) => m.coterminosityLad],
  ['components', 'Parts (1 = contiguous)', (m: GroupMetrics) => m.components],
  ['polsby_popper', 'Compactness (Polsby–Popper)', (m: GroupMetrics) => m.polsbyPopper],
  ['regions', 'NHS regions touched', (m: GroupMetrics) => m.regions.length],
  ['area_km2', 'Area, km²', (m: GroupMetrics) => m.areaKm2],
  ['gp_practices', 'GP practices', (m: GroupMetrics) => m.gpPractices],
  ['registered_patients', 'Registered patients', (m: GroupMetrics) => m.registeredPatients],
  ['governing_bodies', 'Governing bodies', (m: GroupMetrics) => m.governingBodies],
  ['accountable_officers', 'Accountable officers', (m: GroupMetrics) => m.accountableOfficers],
  ['allowance_gbp', 'Running-cost allowance (population × £/head), £', (m: GroupMetrics) => m.allowance],
  ['fixed_costs_gbp', 'Fixed costs (governing bodies and accountable officers), £', (m: GroupMetrics) => m.fixedCosts],
  ['running_cost_gbp', 'Running costs (allowance + fixed costs), £', (m: GroupMetrics) => m.runningCost],
] as const;
export type ComparedMetric = (typeof COMPARED_METRICS)[number][0];

/** The scenario-level figures compared, in table order. */
export const COMPARED_SUMMARY = [
  ['systems', 'Systems', (s: ScenarioSummary) => s.systems],
  ['organisations', 'Organisations', (s: ScenarioSummary) => s.organisations],
  ['collaborations', 'Collaborations', (s: ScenarioSummary) => s.collaborations],
  ['typical_systems', 'Systems meeting "typically one CCG per ICS"', (s: ScenarioSummary) => s.typicalSystems],
  ['atypical_systems', 'Systems marked atypical', (s: ScenarioSummary) => s.atypicalSystems.length],
  ['several_organisations_no_reason', 'Systems with several organisations and no reason', (s: ScenarioSummary) => s.severalOrganisationsNoReason.length],
  ['systems_in_band', 'Systems within the population band', (s: ScenarioSummary) => s.systemsInBand],
  ['governing_bodies', 'Governing bodies', (s: ScenarioSummary) => s.governingBodies],
  ['accountable_officers', 'Accountable officers', (s: ScenarioSummary) => s.accountableOfficers],
  ['allowance_gbp', 'Running-cost allowance (population × £/head), £', (s: ScenarioSummary) => s.allowance],
  ['fixed_costs_gbp', 'Fixed costs (governing bodies and accountable officers), £', (s: ScenarioSummary) => s.fixedCosts],
  ['running_cost_gbp', 'Running costs (allowance + fixed costs), £', (s: ScenarioSummary) => s.runningCost],
] as const;
export type ComparedSummaryFigure = (typeof COMPARED_SUMMARY)[number][0];

export interface Delta {
  a: number | null;
  b: number | null;
  /** b − a; null when the figure exists on one side only. */
  delta: number | null;
}

export interface SystemPair {
  aId: string | null;
  aName: string | null;
  bId: string | null;
  bName: string | null;
  /** Population living in both (0 when one side is missing). */
  overlap: number;
  /** CCGs of A's system that are not in B's, and the reverse (ONS codes). */
  left: string[];
  joined: string[];
  metrics: Record<ComparedMetric, Delta>;
}

export interface UnitChange {
  unit: string;
  nhsCode: string;
  name: string;
  population: number;
  /** The unit's system in A and in B; `systemMoved` when B's is not the partner of A's. */
  systemA: { id: string; name: string };
  systemB: { id: string; name: string };
  systemMoved: boolean;
  organisationA: { id: string; name: string };
  organisationB: { id: string; name: string };
  organisationMoved: boolean;
}

export interface Comparison {
  unitSet: string;
  a: { name: string; basedOn?: string };
  b: { name: string; basedOn?: string };
  englandPopulation: number;
  systems: PartitionDiff;
  organisations: PartitionDiff;
  /** Every CCG that changed system or organisation, in unit order. */
  changes: UnitChange[];
  /** Matched systems, in A's order, then B's systems with no partner. */
  systemPairs: SystemPair[];
  summary: Record<ComparedSummaryFigure, Delta>;
  findings: { appeared: Finding[]; disappeared: Finding[]; unchanged: number };
}

const refs = (groups: readonly { id: string; name: string; units: readonly string[] }[]): GroupRef[] =>
  groups.map((g) => ({ id: g.id, name: g.name, units: g.units }));

const delta = (a: number | null, b: number | null): Delta => ({ a, b, delta: a !== null && b !== null ? b - a : null });

const findingKey = (f: Finding) => `${f.code}\u0000${[...f.units].sort().join(',')}`;

function findingChanges(a: readonly Finding[], b: readonly Finding[]): Comparison['findings'] {
  const inA = new Set(a.map(findingKey));
  const inB = new Set(b.map(findingKey));
  return {
    appeared: b.filter((f) => !inA.has(findingKey(f))),
    disappeared: a.filter((f) => !inB.has(findingKey(f))),
    unchanged: b.filter((f) => inA.has(findingKey(f))).length,
  };
}

function systemPairs(diff: PartitionDiff, ea: Evaluation, eb: Evaluation): SystemPair[] {
  const byIdA = new Map(ea.systems.map((m) => [m.id, m]));
  const byIdB = new Map(eb.systems.map((m) => [m.id, m]));
  return diff.matches.map((match) => {
    const ma = match.aId !== null ? byIdA.get(match.aId) : undefined;
    const mb = match.bId !== null ? byIdB.get(match.bId) : undefined;
    const unitsB = new Set(mb?.units ?? []);
    const unitsA = new Set(ma?.units ?? []);
    const metrics = {} as Record<ComparedMetric, Delta>;
    for (const [key, , read] of COMPARED_METRICS) metrics[key] = delta(ma ? read(ma) : null, mb ? read(mb) : null);
    return {
      aId: match.aId,
      aName: match.aName,
      bId: match.bId,
      bName: match.bName,
      overlap: match.overlap,
      left: (ma?.units ?? []).filter((u) => !unitsB.has(u)),
      joined: (mb?.units ?? []).filter((u) => !unitsA.has(u)),
      metrics,
    };
  });
}

function assertSameUnits(geo: Geography, a: ScenarioV1, b: ScenarioV1): void {
  if (a.unitSet !== b.unitSet || a.unitSet !== geo.unitSet) {
    throw new ScenarioError(
      'different-unit-sets',
      `cannot compare "${a.name}" (units ${a.unitSet}) with "${b.name}" (units ${b.unitSet}): ` +
        `both options must be on the same CCGs (this geography is ${geo.unitSet})`,
    );
  }
}

/** Compare with evaluations already made (the worker keeps an evaluator per scenario). */
export function compareEvaluations(geo: Geography, ea: Evaluation, eb: Evaluation): Comparison {
  const a = ea.scenario;
  const b = eb.scenario;
  assertSameUnits(geo, a, b);
  const systems = diffPartitions(geo, refs(a.systems), refs(b.systems));
  const organisations = diffPartitions(geo, refs(a.organisations), refs(b.organisations));

  // The evaluations already hold unit → group (indices in scenario order): name each changed unit's groups from them.
  const sysMoved = new Set(systems.moved.map((m) => m.unit));
  const orgMoved = new Set(organisations.moved.map((m) => m.unit));
  const ref = (groups: readonly { id: string; name: string }[], g: number) => ({ id: groups[g].id, name: groups[g].name });
  const changes: UnitChange[] = [];
  for (let u = 0; u < geo.n; u++) {
    const code = geo.codes[u];
    if (!sysMoved.has(code) && !orgMoved.has(code)) continue;
    changes.push({
      unit: code,
      nhsCode: geo.nhsCodes[u],
      name: geo.names[u],
      population: geo.population[u],
      systemA: ref(a.systems, ea.systemPartition.unitToGroup[u]),
      systemB: ref(b.systems, eb.systemPartition.unitToGroup[u]),
      systemMoved: sysMoved.has(code),
      organisationA: ref(a.organisations, ea.organisationPartition.unitToGroup[u]),
      organisationB: ref(b.organisations, eb.organisationPartition.unitToGroup[u]),
      organisationMoved: orgMoved.has(code),
    });
  }

  const summary = {} as Record<ComparedSummaryFigure, Delta>;
  for (const [key, , read] of COMPARED_SUMMARY) summary[key] = delta(read(ea.summary), read(eb.summary));

  return {
    unitSet: geo.unitSet,
    a: { name: a.name, ...(a.basedOn ? { basedOn: a.basedOn } : {}) },
    b: { name: b.name, ...(b.basedOn ? { basedOn: b.basedOn } : {}) },
    englandPopulation: geo.total,
    systems,
    organisations,
    changes,
    systemPairs: systemPairs(systems, ea, eb),
    summary,
    findings: findingChanges(ea.findings, eb.findings),
  };
}

/** `compare(a, b)`: everything that differs between two options on the same CCGs. */
export function compareScenarios(geo: Geography, a: ScenarioV1, b: ScenarioV1): Comparison {
  assertSameUnits(geo, a, b);
  return compareEvaluations(geo, new Evaluator(geo).evaluate(a), new Evaluator(geo).evaluate(b));
}
