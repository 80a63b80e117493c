/**
 * Footprints by merging arcs (DESIGN.md: "footprints are merged arcs, not polygon clipping").
 *
 * A group's boundary is the set of its units' oriented arc references whose other side is not in the group
 * (an arc with both sides in the group, or used twice by the group, is interior and dropped). Those references
 * are stitched into closed rings by matching node ids (end of one = start of the next). Each unit ring is
 * counterclockwise with the unit on its left (see topologyIndex.ts), so the stitched rings are too: rings with
 * positive signed area are exteriors, negative ones holes, and each hole goes to the smallest exterior that
 * contains it. At a node where several boundary references leave, a ring closes if it is back at its start,
 * else continues with the reference of the unit it arrived with: rings that only touch at a point stay apart
 * (as topojson-client's `merge` keeps them).
 *
 * Output is TopoJSON MultiPolygon arcs (`number[][][]`, `~a` = arc `a` reversed), turned into RFC 7946
 * coordinates (exterior counterclockwise, holes clockwise, ≤ 6 decimals) only when asked.
 */
import type { MultiPolygon, Position } from 'geojson';
import { topologyIndex, type TopologyIndex } from './topologyIndex.ts';
import type { Geography } from './geography.ts';

export interface Footprint {
  /** Polygons → rings → arc references; in each polygon the exterior comes first. Largest polygon first. */
  arcs: number[][][];
}

/** Scratch buffers sized to the index, reused by every dissolve (single-threaded, not reentrant). */
interface Scratch {
  inGroup: Uint8Array;
  /** Per node: first kept reference leaving it (-1 none); `next` chains the others. */
  head: Int32Array;
  next: Int32Array;
  ref: Int32Array;
  unit: Int32Array;
  used: Uint8Array;
}

const scratchOf = new WeakMap<TopologyIndex, Scratch>();

function scratch(ix: TopologyIndex): Scratch {
  let s = scratchOf.get(ix);
  if (!s) {
    const m = ix.unitRefs.length;
    s = {
      inGroup: new Uint8Array(ix.nUnits),
      head: new Int32Array(ix.nNodes).fill(-1),
      next: new Int32Array(m),
      ref: new Int32Array(m),
      unit: new Int32Array(m),
      used: new Uint8Array(m),
    };
    scratchOf.set(ix, s);
  }
  return s;
}

const startOf = (ix: TopologyIndex, r: number) => (r >= 0 ? ix.arcStart[r] : ix.arcEnd[~r]);
const endOf = (ix: TopologyIndex, r: number) => (r >= 0 ? ix.arcEnd[r] : ix.arcStart[~r]);
const areaOf = (ix: TopologyIndex, ring: readonly number[]) => {
  let a = 0;
  for (let k = 0; k < ring.length; k++) a += ring[k] >= 0 ? ix.arcArea[ring[k]] : -ix.arcArea[~ring[k]];
  return a;
};

/** Length of a group's boundary in km, without stitching (for compactness). */
export function perimeterKm(ix: TopologyIndex, members: ArrayLike<number>): number {
  const s = scratch(ix);
  for (let k = 0; k < members.length; k++) s.inGroup[members[k]] = 1;
  let p = 0;
  for (let k = 0; k < members.length; k++) {
    const i = members[k];
    for (let j = ix.unitRefOffsets[i]; j < ix.unitRefOffsets[i + 1]; j++) {
      const o = ix.unitRefOther[j];
      if (o < 0 || !s.inGroup[o]) p += ix.arcLengthKm[ix.unitRefs[j] >= 0 ? ix.unitRefs[j] : ~ix.unitRefs[j]];
    }
  }
  for (let k = 0; k < members.length; k++) s.inGroup[members[k]] = 0;
  return p;
}

/** Even-odd test of a point against a ring given as arc references. */
function ringContains(ix: TopologyIndex, ring: readonly number[], x: number, y: number): boolean {
  let inside = false;
  for (const r of ring) {
    const a = r >= 0 ? r : ~r;
    const xy = ix.arcXY;
    for (let p = ix.arcOffsets[a]; p + 1 < ix.arcOffsets[a + 1]; p++) {
      const x0 = xy[2 * p], y0 = xy[2 * p + 1], x1 = xy[2 * p + 2], y1 = xy[2 * p + 3];
      if (y0 > y !== y1 > y && x < ((x1 - x0) * (y - y0)) / (y1 - y0) + x0) inside = !inside;
    }
  }
  return inside;
}

/** Dissolves one group of units (indices) into a footprint. Uncached: see `Dissolver`. */
export function dissolveUnits(ix: TopologyIndex, members: ArrayLike<number>): Footprint {
  const s = scratch(ix);
  for (let k = 0; k < members.length; k++) s.inGroup[members[k]] = 1;

  // 1. Keep the boundary references; chain them by start node.
  let m = 0;
  for (let k = 0; k < members.length; k++) {
    const i = members[k];
    for (let j = ix.unitRefOffsets[i]; j < ix.unitRefOffsets[i + 1]; j++) {
      const o = ix.unitRefOther[j];
      if (o >= 0 && s.inGroup[o]) continue;
      const r = ix.unitRefs[j];
      s.ref[m] = r;
      s.unit[m] = i;
      s.used[m] = 0;
      const n = startOf(ix, r);
      s.next[m] = s.head[n];
      s.head[n] = m;
      m++;
    }
  }
  for (let k = 0; k < members.length; k++) s.inGroup[members[k]] = 0;

  // 2. Stitch into closed rings.
  const rings: number[][] = [];
  for (let k0 = 0; k0 < m; k0++) {
    if (s.used[k0]) continue;
    const ring: number[] = [];
    const start = startOf(ix, s.ref[k0]);
    let k = k0;
    for (;;) {
      s.used[k] = 1;
      ring.push(s.ref[k]);
      const end = endOf(ix, s.ref[k]);
      if (end === start) break;
      let same = -1;
      let any = -1;
      for (let c = s.head[end]; c >= 0; c = s.next[c]) {
        if (s.used[c]) continue;
        if (any < 0) any = c;
        if (s.unit[c] === s.unit[k]) {
          same = c;
          break;
        }
      }
      if (any < 0) break; // broken topology: leave the ring open rather than loop
      k = same >= 0 ? same : any;
    }
    rings.push(ring);
  }
  for (let k = 0; k < m; k++) s.head[startOf(ix, s.ref[k])] = -1;

  // 3. Exteriors and holes by signed area; holes to the smallest exterior containing them.
  const outers: { ring: number[]; area: number; holes: number[][] }[] = [];
  const holes: number[][] = [];
  for (const ring of rings) {
    const a = areaOf(ix, ring);
    if (a > 0) outers.push({ ring, area: a, holes: [] });
    else if (a < 0) holes.push(ring);
  }
  outers.sort((p, q) => q.area - p.area);
  for (const hole of holes) {
    let host = outers[0];
    if (outers.length > 1) {
      // A point strictly inside the hole's first segment: never on another ring of a valid topology.
      const a = hole[0] >= 0 ? hole[0] : ~hole[0];
      const p = 2 * ix.arcOffsets[a];
      const x = (ix.arcXY[p] + ix.arcXY[p + 2]) / 2;
      const y = (ix.arcXY[p + 1] + ix.arcXY[p + 3]) / 2;
      const holeArea = -areaOf(ix, hole);
      let best = Infinity;
      for (const o of outers) {
        if (o.area < best && o.area > holeArea && ringContains(ix, o.ring, x, y)) {
          best = o.area;
          host = o;
        }
      }
    }
    host?.holes.push(hole);
  }
  return { arcs: outers.map((o) => [o.ring, ...o.holes]) };
}

/** RFC 7946 coordinates of arc-reference polygons (orientation as stitched: exterior CCW, holes CW). */
export function footprintCoordinates(ix: TopologyIndex, arcs: readonly (readonly (readonly number[])[])[]): Position[][][] {
  // A ring that rounding shrank below 4 positions is dropped (with its holes, if it was an exterior).
  const polygons = arcs.map((polygon) =>
    polygon.map((ring) => {
      const out: Position[] = [];
      let lx = NaN;
      let ly = NaN;
      for (const r of ring) {
        const a = r >= 0 ? r : ~r;
        const lo = ix.arcOffsets[a];
        const hi = ix.arcOffsets[a + 1] - 1;
        for (let q = 0; q <= hi - lo; q++) {
          const p = r >= 0 ? lo + q : hi - q;
          const x = ix.arcXY[2 * p];
          const y = ix.arcXY[2 * p + 1];
          if (x === lx && y === ly) continue; // arc joins (and points merged by rounding)
          out.push([x, y]);
          lx = x;
          ly = y;
        }
      }
      if (out.length && (out[0][0] !== lx || out[0][1] !== ly)) out.push([out[0][0], out[0][1]]);
      return out;
    }),
  );
  return polygons.filter((p) => p[0].length >= 4).map((p) => (p.every((r) => r.length >= 4) ? p : p.filter((r) => r.length >= 4)));
}

export function footprintGeometry(ix: TopologyIndex, fp: Footprint): MultiPolygon {
  return { type: 'MultiPolygon', coordinates: footprintCoordinates(ix, fp.arcs) };
}

/**
 * Dissolves with a cache keyed by membership signature: after a reassignment only the two changed groups are
 * merged again. The cache keeps the most recent `maxEntries` footprints (insertion order, refreshed on use).
 */
export class Dissolver {
  readonly index: TopologyIndex;
  private readonly cache = new Map<string, Footprint>();
  private readonly geometries = new WeakMap<Footprint, MultiPolygon>();
  private readonly maxEntries: number;

  constructor(geoOrIndex: Geography | TopologyIndex, maxEntries = 4096) {
    this.index = 'arcXY' in geoOrIndex ? geoOrIndex : topologyIndex(geoOrIndex);
    this.maxEntries = maxEntries;
  }

  /** Footprint of a group; `signature` (see partition.ts) defaults to the members joined by ','. */
  dissolve(members: ArrayLike<number>, signature?: string): Footprint {
    const key = signature ?? Array.prototype.join.call(members, ',');
    let fp = this.cache.get(key);
    if (fp) {
      this.cache.delete(key);
    } else {
      fp = dissolveUnits(this.index, members);
      if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value as string);
    }
    this.cache.set(key, fp);
    return fp;
  }

  /** GeoJSON geometry of a footprint from this dissolver, built once per footprint. */
  geometry(fp: Footprint): MultiPolygon {
    let g = this.geometries.get(fp);
    if (!g) this.geometries.set(fp, (g = footprintGeometry(this.index, fp)));
    return g;
  }

  /** Drops a cached footprint (the bench uses it to measure re-dissolving; also frees memory). */
  evict(signature: string): void {
    this.cache.delete(signature);
  }

  get size(): number {
    return this.cache.size;
  }
}
