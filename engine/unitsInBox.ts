/**
 * The units a box selects: those lying mostly inside it, i.e. more than half of the unit's area inside the box.
 * "Touching the box" selected every unit whose edge crossed it (a small box from Sheffield to Doncaster took 9
 * units in 5 systems); a label point or centroid inside the box fails for long, thin or crescent-shaped units,
 * whose centroid may lie outside the unit, so the share of area is measured on the unit's own geometry.
 *
 * The unit's polygons come from the topology (one-unit dissolve), are clipped to the box (turf's bboxClip) and
 * measured on the sphere (turf's area); units whose bounding box misses the box are skipped without clipping.
 */
import bboxClip from '@turf/bbox-clip';
import { area } from '@turf/area';
import type { Feature, MultiPolygon } from 'geojson';
import type { Geography } from './geography.ts';
import { topologyIndex } from './topologyIndex.ts';
import { dissolveUnits, footprintGeometry } from './dissolve.ts';

/** A box in WGS84: west, south, east, north (degrees), as GeoJSON's bbox. */
export type LonLatBox = readonly [number, number, number, number];

/** Share of a unit's area that must lie inside the box for the box to select it. */
export const BOX_SHARE = 0.5;

/** Indices (ascending) of the units with more than BOX_SHARE of their area inside `box`. */
export function unitsInBox(geo: Geography, box: LonLatBox): number[] {
  const [w, s, e, n] = [Math.min(box[0], box[2]), Math.min(box[1], box[3]), Math.max(box[0], box[2]), Math.max(box[1], box[3])];
  if (![w, s, e, n].every(Number.isFinite) || w === e || s === n) return [];
  const ix = topologyIndex(geo);
  const out: number[] = [];
  for (let i = 0; i < ix.nUnits; i++) {
    // The unit's bounding box from its arcs' points.
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (let k = ix.unitRefOffsets[i]; k < ix.unitRefOffsets[i + 1]; k++) {
      const r = ix.unitRefs[k];
      const a = r < 0 ? ~r : r;
      for (let p = ix.arcOffsets[a]; p < ix.arcOffsets[a + 1]; p++) {
        const x = ix.arcXY[2 * p];
        const y = ix.arcXY[2 * p + 1];
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
    if (x1 < w || x0 > e || y1 < s || y0 > n) continue;
    const unit: Feature<MultiPolygon> = { type: 'Feature', properties: {}, geometry: footprintGeometry(ix, dissolveUnits(ix, [i])) };
    if (x0 >= w && x1 <= e && y0 >= s && y1 <= n) {
      out.push(i);
      continue;
    }
    const whole = area(unit);
    if (whole > 0 && area(bboxClip(unit, [w, s, e, n])) > BOX_SHARE * whole) out.push(i);
  }
  return out;
}
