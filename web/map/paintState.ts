/**
 * Paints engine states onto the map, touching only what changed since the last state painted:
 * - fills: feature state `c` of the units whose colour changed;
 * - borders: feature state `b` of the mesh arcs (Init.arcs) whose bits changed; no geometry is rebuilt;
 * - labels: `updateData` with the label features that changed (unchanged ones keep their identity across the
 *   worker boundary, workers/statePatch.ts), `setData` only when systems were added or removed;
 * - collaborations: `setData` only when the worker sent new footprints.
 * When labels change, the fills and borders wait for the label source to be re-tiled by MapLibre's worker (at most
 * HOLD_MS), with map frames held meanwhile, so an edit is drawn in one frame (see `hold` below). The first state,
 * applied before the map's first complete frame (mapView.ts), is painted with that frame.
 * Timings go to the performance timeline: `footprints:applied` when a state reaches the painter,
 * `footprints:painted` on the first frame drawn after it, `footprints:settled` once the map is idle again
 * (labels placed), each with `detail.seq`; `footprints:preview` on the first frame showing a paint-stroke preview
 * (the clicked CCG already in its new colour, before the worker answers). `onPainted` fires with the first frame.
 */
import type { MapSourceDataEvent, Map as MlMap } from 'maplibre-gl';
import type { Feature } from 'geojson';
import { NO_COLOUR, type State } from '../../workers/api.ts';
import { SOURCES, geojsonSource, hasLoaded } from './mapView.ts';

export interface Painter {
  /** Colour shown for each unit (includes paint-stroke previews). */
  readonly shown: Uint8Array;
  apply(state: State): void;
  /** Holds map frames until the next state is applied (or a preview): a paint stroke has begun. */
  hold(): void;
  /** Temporarily shows a unit in a colour (paint preview) until the next state. */
  preview(unit: number, colour: number): void;
}

const MAX_MARKS = 600;
/** Longest map frames are held for a paint stroke's state or its labels (then whatever is there is drawn). */
const HOLD_MS = 250;

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

  /** Sends the labels that changed to MapLibre's worker; true if the label source is being re-tiled. */
  function paintLabels(next: State['labels']): boolean {
    if (next === labels) return false;
    const prev = labels;
    labels = next;
    const source = geojsonSource(map, SOURCES.labels);
    if (!prev || prev.features.length !== next.features.length) {
      void source.setData(next);
      return true;
    }
    const changed: Feature[] = [];
    next.features.forEach((f, k) => {
      if (f !== prev.features[k]) changed.push(f);
    });
    if (changed.length) void source.updateData({ add: changed });
    return changed.length > 0;
  }

  // One frame per edit. Where a frame costs a few hundred ms (software GL), a frame with the new fills but the old
  // labels, then another when the labels come back re-tiled from MapLibre's worker, doubles what an edit costs;
  // so does a frame MapLibre draws for the click itself (its handlers ask for one on mouseup) just before the state
  // arrives. So map frames are held from a paint stroke's mousedown (`hold`) until its state, and while that
  // state's labels are re-tiled; the fills and borders wait too, and all of it lands in one frame. A hold never
  // lasts more than HOLD_MS.
  const requestFrame = map.triggerRepaint.bind(map);
  let holding: { finish: () => void; timer: ReturnType<typeof setTimeout> } | null = null;
  let frameAsked = false;
  map.triggerRepaint = () => {
    if (holding) frameAsked = true;
    else requestFrame();
  };
  function onLabelData(e: MapSourceDataEvent) {
    if (e.sourceId === SOURCES.labels && (e.tile || e.sourceDataType === 'content') && map.isSourceLoaded(SOURCES.labels)) release();
  }
  /** Ends a hold without letting its frame through (what it waited for is painted, into the next frame). */
  const drop = () => {
    const h = holding;
    if (!h) return;
    holding = null;
    clearTimeout(h.timer);
    map.off('sourcedata', onLabelData);
    h.finish();
  };
  const release = () => {
    drop();
    if (frameAsked) requestFrame();
    frameAsked = false;
  };
  /** Holds map frames (at most HOLD_MS); with `finish`, runs it once the label source is re-tiled. */
  const hold = (finish: () => void = () => undefined, labels = false) => {
    drop();
    holding = { finish, timer: setTimeout(release, HOLD_MS) };
    if (labels) map.on('sourcedata', onLabelData);
  };

  return {
    shown,
    apply(state) {
      const appliedAt = performance.now();
      const seq = state.seq;
      mark('footprints:applied', seq, appliedAt);
      const relabelling = paintLabels(state.labels);
      if (state.collaborationFootprints) void geojsonSource(map, SOURCES.collabs).setData(state.collaborationFootprints);
      // Before the map's first complete frame (the first state, applied while the sources are still being tiled),
      // everything goes in at once and the state counts as painted with that frame (MapLibre's `load`).
      const first = !hasLoaded(map);
      const paint = () => {
        for (let i = 0; i < n; i++) if (shown[i] !== state.unitColour[i]) setColour(i, state.unitColour[i]);
        for (const i of previewed) map.setFeatureState({ source: SOURCES.units, id: i }, { paint: false });
        previewed.clear();
        paintBorders(state.borders);
        map.once(first ? 'load' : 'render', () =>
          requestAnimationFrame(() => {
            const at = performance.now();
            mark('footprints:painted', seq, at);
            onPainted(seq, at, appliedAt);
          }),
        );
        map.once('idle', () => requestAnimationFrame(() => mark('footprints:settled', seq)));
        map.triggerRepaint();
      };
      if (relabelling && !first) hold(paint, true);
      else {
        drop();
        paint();
        release();
      }
    },
    hold: () => hold(),
    preview(unit, colour) {
      release();
      if (shown[unit] !== colour) setColour(unit, colour);
      previewed.add(unit);
      map.setFeatureState({ source: SOURCES.units, id: unit }, { paint: true });
      map.once('render', () => requestAnimationFrame(() => mark('footprints:preview', -1)));
    },
  };
}
