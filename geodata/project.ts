/**
 * British National Grid (EPSG:27700) ↔ WGS84. Several raw files are in BNG metres; the CCG 2019 GeoJSON is too
 * although it carries no `crs` member (GDAL would wrongly read it as lon/lat), so callers say which files are BNG.
 */
import proj4 from 'proj4';
import type { Geometry, Position } from 'geojson';

/**
 * EPSG:27700 with the 7-parameter OSGB36→WGS84 Helmert shift (accurate to a few metres, far below the 500 m
 * generalisation of the BUC boundaries).
 */
export const BNG =
  '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy ' +
  '+towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs';

const converter = proj4(BNG, 'WGS84');

export const bngToWgs84 = (p: Position): Position => converter.forward([p[0], p[1]]);
export const wgs84ToBng = (p: Position): Position => converter.inverse([p[0], p[1]]);

/** Applies `f` to every position of a Polygon or MultiPolygon (other types are not expected in these files). */
export function mapGeometry<G extends Geometry>(g: G, f: (p: Position) => Position): G {
  switch (g.type) {
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(f)) } as G;
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(f))) } as G;
    default:
      throw new Error(`unexpected geometry type ${g.type}`);
  }
}
