/**
 * Paints engine states onto the map, touching only what changed since the last state painted:
 * - fills: feature state `c` of the units whose colour changed;
 * - borders: feature state `b` of the mesh arcs (Init.arcs) whose bits changed; no geometry is rebuilt;
 * - labels: `updateData` with the label features that changed (unchanged ones keep their identity across the
 *   worker boundary, workers/statePatch.ts), `setData` only when systems were added or removed;
 * - collaborations: `setData` only when the worker sent new footprints.
 * Fills and borders show in the next frame; labels need the label source re-tiled by MapLibre's worker.
 * Timings go to the performance timeline: `footprints:applied` when a state reaches the painter,
 * `footprints:painted` on the first frame drawn after it, `footprints:settled` once the map is idle again
 * (labels placed), each with `detail.seq`; `footprints:preview` on the first frame showing a paint-stroke preview
 * (the clicked CCG already in its new colour, before the worker answers). `onPainted` fires with the first frame.
 */
import type { Map as MlMap } from 'maplibre-gl';
import type { Feature } from 'geojson';
import { NO_COLOUR, type State } from '../../workers/api.ts';
import { SOURCES, geojsonSource } from './mapView.ts';

export interface Painter {
  /** Colour shown for each unit (includes paint-stroke previews). */
  readonly shown: Uint8Array;
  apply(state: State): void;
  /** Temporarily shows a unit in a colour (paint preview) until the next state. */
  preview(unit: number, colour: number): void;
}

const MAX_MARKS = 600;

export function createPainter(map: MlMap, n: number, onPainted: (seq: number, at: number, appliedAt: number) => void = () => undefined): Painter {
  const shown = new Uint8Array(n).fill(NO_COLOUR);
  let borders: Uint8Array | undefined;
  let labels: State['labels'] | undefined;
  const previewed = new Set<number>();
  let marks = 0;
  const mark = (name: string, seq: number, at?: number) => {
    if (++marks > MAX_MARKS) {
      marks = 0;
      performance.clearMarks('footprints:applied');
      performance.clearMarks('footprints:painted');
      performance.clearMarks('footprints:settled');
      performance.clearMarks('footprints:preview');
    }
    performance.mark(name, { detail: { seq }, startTime: at });
  };
  const setColour = (i: number, c: number) => {
    shown[i] = c;
    map.setFeatureState({ source: SOURCES.units, id: i }, { c: c === NO_COLOUR ? null : c });
  };

  function paintBorders(next: Uint8Array) {
    const prev = borders;
    for (let k = 0; k < next.length; k++) {
      if (!prev || prev[k] !== next[k]) map.setFeatureState({ source: SOURCES.arcs, id: k }, { b: next[k] });
    }
    borders = next;
  }

  function paintLabels(next: State['labels']) {
    if (next === labels) return;
    const prev = labels;
    labels = next;
    const source = geojsonSource(map, SOURCES.labels);
    if (!prev || prev.features.length !== next.features.length) {
      void source.setData(next);
      return;
    }
    const changed: Feature[] = [];
    next.features.forEach((f, k) => {
      if (f !== prev.features[k]) changed.push(f);
    });
    if (changed.length) void source.updateData({ add: changed });
  }

  return {
    shown,
    apply(state) {
      const appliedAt = performance.now();
      const seq = state.seq;
      mark('footprints:applied', seq, appliedAt);
      for (let i = 0; i < n; i++) if (shown[i] !== state.unitColour[i]) setColour(i, state.unitColour[i]);
      for (const i of previewed) map.setFeatureState({ source: SOURCES.units, id: i }, { paint: false });
      previewed.clear();
      paintBorders(state.borders);
      paintLabels(state.labels);
      if (state.collaborationFootprints) void geojsonSource(map, SOURCES.collabs).setData(state.collaborationFootprints);
      map.once('render', () =>
        requestAnimationFrame(() => {
          const at = performance.now();
          mark('footprints:painted', seq, at);
          onPainted(seq, at, appliedAt);
        }),
      );
      map.once('idle', () => requestAnimationFrame(() => mark('footprints:settled', seq)));
      map.triggerRepaint();
    },
    preview(unit, colour) {
      if (shown[unit] !== colour) setColour(unit, colour);
      previewed.add(unit);
      map.setFeatureState({ source: SOURCES.units, id: unit }, { paint: true });
      map.once('render', () => requestAnimationFrame(() => mark('footprints:preview', -1)));
    },
  };
}
