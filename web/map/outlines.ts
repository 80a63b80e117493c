/**
 * Outlines of the few units that need one: selected, previewed by a paint stroke, under the pointer. They are drawn
 * from a source holding only those units. An outline layer over the whole units source, switched on per unit by
 * feature state, cost every frame the vertices of every unit's ring at width 0: at LSOA level 3.5 million at
 * England's scale and 415,000 at zoom 12, 40 % of what the GPU process shaded per frame, in software GL.
 * Calls within one task make one `setData`.
 */
import type { Map as MlMap } from 'maplibre-gl';
import type { Feature, FeatureCollection } from 'geojson';
import { SOURCES, geojsonSource, unitFeatures } from './mapView.ts';

/** In order of precedence: a unit both selected and hovered is drawn as selected. */
const KINDS = ['sel', 'paint', 'hover'] as const;
export type OutlineKind = (typeof KINDS)[number];

export interface Outlines {
  /** The units outlined as `kind` from now on (replacing the previous ones of that kind). */
  set(kind: OutlineKind, units: Iterable<number>): void;
}

const byMap = new WeakMap<MlMap, Outlines>();

export function outlines(map: MlMap): Outlines {
  let o = byMap.get(map);
  if (!o) byMap.set(map, (o = createOutlines(map)));
  return o;
}

function createOutlines(map: MlMap): Outlines {
  const units = new Map<OutlineKind, number[]>(KINDS.map((k) => [k, []]));
  let queued = false;
  const flush = () => {
    queued = false;
    const all = unitFeatures(map);
    if (!all) return;
    const seen = new Set<number>();
    const features: Feature[] = [];
    for (const kind of KINDS) {
      for (const i of units.get(kind)!) {
        if (seen.has(i) || !all.features[i]) continue;
        seen.add(i);
        features.push({ type: 'Feature', geometry: all.features[i].geometry, properties: { kind, unit: i } });
      }
    }
    void geojsonSource(map, SOURCES.outlines).setData({ type: 'FeatureCollection', features } satisfies FeatureCollection);
  };
  return {
    set(kind, next) {
      units.set(kind, [...next]);
      if (!queued) {
        queued = true;
        queueMicrotask(flush);
      }
    },
  };
}
