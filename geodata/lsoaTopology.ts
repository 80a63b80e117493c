/**
 * One seamless LSOA 2011 topology from the 326 per-district TopoJSON files (section 8 of SOURCES.md).
 *
 * Each district file was quantized on its own grid (0.2–17 m), so the same border is stored twice, a grid step
 * apart, by the two districts it separates. mapshaper does the geometry: the decoded LSOAs (projected to British
 * National Grid metres, so distances below are metres) go through `-snap` (vertices within `snapM` become one),
 * `-clean` (overlaps removed, gaps under `gapFillM2` filled: the slivers between districts) and a
 * topology-preserving `-simplify`; its TopoJSON output has every border as one arc shared by both sides. The
 * arcs are then taken to WGS84 and quantized with topojson-client.
 */
import mapshaper from 'mapshaper';
import * as turf from '@turf/turf';
import { merge, quantize, bbox as topoBbox } from 'topojson-client';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { LSOA_TOPO_DIR } from './sources.ts';
import { forEachLsoa } from './lsoaFiles.ts';
import { bngToWgs84, mapGeometry, wgs84ToBng } from './project.ts';
import { fail, requireSameCodes } from './checks.ts';

export interface LsoaTopologyOptions {
  /** mapshaper -snap interval, metres: above the coarsest district grid (17 m diagonal ≈ 0.00016°). */
  snapM: number;
  /** mapshaper -clean gap-fill-area, m²: gaps smaller than this between LSOAs are slivers and are filled. */
  gapFillM2: number;
  /** mapshaper -simplify interval, metres (Visvalingam, topology preserved, keep-shapes). */
  simplifyM: number;
  /** Quantization of the final WGS84 topology. */
  quantization: number;
  /** A hole in the union of all LSOAs smaller than this (m²) counts as a sliver left by the snapping. */
  sliverM2: number;
}

export type LsoaTopo = Topology<{ units: GeometryCollection }>;

export interface LsoaTopology {
  /** WGS84, quantized; `units` holds one geometry per LSOA in the order of `codes`, `id` = LSOA11CD. */
  topology: LsoaTopo;
  /** Planar area (BNG) of each final LSOA shape, km². */
  areaKm2: number[];
  /** Holes in the union of all LSOAs under `sliverM2` (0 expected). */
  slivers: number;
  notes: string[];
}

type Poly = Feature<Polygon | MultiPolygon, { code: string }>;

/** The LSOAs of every district file, decoded and projected to BNG, sorted by code; fails on a code seen twice. */
export function readLsoaFeatures(rawDir: string): Poly[] {
  const out: Poly[] = [];
  forEachLsoa(rawDir, (code, f) => {
    // Decimetres are far below every district grid; rounding keeps the mapshaper input byte-stable.
    const geometry = mapGeometry(f.geometry, (p) => wgs84ToBng(p).map((v) => Math.round(v * 10) / 10));
    out.push({ type: 'Feature', properties: { code }, geometry });
  });
  return out.sort((a, b) => (a.properties.code < b.properties.code ? -1 : 1));
}

/** Holes in the union of all geometries smaller than `maxM2` (spherical area, m²). */
export function countSlivers(topo: LsoaTopo, maxM2: number): number {
  const union = merge(topo, topo.objects.units.geometries as Parameters<typeof merge>[1]);
  let n = 0;
  for (const poly of union.coordinates) for (const hole of poly.slice(1)) if (turf.area(turf.polygon([hole])) < maxM2) n++;
  return n;
}

export async function buildLsoaTopology(rawDir: string, codes: readonly string[], opts: LsoaTopologyOptions): Promise<LsoaTopology> {
  const features = readLsoaFeatures(rawDir);
  requireSameCodes(`LSOA codes of ${LSOA_TOPO_DIR} vs the LSOA lookup`, codes, features.map((f) => f.properties.code));

  const commands = [
    '-i lsoa.json',
    `-snap interval=${opts.snapM}`,
    `-clean gap-fill-area=${opts.gapFillM2} allow-empty`,
    `-simplify interval=${opts.simplifyM} keep-shapes`,
    // Simplifying can make neighbouring arcs cross; a second clean resolves that and any gap it opened.
    `-clean gap-fill-area=${opts.gapFillM2} allow-empty`,
    '-each "areaM2=this.area"',
    '-o lsoa.json format=topojson no-quantization',
  ].join(' ');
  const input: FeatureCollection = { type: 'FeatureCollection', features };
  const out = await mapshaper.applyCommands(commands, { 'lsoa.json': input });
  const bng = JSON.parse(out['lsoa.json']) as Topology;
  const layer = Object.values(bng.objects)[0] as GeometryCollection<{ code: string; areaM2: number }>;
  type Props = { code: string; areaM2: number };

  const byCode = new Map(layer.geometries.map((g) => [(g.properties as Props).code, g]));
  const empty = codes.filter((c) => !byCode.get(c)?.type || byCode.get(c)!.type === null);
  if (empty.length) fail('every LSOA keeps a shape after snapping', empty.join(', '));
  requireSameCodes('LSOA codes after mapshaper', codes, byCode.keys());

  const geometries = codes.map((code) => {
    const g = byCode.get(code)!;
    return { type: g.type, arcs: (g as { arcs: unknown }).arcs, id: code } as GeometryCollection['geometries'][number];
  });
  const areaKm2 = codes.map((c) => Math.round((byCode.get(c)!.properties as Props).areaM2 / 1e2) / 1e4);

  const wgs = {
    type: 'Topology',
    arcs: bng.arcs.map((arc) => arc.map((p) => bngToWgs84(p as Position) as [number, number])),
    objects: { units: { type: 'GeometryCollection', geometries } },
  } as unknown as LsoaTopo;
  wgs.bbox = topoBbox(wgs);
  const topology = quantize(wgs, opts.quantization) as LsoaTopo;

  const slivers = countSlivers(topology, opts.sliverM2);
  if (slivers > 0) fail('no slivers between districts', `${slivers} holes under ${opts.sliverM2} m² in the union of all LSOAs after snapping`);

  const notes = [
    `LSOA 2011 BGC boundaries: the 326 per-district TopoJSON files decoded, projected to British National Grid, then made one topology with mapshaper (-snap interval=${opts.snapM} m, -clean gap-fill-area=${opts.gapFillM2} m², -simplify interval=${opts.simplifyM} m keep-shapes), so neighbouring districts share arcs; back to WGS84 and quantized to ${opts.quantization} steps. Holes under ${opts.sliverM2} m² in the union of all LSOAs afterwards: ${slivers}.`,
    'LSOA areas are planar (British National Grid) areas of the final shapes, computed by mapshaper.',
  ];
  return { topology, areaKm2, slivers, notes };
}
