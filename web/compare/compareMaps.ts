/**
 * The two maps of the compare view: the editor's map (mapView.ts: same style, sources and hatch) made twice,
 * kept on the same view (move one, the other follows), each painted from one side of a `CompareView`.
 *
 * The difference view marks the CCGs that changed at the chosen level (system or organisation) on both maps
 * without relying on colour: they are hatched, outlined thick (white casing, black line) and carry the number
 * they have in the list; the rest fades. Hovering a CCG outlines it on both maps and says from → to.
 */
import type { FeatureCollection, Point } from 'geojson';
import type { Map as MlMap } from 'maplibre-gl';
import { NO_COLOUR, type CompareSide, type Init } from '../../workers/api.ts';
import { createMapView, geojsonSource, FONT, LAYERS, SOURCES } from '../map/mapView.ts';
import { createZoomer } from '../map/zoom.ts';
import { setSystemLabels } from '../map/labels.ts';
import { h, fill } from '../dom.ts';
import { outlines } from '../map/outlines.ts';

const MARKERS = 'cmp-markers';
/** The marked CCGs' and the focused CCG's own features: pattern and wide lines over all 191 at width 0 would cost every frame. */
const MARKED = 'cmp-marked';
const FOCUSED = 'cmp-focused';
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
const DIFF = {
  fill: 'cmp-moved-fill',
  casing: 'cmp-moved-casing',
  line: 'cmp-moved-line',
  focus: 'cmp-focus-line',
  marker: 'cmp-marker',
} as const;
const DISC = 'cmp-disc';
/** Up to this many numbered marks always show; more thin out where they would overlap (zoom in to see all). */
export const MAX_OVERLAPPING_MARKS = 25;

/** A 26 px black disc with a white ring (drawn in code: the style loads nothing from anywhere). */
function disc(): { width: number; height: number; data: Uint8Array } {
  const n = 26;
  const data = new Uint8Array(n * n * 4);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const r = Math.hypot(x + 0.5 - n / 2, y + 0.5 - n / 2);
      const px = r <= 10.5 ? [17, 24, 39, 255] : r <= 12.5 ? [255, 255, 255, 255] : [0, 0, 0, 0];
      data.set(px, (y * n + x) * 4);
    }
  }
  return { width: n, height: n, data };
}

/** Feature state `d` of a unit: marked as changed (it keeps its full colour while the rest fade). */
const moved = ['boolean', ['feature-state', 'd'], false];

/** A numbered mark on the map, at a CCG's label anchor. */
export interface DiffMark {
  unit: number;
  n: number;
}

export interface CompareMaps {
  readonly maps: readonly [MlMap, MlMap];
  /** Paints both options; resolves once both maps have drawn them. */
  paint(a: CompareSide, b: CompareSide): Promise<void>;
  /** Marks these CCGs as changed (hatch, outline, number); `show` false hides the difference marks. */
  mark(marks: readonly DiffMark[], show: boolean): Promise<void>;
  /** Zooms both maps to a CCG and outlines it (null: no focus). */
  focus(unit: number | null): void;
}

/** Text lines about a unit for the hover card (the view decides what they say). */
export type Describe = (unit: number) => { title: string; lines: string[] } | null;

function whenIdle(map: MlMap): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, 8000);
    map.once('idle', () => {
      clearTimeout(t);
      resolve();
    });
    map.triggerRepaint();
  });
}

function addDiffLayers(map: MlMap): void {
  for (const id of [MARKERS, MARKED, FOCUSED]) map.addSource(id, { type: 'geojson', data: EMPTY });
  map.addLayer({ id: DIFF.fill, type: 'fill', source: MARKED, paint: { 'fill-pattern': 'hatch' } }, LAYERS.firstLine);
  map.addLayer({
    id: DIFF.casing, type: 'line', source: MARKED, layout: { 'line-join': 'round' },
    paint: { 'line-color': '#ffffff', 'line-width': 7 },
  }, LAYERS.collabLabel);
  map.addLayer({
    id: DIFF.line, type: 'line', source: MARKED, layout: { 'line-join': 'round' },
    paint: { 'line-color': '#000000', 'line-width': 3.5 },
  }, LAYERS.collabLabel);
  map.addLayer({
    id: DIFF.focus, type: 'line', source: FOCUSED, layout: { 'line-join': 'round' },
    paint: { 'line-color': '#7c2d92', 'line-width': 5, 'line-dasharray': [2, 1] },
  }, LAYERS.collabLabel);
  // The number on a disc, as a symbol on top: always shown, and system labels make room for it.
  map.addImage(DISC, disc(), { pixelRatio: 1 });
  map.addLayer({
    id: DIFF.marker, type: 'symbol', source: MARKERS,
    layout: {
      'icon-image': DISC, 'icon-allow-overlap': true, 'icon-padding': 2,
      'text-field': ['to-string', ['get', 'n']], 'text-font': FONT, 'text-size': 12, 'text-allow-overlap': true,
    },
    paint: { 'text-color': '#ffffff' },
  });
}

export async function createCompareMaps(containers: [HTMLElement, HTMLElement], init: Init, describe: Describe): Promise<CompareMaps> {
  const maps = (await Promise.all(containers.map((c) => createMapView(c, init)))) as [MlMap, MlMap];
  const n = init.codes.length;
  const shown = [new Uint8Array(n).fill(NO_COLOUR), new Uint8Array(n).fill(NO_COLOUR)];
  let markedUnits = new Set<number>();
  const baseOpacity = maps[0].getPaintProperty(LAYERS.unitsFill, 'fill-opacity');

  maps.forEach((map, k) => {
    addDiffLayers(map);
    // Two maps side by side: the attribution starts folded (its ⓘ button opens it) so it does not cover England.
    containers[k].querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show');
  });

  maps[0].fitBounds(init.bbox, { padding: { top: 50, bottom: 24, left: 12, right: 12 }, duration: 0 });
  maps[1].jumpTo({ center: maps[0].getCenter(), zoom: maps[0].getZoom() });

  // Move one, the other follows. `jumpTo` fires `move` on the follower; the flag stops the echo.
  let syncing = false;
  maps.forEach((from, k) => {
    const to = maps[1 - k];
    from.on('move', () => {
      if (syncing) return;
      syncing = true;
      to.jumpTo({ center: from.getCenter(), zoom: from.getZoom(), bearing: from.getBearing(), pitch: from.getPitch() });
      syncing = false;
    });
  });

  // Hover: outline the CCG on both maps, say what happens to it beside the pointer.
  let hovered: number | null = null;
  const setHover = (i: number | null) => {
    if (i === hovered) return;
    for (const map of maps) outlines(map).set('hover', i === null ? [] : [i]);
    hovered = i;
  };
  const tips = containers.map((c) => {
    const tip = h('div', { class: 'cmp-tip', role: 'tooltip', hidden: true });
    c.parentElement!.append(tip);
    return tip;
  });
  const showTip = (k: number, unit: number, x: number, y: number) => {
    const d = describe(unit);
    const tip = tips[k];
    if (!d) {
      tip.hidden = true;
      return;
    }
    fill(tip, h('strong', {}, d.title), d.lines.map((l) => h('div', {}, l)));
    tip.hidden = false;
    const box = containers[k].getBoundingClientRect();
    const w = tip.offsetWidth;
    tip.style.left = `${Math.max(4, Math.min(x + 14, box.width - w - 4))}px`;
    tip.style.top = `${Math.max(4, y + 14 + tip.offsetHeight > box.height ? y - tip.offsetHeight - 10 : y + 14)}px`;
  };
  maps.forEach((map, k) => {
    map.on('mousemove', LAYERS.unitsFill, (e) => {
      const id = e.features?.[0]?.id;
      if (typeof id !== 'number') return;
      map.getCanvas().style.cursor = 'default';
      setHover(id);
      showTip(k, id, e.point.x, e.point.y);
    });
    map.on('mouseleave', LAYERS.unitsFill, () => {
      setHover(null);
      tips[k].hidden = true;
    });
  });

  const paintSide = (k: number, side: CompareSide) => {
    const map = maps[k];
    for (let i = 0; i < n; i++) {
      if (shown[k][i] === side.unitColour[i]) continue;
      shown[k][i] = side.unitColour[i];
      map.setFeatureState({ source: SOURCES.units, id: i }, { c: side.unitColour[i] === NO_COLOUR ? null : side.unitColour[i] });
    }
    geojsonSource(map, SOURCES.sysBorders).setData({ type: 'Feature', properties: {}, geometry: side.systemBorders });
    geojsonSource(map, SOURCES.orgBorders).setData({ type: 'Feature', properties: {}, geometry: side.organisationBorders });
    setSystemLabels(map, side.labels);
    map.getCanvas().setAttribute('aria-label', `Map of option ${k ? 'B' : 'A'}, ${side.name}. It follows the other map. The list of differences beside it says the same in words.`);
  };

  const zoomers = maps.map((m) => createZoomer(m, init));

  return {
    maps,
    async paint(a, b) {
      paintSide(0, a);
      paintSide(1, b);
      await Promise.all(maps.map(whenIdle));
    },
    async mark(marks, show) {
      const next = new Set(show ? marks.map((m) => m.unit) : []);
      const points: FeatureCollection<Point, { n: number; unit: number }> = {
        type: 'FeatureCollection',
        features: show ? marks.map((m) => ({ type: 'Feature', properties: { n: m.n, unit: m.unit }, geometry: { type: 'Point', coordinates: init.anchors[m.unit] } })) : [],
      };
      for (const map of maps) {
        for (const i of markedUnits) if (!next.has(i)) map.setFeatureState({ source: SOURCES.units, id: i }, { d: false });
        for (const i of next) if (!markedUnits.has(i)) map.setFeatureState({ source: SOURCES.units, id: i }, { d: true });
        geojsonSource(map, MARKERS).setData(points);
        geojsonSource(map, MARKED).setData({ type: 'FeatureCollection', features: [...next].map((i) => init.units.features[i]) });
        // A few numbers always show; many (organisations merging across England) thin out until zoomed in.
        const few = marks.length <= MAX_OVERLAPPING_MARKS;
        map.setLayoutProperty(DIFF.marker, 'icon-allow-overlap', few);
        map.setLayoutProperty(DIFF.marker, 'text-allow-overlap', few);
        // With differences shown, the unchanged CCGs fade so the changed ones stand out.
        map.setPaintProperty(LAYERS.unitsFill, 'fill-opacity', (show ? ['case', moved, 1, 0.45] : baseOpacity) as never);
      }
      markedUnits = next;
      await Promise.all(maps.map(whenIdle));
    },
    focus(unit) {
      const features = unit === null ? [] : [init.units.features[unit]];
      for (const map of maps) geojsonSource(map, FOCUSED).setData({ type: 'FeatureCollection', features });
      // Zoom the map on screen (on a narrow screen one is hidden, with no size); the other follows.
      if (unit !== null) zoomers[containers[0].offsetWidth > 0 ? 0 : 1]([init.codes[unit]]);
    },
  };
}
