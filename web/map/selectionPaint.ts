// Selected units are outlined in black (outlines.ts), drawn a little more opaque (feature state `sel`; only the
// changes are written) and hatched (the `selection` source holds just the selected units, so an empty selection
// costs nothing per frame).
import type { Map as MlMap } from 'maplibre-gl';
import type { Signal } from '../state/signal.ts';
import { SOURCES, geojsonSource, unitFeatures } from './mapView.ts';
import { outlines } from './outlines.ts';

export function paintSelection(map: MlMap, selection: Signal<readonly number[]>): void {
  selection.subscribe((now, before) => {
    const next = new Set(now);
    for (const i of before) if (!next.has(i)) map.setFeatureState({ source: SOURCES.units, id: i }, { sel: false });
    const prev = new Set(before);
    for (const i of now) if (!prev.has(i)) map.setFeatureState({ source: SOURCES.units, id: i }, { sel: true });
    outlines(map).set('sel', now);
    const units = unitFeatures(map);
    if (units) void geojsonSource(map, SOURCES.selection).setData({ type: 'FeatureCollection', features: now.map((i) => units.features[i]).filter(Boolean) });
  });
}
