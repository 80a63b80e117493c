// The Box tool's rule: a box selects the units lying mostly (> 50 % of their area) inside it, not every unit it
// touches. Checked against the units' polygons read straight from the topology with topojson-client (not the
// engine's dissolve) and the old "touches" rule on the same boxes.
import { describe, expect, it } from 'vitest';
import { feature } from 'topojson-client';
import bboxClip from '@turf/bbox-clip';
import { area } from '@turf/area';
import booleanIntersects from '@turf/boolean-intersects';
import bboxPolygon from '@turf/bbox-polygon';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { GeometryCollection } from 'topojson-specification';
import { unitsInBox, type LonLatBox } from '../../engine/unitsInBox.ts';
import { realBundle, realGeography } from './helpers/real.ts';

const bundle = realBundle();
const geo = realGeography();
const units = (feature(bundle.topology, bundle.topology.objects.units as GeometryCollection).features as Feature<Polygon | MultiPolygon>[]);
const systemOf = new Map<string, string>();
for (const s of bundle.baselines['stp-2019'].systems) for (const u of s.units) systemOf.set(u, s.id);

// Sheffield city centre to Doncaster town centre.
const SHEFFIELD_DONCASTER: LonLatBox = [-1.47, 53.38, -1.13, 53.52];

describe('unitsInBox', () => {
  it('Sheffield → Doncaster selects the units mostly inside it (Rotherham), not all it touches', () => {
    const touched = units.filter((u) => booleanIntersects(u, bboxPolygon(SHEFFIELD_DONCASTER as [number, number, number, number])));
    const picked = unitsInBox(geo, SHEFFIELD_DONCASTER);
    expect(touched.length).toBeGreaterThan(picked.length);
    const mostly = units.flatMap((u, i) => (area(bboxClip(u, SHEFFIELD_DONCASTER as [number, number, number, number])) > 0.5 * area(u) ? [i] : []));
    expect(picked).toEqual(mostly);
    expect(picked.map((i) => geo.names[i])).toEqual(['NHS Rotherham CCG']);
    expect(new Set(picked.map((i) => systemOf.get(geo.codes[i]))).size).toBe(1);
  });

  it('a box around the whole of England takes every unit; a corner box or a flat box none', () => {
    expect(unitsInBox(geo, [-7, 49, 2.5, 56]).length).toBe(geo.n);
    expect(unitsInBox(geo, [-1.47, 53.38, -1.47, 53.52])).toEqual([]);
    expect(unitsInBox(geo, [-10, 40, -9, 41])).toEqual([]);
  });

  it('the corners may be given in any order', () => {
    expect(unitsInBox(geo, [-1.13, 53.52, -1.47, 53.38])).toEqual(unitsInBox(geo, SHEFFIELD_DONCASTER));
  });
});
