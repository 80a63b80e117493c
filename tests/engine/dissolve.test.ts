import { describe, expect, it } from 'vitest';
import { feature, merge, mesh, neighbors } from 'topojson-client';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { GeometryObject, Topology } from 'topojson-specification';
import { Geography } from '../../engine/geography.ts';
import { topologyIndex } from '../../engine/topologyIndex.ts';
import { Dissolver, dissolveUnits, footprintGeometry, perimeterKm } from '../../engine/dissolve.ts';
import { borderArcs, borderMesh } from '../../engine/borderMesh.ts';
import { partitionOf } from '../../engine/partition.ts';
import { realBundle, realGeography } from './helpers/real.ts';
import { gridBundle } from './helpers/gridBundle.ts';

/** Planar signed area of a ring in lon/lat (positive = counterclockwise). */
function signedArea(ring: Position[]): number {
  let a = 0;
  for (let k = 0; k + 1 < ring.length; k++) a += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1];
  return a / 2;
}

function expectRightHand(g: MultiPolygon): void {
  for (const poly of g.coordinates) {
    poly.forEach((ring, k) => {
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      if (k === 0) expect(signedArea(ring)).toBeGreaterThan(0);
      else expect(signedArea(ring)).toBeLessThan(0);
    });
  }
}

type Polygons = Parameters<typeof merge>[1];
const unitGeoms = (topo: Topology, members: ArrayLike<number>): Polygons => {
  const all = (topo.objects.units as { geometries: GeometryObject[] }).geometries;
  return Array.from(members, (i) => all[i]) as unknown as Polygons;
};

describe('dissolve on the real bundle: STP 2019 systems', () => {
  const bundle = realBundle();
  const geo = realGeography();
  const ix = topologyIndex(geo);
  const topo = bundle.topology as unknown as Topology;
  const systems = bundle.baselines['stp-2019'].systems;
  const part = partitionOf(systems, geo);

  it('has 42 systems covering the 191 units', () => {
    expect(systems).toHaveLength(42);
    expect(part.unitToGroup.every((g) => g < 42)).toBe(true);
  });

  it('matches topojson-client merge: same area (0.1%) and number of polygons, right-hand rule', () => {
    for (const members of part.members) {
      const fp = dissolveUnits(ix, members);
      const mine = footprintGeometry(ix, fp);
      const theirs = merge(topo, unitGeoms(topo, members));
      expect(fp.arcs.length).toBe(theirs.coordinates.length);
      expect(Math.abs(turf.area(mine) - turf.area(theirs)) / turf.area(theirs)).toBeLessThan(1e-3);
      expectRightHand(mine);
    }
  });

  it('matches turf.union of the unit polygons (area within 0.1%, polygon count)', () => {
    const units = feature(topo, topo.objects.units) as FeatureCollection<Polygon | MultiPolygon>;
    for (const members of part.members) {
      const mine = footprintGeometry(ix, dissolveUnits(ix, members));
      const fc = turf.featureCollection(Array.from(members, (i) => units.features[i]));
      const union = (members.length === 1 ? fc.features[0] : turf.union(fc)) as Feature<Polygon | MultiPolygon>;
      const unionPolys = union.geometry.type === 'Polygon' ? 1 : union.geometry.coordinates.length;
      expect(mine.coordinates.length).toBe(unionPolys);
      expect(Math.abs(turf.area(mine) - turf.area(union)) / turf.area(union)).toBeLessThan(1e-3);
    }
  });

  it('perimeter equals the length of the dissolved boundary (turf.length)', () => {
    for (const members of part.members.slice(0, 10)) {
      const g = footprintGeometry(ix, dissolveUnits(ix, members));
      const rings = turf.multiLineString(g.coordinates.flat());
      expect(perimeterKm(ix, members)).toBeCloseTo(turf.length(rings, { units: 'kilometers' }), 3);
    }
  });

  it('an enclosed unit: its neighbours dissolve with a hole, and adding it fills the hole', () => {
    const all = unitGeoms(topo, Array.from({ length: geo.n }, (_, i) => i));
    const nb = neighbors(all as unknown as GeometryObject[]);
    // Units none of whose arcs is on the coast or England's edge: every arc is used by some other unit too.
    const arcsOf = (g: GeometryObject) => JSON.stringify((g as { arcs: unknown }).arcs).match(/-?\d+/g)!.map(Number).map((a) => (a < 0 ? ~a : a));
    const uses = new Map<number, number>();
    for (const g of all as unknown as GeometryObject[]) for (const a of arcsOf(g)) uses.set(a, (uses.get(a) ?? 0) + 1);
    let found = 0;
    for (let u = 0; u < geo.n; u++) {
      if (arcsOf((all as unknown as GeometryObject[])[u]).some((a) => uses.get(a) === 1)) continue;
      const ring = nb[u];
      const theirs = merge(topo, unitGeoms(topo, ring));
      const holes = theirs.coordinates.reduce((t, p) => t + p.length - 1, 0);
      if (holes === 0) continue;
      found++;
      const members = [...ring].sort((a, b) => a - b);
      const mine = footprintGeometry(ix, dissolveUnits(ix, members));
      expect(mine.coordinates.reduce((t, p) => t + p.length - 1, 0)).toBe(holes);
      expect(Math.abs(turf.area(mine) - turf.area(theirs)) / turf.area(theirs)).toBeLessThan(1e-5);
      expectRightHand(mine);
      const filled = footprintGeometry(ix, dissolveUnits(ix, [...members, u].sort((a, b) => a - b)));
      const unit = feature(topo, (all as unknown as GeometryObject[])[u]) as unknown as Feature<Polygon | MultiPolygon>;
      expect(Math.abs(turf.area(filled) - turf.area(mine) - turf.area(unit)) / turf.area(filled)).toBeLessThan(1e-3);
      // Fewer holes: u filled its own (a hole next to u may also merge with the footprint's edge).
      expect(filled.coordinates.reduce((t, p) => t + p.length - 1, 0)).toBeLessThan(holes);
    }
    // Cities ringed by their county's CCGs exist in England (e.g. Leicester City inside Leicestershire).
    expect(found).toBeGreaterThan(0);
  });

  it('England dissolves to the sum of all units', () => {
    const all = Uint16Array.from({ length: geo.n }, (_, i) => i);
    const mine = footprintGeometry(ix, dissolveUnits(ix, all));
    const theirs = merge(topo, unitGeoms(topo, all));
    expect(mine.coordinates.length).toBe(theirs.coordinates.length);
    expect(Math.abs(turf.area(mine) - turf.area(theirs)) / turf.area(theirs)).toBeLessThan(1e-3);
  });

  it('borderMesh: the arcs between different systems, as topojson mesh with "sides differ"', () => {
    const stpOf = (g: GeometryObject) => part.unitToGroup[geo.indexOfCode(String(g.id))];
    const theirs = mesh(topo, topo.objects.units as Parameters<typeof mesh>[1], (a, b) => a !== b && stpOf(a) !== stpOf(b));
    const mine = borderMesh(geo, part.unitToGroup);
    const len = (coords: Position[][]) => turf.length(turf.multiLineString(coords), { units: 'kilometers' });
    // Ours are rounded to 6 decimals, topojson-client's are not: equal within a metre.
    expect(len(mine.coordinates)).toBeCloseTo(len(theirs.coordinates), 3);
    const withCoast = borderArcs(ix, part.unitToGroup, { exterior: true });
    const exterior = mesh(topo, topo.objects.units as Parameters<typeof mesh>[1], (a, b) => a === b);
    expect(len(borderMesh(geo, part.unitToGroup, { exterior: true }).coordinates)).toBeCloseTo(
      len(theirs.coordinates) + len(exterior.coordinates),
      2,
    );
    expect(withCoast.length).toBeGreaterThan(mine.coordinates.length);
  });

  it('Dissolver caches by signature: a reassignment re-merges only the two changed systems', () => {
    const d = new Dissolver(geo);
    const before = part.members.map((m) => d.dissolve(m));
    expect(d.size).toBe(42);
    const moved = part.members.map((m) => Uint16Array.from(m));
    // Move the first unit of system 0 to system 1.
    const u = moved[0][0];
    moved[0] = moved[0].slice(1);
    moved[1] = Uint16Array.from([...moved[1], u]).sort();
    const after = moved.map((m) => d.dissolve(m));
    expect(d.size).toBe(44);
    for (let g = 2; g < 42; g++) expect(after[g]).toBe(before[g]);
    expect(d.geometry(after[0])).toBe(d.geometry(after[0]));
  });
});

describe('dissolve on a hand-made grid (winding, holes, pinches, islands)', () => {
  const geo = Geography.fromBundle(gridBundle());
  const ix = topologyIndex(geo);
  const [A, B, C, D, E, F, G, H, I, J, K] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const dissolve = (...units: number[]) => footprintGeometry(ix, dissolveUnits(ix, units.sort((a, b) => a - b)));
  const sumArea = (...units: number[]) => units.reduce((t, u) => t + turf.area(dissolve(u)), 0);

  it('every unit comes out counterclockwise whatever the source winding (B, F, K are clockwise)', () => {
    for (let u = 0; u < geo.n; u++) expectRightHand(dissolve(u));
  });

  it('the ring around E has one hole of E\'s shape', () => {
    const g = dissolve(A, B, C, D, F, G, H, I);
    expect(g.coordinates).toHaveLength(1);
    expect(g.coordinates[0]).toHaveLength(2);
    expectRightHand(g);
    expect(turf.area(g)).toBeCloseTo(sumArea(A, B, C, D, F, G, H, I), -2);
    expect(turf.area(dissolve(A, B, C, D, E, F, G, H, I))).toBeCloseTo(sumArea(A, B, C, D, E, F, G, H, I), -2);
  });

  it('units touching at a corner only stay separate polygons (as topojson merge)', () => {
    expect(dissolve(A, E).coordinates).toHaveLength(2);
    expect(dissolve(A, E, I).coordinates).toHaveLength(3);
    expect(dissolve(A, B, E).coordinates).toHaveLength(1);
  });

  it('islands and multi-part units are separate polygons; adjacent parts merge', () => {
    expect(dissolve(J).coordinates).toHaveLength(1);
    expect(dissolve(C, J).coordinates).toHaveLength(2);
    expect(dissolve(K).coordinates).toHaveLength(2);
    expect(dissolve(G, H, I, K).coordinates).toHaveLength(1);
    expect(turf.area(dissolve(G, H, I, K))).toBeCloseTo(sumArea(G, H, I, K), -2);
  });

  it('coordinates are rounded to at most 6 decimals', () => {
    for (const p of dissolve(A, B, C, D, E, F, G, H, I, J, K).coordinates.flat(2)) {
      for (const v of p) expect(Math.abs(v * 1e6 - Math.round(v * 1e6))).toBeLessThan(1e-6);
    }
  });

  it('an empty group gives an empty footprint', () => {
    expect(dissolveUnits(ix, []).arcs).toEqual([]);
  });
});
