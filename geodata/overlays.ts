/** Display overlays: LAD 2019 and UTLA 2019 boundaries of England, simplified into one WGS84 TopoJSON. */
import { join } from 'node:path';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { BUNDLE_VERSION, type Overlays } from '../engine/bundle.ts';
import { readShapefile } from './read.ts';
import { S } from './sources.ts';
import { mapGeometry, wgs84ToBng } from './project.ts';
import { requireSameCodes } from './checks.ts';
import { simplifiedTopology, type SimplifyOptions } from './topo.ts';

function england(fc: FeatureCollection<Geometry>, codeField: string, nameField: string, toBng: boolean): FeatureCollection<Geometry> {
  const features = fc.features
    .filter((f) => String(f.properties![codeField]).startsWith('E'))
    .sort((a, b) => (a.properties![codeField] < b.properties![codeField] ? -1 : 1))
    .map(
      (f): Feature<Geometry> => ({
        type: 'Feature',
        id: f.properties![codeField],
        properties: { name: f.properties![nameField] },
        // The LAD file is WGS84, the UTLA file BNG: simplification works in BNG metres for both.
        geometry: toBng ? mapGeometry(f.geometry as Polygon | MultiPolygon, wgs84ToBng) : f.geometry,
      }),
    );
  return { type: 'FeatureCollection', features };
}

export async function buildOverlays(rawDir: string, inputsHash: string, ladCodes: string[], utlaCodes: string[], opts: SimplifyOptions): Promise<Overlays> {
  const lad = england(await readShapefile(join(rawDir, S.lad19Shp.file)), 'lad19cd', 'lad19nm', true);
  const utla = england(await readShapefile(join(rawDir, S.utla19Shp.file)), 'ctyua19cd', 'ctyua19nm', false);
  requireSameCodes(`LAD 2019 codes of ${S.lad19Shp.file} vs the LSOA lookup`, ladCodes, lad.features.map((f) => String(f.id)));
  requireSameCodes(`UTLA 2019 codes of ${S.utla19Shp.file} vs the LTLA→UTLA lookup`, utlaCodes, utla.features.map((f) => String(f.id)));
  const topology = simplifiedTopology({ lad, utla }, opts);
  return { version: BUNDLE_VERSION, inputsHash, topology };
}
