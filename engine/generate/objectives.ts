/**
 * What a generated plan is scored on, kept up to date step by step over the units of the two systems a step
 * changed (full recount only on `reset`).
 *
 * Metrics (raw, one row per plan in an ensemble, in `METRICS` order):
 * - `coterminosity`: share of England's population living in upper-tier councils wholly inside their system
 *   (the population-weighted mean of the systems' coterminosity; the council rule is councils.ts's);
 * - `systemsInBand`: systems whose population is in the band (metrics.ts bandPosition);
 * - `regionCrossings`: systems touching more than one NHS region;
 * - `cutEdges`: adjacency links (land and water) between units of different systems; fewer = more compact;
 * - `peopleMoved`: people whose unit is in another system than at the start (systems keep their labels);
 * - `oneOrganisation`: systems that are exactly one organisation of the starting scenario ("typically one CCG
 *   per ICS"; the summary's `typicalSystems` rule), most useful with organisations kept whole;
 * - `systems`: the number of systems (it varies when the planner allows a range).
 * Objectives are the same quantities as scores in [0, 1], higher better; a plan's score is their weighted mean.
 * Shares of systems are of the plan's own number of systems.
 */
import type { Geography } from '../geography.ts';
import { councilTables, councilWhollyInside } from '../councils.ts';
import { bandPosition } from '../metrics.ts';
import { ScenarioError } from '../errors.ts';
import type { Problem } from './problem.ts';
import type { RecomChain } from './recom.ts';

export const METRICS = ['coterminosity', 'systemsInBand', 'regionCrossings', 'cutEdges', 'peopleMoved', 'oneOrganisation', 'systems'] as const;
export type MetricName = (typeof METRICS)[number];

export const OBJECTIVES = ['coterminosity', 'band', 'regions', 'compactness', 'moved', 'one-organisation'] as const;
export type ObjectiveName = (typeof OBJECTIVES)[number];
export type Weights = Partial<Record<ObjectiveName, number>>;

const NONE = 0xffffffff;
const MIXED = 0xfffffffe;

export class Scorer {
  readonly problem: Problem;
  /** Unit → system, the plan being scored. */
  readonly unitSystem: Uint16Array;
  /** Current raw metrics, in `METRICS` order. */
  readonly metrics = new Float64Array(METRICS.length);
  private readonly geo: Geography;
  private readonly weights: Float64Array;
  private readonly weightSum: number;
  private readonly totalEdges: number;
  private readonly nRegions: number;
  private readonly councilTotal: Float64Array;
  private readonly councilUnits: { offsets: Uint32Array; index: Uint16Array; value: Float64Array };
  /** Per council: its population when wholly inside one system, else 0. */
  private readonly councilWhole: Float64Array;
  /** Sum of councilWhole, kept exact (integers) so a million updates do not drift. */
  private wholePop = 0;
  private readonly systemPop: Float64Array;
  private readonly regionsOf: Uint16Array;
  /** Per system: its units' one organisation, or MIXED; and its unit count. Per organisation: its unit count. */
  private readonly orgOf: Uint32Array;
  private readonly unitsOf: Uint32Array;
  private readonly orgUnits: Uint32Array;
  /** Stamps: a council recounted, a (system, region) pair seen, an organisation seen, in this pass. */
  private readonly stampCouncil: Uint32Array;
  private readonly stampRegion: Uint32Array;
  private epoch = 0;
  private chain: RecomChain | null = null;

  constructor(problem: Problem, weights: Weights = {}) {
    this.problem = problem;
    const geo = (this.geo = problem.geo);
    this.unitSystem = Uint16Array.from(problem.startUnits);
    this.weights = Float64Array.from(OBJECTIVES, (o) => weights[o] ?? 0);
    let sum = 0;
    this.weights.forEach((w, j) => {
      if (!(w >= 0 && Number.isFinite(w))) throw new ScenarioError('invalid-argument', `objective ${OBJECTIVES[j]}: weight must be a number ≥ 0`, 'objectives');
      sum += w;
    });
    this.weightSum = sum;
    this.totalEdges = geo.adjNeighbours.length / 2;
    this.nRegions = geo.bundle.regions.code.length;
    const utla = councilTables(geo).utla;
    this.councilTotal = utla.total;
    this.councilUnits = utla.byCouncil;
    this.councilWhole = new Float64Array(utla.total.length);
    this.systemPop = new Float64Array(problem.k);
    this.regionsOf = new Uint16Array(problem.k);
    this.orgOf = new Uint32Array(problem.k);
    this.unitsOf = new Uint32Array(problem.k);
    this.orgUnits = new Uint32Array(problem.start.organisations.length);
    for (let i = 0; i < geo.n; i++) if (problem.unitOrganisation[i] < this.orgUnits.length) this.orgUnits[problem.unitOrganisation[i]]++;
    this.stampCouncil = new Uint32Array(utla.total.length);
    this.stampRegion = new Uint32Array(problem.k * this.nRegions);
    this.reset(this.unitSystem);
  }

  private tick(): number {
    if (this.epoch === 0xffffffff) {
      this.stampCouncil.fill(0);
      this.stampRegion.fill(0);
      this.epoch = 0;
    }
    return ++this.epoch;
  }

  /** Follows `chain`'s plan from now on (a full recount). */
  attach(chain: RecomChain): void {
    this.chain = chain;
    const g = chain.graph;
    for (let i = 0; i < g.nUnits; i++) this.unitSystem[i] = chain.assignment[g.unitNode[i]];
    this.reset(this.unitSystem);
  }

  /** Recounts everything for a unit → system plan. */
  reset(unitSystem: Uint16Array): void {
    const geo = this.geo;
    if (unitSystem !== this.unitSystem) this.unitSystem.set(unitSystem);
    const m = this.metrics;
    let whole = 0;
    for (let c = 0; c < this.councilWhole.length; c++) whole += this.councilWhole[c] = this.wholeOf(c);
    this.wholePop = whole;
    m[0] = whole / geo.total;
    let cut = 0;
    let moved = 0;
    this.systemPop.fill(0);
    for (let i = 0; i < geo.n; i++) {
      const d = this.unitSystem[i];
      this.systemPop[d] += geo.population[i];
      for (let e = geo.adjOffsets[i]; e < geo.adjOffsets[i + 1]; e++) {
        const j = geo.adjNeighbours[e];
        if (j > i && this.unitSystem[j] !== d) cut++;
      }
      if (d !== this.problem.startUnits[i]) moved += geo.population[i];
    }
    m[3] = cut;
    m[4] = moved;
    const e = this.tick();
    this.regionsOf.fill(0);
    this.orgOf.fill(NONE);
    this.unitsOf.fill(0);
    for (let i = 0; i < geo.n; i++) this.visit(i, e);
    this.systemTotals();
  }

  /** Population of council `c` when wholly inside one system of the plan, else 0. */
  private wholeOf(c: number): number {
    const { offsets, index, value } = this.councilUnits;
    let d = -1;
    let inside = 0;
    for (let q = offsets[c]; q < offsets[c + 1]; q++) {
      if (value[q] <= 0) continue;
      const s = this.unitSystem[index[q]];
      if (d < 0) d = s;
      if (s === d) inside += value[q];
    }
    return councilWhollyInside(inside, this.councilTotal[c]) ? inside : 0;
  }

  /** Counts unit `i`'s region and organisation for its system, once per pass `e`. */
  private visit(i: number, e: number): void {
    const d = this.unitSystem[i];
    const slot = d * this.nRegions + this.geo.regionOf[i];
    if (this.stampRegion[slot] !== e) {
      this.stampRegion[slot] = e;
      this.regionsOf[d]++;
    }
    const o = this.problem.unitOrganisation[i];
    this.unitsOf[d]++;
    if (this.orgOf[d] === NONE) this.orgOf[d] = o;
    else if (this.orgOf[d] !== o) this.orgOf[d] = MIXED;
  }

  private systemTotals(): void {
    const p = this.problem;
    let inBand = 0;
    let crossing = 0;
    let oneOrg = 0;
    let count = 0;
    for (let d = 0; d < p.k; d++) {
      // A label no unit has (merged away, or not yet taken by a split) is no system.
      if (this.unitsOf[d] === 0) continue;
      count++;
      if (bandPosition(this.systemPop[d], p.band) === 'in') inBand++;
      if (this.regionsOf[d] > 1) crossing++;
      const o = this.orgOf[d];
      if (o < this.orgUnits.length && this.orgUnits[o] === this.unitsOf[d]) oneOrg++;
    }
    this.metrics[1] = inBand;
    this.metrics[2] = crossing;
    this.metrics[5] = oneOrg;
    this.metrics[6] = count;
  }

  /**
   * After a step of the attached chain that changed the plan: updates the metrics over the units the step
   * relabelled (a ReCom step's two systems, a merge's two, a split's one), recounting the step's two labels.
   */
  update(): void {
    const c = this.chain;
    if (!c || c.lastA < 0) return;
    const geo = this.geo;
    const g = c.graph;
    const a = c.lastA;
    const b = c.lastB;
    const start = this.problem.startUnits;
    const us = this.unitSystem;
    let cutDelta = 0;
    let movedDelta = 0;
    // Pass 1, the old plan: links inside the merged region that were cut, people who had moved.
    for (let h = 0; h < c.mergedCount; h++) {
      const v = c.merged[h];
      for (let q = g.nodeOffsets[v]; q < g.nodeOffsets[v + 1]; q++) {
        const i = g.nodeUnits[q];
        for (let e = geo.adjOffsets[i]; e < geo.adjOffsets[i + 1]; e++) {
          const j = geo.adjNeighbours[e];
          if (j > i && us[j] !== us[i]) {
            const dj = c.assignment[g.unitNode[j]];
            if (dj === a || dj === b) cutDelta--;
          }
        }
        if (us[i] !== start[i]) movedDelta -= geo.population[i];
      }
    }
    // Pass 2: the new plan.
    for (let h = 0; h < c.mergedCount; h++) {
      const v = c.merged[h];
      const d = c.assignment[v];
      for (let q = g.nodeOffsets[v]; q < g.nodeOffsets[v + 1]; q++) {
        const i = g.nodeUnits[q];
        us[i] = d;
        if (d !== start[i]) movedDelta += geo.population[i];
      }
    }
    // Pass 3, the new plan: cut links, councils touching the region, regions and organisations of a and b.
    const e = this.tick();
    const utla = geo.unitUtla;
    let wholeDelta = 0;
    this.regionsOf[a] = this.regionsOf[b] = 0;
    this.orgOf[a] = this.orgOf[b] = NONE;
    this.unitsOf[a] = this.unitsOf[b] = 0;
    for (let h = 0; h < c.mergedCount; h++) {
      const v = c.merged[h];
      for (let q = g.nodeOffsets[v]; q < g.nodeOffsets[v + 1]; q++) {
        const i = g.nodeUnits[q];
        for (let t = geo.adjOffsets[i]; t < geo.adjOffsets[i + 1]; t++) {
          const j = geo.adjNeighbours[t];
          if (j > i && us[j] !== us[i]) {
            const dj = us[j];
            if (dj === a || dj === b) cutDelta++;
          }
        }
        for (let t = utla.offsets[i]; t < utla.offsets[i + 1]; t++) {
          const cc = utla.index[t];
          if (this.stampCouncil[cc] === e) continue;
          this.stampCouncil[cc] = e;
          const w = this.wholeOf(cc);
          wholeDelta += w - this.councilWhole[cc];
          this.councilWhole[cc] = w;
        }
        this.visit(i, e);
      }
    }
    this.wholePop += wholeDelta;
    this.metrics[0] = this.wholePop / geo.total;
    this.metrics[3] += cutDelta;
    this.metrics[4] += movedDelta;
    this.systemPop[a] = c.districtPop[a];
    this.systemPop[b] = c.districtPop[b];
    this.systemTotals();
  }

  /** Objective `j` (in `OBJECTIVES` order) as a score in [0, 1], higher better. */
  objective(j: number): number {
    const m = this.metrics;
    const k = m[6];
    switch (j) {
      case 0: return m[0];
      case 1: return m[1] / k;
      case 2: return 1 - m[2] / k;
      case 3: return this.totalEdges > 0 ? 1 - m[3] / this.totalEdges : 1;
      case 4: return 1 - m[4] / this.geo.total;
      default: return m[5] / k;
    }
  }

  /** The weighted mean of the objectives (0 when no weight is set). */
  score(): number {
    if (this.weightSum === 0) return 0;
    let s = 0;
    for (let j = 0; j < OBJECTIVES.length; j++) if (this.weights[j] > 0) s += this.weights[j] * this.objective(j);
    return s / this.weightSum;
  }
}
