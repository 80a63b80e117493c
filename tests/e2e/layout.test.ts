// The editor's layout at four window sizes: nothing covers the summary, the key, Undo/Redo or England's north,
// and England is fitted inside the map with room to spare at the first view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dropFile, startApp, type App } from './helpers.ts';
import { mapIdle, placedSystemLabels } from './mapHelpers.ts';

let app: App;
type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box | null, b: Box | null) => !!a && !!b && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const box = (page: Page, sel: string) => page.locator(sel).first().boundingBox();

beforeAll(async () => {
  app = await startApp('layout');
});
afterAll(async () => {
  await app?.close();
});

describe.each([[800, 900], [1024, 700], [1400, 900], [1920, 1080]])('at %i×%i', (width, height) => {
  it('nothing covers the summary, the key, Undo/Redo or England, which fits the map', { timeout: 180_000 }, async () => {
    const { page, context } = await app.open({ viewport: { width, height } });
    try {
      await mapIdle(page);
      // Every system is labelled in every window (labels are never dropped for want of room).
      expect(await placedSystemLabels(page)).toHaveLength(42);
      const search = await box(page, '#ccg-search');
      const tools = await box(page, '#map-toolbar .tools');
      for (const other of ['#summary', '#legend']) {
        expect(overlap(search, await box(page, other)), `search box over ${other}`).toBe(false);
        expect(overlap(tools, await box(page, other)), `tools over ${other}`).toBe(false);
      }
      // An error message (a refused file) sits clear of the summary.
      await dropFile(page, 'bad.csv', 'ccg_code,system\nE38999999,x\n', 'text/csv');
      await page.waitForSelector('.notice-error');
      expect(overlap(await box(page, '.notice-error'), await box(page, '#summary')), 'error notice over the summary').toBe(false);
      const title = await box(page, '#scenario-title');
      expect(overlap(title, await box(page, '#undo')), 'title over Undo').toBe(false);
      expect(overlap(title, await box(page, '#redo')), 'title over Redo').toBe(false);
      // England's bounding box, projected: inside the map's canvas with padding, and clear of the tools.
      const canvas = (await box(page, '#map canvas'))!;
      const england = await page.evaluate(() => {
        const h = (window as unknown as { __footprints: { init: { bbox: number[] }; map: { project(p: [number, number]): { x: number; y: number } } } }).__footprints;
        const [w, s, e, n] = h.init.bbox;
        const nw = h.map.project([w, n]);
        const se = h.map.project([e, s]);
        return { x: nw.x, y: nw.y, width: se.x - nw.x, height: se.y - nw.y };
      });
      expect(england.y).toBeGreaterThanOrEqual(10);
      expect(england.y + england.height).toBeLessThanOrEqual(canvas.height - 10);
      expect(england.x).toBeGreaterThanOrEqual(0);
      expect(england.x + england.width).toBeLessThanOrEqual(canvas.width);
      // The tools never sit over England's northernmost point.
      const northernmost = await page.evaluate(() => {
        const h = (window as unknown as { __footprints: { init: { units: { features: { geometry: { type: string; coordinates: unknown } }[] } }; map: { project(p: [number, number]): { x: number; y: number } } } }).__footprints;
        let best = { x: 0, y: Infinity };
        for (const f of h.init.units.features) {
          const flat = JSON.stringify(f.geometry.coordinates).match(/-?\d+(\.\d+)?,-?\d+(\.\d+)?/g) ?? [];
          for (const pair of flat) {
            const [x, y] = pair.split(',').map(Number);
            const p = h.map.project([x, y]);
            if (p.y < best.y) best = p;
          }
        }
        return best;
      });
      const tip = { x: canvas.x + northernmost.x - 2, y: canvas.y + northernmost.y - 2, width: 4, height: 4 };
      expect(overlap(tools, tip), 'tools over the north of England').toBe(false);
      expect(overlap(await box(page, '#map-toolbar .overlays'), tip), 'overlays over the north of England').toBe(false);
      await page.screenshot({ path: `${process.cwd()}/artifacts/layout-${width}x${height}.png` });
    } finally {
      await context.close();
    }
  });
});
