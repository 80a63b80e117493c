// The compare view's first opening: its two maps take a while to make (seconds with software WebGL), and options
// the planner picks meanwhile are the ones compared, never overwritten by the view's defaults.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type App } from './helpers.ts';

let app: App;
let page: Page;

beforeAll(async () => {
  app = await startApp('compare-open');
  ({ page } = await app.open());
});
afterAll(async () => {
  await app?.close();
});

describe('compare view, first opening', { timeout: 150_000 }, () => {
  it('keeps options A and B picked while its maps are still being made', async () => {
    // Open it and pick both options as soon as the pickers are on screen: a MutationObserver callback runs in the
    // same task as the opening, before the maps (made asynchronously) can be ready.
    await page.evaluate(() => new Promise<void>((resolve) => {
      const pick = (id: string, value: string) => {
        const select = document.getElementById(id) as HTMLSelectElement;
        select.value = value;
        select.dispatchEvent(new Event('change'));
      };
      const seen = new MutationObserver(() => {
        if (!document.getElementById('compare-a') || !document.getElementById('compare-b')) return;
        seen.disconnect();
        pick('compare-a', 'baseline:stp-2019');
        pick('compare-b', 'baseline:icb-2022');
        resolve();
      });
      seen.observe(document.getElementById('compare-view')!, { childList: true, subtree: true });
      document.getElementById('compare-open')!.click();
    }));
    // Every comparison started (the picks' and the opening's) reads the pickers; the last one painted says ready.
    await page.waitForFunction(() => document.getElementById('compare-view')?.dataset.ready === 'true', undefined, { timeout: 120_000 });
    expect(await page.getAttribute('#compare-view', 'data-pair')).toBe('baseline:stp-2019|baseline:icb-2022');
    expect(await page.inputValue('#compare-a')).toBe('baseline:stp-2019');
    expect(await page.inputValue('#compare-b')).toBe('baseline:icb-2022');
  });
});
