/**
 * Unit adjacency: land links are units sharing an arc in the final topology; units with no land neighbour (the
 * Isle of Wight) get water links to every unit whose boundary comes within `WATER_LINK_KM`.
 */
import { neighbors } from 'topojson-client';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { Bundle } from '../engine/bundle.ts';
import { wgs84ToBng } from './project.ts';
import type { UnitTopology } from './boundaries.ts';

export const WATER_LINK_KM = 10;

export const WATER_RULE =
  `A unit with no land neighbour is linked by water to every unit whose boundary comes within ${WATER_LINK_KM} km of its own ` +
  '(shortest distance between vertices of the final generalised boundaries, measured in British National Grid metres).';

const vertices = (f: Feature<Polygon | MultiPolygon>): Position[] =>
  (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).flat(2).map(wgs84ToBng);

export function buildAdjacency(topology: UnitTopology, features: Feature<Polygon | MultiPolygon>[]): Bundle['adjacency'] {
  const nb = neighbors(topology.objects.units.geometries as Parameters<typeof neighbors>[0]);
  const land: number[] = [];
  nb.forEach((list, a) => [...new Set(list)].sort((x, y) => x - y).forEach((b) => a < b && land.push(a, b)));

  const pairs = new Set<string>();
  const verts = features.map(vertices);
  nb.forEach((list, a) => {
    if (list.length > 0) return;
    verts.forEach((vb, b) => {
      if (b === a) return;
      let min = Infinity;
      for (const p of verts[a]) for (const q of vb) min = Math.min(min, Math.hypot(p[0] - q[0], p[1] - q[1]));
      if (min <= WATER_LINK_KM * 1000) pairs.add(a < b ? `${a},${b}` : `${b},${a}`);
    });
  });
  const water = [...pairs]
    .map((s) => s.split(',').map(Number))
    .sort((x, y) => x[0] - y[0] || x[1] - y[1])
    .flat();
  return { land, water, waterRule: WATER_RULE };
}
