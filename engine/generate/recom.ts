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
 * With a range of counts (`count.min < count.max`) a step first draws its kind: a quarter of steps propose a
 * merge, a quarter a split, the other half ReCom as above (one more draw from the stream; a fixed count draws
 * nothing more, so its chain is exactly the plain ReCom chain). A proposal that cannot be made is a self-loop,
 * as in ReCom, so the mix stays the same whatever the plan:
 * - merge: a cut edge drawn as in ReCom (unlocked, same region); its two systems become one when together they
 *   are within the band's maximum and the count stays ≥ `count.min`. The more populous keeps its label.
 * - split: an unlocked system drawn uniformly; when the count stays ≤ `count.max`, it is cut like ReCom's merged
 *   region (uniform spanning tree, an edge whose two halves are both in the band); the larger half keeps the
 *   label, the other takes the lowest free label.
 * Labels range over 0 .. k − 1 (k ≥ `count.max`); a merged system's label is free until a split takes it.
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

/** How many systems a plan may have (inclusive). */
export interface CountRange {
  min: number;
  max: number;
}

/** The kind of the last step: what `lastA`, `lastB` and `merged` describe. */
export type Move = 'none' | 'recom' | 'merge' | 'split';

export interface RecomOptions {
  band: Band;
  /** Per system: 1 = locked, never merged. */
  locked?: Uint8Array;
  /** Per system: its NHS region; when given, only systems of one region are merged. */
  districtRegion?: Uint16Array;
  /** Spanning trees drawn before a step gives up (a self-loop). */
  maxTrees?: number;
  /** Allowed number of systems; default: fixed at the start's. Needs k ≥ `count.max`. */
  count?: CountRange;
}

export class RecomChain {
  readonly graph: NodeGraph;
  /** Labels: systems are numbered 0 .. k − 1, not all of them in use when the count may vary. */
  readonly k: number;
  /** Node → system. */
  readonly assignment: Uint16Array;
  readonly districtPop: Float64Array;
  readonly band: Band;
  readonly locked: Uint8Array;
  /** Per label: its NHS region (this chain's own copy: a split's new system takes its parent's). */
  readonly districtRegion: Uint16Array | null;
  readonly maxTrees: number;
  readonly countRange: CountRange;
  /** Per label: 1 when some node has it. */
  readonly alive: Uint8Array;
  /** Systems in the plan (labels alive). */
  count = 0;
  rng: Rng;
  /** Steps taken, and how many of them left the plan as it was. */
  steps = 0;
  selfLoops = 0;
  /**
   * The last step's two labels and the nodes it relabelled (`merged[0 .. mergedCount)`), -1 after a self-loop:
   * ReCom, the two systems redrawn; merge, the label kept and the label freed; split, the label kept and the new one.
   */
  lastMove: Move = 'none';
  /** The two systems of the edge `drawPair` drew last, and their population. */
  private pairA = -1;
  private pairB = -1;
  private pairTotal = 0;
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
  /** Systems a split may draw; node → region, to give labels their region again on `load`. */
  private readonly splittable: Uint32Array;
  private readonly nodeRegion: Uint16Array | null;
  private readonly resizing: boolean;

  constructor(graph: NodeGraph, start: Uint16Array, k: number, rng: Rng, options: RecomOptions) {
    if (start.length !== graph.n) throw new Error(`start: ${start.length} nodes given, the graph has ${graph.n}`);
    this.graph = graph;
    this.k = k;
    this.assignment = Uint16Array.from(start);
    this.districtPop = new Float64Array(k);
    this.band = { min: options.band.min, max: options.band.max };
    this.locked = new Uint8Array(k);
    if (options.locked) this.locked.set(options.locked.subarray(0, k));
    this.maxTrees = options.maxTrees ?? 16;
    this.rng = rng;
    const n = graph.n;
    this.alive = new Uint8Array(k);
    this.splittable = new Uint32Array(k);
    if (options.districtRegion) {
      const regions = options.districtRegion;
      this.districtRegion = new Uint16Array(k);
      this.nodeRegion = Uint16Array.from(start, (d) => regions[d]);
    } else {
      this.districtRegion = null;
      this.nodeRegion = null;
    }
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
    const range = options.count ?? { min: this.count, max: this.count };
    if (!(range.min <= this.count && this.count <= range.max && range.max <= k)) {
      throw new Error(`count: ${this.count} systems at the start, range ${range.min}–${range.max}, ${k} labels`);
    }
    this.countRange = { min: range.min, max: range.max };
    this.resizing = range.min < range.max;
  }

  /** Replaces the plan (node → system), e.g. to restart from the best plan so far. */
  load(assignment: Uint16Array): void {
    this.assignment.set(assignment);
    this.districtPop.fill(0);
    this.alive.fill(0);
    for (let v = 0; v < this.graph.n; v++) {
      const d = this.assignment[v];
      if (d >= this.k) throw new Error(`node ${v}: system ${d} is outside 0..${this.k - 1}`);
      this.districtPop[d] += this.graph.population[v];
      this.alive[d] = 1;
      if (this.nodeRegion) this.districtRegion![d] = this.nodeRegion[v];
    }
    let count = 0;
    for (let d = 0; d < this.k; d++) count += this.alive[d];
    this.count = count;
    this.lastMove = 'none';
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

  /** One step (ReCom, or with a range of counts, a merge or a split); false when it was a self-loop. */
  step(): boolean {
    this.steps++;
    this.lastMove = 'none';
    this.lastA = this.lastB = -1;
    this.mergedCount = 0;
    if (this.resizing) {
      const kind = below(this.rng, 4);
      if (kind === 0) return this.mergeStep();
      if (kind === 1) return this.splitStep();
    }
    return this.recomStep();
  }

  /**
   * Draws a cut edge as `drawEdge` does and sets `pairA`, `pairB` to its two systems and `pairTotal` to their
   * population; -1 when there is none.
   */
  private drawPair(): number {
    const e = this.drawEdge();
    if (e >= 0) {
      this.pairA = this.assignment[this.graph.edgeA[e]];
      this.pairB = this.assignment[this.graph.edgeB[e]];
      this.pairTotal = this.districtPop[this.pairA] + this.districtPop[this.pairB];
    }
    return e;
  }

  private recomStep(): boolean {
    const e = this.drawPair();
    if (e < 0) return this.reject();
    const { pairA: a, pairB: b, pairTotal: total } = this;
    const { min, max } = this.band;
    if (total < 2 * min || total > 2 * max) return this.reject();
    return this.cutTree(this.region(this.graph.edgeA[e], a, b), total, a, b, 'recom');
  }

  private mergeStep(): boolean {
    if (this.count <= this.countRange.min) return this.reject();
    const e = this.drawPair();
    if (e < 0) return this.reject();
    const { pairA: a, pairB: b, pairTotal: total } = this;
    if (total > this.band.max) return this.reject();
    const count = this.region(this.graph.edgeA[e], a, b);
    const keep = this.districtPop[a] >= this.districtPop[b] ? a : b;
    const drop = keep === a ? b : a;
    for (let h = 0; h < count; h++) this.assignment[this.merged[h]] = keep;
    this.districtPop[keep] = total;
    this.districtPop[drop] = 0;
    this.alive[drop] = 0;
    this.count--;
    this.mergedCount = count;
    this.lastMove = 'merge';
    this.lastA = keep;
    this.lastB = drop;
    return true;
  }

  private splitStep(): boolean {
    if (this.count >= this.countRange.max) return this.reject();
    const { alive, locked, splittable, assignment } = this;
    let n = 0;
    for (let d = 0; d < this.k; d++) if (alive[d] && !locked[d]) splittable[n++] = d;
    if (n === 0) return this.reject();
    const a = splittable[below(this.rng, n)];
    const total = this.districtPop[a];
    const { min, max } = this.band;
    if (total < 2 * min || total > 2 * max) return this.reject();
    let b = 0;
    while (alive[b]) b++;
    // A node of `a` to start the region from: a scan, as splits are rarer than ReCom steps and cost a tree anyway.
    let seed = 0;
    while (assignment[seed] !== a) seed++;
    if (!this.cutTree(this.region(seed, a, a), total, a, b, 'split')) return false;
    alive[b] = 1;
    this.count++;
    if (this.districtRegion) this.districtRegion[b] = this.districtRegion[a];
    return true;
  }

  /** The nodes of systems `a` and `b` (connected, together), by breadth-first search from `seed`, into `merged`. */
  private region(seed: number, a: number, b: number): number {
    const g = this.graph;
    const stamp = this.nextEpoch();
    const mark = this.mark;
    const merged = this.merged;
    let count = 0;
    merged[count++] = seed;
    mark[seed] = stamp;
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
    return count;
  }

  /**
   * Draws spanning trees of the region just marked (`count` nodes holding `total` people) until one has a balanced
   * cut, and cuts it into systems `a` and `b`; after `maxTrees` trees without one, a self-loop.
   */
  private cutTree(count: number, total: number, a: number, b: number, move: Move): boolean {
    const stamp = this.epoch;
    for (let t = 0; t < this.maxTrees; t++) {
      const root = this.wilson(stamp, count);
      const nCand = this.balancedCuts(root, count, total);
      if (nCand > 0) {
        this.split(root, this.candidates[below(this.rng, nCand)], count, a, b);
        this.lastMove = move;
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
