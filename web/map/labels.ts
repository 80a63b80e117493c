/**
 * Draws the system labels where the engine places them (engine/labelPlacement.ts, engine/labelText.ts): this module
 * only measures the text, projects the points and draws the result into SOURCES.labels (label points and leader
 * lines). Placed on the main thread, in a few ms, when the labels change (`setSystemLabels`), when the view settles
 * after a move, zoom or resize (`moveend`, `resize`) and when a panel over the map opens or closes; while the map
 * moves, the last placement stays on the map, anchored to places. No two labels overlap at any window size.
 *
 * Widths are the sum of each character's advance in the map's font stack, measured as MapLibre measures local
 * glyphs (TinySDF draws each glyph alone at 48 px, without kerning, and takes its advance from `measureText`).
 * Lines are broken here and `text-max-width` is too wide for MapLibre to break them again, so what is drawn is
 * what was measured. Each label's type size is a feature property, constant in zoom (see labelTextSize).
 */
import type { GeoJSONSource, Map as MlMap } from 'maplibre-gl';
import type { Feature, FeatureCollection, Point } from 'geojson';
import { keepPlacement, placeLabels, type LabelInput, type Placement, type Rect } from '../../engine/labelPlacement.ts';
import { formBox, labelForms, labelTextSize, type LabelLine } from '../../engine/labelText.ts';
import type { SystemLabel } from '../../workers/api.ts';

const GLYPH_PX = 48;

function measurer(font: readonly string[]): (text: string) => number {
  const ctx = document.createElement('canvas').getContext('2d')!;
  ctx.font = `${GLYPH_PX}px ${font.map((f) => (/\s/.test(f) ? `"${f}"` : f)).join(', ')}`;
  const advance = new Map<string, number>();
  return (text) => {
    let w = 0;
    for (const ch of text) {
      let a = advance.get(ch);
      if (a === undefined) advance.set(ch, (a = ctx.measureText(ch).width / GLYPH_PX));
      w += a;
    }
    return w;
  };
}

/**
 * The controls drawn over the map, as boxes in the map's pixels: MapLibre's own (zoom buttons, scale bar,
 * attribution) and every element laid over the map beside it in its parent (the Key, the tools). A label under
 * one could not be read.
 */
export function controlBoxes(container: HTMLElement): Rect[] {
  const c = container.getBoundingClientRect();
  const over = [...container.querySelectorAll<HTMLElement>('.maplibregl-ctrl')];
  for (const el of container.parentElement?.children ?? []) if (el !== container && el instanceof HTMLElement) over.push(el);
  const out: Rect[] = [];
  for (const el of over) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const box: Rect = [r.left - c.left, r.top - c.top, r.right - c.left, r.bottom - c.top];
    if (box[0] < c.width && box[2] > 0 && box[1] < c.height && box[3] > 0) out.push(box);
  }
  return out;
}

interface Placer {
  labels: Feature<Point, SystemLabel>[];
  place(): void;
}
const placers = new WeakMap<MlMap, Placer>();

/** Gives a map its system labels (from the engine's state) and places them at once. */
export function setSystemLabels(map: MlMap, labels: FeatureCollection<Point, SystemLabel>): void {
  const p = placers.get(map);
  if (!p) return;
  p.labels = labels.features;
  p.place();
}

/** Square km → px² at latitude `lat` and `zoom` (MapLibre's 512 px tiles, Web Mercator). */
const pxPerKm = (lat: number, zoom: number) => (512 * 2 ** zoom) / (40_075.016686 * Math.cos((lat * Math.PI) / 180));

/** The text of a form for `text-field`: the name's lines, and the detail lines (smaller) apart. */
const textOf = (lines: readonly LabelLine[]) => ({
  name: lines.filter((l) => l.scale === 1).map((l) => l.text).join('\n'),
  detail: lines.filter((l) => l.scale !== 1).map((l) => l.text).join('\n'),
});

/** Places a map's labels for every view it shows, into `source` (drawn by mapView.ts's label and leader layers). */
export function attachLabelPlacer(map: MlMap, source: string, font: readonly string[]): void {
  const em = measurer(font);
  let controls: Rect[] | undefined;
  let last: { view: string; placed: Placement[] } | undefined;
  const placer: Placer = {
    labels: [],
    place() {
      const t0 = performance.now();
      const labels = placer.labels;
      const c = map.getContainer();
      const view = { width: c.clientWidth, height: c.clientHeight };
      const zoom = map.getZoom();
      const size = labelTextSize(view, zoom);
      const forms = labels.map((f) => labelForms(f.properties, zoom, em));
      const px = (p: [number, number]): [number, number] => {
        const q = map.project(p);
        return [q.x, q.y];
      };
      const inputs: LabelInput[] = labels.map((f, k) => {
        const pts = f.properties.points.length ? f.properties.points : [f.geometry.coordinates as [number, number]];
        return {
          points: pts.map(px),
          forms: forms[k].map((lines) => formBox(lines, size, em)),
          area: f.properties.areaKm2 * pxPerKm(pts[0][1], zoom) ** 2,
        };
      });
      // Read from the page's layout only when the view or a panel changed: an edit's placement forces no layout.
      const shown = viewKey(map);
      const sameView = controls !== undefined && last?.view === shown;
      controls ??= controlBoxes(c);
      const t1 = performance.now();
      // After an edit in the same view, the labels stay where they are if they are all still clear there.
      const kept = sameView && last ? keepPlacement(last.placed, inputs, view, controls) : null;
      const placed = kept ?? placeLabels(inputs, view, controls);
      last = { view: shown, placed };
      const t2 = performance.now();
      const features: Feature[] = [];
      placed.forEach((p, k) => {
        const f = labels[k];
        const at = map.unproject(p.at);
        const point = map.unproject(p.point);
        const { name, detail } = textOf(forms[k][p.form]);
        features.push({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [at.lng, at.lat] },
          // The engine's figures ride along (what a test or a picture reads), whichever form shows them.
          properties: { id: f.properties.id, index: f.properties.index, name, ...(detail ? { detail } : {}), population: f.properties.population, counts: f.properties.counts, size, justify: p.justify, point: [point.lng, point.lat], leader: p.leader !== null },
        });
        if (p.leader) {
          const ends = p.leader.map((q) => map.unproject(q)).map((q) => [q.lng, q.lat]);
          features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: ends }, properties: { of: f.properties.id } });
        }
      });
      void (map.getSource(source) as GeoJSONSource).setData({ type: 'FeatureCollection', features });
      // What the labels were placed for (tests wait on it before reading them back), and how long it took.
      c.dataset.labelsView = shown;
      c.dataset.labelsCount = String(labels.length);
      c.dataset.labelsClash = String(placed.filter((p) => p.clash).length);
      c.dataset.labelsPlaced = String(Number(c.dataset.labelsPlaced ?? 0) + 1);
      c.dataset.labelsPlaceMs = (t2 - t1).toFixed(2);
      c.dataset.labelsKept = String(kept !== null);
      c.dataset.labelsMainMs = (performance.now() - t0).toFixed(2);
    },
  };
  placers.set(map, placer);
  // At most one placement per frame: a window being resized fires many events.
  let pending = false;
  const again = () => {
    controls = undefined;
    if (pending || !placer.labels.length) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      placer.place();
    });
  };
  map.on('moveend', again);
  map.on('resize', again);
  // The Key and the keyboard help open and close over the map: the labels make room for them.
  map.getContainer().parentElement?.addEventListener('toggle', again, true);
}

/** The view labels are placed for: zoom, centre and size (a test compares it with the map's). */
export function viewKey(map: MlMap): string {
  const c = map.getCenter();
  const el = map.getContainer();
  return `${map.getZoom().toFixed(4)} ${c.lng.toFixed(5)} ${c.lat.toFixed(5)} ${el.clientWidth}x${el.clientHeight}`;
}
