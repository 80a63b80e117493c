/**
 * The map: one style with local GeoJSON sources only (no tiles, glyphs, sprites or fonts from anywhere), so it
 * works offline. Units carry feature ids = unit index; their colours live in feature state, so an edit repaints
 * without rebuilding the unit source. Labels use local fonts (the style has no `glyphs`).
 */
import { Map as MapLibreMap, NavigationControl, prewarm, ScaleControl, setWorkerUrl, type GeoJSONSource, type Map as MlMap, type MapSourceDataEvent, type MapOptions, type LayerSpecification, type StyleSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { Init } from '../../workers/api.ts';
import { arcLineWidth, solidArcLine } from './borderStyle.ts';
import { MAP_MAXZOOM, TILE_MAXZOOM, unitTileMaxzoom } from './tileZoom.ts';
import { fillByColourIndex } from './palette.ts';
import { attachLabelPlacer } from './labels.ts';
import { DETAIL_SCALE, LINE_HEIGHT } from '../../engine/labelText.ts';

setWorkerUrl(workerUrl);
// MapLibre's worker starts loading now, while the engine worker reads the bundle, not when the map is made.
prewarm();

const EMPTY = { type: 'FeatureCollection', features: [] } as const;
export const FONT = ['Liberation Sans', 'DejaVu Sans', 'Arial', 'sans-serif'];

export const LAYERS = {
  unitsFill: 'units-fill',
  /** The first line layer: what lies under every line (hatches) is added below it. */
  firstLine: 'org-line',
  orgLine: 'org-line',
  sysLine: 'sys-line',
  /** The border mesh (Init.arcs) switched on per arc by feature state `b` (State.borders bits). */
  orgArcs: 'org-arcs',
  /** White lines between units and system borders (solid, by feature state `b`). */
  arcLines: 'arc-lines',
  /** Selected, paint preview and hover outlines (the `outlines` source, outlines.ts). */
  outline: 'units-outline',
  selectedFill: 'units-selected-fill',
  collab: 'collab-line',
  collabLabel: 'collab-label',
  regions: 'regions-line',
  labels: 'system-labels',
  /** Leader lines from a small footprint to its label beside it (web/map/labels.ts). */
  leaders: 'label-leaders',
} as const;

/** Every layer that labels a system (a test or a picture reads which labels were placed from these). */
export const SYSTEM_LABEL_LAYERS = [LAYERS.labels] as const;

export const SOURCES = {
  units: 'units',
  sysBorders: 'system-borders',
  orgBorders: 'organisation-borders',
  arcs: 'border-arcs',
  /** The selected units only (their hatch): a full-map pattern layer at opacity 0 would cost every frame. */
  selection: 'selection',
  /** The outlined units only: selected, previewed by a paint stroke, under the pointer (outlines.ts). */
  outlines: 'unit-outlines',
  /** The placed labels (points) and their leader lines (web/map/labels.ts). */
  labels: 'system-labels',
  collabs: 'collaborations',
  regions: 'regions',
} as const;

export { TILE_MAXZOOM } from './tileZoom.ts';

function style(init: Init): StyleSpecification {
  const unitZoom = unitTileMaxzoom(init.codes.length);
  return {
    version: 8,
    sources: {
      [SOURCES.units]: { type: 'geojson', maxzoom: unitZoom, data: init.units as GeoJSON.FeatureCollection },
      [SOURCES.sysBorders]: { type: 'geojson', maxzoom: TILE_MAXZOOM, data: EMPTY as unknown as GeoJSON.FeatureCollection },
      [SOURCES.orgBorders]: { type: 'geojson', maxzoom: TILE_MAXZOOM, data: EMPTY as unknown as GeoJSON.FeatureCollection },
      [SOURCES.arcs]: { type: 'geojson', maxzoom: unitZoom, data: init.arcs as GeoJSON.FeatureCollection },
      [SOURCES.selection]: { type: 'geojson', maxzoom: unitZoom, data: EMPTY as unknown as GeoJSON.FeatureCollection },
      [SOURCES.outlines]: { type: 'geojson', maxzoom: unitZoom, data: EMPTY as unknown as GeoJSON.FeatureCollection },
      [SOURCES.labels]: { type: 'geojson', maxzoom: TILE_MAXZOOM, data: EMPTY as unknown as GeoJSON.FeatureCollection },
      [SOURCES.collabs]: { type: 'geojson', maxzoom: TILE_MAXZOOM, data: EMPTY as unknown as GeoJSON.FeatureCollection },
      // Filled on first show (showRegions): hidden at start, and tiling it would hold up the first frame's tiles.
      [SOURCES.regions]: { type: 'geojson', maxzoom: TILE_MAXZOOM, data: EMPTY as unknown as GeoJSON.FeatureCollection },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#dde5ea' } },
      {
        id: LAYERS.unitsFill,
        type: 'fill',
        source: SOURCES.units,
        paint: {
          'fill-color': fillByColourIndex() as never,
          'fill-opacity': ['case', ['boolean', ['feature-state', 'sel'], false], 1, 0.88],
        },
      },
      {
        id: LAYERS.orgLine,
        type: 'line',
        source: SOURCES.orgBorders,
        paint: { 'line-color': '#4b5563', 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 0.9, 9, 2], 'line-dasharray': [3, 1.5] },
      },
      {
        id: LAYERS.orgArcs,
        type: 'line',
        source: SOURCES.arcs,
        paint: {
          'line-color': '#4b5563',
          'line-width': arcLineWidth('organisation') as never,
          'line-dasharray': [3, 1.5],
        },
      },
      {
        id: LAYERS.sysLine,
        type: 'line',
        source: SOURCES.sysBorders,
        layout: { 'line-join': 'round', 'line-cap': 'round' },
        paint: { 'line-color': '#1f2937', 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 1.8, 9, 4] },
      },
      {
        // From the border mesh, each shared border once: the white line between units and the system border in one
        // layer (borderStyle.ts), above the organisation borders it covers.
        id: LAYERS.arcLines,
        type: 'line',
        source: SOURCES.arcs,
        layout: { 'line-join': 'round', 'line-cap': 'round' },
        paint: { 'line-color': solidArcLine().colour as never, 'line-width': solidArcLine().width as never },
      },
      {
        id: LAYERS.regions,
        type: 'line',
        source: SOURCES.regions,
        layout: { visibility: 'none', 'line-join': 'round' },
        paint: { 'line-color': '#7c2d92', 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 3, 9, 6], 'line-opacity': 0.55 },
      },
      {
        id: LAYERS.collab,
        type: 'line',
        source: SOURCES.collabs,
        paint: { 'line-color': '#0b5394', 'line-width': 2.5, 'line-dasharray': [1, 1.2], 'line-offset': -2 },
      },
      {
        // One outline layer for the selected units, a paint stroke's preview and the unit under the pointer (all
        // dark, so their order does not matter), from a source holding only those units: one small line bucket.
        id: LAYERS.outline,
        type: 'line',
        source: SOURCES.outlines,
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': '#000000',
          'line-width': ['match', ['get', 'kind'], 'sel', 3.2, 'paint', 2.4, 1.5],
        },
      },
      {
        id: LAYERS.collabLabel,
        type: 'symbol',
        source: SOURCES.collabs,
        minzoom: 6.5,
        layout: { 'symbol-placement': 'line', 'text-field': ['get', 'name'], 'text-font': FONT, 'text-size': 11, 'text-offset': [0, -0.8] },
        paint: { 'text-color': '#0b5394', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      },
      {
        id: LAYERS.leaders,
        type: 'line',
        source: SOURCES.labels,
        filter: ['==', ['geometry-type'], 'LineString'],
        paint: { 'line-color': '#111827', 'line-width': 1, 'line-opacity': 0.8 },
      },
      labelLayer(),
    ],
  };
}

/**
 * The system labels, where web/map/labels.ts placed them (engine/labelPlacement.ts): each at its own point, centred
 * there, in its own type size (constant in zoom, so the box MapLibre hit-tests is the text drawn), lines broken
 * already. `text-overlap: always`: MapLibre draws every label where it was placed and moves none (the placement has
 * kept them apart); every other label (councils, collaborations) gives way to them.
 */
function labelLayer(): LayerSpecification {
  const size = ['coalesce', ['get', 'size'], 10];
  return {
    id: LAYERS.labels,
    type: 'symbol',
    source: SOURCES.labels,
    filter: ['==', ['geometry-type'], 'Point'],
    layout: {
      'text-field': ['case', ['has', 'detail'], ['format', ['get', 'name'], {}, '\n', {}, ['get', 'detail'], { 'font-scale': DETAIL_SCALE }], ['coalesce', ['get', 'name'], ['get', 'short']]] as never,
      'text-font': FONT,
      'text-size': size as never,
      'text-max-width': 100,
      'text-line-height': LINE_HEIGHT,
      'text-padding': 0,
      'text-anchor': 'center',
      'text-justify': ['coalesce', ['get', 'justify'], 'center'] as never,
      'text-overlap': 'always',
      'symbol-sort-key': ['get', 'index'] as never,
    },
    paint: { 'text-color': '#111827', 'text-halo-color': 'rgba(255,255,255,0.92)', 'text-halo-width': 1.4 },
  };
}

/**
 * Room round England at the first view: for the scale bar and attribution below and the zoom buttons on the right. Taken after every panel is in place (main.ts), so it fits the final map.
 */
export function fitPadding(container: HTMLElement): { top: number; bottom: number; left: number; right: number } {
  const side = Math.min(60, container.clientWidth * 0.08);
  return { top: 20, bottom: 20, left: side, right: side };
}

const regionsOf = new WeakMap<MlMap, Init['regions']>();
/** Gives the (hidden at start) NHS regions layer its data, the first time it is shown. */
export function showRegions(map: MlMap): void {
  const regions = regionsOf.get(map);
  if (!regions) return;
  regionsOf.delete(map);
  void geojsonSource(map, SOURCES.regions).setData(regions as GeoJSON.FeatureCollection);
}

const unitsOf = new WeakMap<MlMap, Init['units']>();
/** The unit features a map was made with (for sources holding some of them, like the selection). */
export const unitFeatures = (map: MlMap): Init['units'] | undefined => unitsOf.get(map);

const loadedMaps = new WeakSet<MlMap>();
/** Whether a map has drawn its first complete frame (MapLibre's `load`: every source tiled). */
export const hasLoaded = (map: MlMap): boolean => loadedMaps.has(map);

export interface MapViewOptions {
  /**
   * Show the canvas at the map's first complete frame (MapLibre's `load`), as a map that only shows does; false
   * keeps it hidden until `revealMap` (the editor's painter: its first state's frame, not a map of grey CCGs).
   */
  revealOnLoad?: boolean;
}

export function createMapView(container: HTMLElement, init: Init, { revealOnLoad = true }: MapViewOptions = {}): Promise<MlMap> {
  const map = new MapLibreMap({
    container,
    style: style(init),
    bounds: init.bbox,
    fitBoundsOptions: { padding: fitPadding(container) },
    attributionControl: { compact: true, customAttribution: init.attribution },
    boxZoom: false,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    renderWorldCopies: false,
    maxZoom: MAP_MAXZOOM,
    fadeDuration: 0,
    minZoom: 4,
  } as MapOptions);
  unitsOf.set(map, init.units);
  regionsOf.set(map, init.regions);
  skipPlacementEchoFrames(map);
  holdFramesWhileTiling(map);
  hideUntilRevealed(map, revealOnLoad);
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
  map.getCanvas().setAttribute('aria-label', `Map of ${init.unitNoun.many} coloured by system. Use the search box or the systems table to select ${init.unitNoun.many} from the keyboard.`);
  map.once('load', () => loadedMaps.add(map));
  // Resolved as soon as the style is in (before any source is tiled or any frame drawn), so the first state is
  // applied while MapLibre's worker still tiles the sources and the first complete frame is already the final one.
  return new Promise((resolve) =>
    map.once('style.load', () => {
      // Selected CCGs are hatched as well as outlined, so a selection never relies on colour.
      map.addImage('hatch', hatch(), { pixelRatio: 1 });
      map.addLayer({
        id: LAYERS.selectedFill,
        type: 'fill',
        source: SOURCES.selection,
        paint: { 'fill-pattern': 'hatch' },
      }, LAYERS.firstLine);
      attachLabelPlacer(map, SOURCES.labels, FONT);
      resolve(map);
    }),
  );
}

/**
 * With fadeDuration 0 MapLibre places all symbols in full in every frame. Yet a frame that receives new symbol
 * tiles (labels re-tiled after an edit) marks its own, complete, placement stale and asks for one more frame that
 * draws the very same picture: a whole extra frame per edit where frames cost hundreds of ms (software GL). The
 * `render` event fires after the frame is drawn and before MapLibre decides on the next one, so it drops that
 * request when placement is the only thing left dirty and the placement is done. (MapLibre internals, checked
 * against maplibre-gl 6.17: `_placementDirty`, `style.pauseablePlacement`; a missing field leaves all as it is.)
 */
function skipPlacementEchoFrames(map: MlMap): void {
  const m = map as unknown as { _placementDirty?: boolean; _fadeDuration?: number; style?: { pauseablePlacement?: { isDone(): boolean } } };
  map.on('render', () => {
    if (m._placementDirty === true && m._fadeDuration === 0 && m.style?.pauseablePlacement?.isDone()) m._placementDirty = false;
  });
}

/**
 * Until the map's first complete frame, frames wait for every requested tile: a frame per source as its tiles
 * come back (units, then borders, then labels) costs a few hundred ms each in software GL and delays the others
 * (the labels' glyphs are answered by the same busy main thread). A frame is still let through whenever no tile
 * is pending, as MapLibre asks for tiles while rendering. After `load` (or FIRST_FRAME_WAIT_MS), frames are free.
 */
const FIRST_FRAME_WAIT_MS = 4000;
function holdFramesWhileTiling(map: MlMap): void {
  const request = map.triggerRepaint.bind(map);
  let held = false;
  let done = false;
  const tiling = () => !!map.style && !map.areTilesLoaded();
  const flush = () => {
    if (held) request();
    held = false;
  };
  const onTile = (e: MapSourceDataEvent) => {
    if (e.tile && !tiling()) flush();
  };
  const finish = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    map.off('sourcedata', onTile);
    flush();
  };
  const timer = setTimeout(finish, FIRST_FRAME_WAIT_MS);
  map.triggerRepaint = () => {
    if (!done && tiling()) held = true;
    else request();
  };
  map.on('sourcedata', onTile);
  map.once('load', finish);
}

/**
 * The canvas stays hidden until the map shows what it is for: when the tiles are in before the first state, the
 * planner would otherwise see a map of grey CCGs without labels first. `revealMap` (or MapLibre's `load`, with
 * `revealOnLoad`) is called while the frame to show is being drawn, so it is the first frame anyone sees. (It does
 * not make that frame come sooner: alternating loads measured the same time to screen with and without hiding.)
 * Whatever happens, the map shows after FIRST_FRAME_WAIT_MS.
 */
const reveals = new WeakMap<MlMap, () => void>();
function hideUntilRevealed(map: MlMap, onLoad: boolean): void {
  const canvas = map.getCanvas();
  canvas.style.visibility = 'hidden';
  const show = () => {
    clearTimeout(timer);
    reveals.delete(map);
    canvas.style.visibility = '';
  };
  const timer = setTimeout(show, FIRST_FRAME_WAIT_MS);
  reveals.set(map, show);
  if (onLoad) map.once('load', show);
}

/** Shows a map's canvas (once; see `MapViewOptions.revealOnLoad`). */
export function revealMap(map: MlMap): void {
  reveals.get(map)?.();
}

/** A 10×10 diagonal hatch (drawn in code: the style loads nothing from anywhere). */
function hatch(): { width: number; height: number; data: Uint8Array } {
  const n = 10;
  const data = new Uint8Array(n * n * 4);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const on = (x + y) % n < 2;
      data.set(on ? [17, 24, 39, 150] : [0, 0, 0, 0], (y * n + x) * 4);
    }
  }
  return { width: n, height: n, data };
}

export function geojsonSource(map: MlMap, id: string): GeoJSONSource {
  return map.getSource(id) as GeoJSONSource;
}
