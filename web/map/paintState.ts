/**
 * Paints engine states onto the map: colours through feature state (only the units whose colour changed), the
 * border meshes, labels and collaborations through setData (small). The unit source is never rebuilt.
 * `onPainted` fires on the first frame drawn after a state is applied.
 */
import type { Map as MlMap } from 'maplibre-gl';
import { NO_COLOUR, type State } from '../../workers/api.ts';
import { SOURCES, geojsonSource } from './mapView.ts';

export interface Painter {
  /** Colour shown for each unit (includes paint-stroke previews). */
  readonly shown: Uint8Array;
  apply(state: State): void;
  /** Temporarily shows a unit in a colour (paint preview) until the next state. */
  preview(unit: number, colour: number): void;
}

export function createPainter(map: MlMap, n: number, onPainted: (seq: number, at: number, appliedAt: number) => void = () => undefined): Painter {
  const shown = new Uint8Array(n).fill(NO_COLOUR);
  const previewed = new Set<number>();
  const setColour = (i: number, c: number) => {
    shown[i] = c;
    map.setFeatureState({ source: SOURCES.units, id: i }, { c: c === NO_COLOUR ? null : c });
  };
  return {
    shown,
    apply(state) {
      const appliedAt = performance.now();
      for (let i = 0; i < n; i++) if (shown[i] !== state.unitColour[i]) setColour(i, state.unitColour[i]);
      for (const i of previewed) map.setFeatureState({ source: SOURCES.units, id: i }, { paint: false });
      previewed.clear();
      if (state.systemBorders) geojsonSource(map, SOURCES.sysBorders).setData({ type: 'Feature', properties: {}, geometry: state.systemBorders });
      if (state.organisationBorders) geojsonSource(map, SOURCES.orgBorders).setData({ type: 'Feature', properties: {}, geometry: state.organisationBorders });
      geojsonSource(map, SOURCES.labels).setData(state.labels);
      if (state.collaborationFootprints) geojsonSource(map, SOURCES.collabs).setData(state.collaborationFootprints);
      const seq = state.seq;
      map.once('render', () => requestAnimationFrame(() => onPainted(seq, performance.now(), appliedAt)));
      map.triggerRepaint();
    },
    preview(unit, colour) {
      if (shown[unit] !== colour) setColour(unit, colour);
      previewed.add(unit);
      map.setFeatureState({ source: SOURCES.units, id: unit }, { paint: true });
    },
  };
}
