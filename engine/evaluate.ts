/**
 * Evaluator: metrics, summary, findings and footprints of a scenario, incrementally.
 *
 * What is cached, and by what:
 * - a group's unit indices and signature: by the identity of its `units` array (partition.ts);
 * - its footprint metrics (population, area, contiguity, compactness, councils, regions): by signature;
 * - its `GroupMetrics` object: reused when signature, planner fields, organisations touched, AOs and the
 *   cost per head are unchanged, so consumers can compare by identity;
 * - its dissolved footprint: by signature, in the evaluator's `Dissolver`.
 * After one reassignment, only the two changed systems are measured and dissolved again; the rest is walks
 * over typed arrays (organisations touched, findings).
 */
import type { FeatureCollection, MultiPolygon } from 'geojson';
import type { Geography } from './geography.ts';
import type { CollaborationDef, OrganisationDef, ScenarioSettings, ScenarioV1, SystemDef } from './scenario.ts';
import { runningCosts } from './runningCosts.ts';
import { compileGroup, membersOf, partitionOf, type Partition } from './partition.ts';
import {
  footprintMetrics, groupMetrics, organisationContext, organisationInfo, scenarioSummary,
  type FootprintMetrics, type GroupLevel, type GroupMetrics, type OrganisationContext, type ScenarioSummary,
} from './metrics.ts';
import { Checker, type Finding } from './checks.ts';
import { Dissolver, type Footprint } from './dissolve.ts';

export interface Evaluation {
  scenario: ScenarioV1;
  systems: GroupMetrics[];
  organisations: GroupMetrics[];
  collaborations: GroupMetrics[];
  summary: ScenarioSummary;
  findings: Finding[];
  /** Unit → system and unit → organisation (`UNASSIGNED` = 0xFFFF), for colouring and lookups. */
  systemPartition: Partition;
  organisationPartition: Partition;
}

export interface GroupFootprint {
  id: string;
  name: string;
  signature: string;
  footprint: Footprint;
}

type AnyDef = SystemDef | OrganisationDef | CollaborationDef;

interface Measured {
  fm: FootprintMetrics;
  units: string[];
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, k) => x === b[k]);

export class Evaluator {
  readonly geo: Geography;
  readonly dissolver: Dissolver;
  private readonly measured = new Map<string, Measured>();
  private readonly maxEntries: number;
  private readonly checker: Checker;
  private previous: Record<GroupLevel, Map<string, GroupMetrics>> = { systems: new Map(), organisations: new Map(), collaborations: new Map() };
  /** Per group definition object: the metrics made from it, valid while the AO context and £/head are the same. */
  private readonly byDef: Record<GroupLevel, WeakMap<object, { ctx: OrganisationContext; cost: string; m: GroupMetrics }>> = {
    systems: new WeakMap(),
    organisations: new WeakMap(),
    collaborations: new WeakMap(),
  };
  private levelCache: Partial<Record<GroupLevel, { defs: readonly AnyDef[]; ctx: OrganisationContext; cost: string; out: GroupMetrics[] }>> = {};
  private context: { organisations: Partition; collaborations: readonly CollaborationDef[]; ctx: OrganisationContext } | undefined;
  private last: Evaluation | undefined;
  private lastFootprints: Partial<Record<GroupLevel, { of: Evaluation; list: GroupFootprint[] }>> = {};

  constructor(geo: Geography, maxEntries = 4096) {
    this.geo = geo;
    this.maxEntries = maxEntries;
    this.dissolver = new Dissolver(geo, maxEntries);
    this.checker = new Checker(geo);
  }

  evaluate(s: ScenarioV1): Evaluation {
    if (this.last?.scenario === s) return this.last;
    const geo = this.geo;
    const systemPartition = partitionOf(s.systems, geo);
    const organisationPartition = partitionOf(s.organisations, geo);
    const ctx = this.organisationContext(organisationPartition, s.collaborations);
    const systems = this.level('systems', s.systems, s, ctx);
    const organisations = this.level('organisations', s.organisations, s, ctx);
    const collaborations = this.level('collaborations', s.collaborations, s, ctx);
    const organisationsById = this.previous.organisations;
    const summary = scenarioSummary(geo, s, systems, organisations, systemPartition, ctx, organisationsById);
    const findings = this.checker.check(s, { systems, organisations, systemPartition, organisationPartition, organisationsById });
    this.last = { scenario: s, systems, organisations, collaborations, summary, findings, systemPartition, organisationPartition };
    return this.last;
  }

  /** Dissolved footprints of one level of the scenario (default: the last evaluated), in group order. */
  footprints(level: GroupLevel, s?: ScenarioV1): GroupFootprint[] {
    const ev = s ? this.evaluate(s) : this.last;
    if (!ev) throw new Error('footprints: no scenario evaluated yet');
    const cached = this.lastFootprints[level];
    if (cached?.of === ev) return cached.list;
    const list = ev[level].map((m) => ({ id: m.id, name: m.name, signature: m.signature, footprint: this.dissolver.dissolve(m.members, m.signature) }));
    this.lastFootprints[level] = { of: ev, list };
    return list;
  }

  /** The footprints as GeoJSON features (RFC 7946 winding, ≤ 6 decimals), properties `{id, name}`. */
  footprintFeatures(level: GroupLevel, s?: ScenarioV1): FeatureCollection<MultiPolygon, { id: string; name: string }> {
    return {
      type: 'FeatureCollection',
      features: this.footprints(level, s).map((f) => ({
        type: 'Feature',
        id: f.id,
        properties: { id: f.id, name: f.name },
        geometry: this.dissolver.geometry(f.footprint),
      })),
    };
  }

  /** Forgets what is cached for these group signatures (metrics and footprints). */
  evict(signatures: Iterable<string>): void {
    for (const sig of signatures) {
      this.measured.delete(sig);
      this.dissolver.evict(sig);
    }
  }

  /** Who shares an accountable officer: depends on the organisations and collaborations only. */
  private organisationContext(organisations: Partition, collaborations: readonly CollaborationDef[]): OrganisationContext {
    const c = this.context;
    if (c && c.organisations === organisations && c.collaborations === collaborations) return c.ctx;
    const members = membersOf(collaborations, this.geo);
    const ctx = organisationContext(organisations, collaborations, members);
    this.context = { organisations, collaborations, ctx };
    return ctx;
  }

  private measure(members: Uint16Array, signature: string): Measured {
    let m = this.measured.get(signature);
    if (!m) {
      if (this.measured.size >= this.maxEntries) this.measured.clear();
      const units = new Array<string>(members.length);
      for (let k = 0; k < members.length; k++) units[k] = this.geo.codes[members[k]];
      m = { fm: footprintMetrics(this.geo, members), units };
      this.measured.set(signature, m);
    }
    return m;
  }

  private level(level: GroupLevel, defs: readonly AnyDef[], s: ScenarioV1, ctx: OrganisationContext): GroupMetrics[] {
    // The settings that enter a group's metrics (the band does not: it is read by checks and the summary).
    const cost = `${s.settings.costPerHead}|${s.settings.governingBodyCost}|${s.settings.accountableOfficerCost}`;
    const whole = this.levelCache[level];
    if (whole && whole.defs === defs && whole.ctx === ctx && whole.cost === cost) return whole.out;
    const prev = this.previous[level];
    const next = new Map<string, GroupMetrics>();
    const out = defs.map((def) => {
      const known = this.byDef[level].get(def);
      if (known && known.cost === cost && (known.ctx === ctx || level === 'organisations')) {
        next.set(def.id, known.m);
        return known.m;
      }
      const m = this.groupOf(level, def, s, ctx, prev);
      this.byDef[level].set(def, { ctx, cost, m });
      next.set(def.id, m);
      return m;
    });
    this.previous[level] = next;
    this.levelCache[level] = { defs, ctx, cost, out };
    return out;
  }

  private groupOf(level: GroupLevel, def: AnyDef, s: ScenarioV1, ctx: OrganisationContext, prev: Map<string, GroupMetrics>): GroupMetrics {
    const { members, signature } = compileGroup(def.units, this.geo);
    const p = prev.get(def.id);
    if (level === 'organisations' && p && p.signature === signature && p.name === def.name && sameCosts(p, s.settings)) {
      return p;
    }
    const org = organisationInfo(level, def.id, members, ctx);
    const d = def as Partial<SystemDef & CollaborationDef>;
    const reuse =
      p !== undefined &&
      p.signature === signature &&
      p.name === def.name &&
      p.atypical === (d.atypical || undefined) &&
      p.locked === (d.locked || undefined) &&
      p.kind === d.kind &&
      p.status === d.status &&
      sameList(p.services ?? [], d.services ?? []) &&
      p.accountableOfficers === org.accountableOfficers &&
      sameList(p.organisationIds, org.organisationIds) &&
      sameCosts(p, s.settings);
    let m: GroupMetrics;
    if (reuse) {
      m = p;
    } else {
      const { fm, units } = this.measure(members, signature);
      m = groupMetrics(level, d as AnyDef, { members, signature, units }, fm, org, s.settings);
    }
    return m;
  }
}

/** Whether a group measured earlier carries the costs these settings give it. */
function sameCosts(p: GroupMetrics, settings: ScenarioSettings): boolean {
  return p.runningCost === runningCosts(p.population, p.governingBodies, p.accountableOfficers, settings).total;
}

/** One-shot evaluation (no cache kept). */
export function evaluateScenario(geo: Geography, s: ScenarioV1): Evaluation {
  return new Evaluator(geo).evaluate(s);
}
