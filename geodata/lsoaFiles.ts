/** The LSOAs of the 326 per-district TopoJSON files (section 8 of SOURCES.md), each decoded once. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { feature as topoFeature } from 'topojson-client';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { readJson } from './read.ts';
import { LSOA_TOPO_DIR } from './sources.ts';
import { fail } from './checks.ts';

/** Calls `visit` with every LSOA's code and WGS84 feature, files in name order; fails on a code seen twice. */
export function forEachLsoa(rawDir: string, visit: (code: string, f: Feature<Polygon | MultiPolygon>) => void): void {
  const dir = join(rawDir, LSOA_TOPO_DIR);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const seen = new Map<string, string>();
  for (const file of files) {
    const topo = readJson<Topology>(join(dir, file));
    for (const obj of Object.values(topo.objects) as GeometryCollection[]) {
      for (const g of obj.geometries) {
        const code = String(g.id);
        if (seen.has(code)) fail('every LSOA present once', `${code} is in ${seen.get(code)} and ${file}`);
        seen.set(code, file);
        visit(code, topoFeature(topo, g) as Feature<Polygon | MultiPolygon>);
      }
    }
  }
}
