/**
 * What a feature's geometry may be in an imported GeoJSON (RFC 7946): null (a feature without a shape: the
 * importers read only properties, so a GIS attribute table saved as GeoJSON is fine), or a Polygon or
 * MultiPolygon whose rings have at least 4 positions, end where they start, and whose positions are WGS84
 * [longitude, latitude(, height)] within range. Anything else (a "Banana", a Point, eastings in metres) is refused
 * naming the feature, so a wrong file is not read as if it were right. Loops, not recursion: the nesting is fixed.
 */
import { quoted } from '../errors.ts';

export interface GeometryIssue {
  /** Relative to the feature, e.g. `geometry.coordinates[0][2]`. */
  path: string;
  message: string;
}

const TYPES = ['Polygon', 'MultiPolygon'];

function positionIssue(p: unknown): string | null {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3) return 'expected a position [longitude, latitude]';
  if (!p.every((x) => typeof x === 'number' && Number.isFinite(x))) return `expected finite numbers, got ${quoted(p, 40)}`;
  const [lon, lat] = p as number[];
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    return `${quoted(p, 40)} is not a WGS84 longitude/latitude (GeoJSON is lon/lat in degrees; British National Grid metres are not)`;
  }
  return null;
}

function ringIssue(ring: unknown, path: string): GeometryIssue | null {
  if (!Array.isArray(ring)) return { path, message: 'expected a ring (an array of positions)' };
  for (let k = 0; k < ring.length; k++) {
    const m = positionIssue(ring[k]);
    if (m) return { path: `${path}[${k}]`, message: m };
  }
  if (ring.length < 4) return { path, message: `a ring needs at least 4 positions, got ${ring.length}` };
  const a = ring[0] as number[];
  const b = ring[ring.length - 1] as number[];
  if (a[0] !== b[0] || a[1] !== b[1]) return { path, message: 'a ring must end at the position it starts from' };
  return null;
}

function polygonIssue(poly: unknown, path: string): GeometryIssue | null {
  if (!Array.isArray(poly)) return { path, message: 'expected a polygon (an array of rings)' };
  for (let r = 0; r < poly.length; r++) {
    const issue = ringIssue(poly[r], `${path}[${r}]`);
    if (issue) return issue;
  }
  return null;
}

/** The first problem with a feature's `geometry`, or null when it is acceptable. */
export function geometryIssue(geometry: unknown): GeometryIssue | null {
  if (geometry === null || geometry === undefined) return null;
  if (typeof geometry !== 'object' || Array.isArray(geometry)) return { path: 'geometry', message: 'expected a geometry object or null' };
  const g = geometry as { type?: unknown; coordinates?: unknown };
  if (!TYPES.includes(g.type as string)) {
    return { path: 'geometry.type', message: `${g.type === undefined ? 'missing' : quoted(g.type)} is not accepted: expected Polygon, MultiPolygon or a null geometry` };
  }
  const coords = g.coordinates;
  if (!Array.isArray(coords)) return { path: 'geometry.coordinates', message: 'expected an array' };
  if (g.type === 'Polygon') return polygonIssue(coords, 'geometry.coordinates');
  for (let p = 0; p < coords.length; p++) {
    const issue = polygonIssue(coords[p], `geometry.coordinates[${p}]`);
    if (issue) return issue;
  }
  return null;
}
