/**
 * ReCom (recombination, DeFord–Duchin–Solomon) on a node graph, every valid proposal accepted.
 *
 * One step:
 * 1. Proposal: a cut edge drawn uniformly (GerryChain's `recom` does the same), so pairs of systems sharing long
 *    borders are merged more often; edges touching a locked system, and with `districtRegion` pairs in two
 *    regions, are not eligible. Drawn by rejection from all edges (cut edges are a good share of them), with a
 *    scan of the eligible edges after `EDGE_DRAWS` misses so a nearly frozen plan still draws uniformly.
 * 2. The two systems are merged and a uniform spanning tree of the merged region is drawn with Wilson's
 *    algorithm (loop-erased random walks towards a random root).
 * 3. The tree edges whose removal leaves both halves in the band are listed and one is cut, uniformly.
 *    When none is, a new tree is drawn, up to `maxTrees` trees; then the step is a self-loop (the plan stays
 *    as it was and `selfLoops` counts it). GerryChain retries far longer before giving up; a bounded count
 *    keeps a step's cost bounded, and the count of self-loops says when the band is too tight for the plan.
 * The half holding more of the system's former population keeps its label, so labels follow the systems.
 *
 * Hot state is typed arrays allocated once; a step allocates nothing. Stamps (`epoch`) mark the merged region
 * and the tree without clearing arrays.
 */
import type { NodeGraph } from './graph.ts';
import { below, type Rng } from './random.ts';

const EDGE_DRAWS = 64;

export interface Band {
  min: number;
  max: number;
}

export interface RecomOptions {
  band: Band;
  /** Per system: 1 = locked, never merged. */
  locked?: Uint8Array;
  /** Per system: its NHS region; when given, only systems of one region are merged. */
  districtRegion?: Uint16Array;
  /** Spanning trees drawn before a step gives up (a self-loop). */
  maxTrees?: number;
}

export class RecomChain {
  readonly graph: NodeGraph;
  readonly k: number;
  /** Node → system. */
  readonly assignment: Uint16Array;
  readonly districtPop: Float64Array;
  readonly band: Band;
  readonly locked: Uint8Array;
  readonly districtRegion: Uint16Array | null;
  readonly maxTrees: number;
  rng: Rng;
  /** Steps taken, and how many of them left the plan as it was. */
  steps = 0;
  selfLoops = 0;
  /** The last step's merged systems and their nodes (`merged[0 .. mergedCount)`); -1 after a self-loop. */
  lastA = -1;
  lastB = -1;
  readonly merged: Uint32Array;
  mergedCount = 0;

  private readonly mark: Uint32Array;
  private readonly treeMark: Uint32Array;
  private epoch = 0;
  private treeEpoch = 0;
  private readonly next: Uint32Array;
  private readonly sub: Float64Array;
  private readonly childCount: Uint32Array;
  private readonly order: Uint32Array;
  private readonly side: Uint8Array;
  private readonly candidates: Uint32Array;
  private readonly eligible: Uint32Array;

  constructor(graph: NodeGraph, start: Uint16Array, k: number, rng: Rng, options: RecomOptions) {
    if (start.length !== graph.n) throw new Error(`start: ${start.length} nodes given, the graph has ${graph.n}`);
    this.graph = graph;
    this.k = k;
    this.assignment = Uint16Array.from(start);
    this.districtPop = new Float64Array(k);
    this.band = { min: options.band.min, max: options.band.max };
    this.locked = options.locked ?? new Uint8Array(k);
    this.districtRegion = options.districtRegion ?? null;
    this.maxTrees = options.maxTrees ?? 16;
    this.rng = rng;
    const n = graph.n;
    this.merged = new Uint32Array(n);
    this.mark = new Uint32Array(n);
    this.treeMark = new Uint32Array(n);
    this.next = new Uint32Array(n);
    this.sub = new Float64Array(n);
    this.childCount = new Uint32Array(n);
    this.order = new Uint32Array(n);
    this.side = new Uint8Array(n);
    this.candidates = new Uint32Array(n);
    this.eligible = new Uint32Array(graph.edgeA.length);
    this.load(start);
  }

  /** Replaces the plan (node → system), e.g. to restart from the best plan so far. */
  load(assignment: Uint16Array): void {
    this.assignment.set(assignment);
    this.districtPop.fill(0);
    for (let v = 0; v < this.graph.n; v++) {
      const d = this.assignment[v];
      if (d >= this.k) throw new Error(`node ${v}: system ${d} is outside 0..${this.k - 1}`);
      this.districtPop[d] += this.graph.population[v];
    }
    this.lastA = this.lastB = -1;
    this.mergedCount = 0;
  }

  private eligibleEdge(e: number): boolean {
    const a = this.assignment[this.graph.edgeA[e]];
    const b = this.assignment[this.graph.edgeB[e]];
    if (a === b || this.locked[a] || this.locked[b]) return false;
    return this.districtRegion === null || this.districtRegion[a] === this.districtRegion[b];
  }

  /** A uniformly drawn eligible cut edge, or -1 when there is none. */
  private drawEdge(): number {
    const m = this.graph.edgeA.length;
    if (m === 0) return -1;
    for (let t = 0; t < EDGE_DRAWS; t++) {
      const e = below(this.rng, m);
      if (this.eligibleEdge(e)) return e;
    }
    let count = 0;
    for (let e = 0; e < m; e++) if (this.eligibleEdge(e)) this.eligible[count++] = e;
    return count === 0 ? -1 : this.eligible[below(this.rng, count)];
  }

  /** One ReCom step; false when it was a self-loop. */
  step(): boolean {
    this.steps++;
    this.lastA = this.lastB = -1;
    this.mergedCount = 0;
    const e = this.drawEdge();
    if (e < 0) return this.reject();
    const g = this.graph;
    const a = this.assignment[g.edgeA[e]];
    const b = this.assignment[g.edgeB[e]];
    const total = this.districtPop[a] + this.districtPop[b];
    const { min, max } = this.band;
    if (total < 2 * min || total > 2 * max) return this.reject();

    // The merged region, by breadth-first search from the cut edge (both systems are connected).
    const stamp = this.nextEpoch();
    const mark = this.mark;
    const merged = this.merged;
    let count = 0;
    merged[count++] = g.edgeA[e];
    mark[g.edgeA[e]] = stamp;
    for (let h = 0; h < count; h++) {
      const v = merged[h];
      for (let q = g.offsets[v]; q < g.offsets[v + 1]; q++) {
        const w = g.neighbours[q];
        if (mark[w] !== stamp) {
          const d = this.assignment[w];
          if (d === a || d === b) {
            mark[w] = stamp;
            merged[count++] = w;
          }
        }
      }
    }
    this.mergedCount = count;

    for (let t = 0; t < this.maxTrees; t++) {
      const root = this.wilson(stamp, count);
      const nCand = this.balancedCuts(root, count, total);
      if (nCand > 0) {
        this.split(root, this.candidates[below(this.rng, nCand)], count, a, b);
        this.lastA = a;
        this.lastB = b;
        return true;
      }
    }
    this.mergedCount = 0;
    return this.reject();
  }

  private reject(): false {
    this.selfLoops++;
    return false;
  }

  private nextEpoch(): number {
    if (this.epoch === 0xffffffff) {
      this.mark.fill(0);
      this.epoch = 0;
    }
    return ++this.epoch;
  }

  /** Wilson's algorithm on the merged region (nodes stamped `stamp`); `next[v]` becomes v's parent. Returns the root. */
  private wilson(stamp: number, count: number): number {
    if (this.treeEpoch === 0xffffffff) {
      this.treeMark.fill(0);
      this.treeEpoch = 0;
    }
    const inTree = ++this.treeEpoch;
    const { offsets, neighbours } = this.graph;
    const { mark, treeMark, next, merged, rng } = this;
    const root = merged[below(rng, count)];
    treeMark[root] = inTree;
    for (let k = 0; k < count; k++) {
      const start = merged[k];
      // Random walk until the tree is hit; overwriting next[] on revisits erases the loops.
      let v = start;
      while (treeMark[v] !== inTree) {
        const o = offsets[v];
        const deg = offsets[v + 1] - o;
        let w: number;
        do w = neighbours[o + below(rng, deg)];
        while (mark[w] !== stamp);
        next[v] = w;
        v = w;
      }
      for (v = start; treeMark[v] !== inTree; v = next[v]) treeMark[v] = inTree;
    }
    return root;
  }

  /**
   * Subtree populations, leaves first (`order`), then the nodes whose edge to their parent splits the region
   * into two halves in the band (`candidates`). Returns how many there are.
   */
  private balancedCuts(root: number, count: number, total: number): number {
    const { merged, next, sub, childCount, order, candidates } = this;
    const pop = this.graph.population;
    for (let k = 0; k < count; k++) {
      const v = merged[k];
      childCount[v] = 0;
      sub[v] = pop[v];
    }
    for (let k = 0; k < count; k++) {
      const v = merged[k];
      if (v !== root) childCount[next[v]]++;
    }
    let tail = 0;
    for (let k = 0; k < count; k++) if (childCount[merged[k]] === 0) order[tail++] = merged[k];
    const { min, max } = this.band;
    let nCand = 0;
    for (let h = 0; h < tail; h++) {
      const v = order[h];
      if (v === root) continue;
      const s = sub[v];
      // Both halves in the band, bounds inclusive (metrics.ts bandPosition).
      if (s >= min && s <= max && total - s >= min && total - s <= max) candidates[nCand++] = v;
      const p = next[v];
      sub[p] += s;
      if (--childCount[p] === 0) order[tail++] = p;
    }
    return nCand;
  }

  /** Cuts the tree above `cut`; the half with more of `a`'s former population becomes `a`. */
  private split(root: number, cut: number, count: number, a: number, b: number): void {
    const { order, next, side, assignment } = this;
    const pop = this.graph.population;
    // `order` lists children before parents, so walking it backwards reaches a parent before its children.
    side[root] = 0;
    let cutInA = 0;
    let restInA = 0;
    for (let h = count - 1; h >= 0; h--) {
      const v = order[h];
      if (v !== root) side[v] = v === cut ? 1 : side[next[v]];
      if (assignment[v] === a) {
        if (side[v]) cutInA += pop[v];
        else restInA += pop[v];
      }
    }
    const cutLabel = cutInA >= restInA ? a : b;
    const restLabel = cutLabel === a ? b : a;
    const cutPop = this.sub[cut];
    for (let h = 0; h < count; h++) {
      const v = order[h];
      assignment[v] = side[v] ? cutLabel : restLabel;
    }
    const total = this.districtPop[a] + this.districtPop[b];
    this.districtPop[cutLabel] = cutPop;
    this.districtPop[restLabel] = total - cutPop;
  }
}
