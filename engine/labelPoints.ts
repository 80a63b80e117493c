/**
 * Label anchors: a point inside each unit, and for a system the member anchor nearest the members'
 * area-weighted centre, so a label always sits inside its footprint (even a C-shaped one).
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

type Ring = Position[];

function ringArea(r: Ring): number {
  let a = 0;
  for (let k = 0, j = r.length - 1; k < r.length; j = k++) a += (r[j][0] - r[k][0]) * (r[j][1] + r[k][1]);
  return a / 2;
}

function ringCentroid(r: Ring): [number, number] {
  let a = 0, x = 0, y = 0;
  for (let k = 0, j = r.length - 1; k < r.length; j = k++) {
    const f = r[j][0] * r[k][1] - r[k][0] * r[j][1];
    a += f;
    x += (r[j][0] + r[k][0]) * f;
    y += (r[j][1] + r[k][1]) * f;
  }
  return a === 0 ? [r[0][0], r[0][1]] : [x / (3 * a), y / (3 * a)];
}

function inRing(p: [number, number], r: Ring): boolean {
  let inside = false;
  for (let k = 0, j = r.length - 1; k < r.length; j = k++) {
    const [xi, yi] = r[k];
    const [xj, yj] = r[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const inPolygon = (p: [number, number], poly: Ring[]) => inRing(p, poly[0]) && !poly.slice(1).some((h) => inRing(p, h));

/** Midpoint of the widest interior stretch of the horizontal line at `y` (a point-on-surface). */
function scanline(poly: Ring[], y: number): [number, number] | null {
  const xs: number[] = [];
  for (const r of poly) {
    for (let k = 0, j = r.length - 1; k < r.length; j = k++) {
      const [xi, yi] = r[k];
      const [xj, yj] = r[j];
      if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
    }
  }
  xs.sort((a, b) => a - b);
  let best: [number, number] | null = null;
  let width = -1;
  for (let k = 0; k + 1 < xs.length; k += 2) {
    if (xs[k + 1] - xs[k] > width) {
      width = xs[k + 1] - xs[k];
      best = [(xs[k] + xs[k + 1]) / 2, y];
    }
  }
  return best;
}

/** A point inside the largest polygon of a geometry. */
export function anchorOf(g: Polygon | MultiPolygon): [number, number] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let poly = polys[0];
  let area = -1;
  for (const p of polys) {
    const a = Math.abs(ringArea(p[0]));
    if (a > area) {
      area = a;
      poly = p;
    }
  }
  const c = ringCentroid(poly[0]);
  if (inPolygon(c, poly)) return c;
  let ymin = Infinity, ymax = -Infinity;
  for (const [, y] of poly[0]) {
    ymin = Math.min(ymin, y);
    ymax = Math.max(ymax, y);
  }
  return scanline(poly, c[1]) ?? scanline(poly, (ymin + ymax) / 2) ?? c;
}

/** The member whose anchor is nearest the weighted centre of the members' anchors. */
export function groupAnchor(members: ArrayLike<number>, anchors: readonly [number, number][], weight: ArrayLike<number>): [number, number] {
  let x = 0, y = 0, w = 0;
  for (let k = 0; k < members.length; k++) {
    const i = members[k];
    const wi = Math.max(weight[i], 1e-9);
    x += anchors[i][0] * wi;
    y += anchors[i][1] * wi;
    w += wi;
  }
  x /= w;
  y /= w;
  let best = anchors[members[0]];
  let d = Infinity;
  const cos = Math.cos((y * Math.PI) / 180);
  for (let k = 0; k < members.length; k++) {
    const a = anchors[members[k]];
    const dd = ((a[0] - x) * cos) ** 2 + (a[1] - y) ** 2;
    if (dd < d) {
      d = dd;
      best = a;
    }
  }
  return best;
}

const KM_PER_DEG = 111.32;

/**
 * Points a system's label may cover or be led to, best first: the group anchor (`groupAnchor`), then the anchors of
 * the largest members, each at least a quarter of the footprint's width (√area / 4) from every point already
 * taken, so they spread over the footprint whether it holds a few CCGs or thousands of LSOAs. Each lies inside a
 * member, so a label over it, or a leader line ending at it, points into its own system.
 */
export function labelPoints(members: ArrayLike<number>, anchors: readonly [number, number][], areaKm2: ArrayLike<number>, max = 6): [number, number][] {
  if (!members.length) return [];
  const first = groupAnchor(members, anchors, areaKm2);
  const cos = Math.cos((first[1] * Math.PI) / 180);
  const km2 = (a: readonly [number, number], b: readonly [number, number]) => (((a[0] - b[0]) * cos) ** 2 + (a[1] - b[1]) ** 2) * KM_PER_DEG ** 2;
  const byArea = Array.from(members).sort((a, b) => areaKm2[b] - areaKm2[a] || a - b);
  let total = 0;
  for (const i of byArea) total += areaKm2[i];
  const sep2 = total / 16;
  const out: [number, number][] = [first];
  for (const i of byArea) {
    if (out.length >= max) break;
    const a = anchors[i];
    if (out.every((p) => km2(p, a) >= sep2)) out.push(a);
  }
  return out;
}
