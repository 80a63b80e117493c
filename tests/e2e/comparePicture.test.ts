// The compare view saves its two maps as the main map's "Save map picture" does: one A4 PNG at 200 dpi with both
// maps drawn side by side (each half of the map area inked in many colours), not a blank page.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, startApp, type App } from './helpers.ts';

let app: App;
let page: Page;
const PRINT = { width: Math.round((297 / 25.4) * 200), height: Math.round((210 / 25.4) * 200) };

beforeAll(async () => {
  app = await startApp('compare-picture');
  ({ page } = await app.open({ viewport: { width: 1400, height: 900 } }));
});
afterAll(async () => {
  await app?.close();
});

describe('compare maps picture', { timeout: 300_000 }, () => {
  it('Save maps picture downloads one A4 PNG with map A and map B side by side', async () => {
    await page.click('#compare-open');
    await page.selectOption('#compare-a', 'baseline:stp-2019');
    await page.selectOption('#compare-b', 'baseline:icb-2022');
    await page.waitForFunction(() => {
      const el = document.getElementById('compare-view');
      return !!el && !el.hidden && el.dataset.ready === 'true' && el.dataset.pair === 'baseline:stp-2019|baseline:icb-2022';
    }, undefined, { timeout: 120_000 });
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 240_000 }), page.click('#compare-picture')]);
    expect(download.suggestedFilename()).toBe('comparison-maps.png');
    const png = readFileSync((await download.path())!);
    writeFileSync(`${ARTIFACTS}/e2e-compare-picture.png`, png);
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(PRINT.width);
    expect(png.readUInt32BE(20)).toBe(PRINT.height);
    // Each of the two map slots (left of the key, which takes the right ~28 % of the page) holds a drawn map.
    const halves = await page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const ctx = c.getContext('2d')!;
      ctx.drawImage(bmp, 0, 0);
      const data = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
      return [[0.08, 0.33], [0.4, 0.65]].map(([x0, x1]) => {
        const colours = new Set<string>();
        let inked = 0;
        let n = 0;
        for (let gy = 0; gy < 40; gy++) {
          for (let gx = 0; gx < 30; gx++) {
            const x = Math.round(bmp.width * (x0 + ((x1 - x0) * gx) / 30));
            const y = Math.round(bmp.height * (0.25 + (0.5 * gy) / 40));
            const o = 4 * (y * bmp.width + x);
            const [r, g, b] = [data[o], data[o + 1], data[o + 2]];
            colours.add(`${r >> 3},${g >> 3},${b >> 3}`);
            if (r + g + b < 720) inked++;
            n++;
          }
        }
        return { colours: colours.size, inked: inked / n };
      });
    }, png.toString('base64'));
    for (const half of halves) {
      expect(half.colours).toBeGreaterThanOrEqual(10);
      expect(half.inked).toBeGreaterThan(0.3);
    }
    expect(await page.textContent('#compare-status')).toContain('Maps picture saved');
  });
});
