// The Box tool selects what lies mostly inside the box: a small box from Sheffield to Doncaster selects the CCG
// between them, in one system, not every CCG the box touches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hook, startApp, type App } from './helpers.ts';
import { mapIdle } from './mapHelpers.ts';
import { bundle } from './realBundle.ts';

let app: App;
let page: Page;
const SHEFFIELD: [number, number] = [-1.47, 53.38];
const DONCASTER: [number, number] = [-1.13, 53.52];

beforeAll(async () => {
  app = await startApp('box-select');
  ({ page } = await app.open({ viewport: { width: 1400, height: 900 } }));
});
afterAll(async () => {
  await app?.close();
});

describe('Box tool', { timeout: 120_000 }, () => {
  it('a small box from Sheffield to Doncaster selects the CCGs mostly inside it, in one system', async () => {
    await mapIdle(page);
    await page.evaluate(([c]) => {
      const h = (window as unknown as { __footprints: { map: { jumpTo(o: { center: [number, number]; zoom: number }): void } } }).__footprints;
      h.map.jumpTo({ center: c, zoom: 9 });
    }, [[(SHEFFIELD[0] + DONCASTER[0]) / 2, (SHEFFIELD[1] + DONCASTER[1]) / 2] as [number, number]]);
    await mapIdle(page);
    const [a, b] = await page.evaluate(([s, d]) => {
      const h = (window as unknown as { __footprints: { map: { project(p: [number, number]): { x: number; y: number } } } }).__footprints;
      return [h.map.project(s), h.map.project(d)].map((p) => ({ x: p.x, y: p.y }));
    }, [SHEFFIELD, DONCASTER] as const);
    const canvas = (await page.locator('#map canvas').boundingBox())!;
    await page.keyboard.press('b');
    await page.mouse.move(canvas.x + a.x, canvas.y + a.y);
    await page.mouse.down();
    await page.mouse.move(canvas.x + (a.x + b.x) / 2, canvas.y + (a.y + b.y) / 2, { steps: 4 });
    await page.mouse.move(canvas.x + b.x, canvas.y + b.y, { steps: 4 });
    await page.mouse.up();
    await expect.poll(() => hook(page, (h) => h.selection.length)).toBeGreaterThan(0);
    const selected = await hook(page, (h) => [...h.selection]);
    const codes = selected.map((i: number) => bundle.units.code[i]);
    const systems = new Set(codes.map((c: string) => bundle.baselines['stp-2019'].systems.find((s) => s.units.includes(c))!.id));
    expect(systems.size).toBe(1);
    expect(codes.length).toBeLessThan(9);
    // Rotherham lies between the two towns, mostly inside such a box; Sheffield and Doncaster, whose centres are
    // the corners, are touched but lie mostly outside (the old rule took them too).
    expect(selected.map((i: number) => bundle.units.name[i])).toEqual(['NHS Rotherham CCG']);
    expect(await page.locator('.notice-info .notice-text').last().textContent()).toBe(`${codes.length === 1 ? '1 CCG' : `${codes.length} CCGs`} in the box selected.`);
  });
});
