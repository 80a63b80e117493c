/**
 * Paints engine states onto the map, touching only what changed since the last state painted:
 * - fills: feature state `c` of the units whose colour changed;
 * - borders: feature state `b` of the mesh arcs (Init.arcs) whose bits changed; no geometry is rebuilt;
 * - labels: placed again (web/map/labels.ts) only when a label changed (unchanged ones keep their identity across
 *   the worker boundary, workers/statePatch.ts);
 * - collaborations: `setData` only when the worker sent new footprints.
 * After an edit, undo or redo the worker sends the fills and borders ahead of the rest of the state (`early`,
 * `EngineApi.mapStates`): they go into the next frame, and the state, when it comes, is painted with that frame
 * unless it changes something more. Either way fills and borders go into the next frame; the labels are placed
 * after it and follow a frame or two later, once MapLibre's worker has re-tiled them (waiting for them held the
 * new fills back by that round trip, ~45 ms here, and by the frame queued behind it: tests/bench/browser.ts measured
 * the new fills on screen ~100 ms later). The first state, applied before the map's first complete frame
 * (mapView.ts), is painted with that frame, and its labels follow it as an edit's do.
 * Timings go to the performance timeline: `footprints:applied` when a state reaches the painter,
 * `footprints:drawn` when MapLibre has issued the draw calls of the frame showing it, `footprints:painted` on the
 * next animation frame (the page's last view of it; the bench reads when it was presented from a trace),
 * `footprints:settled` once the map is idle again
 * (labels placed), each with `detail.seq`; `footprints:preview` on the first frame showing a paint-stroke preview
 * (the clicked CCG already in its new colour, before the worker answers). `onPainted` fires with the first frame.
 */
import type { MapSourceDataEvent, Map as MlMap } from 'maplibre-gl';
import { NO_COLOUR, type MapState, type State } from '../../workers/api.ts';
import { SOURCES, geojsonSource, hasLoaded, revealMap } from './mapView.ts';
import { outlines } from './outlines.ts';
import { setSystemLabels } from './labels.ts';

export interface Painter {
  /** Colour shown for each unit (includes paint-stroke previews). */
  readonly shown: Uint8Array;
  apply(state: State): void;
  /**
   * Shows a state's map part sent ahead of it (`EngineApi.mapStates`): its fills and borders go into the next
   * frame, and the state, when it comes, is painted with that frame.
   */
  early(m: MapState): void;
  /** Holds map frames until the next state is applied (or a preview): a paint stroke has begun. */
  hold(): void;
  /** Temporarily shows a unit in a colour (paint preview) until the next state. */
  preview(unit: number, colour: number): void;
  /**
   * Runs `f` in a task of its own once the frame showing the state applied last has issued its draw calls (at most
   * AFTER_FRAME_MS later if no frame comes, e.g. the map is hidden): what can wait a frame waits behind the map.
   */
  afterFrame(f: () => void): void;
}

const AFTER_FRAME_MS = 100;

const MAX_MARKS = 600;
/** Longest map frames are held for a paint stroke's state or an edit's labels (then whatever is there is drawn). */
const HOLD_MS = 250;

export function createPainter(map: MlMap, n: number, onPainted: (seq: number, at: number, appliedAt: number) => void = () => undefined): Painter {
  const shown = new Uint8Array(n).fill(NO_COLOUR);
  let borders: Uint8Array | undefined;
  let labels: State['labels'] | undefined;
  const previewed = new Set<number>();
  let waiting: (() => void)[] = [];
  const runWaiting = () => {
    const now = waiting;
    waiting = [];
    for (const f of now) f();
  };
  let marks = 0;
  const mark = (name: string, seq: number, at?: number) => {
    if (++marks > MAX_MARKS) {
      marks = 0;
      performance.clearMarks('footprints:applied');
      performance.clearMarks('footprints:painted');
      performance.clearMarks('footprints:drawn');
      performance.clearMarks('footprints:settled');
      performance.clearMarks('footprints:preview');
    }
    performance.mark(name, { detail: { seq }, startTime: at });
  };
  const setColour = (i: number, c: number) => {
    shown[i] = c;
    map.setFeatureState({ source: SOURCES.units, id: i }, { c: c === NO_COLOUR ? null : c });
  };

  function paintBorders(next: Uint8Array): boolean {
    const prev = borders;
    let changed = false;
    for (let k = 0; k < next.length; k++) {
      if (!prev || prev[k] !== next[k]) {
        map.setFeatureState({ source: SOURCES.arcs, id: k }, { b: next[k] });
        changed = true;
      }
    }
    borders = next;
    return changed;
  }

  /**
   * Whether a label changed (unchanged labels keep their identity across the worker boundary). Placing them
   * (web/map/labels.ts, a few to tens of ms on the main thread) and MapLibre's worker re-tiling them come after the
   * frame with the new fills (`placeChangedLabels`), the first state's too: the first map shows a frame sooner, its
   * labels a frame later (placing them and tiling them held the first frame back).
   */
  function labelsChanged(next: State['labels']): boolean {
    if (next === labels) return false;
    const prev = labels;
    labels = next;
    return !(prev && prev.features.length === next.features.length && next.features.every((f, k) => f === prev.features[k]));
  }
  /** The state whose labels wait to be placed (the latest, when states come faster than frames). */
  let toPlace: number | null = null;
  const placeChangedLabels = (seq: number) => {
    const queued = toPlace !== null;
    toPlace = seq;
    if (queued) return;
    setTimeout(() => {
      const s = toPlace!;
      toPlace = null;
      if (!labels) return;
      setSystemLabels(map, labels);
      if (!map.isSourceLoaded(SOURCES.labels)) holdForLabels();
      settledAfter(s);
    }, 0);
  };
  const settledAfter = (seq: number) => map.once('idle', () => requestAnimationFrame(() => mark('footprints:settled', seq)));

  // Map frames are held (never longer than HOLD_MS), where a frame would show nothing new and, with frames costing a
  // hundred ms or more (software GL), would delay the one that does:
  // - from a paint stroke's mousedown (`hold`) until its state: MapLibre's handlers ask for a frame on mouseup;
  // - after an edit's frame, while MapLibre's worker re-tiles the labels: the label source's new data asks for a
  //   frame before its tiles are back. Moving the map ends this hold at once.
  const requestFrame = map.triggerRepaint.bind(map);
  let holding: { timer: ReturnType<typeof setTimeout>; end?: () => void } | null = null;
  let frameAsked = false;
  map.triggerRepaint = () => {
    if (holding) frameAsked = true;
    else requestFrame();
  };
  const release = () => {
    const h = holding;
    holding = null;
    if (h) {
      clearTimeout(h.timer);
      h.end?.();
    }
    if (frameAsked) requestFrame();
    frameAsked = false;
  };
  const hold = (end?: () => void) => {
    if (holding) {
      clearTimeout(holding.timer);
      holding.end?.();
    }
    holding = { timer: setTimeout(release, HOLD_MS), end };
  };
  const holdForLabels = () => {
    const ours = () => holding === mine;
    const onData = (e: MapSourceDataEvent) => {
      if (ours() && e.sourceId === SOURCES.labels && e.tile && map.isSourceLoaded(SOURCES.labels)) release();
    };
    const onMove = () => ours() && release();
    hold(() => {
      map.off('sourcedata', onData);
      map.off('movestart', onMove);
    });
    const mine = holding;
    map.on('sourcedata', onData);
    map.on('movestart', onMove);
  };

  /** Fills and borders as given, and no paint-stroke preview; whether anything on the map changed. */
  function paintMap(unitColour: Uint8Array, next: Uint8Array): boolean {
    let changed = previewed.size > 0;
    for (let i = 0; i < n; i++) {
      if (shown[i] !== unitColour[i]) {
        setColour(i, unitColour[i]);
        changed = true;
      }
    }
    if (previewed.size) outlines(map).set('paint', []);
    previewed.clear();
    return paintBorders(next) || changed;
  }
  let appliedSeq = 0;
  let frameAhead: { seq: number; drawn: boolean } | null = null;

  return {
    shown,
    apply(state) {
      const appliedAt = performance.now();
      const seq = state.seq;
      appliedSeq = seq;
      mark('footprints:applied', seq, appliedAt);
      const relabelling = labelsChanged(state.labels);
      if (state.collaborationFootprints) void geojsonSource(map, SOURCES.collabs).setData(state.collaborationFootprints);
      // Before the map's first complete frame (the first state, applied while the sources are still being tiled),
      // fills and borders go in at once and the state counts as painted with that frame (MapLibre's `load`).
      const first = !hasLoaded(map);
      const changed = paintMap(state.unitColour, state.borders);
      // The frame showing this state's map part, when it was sent ahead (`early`).
      const shownAhead = frameAhead?.seq === seq ? frameAhead : null;
      if (frameAhead && frameAhead.seq <= seq) frameAhead = null;
      const drawn = () => {
        // The frame's draw calls are issued; the next animation frame comes once it is handed on for display.
        if (!shownAhead) mark('footprints:drawn', seq);
        // After this frame's task: the frame commits with the map's new fills, then the waiting work runs.
        if (waiting.length) setTimeout(runWaiting, 0);
        revealMap(map); // the first state's frame is the first the map shows (mapView.ts)
        if (relabelling) placeChangedLabels(seq);
        requestAnimationFrame(() => {
          const at = performance.now();
          if (!shownAhead) mark('footprints:painted', seq, at);
          onPainted(seq, at, appliedAt);
        });
      };
      // Settled once the map is idle with this state's labels placed.
      if (!relabelling) settledAfter(seq);
      if (first) map.once('load', drawn);
      else if (shownAhead && !changed) {
        // Its map part is already drawn, or its frame is on the way: no frame of its own (at LSOA level a frame
        // costs the software GL a hundred ms or more). In a task of its own, after every subscriber to this state
        // has queued its after-frame work.
        if (shownAhead.drawn) setTimeout(drawn, 0);
        else map.once('render', drawn);
      } else {
        map.once('render', drawn);
        map.triggerRepaint();
      }
      release();
    },
    early(m) {
      // The first state goes with the map's first frame; a map part older than the state applied is out of date.
      if (!hasLoaded(map) || m.seq < appliedSeq) return;
      if (!paintMap(m.unitColour, m.borders)) return;
      const frame = { seq: m.seq, drawn: false };
      frameAhead = frame;
      map.once('render', () => {
        frame.drawn = true;
        mark('footprints:drawn', frame.seq);
        requestAnimationFrame(() => mark('footprints:painted', frame.seq));
      });
      map.triggerRepaint();
      release();
    },
    hold: () => hold(),
    afterFrame(f) {
      let done = false;
      const once = () => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        f();
      };
      const timer = setTimeout(() => {
        waiting = waiting.filter((w) => w !== once);
        once();
      }, AFTER_FRAME_MS);
      waiting.push(once);
    },
    preview(unit, colour) {
      release();
      if (shown[unit] !== colour) setColour(unit, colour);
      previewed.add(unit);
      outlines(map).set('paint', previewed);
      map.once('render', () => requestAnimationFrame(() => mark('footprints:preview', -1)));
    },
  };
}
