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
  'a component with nothing that close is linked to the single nearest unit outside it (shortest distance between vertices of the final boundaries, British National Grid metres).';

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

/** Water pairs `[a, b, …]` (a < b, sorted) for units given by their BNG vertices and 2019 CCG. */
export function waterLinks(verts: Position[][], land: number[], ccgOf: number[]): number[] {
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
  return [...pairs]
    .map((s) => s.split(',').map(Number))
    .sort((x, y) => x[0] - y[0] || x[1] - y[1])
    .flat();
}
