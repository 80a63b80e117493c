/**
 * The graph ReCom walks on: a unit set's adjacency (land borders and water links) with groups of units that must
 * stay together contracted to single weighted nodes.
 *
 * Layout: node `v` has population `population[v]`; its neighbours are `neighbours[offsets[v] .. offsets[v + 1])`
 * (no repeats, no self-links); each undirected edge is listed once in `edgeA`/`edgeB` with `edgeA < edgeB`.
 * `unitNode[i]` is unit `i`'s node and the units of node `v` are `nodeUnits[nodeOffsets[v] .. nodeOffsets[v + 1])`.
 * Without groups to keep whole, node `v` is unit `v`.
 */
import type { Geography } from '../geography.ts';

/** What the generator needs from a unit set: satisfied by `Geography`. */
export interface UnitGraph {
  readonly n: number;
  readonly adjOffsets: Uint32Array;
  readonly adjNeighbours: ArrayLike<number>;
  readonly population: Float64Array;
}

export interface NodeGraph {
  nUnits: number;
  n: number;
  offsets: Uint32Array;
  neighbours: Uint32Array;
  population: Float64Array;
  edgeA: Uint32Array;
  edgeB: Uint32Array;
  unitNode: Uint32Array;
  nodeOffsets: Uint32Array;
  nodeUnits: Uint32Array;
}

/** A unit → group array: units sharing a value ≥ 0 must stay in one system; -1 = in no group. */
export type KeepWhole = Int32Array;

/** Keep-whole groups from a partition of unit indices (organisations, or the CCGs finer units belong to). */
export function keepWholeOf(n: number, groups: readonly ArrayLike<number>[]): KeepWhole {
  const out = new Int32Array(n).fill(-1);
  groups.forEach((members, g) => {
    for (let k = 0; k < members.length; k++) out[members[k]] = g;
  });
  return out;
}

function find(parent: Int32Array, x: number): number {
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]];
    x = parent[x];
  }
  return x;
}

/**
 * Contracts every keep-whole group (several lists combine: units together in any list end up in one node) and
 * builds the node graph. Nodes are numbered by their lowest unit.
 */
export function nodeGraph(units: UnitGraph | Geography, keepWhole: readonly KeepWhole[] = []): NodeGraph {
  const nUnits = units.n;
  const parent = new Int32Array(nUnits);
  for (let i = 0; i < nUnits; i++) parent[i] = i;
  for (const groups of keepWhole) {
    const first = new Map<number, number>();
    for (let i = 0; i < nUnits; i++) {
      const g = groups[i];
      if (g < 0) continue;
      const f = first.get(g);
      if (f === undefined) first.set(g, i);
      else {
        const a = find(parent, f);
        const b = find(parent, i);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  }
  const unitNode = new Uint32Array(nUnits);
  const rootNode = new Int32Array(nUnits).fill(-1);
  let n = 0;
  for (let i = 0; i < nUnits; i++) {
    const r = find(parent, i);
    if (rootNode[r] < 0) rootNode[r] = n++;
    unitNode[i] = rootNode[r];
  }
  const population = new Float64Array(n);
  const nodeOffsets = new Uint32Array(n + 1);
  for (let i = 0; i < nUnits; i++) {
    population[unitNode[i]] += units.population[i];
    nodeOffsets[unitNode[i] + 1]++;
  }
  for (let v = 0; v < n; v++) nodeOffsets[v + 1] += nodeOffsets[v];
  const nodeUnits = new Uint32Array(nUnits);
  const fill = nodeOffsets.slice(0, n);
  for (let i = 0; i < nUnits; i++) nodeUnits[fill[unitNode[i]]++] = i;

  // Node adjacency: the distinct nodes next to any of a node's units, other than itself.
  const lists: number[][] = Array.from({ length: n }, () => []);
  const seen = new Int32Array(n).fill(-1);
  for (let v = 0; v < n; v++) {
    seen[v] = v;
    for (let k = nodeOffsets[v]; k < nodeOffsets[v + 1]; k++) {
      const i = nodeUnits[k];
      for (let e = units.adjOffsets[i]; e < units.adjOffsets[i + 1]; e++) {
        const w = unitNode[units.adjNeighbours[e]];
        if (seen[w] !== v) {
          seen[w] = v;
          lists[v].push(w);
        }
      }
    }
    lists[v].sort((a, b) => a - b);
  }
  const offsets = new Uint32Array(n + 1);
  for (let v = 0; v < n; v++) offsets[v + 1] = offsets[v] + lists[v].length;
  const neighbours = new Uint32Array(offsets[n]);
  const edgeA = new Uint32Array(offsets[n] / 2);
  const edgeB = new Uint32Array(offsets[n] / 2);
  let m = 0;
  for (let v = 0; v < n; v++) {
    neighbours.set(lists[v], offsets[v]);
    for (const w of lists[v]) {
      if (w > v) {
        edgeA[m] = v;
        edgeB[m++] = w;
      }
    }
  }
  return { nUnits, n, offsets, neighbours, population, edgeA, edgeB, unitNode, nodeOffsets, nodeUnits };
}
