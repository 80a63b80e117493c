/**
 * Generic TopoJSON pipeline: BNG features → shared-arc topology → Visvalingam simplification in metres (topology
 * preserved because arcs are simplified once for every geometry that uses them) → WGS84 → quantized.
 */
import { topology as buildTopology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import { bbox as topoBbox, quantize } from 'topojson-client';
import type { GeometryCollection, GeometryObject, MultiPolygon as TopoMultiPolygon, Polygon as TopoPolygon, Topology } from 'topojson-specification';
import type { FeatureCollection, Geometry } from 'geojson';
import { bngToWgs84 } from './project.ts';

export interface SimplifyOptions {
  /** Visvalingam effective-area threshold in m² (planar, on BNG coordinates). */
  minWeightM2: number;
  /** Quantization of the final WGS84 topology (grid cells across the bounding box). */
  quantization: number;
}

type WeightedArc = number[][];
type SimplifiableTopology = Parameters<typeof presimplify>[0];

/** Arc index lists of every ring of a topology geometry. */
function ringsOf(g: GeometryObject): number[][] {
  if (g.type === 'Polygon') return (g as TopoPolygon).arcs;
  if (g.type === 'MultiPolygon') return (g as TopoMultiPolygon).arcs.flat();
  return [];
}

/**
 * Simplification keeps arc endpoints, so a ring made of one closed arc (an island) or of two short arcs could
 * collapse to a line. For each ring that would keep fewer than 3 distinct points, promote its highest-weight
 * interior points until it keeps 3: tiny islands survive as triangles instead of disappearing or turning invalid.
 */
function protectRings(topo: SimplifiableTopology, minWeight: number): void {
  const arcs = topo.arcs as unknown as WeightedArc[];
  for (const obj of Object.values(topo.objects)) {
    const geoms = obj.type === 'GeometryCollection' ? obj.geometries : [obj];
    for (const g of geoms as GeometryObject[]) {
      for (const ring of ringsOf(g)) {
        const ringArcs = ring.map((i) => arcs[i < 0 ? ~i : i]);
        let kept = ringArcs.reduce((s, a) => s + a.filter((p) => p[2] >= minWeight).length - 1, 0);
        while (kept < 3) {
          let best: number[] | null = null;
          for (const a of ringArcs) for (const p of a) if (p[2] < minWeight && (!best || p[2] > best[2])) best = p;
          if (!best) break;
          best[2] = Infinity;
          kept++;
        }
      }
    }
  }
}

/** Builds one quantized WGS84 topology from BNG feature collections (each feature's `id` is kept). */
export function simplifiedTopology<K extends string>(objects: Record<K, FeatureCollection<Geometry>>, opts: SimplifyOptions): Topology<Record<K, GeometryCollection>> {
  const topo = buildTopology(objects as Record<string, FeatureCollection>) as unknown as SimplifiableTopology;
  const pre = presimplify(topo);
  protectRings(pre, opts.minWeightM2);
  const simple = simplify(pre, opts.minWeightM2);
  simple.arcs = simple.arcs.map((arc) => arc.map((p) => bngToWgs84(p) as [number, number]));
  delete simple.bbox;
  simple.bbox = topoBbox(simple);
  return quantize(simple, opts.quantization) as Topology<Record<K, GeometryCollection>>;
}
