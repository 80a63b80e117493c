// ReCom against its theory on a graph small enough to enumerate every spanning tree: the 3 × 3 grid of unit
// populations, split in two. With two systems every step merges the whole grid, draws a uniform spanning tree
// (redrawn until one has a balanced edge) and cuts one of its balanced edges uniformly, so an accepted step's
// split has probability  P(S) = (1/Z) Σ_{trees T with a balanced edge splitting S} 1 / balanced(T),
// Z = the number of trees with a balanced edge, whatever the previous plan. The expected law is computed here by
// brute force over edge subsets, independently of the engine's tree code.
import { describe, expect, it } from 'vitest';
import { nodeGraph } from '../../engine/generate/graph.ts';
import { RecomChain } from '../../engine/generate/recom.ts';
import { seededRng } from '../../engine/generate/random.ts';

const W = 3;
const H = 3;
const N = W * H;
const edges: [number, number][] = [];
for (let y = 0; y < H; y++) {
  for (let x = 0; x < W; x++) {
    const v = y * W + x;
    if (x + 1 < W) edges.push([v, v + 1]);
    if (y + 1 < H) edges.push([v, v + W]);
  }
}
const BAND = { min: 3, max: 6 };

function gridGraph() {
  const lists: number[][] = Array.from({ length: N }, () => []);
  for (const [a, b] of edges) {
    lists[a].push(b);
    lists[b].push(a);
  }
  const adjOffsets = new Uint32Array(N + 1);
  lists.forEach((l, v) => (adjOffsets[v + 1] = adjOffsets[v] + l.length));
  return nodeGraph({ n: N, adjOffsets, adjNeighbours: Uint32Array.from(lists.flat()), population: new Float64Array(N).fill(1) });
}

/** Bitmask of the side holding node 0: one key per unordered split. */
const keyOf = (side: (v: number) => boolean) => {
  let mask = 0;
  const flip = !side(0);
  for (let v = 0; v < N; v++) if (side(v) !== flip) mask |= 1 << v;
  return mask;
};

function expectedSplits(): { law: Map<number, number>; trees: number } {
  const law = new Map<number, number>();
  let trees = 0;
  let z = 0;
  const m = edges.length;
  for (let subset = 0; subset < 1 << m; subset++) {
    // Spanning trees: N - 1 edges and no cycle.
    let count = 0;
    for (let e = 0; e < m; e++) if (subset & (1 << e)) count++;
    if (count !== N - 1) continue;
    const parent = Array.from({ length: N }, (_, v) => v);
    const find = (v: number): number => (parent[v] === v ? v : (parent[v] = find(parent[v])));
    let acyclic = true;
    for (let e = 0; e < m && acyclic; e++) {
      if (!(subset & (1 << e))) continue;
      const a = find(edges[e][0]);
      const b = find(edges[e][1]);
      if (a === b) acyclic = false;
      else parent[a] = b;
    }
    if (!acyclic) continue;
    trees++;
    const balanced: number[] = [];
    for (let cut = 0; cut < m; cut++) {
      if (!(subset & (1 << cut))) continue;
      // The side of edges[cut][0] once the edge is removed, by a flood fill over the other tree edges.
      const seen = new Set([edges[cut][0]]);
      const stack = [edges[cut][0]];
      while (stack.length) {
        const v = stack.pop()!;
        for (let e = 0; e < m; e++) {
          if (e === cut || !(subset & (1 << e))) continue;
          const [a, b] = edges[e];
          const w = a === v ? b : b === v ? a : -1;
          if (w >= 0 && !seen.has(w)) {
            seen.add(w);
            stack.push(w);
          }
        }
      }
      if (seen.size >= BAND.min && seen.size <= BAND.max && N - seen.size >= BAND.min && N - seen.size <= BAND.max) {
        balanced.push(keyOf((v) => seen.has(v)));
      }
    }
    if (balanced.length === 0) continue;
    z++;
    for (const k of balanced) law.set(k, (law.get(k) ?? 0) + 1 / balanced.length);
  }
  for (const [k, w] of law) law.set(k, w / z);
  return { law, trees };
}

describe('ReCom split law on the 3 × 3 grid', () => {
  it('matches the enumerated law of uniform spanning trees cut at a uniform balanced edge', () => {
    const { law, trees } = expectedSplits();
    expect(trees).toBe(192); // the matrix-tree count for the 3 × 3 grid
    const graph = gridGraph();
    // Start: the left column against the rest.
    const start = Uint16Array.from({ length: N }, (_, v) => (v % W === 0 ? 0 : 1));
    const chain = new RecomChain(graph, start, 2, seededRng(2024), { band: BAND, maxTrees: 1000 });
    const SAMPLES = 40_000;
    const seen = new Map<number, number>();
    let accepted = 0;
    while (accepted < SAMPLES) {
      if (!chain.step()) continue;
      accepted++;
      const k = keyOf((v) => chain.assignment[v] === chain.assignment[0]);
      seen.set(k, (seen.get(k) ?? 0) + 1);
    }
    // Every observed split is one the theory allows.
    for (const k of seen.keys()) expect(law.has(k), `split ${k.toString(2)}`).toBe(true);
    // Each split's frequency within 4.5 standard errors of its probability; total variation under 0.02.
    let tv = 0;
    for (const [k, p] of law) {
      const f = (seen.get(k) ?? 0) / SAMPLES;
      expect(Math.abs(f - p), `split ${k.toString(2)}: p ${p.toFixed(4)} f ${f.toFixed(4)}`).toBeLessThanOrEqual(4.5 * Math.sqrt((p * (1 - p)) / SAMPLES));
      tv += Math.abs(f - p) / 2;
    }
    expect(tv).toBeLessThan(0.02);
    expect(law.size).toBeGreaterThan(20);
  });
});
