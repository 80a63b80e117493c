/**
 * TopologyIndex: the units topology decoded once into arc tables, so dissolves, meshes and perimeters are walks
 * over typed arrays (built lazily, one per Geography).
 *
 * Layout:
 * - Arc `a` has points `arcXY[2 * arcOffsets[a] .. 2 * arcOffsets[a + 1])`, interleaved lon, lat, decoded from the
 *   quantized topology and rounded to 6 decimals (RFC 7946 output precision, ~0.1 m).
 * - Arc ends are snapped to node ids (`arcStart`, `arcEnd`) from their exact quantized positions, so stitching
 *   compares integers. An arc reference `r` is `a` (forwards) or `~a` (backwards), as in TopoJSON.
 * - `arcArea[a]` is the arc's signed shoelace term in degrees² (planar lon/lat, relative to a fixed origin): a
 *   closed ring's area is the sum over its references, negated for `~a`; positive means counterclockwise.
 * - `arcLengthKm[a]` is the haversine length of the arc.
 * - Unit rings are re-oriented here (exterior counterclockwise, holes clockwise) whatever the source did, so
 *   the unit using an arc forwards has it on its left: `arcLeft[a]`, and the unit using it backwards is
 *   `arcRight[a]` (-1 for none: the coast or England's edge).
 * - `unitRefs[unitRefOffsets[i] .. unitRefOffsets[i + 1])` are unit `i`'s oriented arc references, ring after
 *   ring; `unitRefOther[k]` is the unit on the other side of that reference (-1 for none, `i` itself when the
 *   unit lies on both sides).
 */
import type { Topology, GeometryObject } from 'topojson-specification';
import type { GeoJsonProperties } from 'geojson';

export interface TopologyIndex {
  nUnits: number;
  nArcs: number;
  nNodes: number;
  arcOffsets: Uint32Array;
  arcXY: Float64Array;
  arcStart: Int32Array;
  arcEnd: Int32Array;
  arcArea: Float64Array;
  arcLengthKm: Float64Array;
  arcLeft: Int32Array;
  arcRight: Int32Array;
  unitRefOffsets: Uint32Array;
  unitRefs: Int32Array;
  unitRefOther: Int32Array;
}

/** Mean Earth radius in km, as turf (`earthRadius` 6371008.8 m), so lengths agree with `turf.length`. */
const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

export function haversineKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h));
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** Polygon rings of a unit geometry as arc-reference lists (exterior first in each polygon). */
function polygonsOf(g: GeometryObject<GeoJsonProperties> | undefined): number[][][] {
  if (!g) return [];
  if (g.type === 'Polygon') return [g.arcs];
  if (g.type === 'MultiPolygon') return g.arcs;
  return [];
}

export function buildTopologyIndex(topology: Topology, unitsObject = 'units'): TopologyIndex {
  const obj = topology.objects[unitsObject];
  if (!obj || obj.type !== 'GeometryCollection') throw new Error(`topology: no GeometryCollection "${unitsObject}"`);
  const geometries = obj.geometries;
  const nUnits = geometries.length;
  const nArcs = topology.arcs.length;
  const t = topology.transform;

  // Decode arcs; node ids from the exact source positions of the arc ends.
  const arcOffsets = new Uint32Array(nArcs + 1);
  for (let a = 0; a < nArcs; a++) arcOffsets[a + 1] = arcOffsets[a] + topology.arcs[a].length;
  const arcXY = new Float64Array(2 * arcOffsets[nArcs]);
  const arcStart = new Int32Array(nArcs);
  const arcEnd = new Int32Array(nArcs);
  const nodeIds = new Map<string, number>();
  const node = (x: number, y: number) => {
    const key = `${x},${y}`;
    let id = nodeIds.get(key);
    if (id === undefined) nodeIds.set(key, (id = nodeIds.size));
    return id;
  };
  for (let a = 0; a < nArcs; a++) {
    const arc = topology.arcs[a];
    let x = 0;
    let y = 0;
    let o = 2 * arcOffsets[a];
    for (let p = 0; p < arc.length; p++) {
      if (t) {
        x += arc[p][0];
        y += arc[p][1];
      } else {
        x = arc[p][0];
        y = arc[p][1];
      }
      if (p === 0) arcStart[a] = node(x, y);
      if (p === arc.length - 1) arcEnd[a] = node(x, y);
      arcXY[o++] = round6(t ? x * t.scale[0] + t.translate[0] : x);
      arcXY[o++] = round6(t ? y * t.scale[1] + t.translate[1] : y);
    }
  }

  // Signed shoelace terms relative to one origin (keeps the terms small), and lengths.
  const ox = arcXY.length ? arcXY[0] : 0;
  const oy = arcXY.length ? arcXY[1] : 0;
  const arcArea = new Float64Array(nArcs);
  const arcLengthKm = new Float64Array(nArcs);
  for (let a = 0; a < nArcs; a++) {
    let area = 0;
    let len = 0;
    for (let p = arcOffsets[a]; p + 1 < arcOffsets[a + 1]; p++) {
      const x0 = arcXY[2 * p] - ox;
      const y0 = arcXY[2 * p + 1] - oy;
      const x1 = arcXY[2 * p + 2] - ox;
      const y1 = arcXY[2 * p + 3] - oy;
      area += x0 * y1 - x1 * y0;
      len += haversineKm(x0 + ox, y0 + oy, x1 + ox, y1 + oy);
    }
    arcArea[a] = area / 2;
    arcLengthKm[a] = len;
  }
  const refArea = (r: number) => (r >= 0 ? arcArea[r] : -arcArea[~r]);

  // Oriented rings per unit, and the two sides of every arc.
  const arcLeft = new Int32Array(nArcs).fill(-1);
  const arcRight = new Int32Array(nArcs).fill(-1);
  const unitRefOffsets = new Uint32Array(nUnits + 1);
  const refs: number[] = [];
  for (let i = 0; i < nUnits; i++) {
    for (const polygon of polygonsOf(geometries[i])) {
      polygon.forEach((ring, k) => {
        let area = 0;
        for (const r of ring) area += refArea(r);
        const wantPositive = k === 0;
        const oriented = area > 0 === wantPositive ? ring : ring.map((r) => ~r).reverse();
        for (const r of oriented) {
          refs.push(r);
          const a = r >= 0 ? r : ~r;
          // A well-formed topology uses an arc at most once each way; if not, fill the free side.
          const [own, other] = r >= 0 ? [arcLeft, arcRight] : [arcRight, arcLeft];
          if (own[a] < 0) own[a] = i;
          else if (other[a] < 0) other[a] = i;
        }
      });
    }
    unitRefOffsets[i + 1] = refs.length;
  }
  const unitRefs = Int32Array.from(refs);
  const unitRefOther = new Int32Array(refs.length);
  for (let i = 0; i < nUnits; i++) {
    for (let k = unitRefOffsets[i]; k < unitRefOffsets[i + 1]; k++) {
      const a = unitRefs[k] >= 0 ? unitRefs[k] : ~unitRefs[k];
      unitRefOther[k] = arcLeft[a] === i ? arcRight[a] : arcLeft[a];
    }
  }

  return {
    nUnits, nArcs, nNodes: nodeIds.size, arcOffsets, arcXY, arcStart, arcEnd, arcArea, arcLengthKm,
    arcLeft, arcRight, unitRefOffsets, unitRefs, unitRefOther,
  };
}

const byTopology = new WeakMap<object, TopologyIndex>();

/** The index of a geography's units topology, built on first use and cached by geography. */
export function topologyIndex(geo: { readonly bundle: { topology: Topology } }): TopologyIndex {
  let idx = byTopology.get(geo);
  if (!idx) byTopology.set(geo, (idx = buildTopologyIndex(geo.bundle.topology)));
  return idx;
}
