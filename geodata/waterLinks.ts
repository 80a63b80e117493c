/**
 * Water links for unit sets made of LSOAs. Rule: every land component (units joined by shared borders) other
 * than the largest is linked by water to the nearest unit of each 2019 CCG outside it whose boundary comes within
 * `WATER_LINK_KM` (the Isle of Wight's ferries to Portsmouth, Southampton and the New Forest); a component with
 * nothing that close is linked to the single nearest unit outside it (the Isles of Scilly to Penwith).
 * Distances are between vertices of the final boundaries in British National Grid metres.
 */
import type { Position } from 'geojson';
import { WATER_LINK_KM } from './adjacency.ts';

export const LSOA_WATER_RULE =
  `Each land component other than the largest is linked by water to the nearest unit of every 2019 CCG outside it whose boundary comes within ${WATER_LINK_KM} km; ` +
  'a component with nothing that close is linked to the single nearest unit outside it. ' +
  'Two 2019 CCGs that are neighbours at CCG level but touch nowhere at this level (across the tidal Thames or Ribble) are linked by their two nearest units, ' +
  'and a 2019 CCG whose units fall in several pieces (North Lincolnshire across the tidal Trent) has each smaller piece linked to the nearest unit of the rest. ' +
  'Distances are the shortest between vertices of the final boundaries, British National Grid metres.';

function components(n: number, land: number[]): number[] {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  for (let k = 0; k < land.length; k += 2) parent[find(land[k])] = find(land[k + 1]);
  return parent.map((_, i) => find(i));
}

type Box = [number, number, number, number];
const boxOf = (pts: Position[]): Box => {
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of pts) {
    if (x < b[0]) b[0] = x;
    if (y < b[1]) b[1] = y;
    if (x > b[2]) b[2] = x;
    if (y > b[3]) b[3] = y;
  }
  return b;
};
const boxGap = (a: Box, b: Box) => Math.hypot(Math.max(0, a[0] - b[2], b[0] - a[2]), Math.max(0, a[1] - b[3], b[1] - a[3]));

function minDistance(a: Position[], b: Position[]): number {
  let min = Infinity;
  for (const p of a) for (const q of b) {
    const d = (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2;
    if (d < min) min = d;
  }
  return Math.sqrt(min);
}

/**
 * Water pairs `[a, b, …]` (a < b, sorted) for units given by their BNG vertices and 2019 CCG. `ccgPairs` are the
 * 2019 CCGs' own neighbour pairs (land and water, flat `[a, b, …]`): the finer level keeps every one of them, so
 * a plan contiguous on the CCGs stays contiguous on their parts (Humber, Coast and Vale spans the estuary and
 * the Trent); and a CCG, one unit at CCG level, is one piece on the finer levels.
 */
export function waterLinks(verts: Position[][], land: number[], ccgOf: number[], ccgPairs: readonly number[]): number[] {
  const n = verts.length;
  const comp = components(n, land);
  const size = new Map<number, number>();
  comp.forEach((c) => size.set(c, (size.get(c) ?? 0) + 1));
  const largest = [...size].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
  const boxes = verts.map(boxOf);
  const pairs = new Set<string>();
  for (const c of [...size.keys()].sort((a, b) => a - b)) {
    if (c === largest) continue;
    const inside = comp.map((x, i) => (x === c ? i : -1)).filter((i) => i >= 0);
    const cVerts = inside.flatMap((i) => verts[i]);
    const cBox = boxOf(cVerts);
    // Candidates by bounding-box gap, nearest first; exact distances only while a box could still be closer.
    const order = comp.map((x, i) => (x === c ? -1 : i)).filter((i) => i >= 0).sort((a, b) => boxGap(cBox, boxes[a]) - boxGap(cBox, boxes[b]) || a - b);
    const nearestByCcg = new Map<number, { unit: number; d: number }>();
    let nearest = { unit: -1, d: Infinity };
    for (const u of order) {
      const gap = boxGap(cBox, boxes[u]);
      if (gap > WATER_LINK_KM * 1000 && gap > nearest.d) break;
      const d = minDistance(cVerts, verts[u]);
      if (d < nearest.d) nearest = { unit: u, d };
      if (d <= WATER_LINK_KM * 1000) {
        const best = nearestByCcg.get(ccgOf[u]);
        if (!best || d < best.d) nearestByCcg.set(ccgOf[u], { unit: u, d });
      }
    }
    const targets = nearestByCcg.size ? [...nearestByCcg.values()].map((t) => t.unit) : [nearest.unit];
    for (const t of targets) {
      // Link from the component's unit nearest to the target.
      let from = inside[0];
      let fd = Infinity;
      for (const i of inside) {
        const d = minDistance(verts[i], verts[t]);
        if (d < fd) [from, fd] = [i, d];
      }
      pairs.add(from < t ? `${from},${t}` : `${t},${from}`);
    }
  }
  bridgeCcgPairs(verts, land, ccgOf, ccgPairs, boxes, pairs);
  joinCcgPieces(verts, land, ccgOf, boxes, pairs);
  return [...pairs]
    .map((s) => s.split(',').map(Number))
    .sort((x, y) => x[0] - y[0] || x[1] - y[1])
    .flat();
}

/** Adds to `pairs` a link between the two nearest units of every CCG pair of `ccgPairs` that no land pair joins. */
function bridgeCcgPairs(verts: Position[][], land: number[], ccgOf: number[], ccgPairs: readonly number[], boxes: Box[], pairs: Set<string>): void {
  const key = (a: number, b: number) => (a < b ? `${a},${b}` : `${b},${a}`);
  const touching = new Set<string>();
  for (let k = 0; k < land.length; k += 2) if (ccgOf[land[k]] !== ccgOf[land[k + 1]]) touching.add(key(ccgOf[land[k]], ccgOf[land[k + 1]]));
  for (const p of pairs) {
    const [a, b] = p.split(',').map(Number);
    if (ccgOf[a] !== ccgOf[b]) touching.add(key(ccgOf[a], ccgOf[b]));
  }
  const unitsOf = new Map<number, number[]>();
  ccgOf.forEach((c, i) => unitsOf.set(c, [...(unitsOf.get(c) ?? []), i]));
  for (let k = 0; k < ccgPairs.length; k += 2) {
    const [ca, cb] = [ccgPairs[k], ccgPairs[k + 1]];
    if (touching.has(key(ca, cb))) continue;
    const [a, b] = nearestPair(verts, boxes, unitsOf.get(ca) ?? [], unitsOf.get(cb) ?? []);
    if (a >= 0) pairs.add(key(a, b));
  }
}

/** Nearest unit pair between two lists of units (bounding-box gaps first, exact distances while they could win). */
function nearestPair(verts: Position[][], boxes: Box[], from: readonly number[], to: readonly number[]): [number, number] {
  const candidates: [number, number, number][] = [];
  for (const a of from) for (const b of to) candidates.push([boxGap(boxes[a], boxes[b]), a, b]);
  candidates.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
  let best: [number, number, number] = [Infinity, -1, -1];
  for (const [gap, a, b] of candidates) {
    if (gap > best[0]) break;
    const d = minDistance(verts[a], verts[b]);
    if (d < best[0]) best = [d, a, b];
  }
  return [best[1], best[2]];
}

/** Adds to `pairs` links that make every 2019 CCG's units one piece: each smaller piece to the nearest unit of the rest. */
function joinCcgPieces(verts: Position[][], land: number[], ccgOf: number[], boxes: Box[], pairs: Set<string>): void {
  const edges = [...land];
  for (const p of pairs) edges.push(...p.split(',').map(Number));
  const inner: number[] = [];
  for (let k = 0; k < edges.length; k += 2) if (ccgOf[edges[k]] === ccgOf[edges[k + 1]]) inner.push(edges[k], edges[k + 1]);
  const comp = components(verts.length, inner);
  const pieces = new Map<number, Map<number, number[]>>();
  comp.forEach((c, i) => {
    const byCcg = pieces.get(ccgOf[i]) ?? new Map<number, number[]>();
    byCcg.set(c, [...(byCcg.get(c) ?? []), i]);
    pieces.set(ccgOf[i], byCcg);
  });
  for (const ccg of [...pieces.keys()].sort((a, b) => a - b)) {
    const list = [...pieces.get(ccg)!.values()].sort((a, b) => b.length - a.length || a[0] - b[0]);
    if (list.length < 2) continue;
    const joined = [...list[0]];
    for (const piece of list.slice(1)) {
      const [a, b] = nearestPair(verts, boxes, piece, joined);
      pairs.add(a < b ? `${a},${b}` : `${b},${a}`);
      joined.push(...piece);
    }
  }
}
