/**
 * The unit topology: CCG April 2019 BUC boundaries (BNG, no `crs` member) → repaired → simplified topology in
 * WGS84, with the 7 NHS regions merged from the same arcs; plus per-unit area and the decoded final geometry.
 */
import { join } from 'node:path';
import * as turf from '@turf/turf';
import { feature as topoFeature, mergeArcs } from 'topojson-client';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { readJson } from './read.ts';
import { S } from './sources.ts';
import { fail, requireSameCodes } from './checks.ts';
import { repairUnits } from './repair.ts';
import { simplifiedTopology, type SimplifyOptions } from './topo.ts';
import type { Lookups } from './lookups.ts';

export type UnitTopology = Topology<{ units: GeometryCollection; regions: GeometryCollection }>;

export interface UnitBoundaries {
  topology: UnitTopology;
  /** Final (simplified, quantized) WGS84 geometry of each unit, in unit order. */
  features: Feature<Polygon | MultiPolygon>[];
  areaKm2: number[];
  notes: string[];
}

type Poly = Feature<Polygon | MultiPolygon, { code: string }>;

/** Reads the 191 CCG19 boundaries in unit order, repaired, still in BNG. */
export function readUnitBoundaries(rawDir: string, lk: Lookups): { features: Poly[]; notes: string[] } {
  const fc = readJson<FeatureCollection<Polygon | MultiPolygon, { CCG19CD: string; CCG19NM: string }>>(join(rawDir, S.ccg19Boundaries.file));
  const byCode = new Map(fc.features.map((f) => [f.properties.CCG19CD, f]));
  requireSameCodes(`CCG19 codes of ${S.ccg19Boundaries.file}`, lk.ccg19.map((c) => c.code), fc.features.map((f) => f.properties.CCG19CD));
  if (byCode.size !== fc.features.length) fail(`unique CCG19 codes in ${S.ccg19Boundaries.file}`, 'duplicate codes');
  const badNames = lk.ccg19.filter((c) => byCode.get(c.code)!.properties.CCG19NM !== c.name).map((c) => c.code);
  if (badNames.length) fail('CCG19 names of the boundaries equal the lookup', badNames.join(', '));
  // The file has no crs member but is BNG: refuse it if it ever arrives in degrees.
  const first = fc.features[0].geometry;
  const p0 = (first.type === 'Polygon' ? first.coordinates[0][0] : first.coordinates[0][0][0]) as Position;
  if (Math.abs(p0[0]) < 1000) fail('CCG19 boundaries are in BNG metres', `first coordinate ${p0.join(', ')}`);

  const features: Poly[] = lk.ccg19.map((c) => {
    const f = byCode.get(c.code)!;
    return { type: 'Feature', id: c.code, properties: { code: c.code }, geometry: structuredClone(f.geometry) };
  });
  const notes = repairUnits(features);
  return { features, notes };
}

/** Validity of a final WGS84 geometry: closed rings of ≥ 4 positions, coordinates in range, no self-intersection. */
export function geometryProblems(code: string, f: Feature<Polygon | MultiPolygon>): string[] {
  const problems: string[] = [];
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  if (polys.length === 0) problems.push(`${code}: empty geometry`);
  for (const poly of polys) {
    for (const ring of poly) {
      const a = ring[0];
      const z = ring[ring.length - 1];
      if (ring.length < 4 || a[0] !== z[0] || a[1] !== z[1]) problems.push(`${code}: ring with ${ring.length} positions or not closed`);
      for (const [x, y] of ring) if (!(x > -7 && x < 2.5 && y > 49.5 && y < 56)) problems.push(`${code}: coordinate ${x}, ${y} outside England`);
    }
  }
  const kinks = turf.kinks(f as Feature<Polygon | MultiPolygon>).features.length;
  if (kinks > 0) problems.push(`${code}: ${kinks} self-intersections`);
  return problems;
}

export function buildUnitTopology(units: Poly[], unitRegion: number[], regions: { code: string[]; name: string[] }, opts: SimplifyOptions): UnitBoundaries {
  const topo = simplifiedTopology({ units: { type: 'FeatureCollection', features: units.map((f) => ({ ...f, properties: null })) } }, opts);
  const geoms = topo.objects.units.geometries;
  const features = geoms.map((g) => topoFeature(topo, g) as Feature<Polygon | MultiPolygon>);

  const problems = features.flatMap((f, i) => geometryProblems(units[i].properties.code, f));
  if (problems.length) fail('final unit geometry valid', problems.join('; '));

  const regionGeoms = regions.code.map((code, r) => {
    const members = geoms.filter((_, i) => unitRegion[i] === r) as Parameters<typeof mergeArcs>[1];
    return { ...mergeArcs(topo, members), id: code, properties: { name: regions.name[r] } };
  });
  const topology: UnitTopology = {
    ...topo,
    objects: { units: topo.objects.units, regions: { type: 'GeometryCollection', geometries: regionGeoms } },
  } as UnitTopology;

  const areaKm2 = features.map((f) => Math.round(turf.area(f) / 1e4) / 100);
  return { topology, features, areaKm2, notes: [] };
}
