// Pictures for a board paper: "Save map picture" downloads an A4 PNG at print resolution with the map drawn in it,
// and printing shows that picture with the systems table and none of the controls.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, startApp, type App } from './helpers.ts';
import { mapIdle } from './mapHelpers.ts';
import { bundle } from './realBundle.ts';

let app: App;
let page: Page;
// A4 landscape at 200 dpi.
const PRINT = { width: Math.round((297 / 25.4) * 200), height: Math.round((210 / 25.4) * 200) };

beforeAll(async () => {
  app = await startApp('picture');
  ({ page } = await app.open({ viewport: { width: 1400, height: 900 } }));
});
afterAll(async () => {
  await app?.close();
});

describe('pictures of the map', { timeout: 300_000 }, () => {
  it('Save map picture downloads an A4 PNG at 200 dpi with the map in it', async () => {
    await mapIdle(page);
    await page.click('#tab-files');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 240_000 }), page.click('#save-picture')]);
    expect(download.suggestedFilename()).toMatch(/-map\.png$/);
    const png = readFileSync((await download.path())!);
    writeFileSync(`${ARTIFACTS}/e2e-map-picture.png`, png);
    // The PNG signature, then the IHDR chunk: width and height as big-endian 32-bit integers at bytes 16 and 20.
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(PRINT.width);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(PRINT.height);

    // Decoded in the page: the map's part of the page is drawn (many colours, mostly not white), not blank.
    const stats = await page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const ctx = c.getContext('2d')!;
      ctx.drawImage(bmp, 0, 0);
      // A grid of samples over the middle of the left two thirds, where the map is.
      const colours = new Set<string>();
      let inked = 0;
      let n = 0;
      for (let gy = 0; gy < 40; gy++) {
        for (let gx = 0; gx < 60; gx++) {
          const x = Math.round(bmp.width * (0.1 + (0.5 * gx) / 60));
          const y = Math.round(bmp.height * (0.2 + (0.6 * gy) / 40));
          const [r, g, b] = ctx.getImageData(x, y, 1, 1).data;
          colours.add(`${r >> 3},${g >> 3},${b >> 3}`);
          if (r + g + b < 720) inked++;
          n++;
        }
      }
      return { colours: colours.size, inked: inked / n };
    }, png.toString('base64'));
    expect(stats.colours).toBeGreaterThanOrEqual(20);
    expect(stats.inked).toBeGreaterThan(0.5);
  });

  it('prints the picture with the systems table and none of the controls', async () => {
    await page.emulateMedia({ media: 'print' });
    try {
      // The picture saved above is the printed map (a WebGL canvas would print blank).
      expect(await page.isVisible('#print-map')).toBe(true);
      expect(await page.$eval('#print-map', (img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThanOrEqual(PRINT.width);
      // The systems table prints even though the Files tab is the one open.
      expect(await page.isVisible('#systems-table')).toBe(true);
      expect(await page.locator('#systems-table tbody tr').count()).toBe(bundle.baselines['stp-2019'].systems.length);
      for (const sel of ['#map-toolbar', '#header-actions', '#undo', '#selection-bar', '#map canvas', '#legend', '[role=tablist]', '#save-picture', '#compare-open']) {
        expect(await page.isVisible(sel), `${sel} hidden in print`).toBe(false);
      }
      await page.screenshot({ path: `${ARTIFACTS}/e2e-print.png`, fullPage: true });
      const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
      expect(pdf.toString('latin1', 0, 5)).toBe('%PDF-');
      writeFileSync(`${ARTIFACTS}/e2e-print.pdf`, pdf);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });
});
