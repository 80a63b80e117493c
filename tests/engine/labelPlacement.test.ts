// Label placement (engine/labelPlacement.ts): on synthetic crowded inputs and on STP 2019 at England's view in the
// four window sizes of issue 13, every label is placed clear (no two boxes overlapping, each inside the view and off
// the controls, covering its point or led to it by a line within the reach, no leader line crossing another or
// running through a label), the same input gives the same output, and the smallest footprints are served first.
import { describe, expect, it } from 'vitest';
import { feature } from 'topojson-client';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { keepPlacement, placeLabels, reachOf, segmentCrossesRect, segmentsCross, type LabelInput, type Placement, type Rect, type View } from '../../engine/labelPlacement.ts';
import { anchorOf, labelPoints } from '../../engine/labelPoints.ts';
import { abbreviatedName, shortName } from '../../engine/shortName.ts';
import { formBox, labelForms, labelTextSize } from '../../engine/labelText.ts';
import { formatShort } from '../../engine/format.ts';
import { Evaluator } from '../../engine/evaluate.ts';
import { scenarioFromBaseline } from '../../engine/scenario.ts';
import { realGeography } from './helpers/real.ts';

const meet = (a: Rect, b: Rect) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/** Every rule a placement must keep, as a list of what breaks it (empty when it holds). */
function problems(labels: readonly LabelInput[], out: readonly Placement[], view: View, controls: readonly Rect[] = []): string[] {
  const bad: string[] = [];
  const reach = reachOf(view);
  out.forEach((p, k) => {
    const f = labels[k].forms[p.form];
    if (Math.abs(p.box[2] - p.box[0] - f.w) > 1e-6 || Math.abs(p.box[3] - p.box[1] - f.h) > 1e-6) bad.push(`${k}: box is not its form's size`);
    if (p.clash) bad.push(`${k}: no clear place`);
    if (!labels[k].points.some((q) => q[0] === p.point[0] && q[1] === p.point[1])) bad.push(`${k}: point is not one of its own`);
    if (p.leader) {
      const len = Math.hypot(p.leader[1][0] - p.leader[0][0], p.leader[1][1] - p.leader[0][1]);
      if (len > reach + 1e-6) bad.push(`${k}: leader line ${len.toFixed(0)} px > ${reach}`);
      if (p.leader[0][0] !== p.point[0] || p.leader[0][1] !== p.point[1]) bad.push(`${k}: leader line does not start at its point`);
    } else if (!(p.point[0] >= p.box[0] && p.point[0] <= p.box[2] && p.point[1] >= p.box[1] && p.point[1] <= p.box[3])) bad.push(`${k}: box does not cover its point`);
    if (p.box[0] < 0 || p.box[1] < 0 || p.box[2] > view.width || p.box[3] > view.height) bad.push(`${k}: outside the view`);
    for (const c of controls) if (meet(p.box, c)) bad.push(`${k}: under a control`);
    for (let j = k + 1; j < out.length; j++) {
      const q = out[j];
      if (meet(p.box, q.box)) bad.push(`${k}/${j}: boxes overlap`);
      if (p.leader && q.leader && segmentsCross(p.leader, q.leader)) bad.push(`${k}/${j}: leader lines cross`);
      if (p.leader && segmentCrossesRect(p.leader[0], p.leader[1], q.box)) bad.push(`leader ${k} through label ${j}`);
      if (q.leader && segmentCrossesRect(q.leader[0], q.leader[1], p.box)) bad.push(`leader ${j} through label ${k}`);
    }
  });
  return bad;
}

/** A deterministic pseudo-random stream (the test's own, so the inputs do not depend on the engine's generator). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** n labels with points scattered over a w×h patch in the middle of the view, three forms each. */
function crowd(n: number, w: number, h: number, view: View, seed: number): LabelInput[] {
  const r = lcg(seed);
  return Array.from({ length: n }, () => {
    const x = (view.width - w) / 2 + r() * w, y = (view.height - h) / 2 + r() * h;
    const width = 40 + r() * 60;
    return {
      points: [[x, y], [x + (r() - 0.5) * 20, y + (r() - 0.5) * 20]],
      forms: [{ w: width, h: 26 }, { w: width, h: 14 }, { w: width * 0.7, h: 14 }],
      area: 200 + r() * 4000,
    };
  });
}

describe('placeLabels on synthetic crowds', () => {
  const view = { width: 900, height: 700 };
  it.each([1, 2, 3, 4, 5])('seed %i: 40 labels in a 400×400 patch are all placed clear', (seed) => {
    const labels = crowd(40, 400, 400, view, seed);
    const out = placeLabels(labels, view);
    expect(problems(labels, out, view)).toEqual([]);
    // Crowded enough that some labels need leader lines or a smaller form (else the test proves nothing).
    expect(out.some((p) => p.leader || p.form > 0)).toBe(true);
  });

  it('avoids the controls, even where a label would sit best', () => {
    const labels = crowd(30, 400, 400, view, 7);
    const free = placeLabels(labels, view);
    // A control over where the first two labels would go (beside their points, which stay clear), and a band on top.
    const beside = (b: readonly number[]): Rect => [(b[0] + b[2]) / 2 + 2, b[1] - 2, b[2] + 2, b[3] + 2];
    const controls: Rect[] = [beside(free[0].box), beside(free[1].box), [0, 0, 900, 60]];
    const out = placeLabels(labels, view, controls);
    expect(problems(labels, out, view, controls)).toEqual([]);
    expect(meet(out[0].box, controls[0])).toBe(false);
  });

  it('is deterministic: the same input gives the same placements', () => {
    const labels = crowd(40, 350, 350, view, 11);
    expect(placeLabels(labels, view)).toEqual(placeLabels(crowd(40, 350, 350, view, 11), view));
  });

  it('serves the smallest footprint first: of two labels contending for one spot, the smaller keeps its place', () => {
    const form = { w: 80, h: 20 };
    // The boxes centred on the two points would overlap; the big footprint's point lies outside the small one's box.
    const big: LabelInput = { points: [[400, 316]], forms: [form], area: 50_000 };
    const small: LabelInput = { points: [[400, 300]], forms: [form], area: 2_000 };
    const centred = (p: Placement) => p.leader === null && p.at[0] === p.point[0] && p.at[1] === p.point[1];
    for (const labels of [[big, small], [small, big]]) {
      const out = placeLabels(labels, view);
      expect(centred(out[labels.indexOf(small)])).toBe(true);
      expect(centred(out[labels.indexOf(big)])).toBe(false);
      expect(problems(labels, out, view)).toEqual([]);
    }
  });

  it('sets a cluster of tiny footprints in a column beside it when the ring round it is full', () => {
    // Eight tiny footprints 10 px apart, ringed by sixteen big labels in place: only a column at a distance fits.
    const tiny: LabelInput[] = Array.from({ length: 8 }, (_, k) => ({ points: [[450 + (k % 3) * 10, 330 + Math.floor(k / 3) * 10]], forms: [{ w: 70, h: 13 }], area: 30 }));
    const ring: LabelInput[] = Array.from({ length: 16 }, (_, k) => {
      const a = (2 * Math.PI * k) / 16;
      return { points: [[460 + 90 * Math.cos(a), 340 + 90 * Math.sin(a)]], forms: [{ w: 60, h: 24 }], area: 20_000 };
    });
    const labels = [...ring, ...tiny];
    const out = placeLabels(labels, view);
    expect(problems(labels, out, view)).toEqual([]);
    const led = out.slice(16).filter((p) => p.leader);
    expect(led).toHaveLength(8);
  });
});

describe('keepPlacement: labels stay put after an edit while they are still clear', () => {
  const view = { width: 900, height: 700 };
  const labels = crowd(30, 400, 400, view, 3);
  const placed = placeLabels(labels, view);
  const grow = (k: number, by: number): LabelInput[] =>
    labels.map((l, j) => (j === k ? { ...l, forms: l.forms.map((f) => ({ w: f.w + by, h: f.h })) } : l));

  it('keeps every placement for the same inputs', () => {
    expect(keepPlacement(placed, labels, view)).toEqual(placed);
  });

  it('keeps an in-place label whose text grew by a digit, its box resized about the same centre, still clear', () => {
    const k = placed.findIndex((p, j) => !p.leader && (keepPlacement(placed, grow(j, 4), view) !== null));
    expect(k).toBeGreaterThanOrEqual(0);
    const next = grow(k, 4);
    const kept = keepPlacement(placed, next, view)!;
    expect(kept[k].at).toEqual(placed[k].at);
    expect(kept[k].box[2] - kept[k].box[0]).toBeCloseTo(placed[k].box[2] - placed[k].box[0] + 4);
    expect(problems(next, kept, view)).toEqual([]);
  });

  it('gives up (null) when a grown box would meet another, a point moved, or a control came over a label', () => {
    // The widest growth makes some box meet a neighbour's.
    expect(keepPlacement(placed, grow(0, 2000), view)).toBeNull();
    const moved = labels.map((l, j) => (j === 0 ? { ...l, points: l.points.map((p) => [p[0] + 5, p[1]] as [number, number]) } : l));
    expect(keepPlacement(placed, moved, view)).toBeNull();
    expect(keepPlacement(placed, labels, view, [placed[3].box])).toBeNull();
  });
});

// STP 2019 projected as MapLibre shows it at England's first view (Web Mercator, the bundle's box fitted with the
// map's padding) in map areas of the four windows' sizes, with text widths estimated per character.
describe('placeLabels on STP 2019 at England view', () => {
  const geo = realGeography();
  const ev = new Evaluator(geo).evaluate(scenarioFromBaseline(geo.bundle, 'stp-2019'));
  const t = geo.bundle.topology;
  const anchors = (feature(t, t.objects.units) as unknown as FeatureCollection<Polygon | MultiPolygon>).features.map((f) => anchorOf(f.geometry));
  const merc = ([lon, lat]: readonly [number, number]): [number, number] => [((lon + 180) / 360) * 512, (0.5 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / (2 * Math.PI)) * 512];
  const bb = t.bbox ?? [-6, 49.9, 1.8, 55.9];
  // An estimate of Liberation Sans's advances in ems, wide letters wider.
  const em = (s: string) => [...s].reduce((w, ch) => w + (/[A-Z]/.test(ch) ? 0.68 : /[ilj.,']/.test(ch) ? 0.26 : ch === ' ' ? 0.28 : /[mw]/.test(ch) ? 0.85 : 0.56), 0);

  // The map areas the app gives 800×900, 1024×700, 1400×900 and 1920×1080 windows.
  it.each([[800, 497], [584, 425], [860, 750], [1380, 963]])('in a %i×%i map: all 42 placed clear', (width, height) => {
    const view = { width, height };
    const [x0, y1] = merc([bb[0], bb[1]]);
    const [x1, y0] = merc([bb[2], bb[3]]);
    const side = Math.min(60, width * 0.08);
    const k = Math.min((width - 2 * side) / (x1 - x0), (height - 40) / (y1 - y0));
    const ox = (width - k * (x1 - x0)) / 2, oy = (height - k * (y1 - y0)) / 2;
    const px = (p: readonly [number, number]): [number, number] => {
      const [x, y] = merc(p);
      return [ox + (x - x0) * k, oy + (y - y0) * k];
    };
    const kmPerPx = (40_075 * Math.cos((53 * Math.PI) / 180)) / (512 * k);
    const zoom = Math.log2((512 * k) / 512);
    const labels: LabelInput[] = ev.systems.map((m) => {
      const texts = { short: shortName(m.name), abbreviated: abbreviatedName(m.name), population: formatShort(m.population), counts: '' };
      return {
        points: labelPoints(m.members, anchors, geo.areaKm2).map(px),
        forms: labelForms(texts, zoom, em).map((lines) => formBox(lines, labelTextSize(view, zoom), em)),
        area: m.areaKm2 / kmPerPx ** 2,
      };
    });
    // The controls over the map as the app lays them out (zoom buttons, scale bar, attribution, the Key; the tools
    // over the map's corner in a wide window).
    const wide = width >= 800 && height >= 700;
    const controls: Rect[] = [
      [width - 39, 10, width - 10, 68], [10, height - 32, 80, height - 10], [width - 34, height - 34, width - 10, height - 10],
      wide ? [width - 120, 84, width - 10, 135] : [width - 120, height - 85, width - 10, height - 34],
      ...(wide ? [[10, 10, 310, 156] as Rect] : []),
    ];
    placeLabels(labels, view, controls);
    const runs = 20;
    const t0 = performance.now();
    let out: Placement[] = [];
    for (let r = 0; r < runs; r++) out = placeLabels(labels, view, controls);
    const ms = (performance.now() - t0) / runs;
    console.log(`placeLabels, STP 2019 in ${width}×${height} at ${labelTextSize(view, zoom)} px (zoom ${zoom.toFixed(2)}): ${ms.toFixed(2)} ms per placement (mean of ${runs}); ${out.filter((p) => p.leader).length} leader lines, ${out.filter((p) => p.form > 0).length} not in their first form`);
    expect(problems(labels, out, view, controls)).toEqual([]);
  });
});
