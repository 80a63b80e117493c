/**
 * Short bursts (Cannon, Goldbloom-Helzner, Gupta, Matthews, Suwal 2020): runs of `burst` ReCom steps, each
 * restarted from the best plan seen so far, so the chain climbs the score while still exploring around the best.
 * Every plan visited competes for the `top` best distinct plans (distinct = different partitions, whatever the
 * labels), kept in preallocated buffers: a step allocates nothing.
 */
import type { RecomChain } from './recom.ts';
import type { Scorer } from './objectives.ts';
import { METRICS } from './objectives.ts';

export interface OptimiserOptions {
  /** Steps per burst (default 10). */
  burst?: number;
  /** Distinct best plans kept (default 5). */
  top?: number;
}

export interface GeneratedPlan {
  score: number;
  /** Raw metrics, in `METRICS` order. */
  metrics: Float64Array;
  /** Unit → system (the starting scenario's system indices). */
  unitSystem: Uint16Array;
}

interface Slot {
  score: number;
  hash: number;
  metrics: Float64Array;
  nodes: Uint16Array;
  canonical: Uint16Array;
}

export class Optimiser {
  readonly chain: RecomChain;
  readonly scorer: Scorer;
  readonly burst: number;
  readonly top: number;
  /** Best score of the run so far (-Infinity before any). */
  bestScore = -Infinity;
  private readonly best: Uint16Array;
  private burstStep = 0;
  private readonly slots: Slot[];
  private filled = 0;
  private readonly relabel: Uint16Array;
  private readonly canonical: Uint16Array;

  constructor(chain: RecomChain, scorer: Scorer, options: OptimiserOptions = {}) {
    this.chain = chain;
    this.scorer = scorer;
    this.burst = Math.max(1, Math.floor(options.burst ?? 10));
    this.top = Math.max(1, Math.floor(options.top ?? 5));
    const n = chain.graph.n;
    this.best = Uint16Array.from(chain.assignment);
    this.slots = Array.from({ length: this.top + 1 }, () => ({
      score: -Infinity, hash: 0, metrics: new Float64Array(METRICS.length), nodes: new Uint16Array(n), canonical: new Uint16Array(n),
    }));
    this.relabel = new Uint16Array(chain.k);
    this.canonical = new Uint16Array(n);
    scorer.attach(chain);
    this.bestScore = scorer.score();
    this.offer(this.bestScore);
  }

  /** Runs `steps` steps of the burst schedule; resumable (a later call goes on where this one stopped). */
  run(steps: number): void {
    const { chain, scorer } = this;
    for (let s = 0; s < steps; s++) {
      if (chain.step()) {
        scorer.update();
        const score = scorer.score();
        if (score > this.bestScore) {
          this.bestScore = score;
          this.best.set(chain.assignment);
        }
        if (this.filled < this.top || score > this.slots[this.filled - 1].score) this.offer(score);
      }
      if (++this.burstStep >= this.burst) {
        this.burstStep = 0;
        chain.load(this.best);
        scorer.attach(chain);
      }
    }
  }

  /** The current chain plan, canonically relabelled (systems numbered by first node) into `canonical`; its hash. */
  private canonicalise(): number {
    const { relabel, canonical } = this;
    const a = this.chain.assignment;
    relabel.fill(0xffff);
    let next = 0;
    let h = 0x811c9dc5;
    for (let v = 0; v < a.length; v++) {
      let l = relabel[a[v]];
      if (l === 0xffff) l = relabel[a[v]] = next++;
      canonical[v] = l;
      h = Math.imul(h ^ l, 0x01000193);
    }
    return h >>> 0;
  }

  private offer(score: number): void {
    const hash = this.canonicalise();
    const slots = this.slots;
    for (let k = 0; k < this.filled; k++) {
      const s = slots[k];
      if (s.hash === hash && sameArray(s.canonical, this.canonical)) {
        // Already kept; a plan's score depends on its partition only, so nothing to update.
        return;
      }
    }
    // Insert into the spare slot at the end, then bubble it up to its rank.
    const spare = slots[this.filled];
    spare.score = score;
    spare.hash = hash;
    spare.metrics.set(this.scorer.metrics);
    spare.nodes.set(this.chain.assignment);
    spare.canonical.set(this.canonical);
    let k = this.filled;
    while (k > 0 && slots[k - 1].score < score) {
      slots[k] = slots[k - 1];
      k--;
    }
    slots[k] = spare;
    if (this.filled < this.top) this.filled++;
    // else the plan that fell to rank top + 1 stays in the spare slot, to be overwritten next time.
  }

  /** The best distinct plans so far, best first (copies). */
  results(): GeneratedPlan[] {
    const g = this.chain.graph;
    return this.slots.slice(0, this.filled).map((s) => {
      const unitSystem = new Uint16Array(g.nUnits);
      for (let i = 0; i < g.nUnits; i++) unitSystem[i] = s.nodes[g.unitNode[i]];
      return { score: s.score, metrics: Float64Array.from(s.metrics), unitSystem };
    });
  }
}

function sameArray(a: Uint16Array, b: Uint16Array): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}
