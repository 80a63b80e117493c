/**
 * Reference overlays: local authority districts and upper-tier councils (overlays.json, fetched the first time
 * either is shown) and NHS regions (already in the bundle; handed to the map the first time they are shown).
 * Toggling otherwise only changes layer visibility.
 */
import type { Map as MlMap } from 'maplibre-gl';
import { feature } from 'topojson-client';
import type { FeatureCollection } from 'geojson';
import type { Overlays } from '../../engine/bundle.ts';
import { FONT, LAYERS, TILE_MAXZOOM, showRegions } from './mapView.ts';

export type OverlayKind = 'lad' | 'utla' | 'regions';

export const OVERLAY_LAYERS: Record<OverlayKind, string[]> = {
  lad: ['lad-line'],
  utla: ['utla-fill', 'utla-line', 'utla-hover', 'utla-label'],
  regions: [LAYERS.regions],
};

export interface OverlayControl {
  set(kind: OverlayKind, visible: boolean): Promise<void>;
  isVisible(kind: OverlayKind): boolean;
  /** Resolves once the council layers exist. */
  ensureCouncils(): Promise<void>;
}

export function createOverlays(map: MlMap, url: string): OverlayControl {
  let loading: Promise<void> | undefined;
  const visible: Record<OverlayKind, boolean> = { lad: false, utla: false, regions: false };

  const load = () =>
    (loading ??= (async () => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`overlays: ${url} answered ${res.status}`);
      const o = (await res.json()) as Overlays;
      const fc = (key: 'lad' | 'utla'): FeatureCollection => {
        const f = feature(o.topology, o.topology.objects[key]) as unknown as FeatureCollection;
        f.features.forEach((x, k) => {
          x.properties = { code: String(x.id), name: String((x.properties as { name?: string } | null)?.name ?? x.id) };
          x.id = k;
        });
        return f;
      };
      map.addSource('lad', { type: 'geojson', maxzoom: TILE_MAXZOOM, data: fc('lad') });
      map.addSource('utla', { type: 'geojson', maxzoom: TILE_MAXZOOM, data: fc('utla') });
      const before = LAYERS.orgLine;
      const hidden = { visibility: 'none' as const };
      map.addLayer({ id: 'lad-line', type: 'line', source: 'lad', layout: hidden, paint: { 'line-color': '#6b4f2a', 'line-width': 0.8, 'line-dasharray': [2, 2] } }, before);
      map.addLayer({ id: 'utla-fill', type: 'fill', source: 'utla', layout: hidden, paint: { 'fill-color': '#000000', 'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.12, 0] } }, before);
      map.addLayer({ id: 'utla-line', type: 'line', source: 'utla', layout: hidden, paint: { 'line-color': '#8a5a00', 'line-width': 1.6 } }, before);
      map.addLayer({ id: 'utla-hover', type: 'line', source: 'utla', layout: hidden, paint: { 'line-color': '#8a5a00', 'line-width': ['case', ['boolean', ['feature-state', 'hover'], false], 3.5, 0] } }, LAYERS.leaders);
      map.addLayer({
        id: 'utla-label',
        type: 'symbol',
        source: 'utla',
        minzoom: 7,
        layout: { ...hidden, 'text-field': ['get', 'name'], 'text-font': FONT, 'text-size': 10, 'text-max-width': 8 },
        paint: { 'text-color': '#6b3f00', 'text-halo-color': '#fff', 'text-halo-width': 1.2 },
      }, LAYERS.leaders); // below the system labels, which are placed first and never give way to a council's
    })());

  const control: OverlayControl = {
    async set(kind, on) {
      visible[kind] = on;
      if (kind !== 'regions' && on) await load();
      if (kind === 'regions' && on) showRegions(map);
      for (const id of OVERLAY_LAYERS[kind]) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', on ? 'visible' : 'none');
    },
    isVisible: (kind) => visible[kind],
    ensureCouncils: () => load(),
  };
  return control;
}
