// Every system labelled at the England view, no two labels overlapping, none under a control, each on its own
// system or joined to it by a short leader line, no two leader lines crossing: at the four window sizes of issue
// 13. The label boxes are read back from what MapLibre drew (its queryRenderedFeatures hit-tests the placed text
// boxes; each edge is found by bisection); the leader lines and the points labels cover are the features the
// label source holds; the system under a point is read from the units drawn there, against the engine's assignment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, hook, jumpToUnit, settle, startApp, waitReady, type App } from './helpers.ts';
import { labelsPlaced, mapIdle, placedSystemLabels } from './mapHelpers.ts';
import { borderCcg, bundle } from './realBundle.ts';
import { reachOf } from '../../engine/labelPlacement.ts';

let app: App;
beforeAll(async () => {
  app = await startApp('labels');
});
afterAll(async () => {
  await app?.close();
});

type Box = [number, number, number, number];
type P = [number, number];
interface Drawn {
  id: string;
  box: Box;
  /** The system drawn at the point the label covers, or at the inner end of its leader line. */
  under: string | null;
  /** The point the label covers (no leader line), in view pixels. */
  point: P | null;
  leader: [P, P] | null;
}

/** The drawn label boxes, the controls over the map and the leader lines, read from the map in the page. */
async function readLabels(): Promise<{ drawn: Drawn[]; controls: Box[]; view: { width: number; height: number } }> {
  type F = { id?: number | string; properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } };
  type M = {
    queryRenderedFeatures(g?: unknown, o?: { layers: string[] }): F[];
    project(p: [number, number]): { x: number; y: number };
    getSource(id: string): { getData(): Promise<{ features: F[] }> };
    getContainer(): HTMLElement;
  };
  const h = (window as unknown as { __footprints: { map: M; state: { unitSystem: ArrayLike<number>; systems: { id: string }[] } } }).__footprints;
  const m = h.map;
  const at = (x: number, y: number, layer: string) => m.queryRenderedFeatures([x, y], { layers: [layer] });
  const hits = (x: number, y: number, id: string) => at(x, y, 'system-labels').some((f) => f.properties.id === id);
  const systemAt = (p: P) => {
    const u = at(p[0], p[1], 'units-fill')[0];
    return u === undefined ? null : h.state.systems[h.state.unitSystem[Number(u.id)]]?.id ?? null;
  };
  const edge = (inside: number, outside: number, test: (v: number) => boolean) => {
    let a = inside, b = outside; // test(a) true, test(b) false
    for (let k = 0; k < 14; k++) {
      const c = (a + b) / 2;
      if (test(c)) a = c;
      else b = c;
    }
    return a;
  };
  const px = (p: unknown): P => {
    const q = m.project(p as [number, number]);
    return [q.x, q.y];
  };
  const data = (await m.getSource('system-labels').getData()).features;
  const leaders = new Map(data.filter((f) => f.geometry.type === 'LineString').map((f) => [String(f.properties.of), (f.geometry.coordinates as unknown[]).map(px) as [P, P]]));
  const points = new Map(data.filter((f) => f.geometry.type === 'Point').map((f) => [String(f.properties.id), px(f.properties.point)]));
  const seen = new Set<string>();
  const drawn: Drawn[] = [];
  for (const f of m.queryRenderedFeatures(undefined, { layers: ['system-labels'] })) {
    const id = String(f.properties.id);
    if (seen.has(id)) continue;
    seen.add(id);
    const c = m.project(f.geometry.coordinates as [number, number]);
    const box: Box = [
      edge(c.x, c.x - 400, (x) => hits(x, c.y, id)),
      edge(c.y, c.y - 200, (y) => hits(c.x, y, id)),
      edge(c.x, c.x + 400, (x) => hits(x, c.y, id)),
      edge(c.y, c.y + 200, (y) => hits(c.x, y, id)),
    ];
    const leader = leaders.get(id) ?? null;
    const point = leader ? null : points.get(id) ?? null;
    const inner = leader ? leader[0] : point;
    drawn.push({ id, box, under: inner ? systemAt(inner) : null, point, leader });
  }
  const el = m.getContainer();
  const r = el.getBoundingClientRect();
  const over = [...el.querySelectorAll<HTMLElement>('.maplibregl-ctrl')];
  for (const x of el.parentElement?.children ?? []) if (x !== el && x instanceof HTMLElement) over.push(x);
  const controls = over.map((x) => x.getBoundingClientRect()).filter((b) => b.width > 0 && b.height > 0).map((b): Box => [b.left - r.left, b.top - r.top, b.right - r.left, b.bottom - r.top]);
  return { drawn, controls, view: { width: el.clientWidth, height: el.clientHeight } };
}

const SIZES = [[800, 900], [1024, 700], [1400, 900], [1920, 1080]] as const;
const stp = bundle.baselines['stp-2019'];
const meet = (p: Box, q: Box) => p[0] < q[2] - 0.5 && q[0] < p[2] - 0.5 && p[1] < q[3] - 0.5 && q[1] < p[3] - 0.5;
const side = (p: P, q: P, r: P) => (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
/** Whether segment s passes through box r shrunk by half a pixel (Liang–Barsky clipping). */
const through = (s: [P, P], r: Box) => {
  const [p, q] = s;
  const dx = q[0] - p[0], dy = q[1] - p[1];
  let t0 = 0, t1 = 1;
  for (const [a, b] of [[-dx, p[0] - r[0] - 0.5], [dx, r[2] - 0.5 - p[0]], [-dy, p[1] - r[1] - 0.5], [dy, r[3] - 0.5 - p[1]]]) {
    if (a === 0) {
      if (b < 0) return false;
    } else if (a < 0) t0 = Math.max(t0, b / a);
    else t1 = Math.min(t1, b / a);
  }
  return t0 < t1;
};
const cross = (a: [P, P], b: [P, P]) => side(b[0], b[1], a[0]) * side(b[0], b[1], a[1]) < 0 && side(a[0], a[1], b[0]) * side(a[0], a[1], b[1]) < 0;

describe('system labels at the England view', { timeout: 300_000 }, () => {
  it.each(SIZES)('at %i×%i: all 42 labelled, none overlapping or under a control or a leader line, each on its own system or led to it by a short line', async (width, height) => {
    const { page, context } = await app.open({ viewport: { width, height } });
    try {
      await waitReady(page);
      // Placed for the view shown (web/map/labels.ts viewKey), then drawn.
      await labelsPlaced(page);
      await page.waitForFunction(() => (window as unknown as { __footprints: { map: { getContainer(): HTMLElement } } }).__footprints.map.getContainer().dataset.labelsCount === '42');
      await page.screenshot({ path: `${ARTIFACTS}/e2e-labels-${width}x${height}.png` });
      const timing = await page.evaluate(() => ({ ...(window as unknown as { __footprints: { map: { getContainer(): HTMLElement } } }).__footprints.map.getContainer().dataset }));
      console.log(`labels at ${width}×${height}: placement ${timing.labelsPlaceMs} ms, main thread in all ${timing.labelsMainMs} ms, ${timing.labelsClash} without a clear place`);
      // Readable type: the size each label is drawn at.
      const sizes = await page.evaluate(async () => {
        const m = (window as unknown as { __footprints: { map: { getSource(id: string): { getData(): Promise<{ features: { properties: { size?: number } }[] }> } } } }).__footprints.map;
        return (await m.getSource('system-labels').getData()).features.flatMap((f) => (f.properties.size === undefined ? [] : [f.properties.size]));
      });
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(width >= 1400 ? 10 : 9);
      expect(await placedSystemLabels(page)).toEqual(stp.systems.map((s) => s.id).sort());
      const { drawn, controls, view } = await page.evaluate(readLabels);
      expect(drawn).toHaveLength(42);
      const reach = reachOf(view);
      for (const d of drawn) {
        expect(d.box[2] - d.box[0], d.id).toBeGreaterThan(8);
        expect(d.under, `${d.id}${d.leader ? ' (leader line)' : ''}`).toBe(d.id);
        if (d.point) {
          // The label covers its point.
          expect(d.point[0], d.id).toBeGreaterThanOrEqual(d.box[0] - 1);
          expect(d.point[0], d.id).toBeLessThanOrEqual(d.box[2] + 1);
          expect(d.point[1], d.id).toBeGreaterThanOrEqual(d.box[1] - 1);
          expect(d.point[1], d.id).toBeLessThanOrEqual(d.box[3] + 1);
        }
        if (d.leader) expect(Math.hypot(d.leader[0][0] - d.leader[1][0], d.leader[0][1] - d.leader[1][1]), `${d.id} leader line`).toBeLessThanOrEqual(reach + 1);
        // Inside the view.
        expect(d.box[0], d.id).toBeGreaterThanOrEqual(-1);
        expect(d.box[1], d.id).toBeGreaterThanOrEqual(-1);
        expect(d.box[2], d.id).toBeLessThanOrEqual(view.width + 1);
        expect(d.box[3], d.id).toBeLessThanOrEqual(view.height + 1);
      }
      const clash: string[] = [];
      for (let a = 0; a < drawn.length; a++) {
        const p = drawn[a];
        for (const o of controls) if (meet(p.box, o)) clash.push(`${p.id} under a control at ${o.map(Math.round).join(',')}`);
        for (let b = a + 1; b < drawn.length; b++) {
          const q = drawn[b];
          if (meet(p.box, q.box)) clash.push(`${p.id} ${p.box.map(Math.round).join(',')} / ${q.id} ${q.box.map(Math.round).join(',')}`);
          if (p.leader && q.leader && cross(p.leader, q.leader)) clash.push(`leader lines of ${p.id} and ${q.id} cross`);
          for (const [r, s] of [[p, q], [q, p]]) if (r.leader && through(r.leader, s.box)) clash.push(`leader line of ${r.id} runs through the label of ${s.id}`);
        }
      }
      expect(clash).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('labels after an edit', { timeout: 300_000 }, () => {
  it('are placed again when an edit changes a label, not when a selection changes none; little main-thread time', async () => {
    const { page, context } = await app.open({ viewport: { width: 1400, height: 900 } });
    const placed = () => page.evaluate(() => Number((window as unknown as { __footprints: { map: { getContainer(): HTMLElement } } }).__footprints.map.getContainer().dataset.labelsPlaced ?? 0));
    const mainMs = () => page.evaluate(() => Number((window as unknown as { __footprints: { map: { getContainer(): HTMLElement } } }).__footprints.map.getContainer().dataset.labelsMainMs));
    try {
      await waitReady(page);
      const { i, to } = borderCcg();
      // Zoomed in on a CCG, so the click below lands on it; the labels placed for that view.
      await jumpToUnit(page, i, 8);
      await labelsPlaced(page);
      const before = await placed();
      // A selection by a click (the map stays put): a new state whose labels are the same objects, so none is placed.
      const box = (await page.locator('#map canvas').boundingBox())!;
      const at = await page.evaluate((k) => (window as unknown as { __footprints: { project(i: number): { x: number; y: number } } }).__footprints.project(k), i);
      await page.mouse.click(box.x + at.x, box.y + at.y);
      await expect.poll(() => hook(page, (h) => h.selection)).toEqual([i]);
      await settle(page);
      await mapIdle(page);
      expect(await placed()).toBe(before);
      // An edit: two systems' populations change, so their labels are placed again.
      await page.selectOption('#assign-to', to);
      await page.press('#assign-to', 'Enter');
      await settle(page);
      await expect.poll(placed, { timeout: 60_000 }).toBe(before + 1);
      // Measured, not asserted (DESIGN.md: budgets are measured by the benches): the main thread's share of a placement.
      console.log(`labels: main-thread time of the edit's placement ${(await mainMs()).toFixed(2)} ms`);
    } finally {
      await context.close();
    }
  });
});
