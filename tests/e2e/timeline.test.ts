// The timeline: step through April 2019 → July 2022; at 2019 → 2020 the list names the real mergers with their
// populations (recomputed here from the bundle's baselines); "Show on the maps" opens the two vintages in Compare
// and leaves the scenario being edited exactly as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hook, settle, startApp, type App } from './helpers.ts';
import { bundle } from './realBundle.ts';
import { formatCount } from '../../engine/format.ts';

let app: App;
let page: Page;

beforeAll(async () => {
  app = await startApp('timeline');
  ({ page } = await app.open({ viewport: { width: 1400, height: 900 } }));
});
afterAll(async () => {
  await app?.close();
});

describe('timeline', { timeout: 200_000 }, () => {
  it('steps through the four vintages; 2019 → 2020 names the mergers with their people; the open scenario is unchanged', async () => {
    await settle(page);
    const before = await hook(page, (h) => JSON.stringify(h.state!.scenario));
    await page.click('#tab-timeline');
    await page.waitForSelector('#panel-timeline[data-ready="true"]');
    const dates = await page.locator('#panel-timeline .timeline-steps button').allTextContents();
    expect(dates).toEqual(['April 2019', 'April 2020', 'April 2021', 'July 2022']);

    await page.click('#timeline-step-1');
    // The 2020 organisations made of several 2019 ones, from the baselines themselves.
    const org2019 = new Map<string, string>();
    for (const o of bundle.baselines['stp-2019'].organisations) for (const u of o.units) org2019.set(u, o.id);
    const pop = (units: string[]) => units.reduce((t, u) => t + bundle.units.population[bundle.units.code.indexOf(u)], 0);
    const merged = bundle.baselines['ccg-2020'].organisations.filter((o) => new Set(o.units.map((u) => org2019.get(u))).size > 1);
    expect(merged.length).toBeGreaterThan(0);
    const items = page.locator('#timeline-changes .timeline-mergers li');
    expect(await items.count()).toBe(merged.length);
    for (const o of merged) {
      expect(await page.textContent(`#timeline-changes .timeline-mergers li[data-org="${o.id}"]`)).toContain(`${o.name} (${formatCount(pop(o.units))} people) ←`);
    }
    await page.click('#timeline-step-2');
    expect(await page.textContent('#timeline-changes')).toContain('Since April 2020');
    await page.click('#timeline-step-3');
    expect(await page.textContent('#timeline-changes')).toContain('Since April 2021');

    // On the maps: Compare with April 2021 as A and July 2022 as B.
    await page.click('#timeline-show');
    await page.waitForFunction(() => {
      const el = document.getElementById('compare-view');
      return !!el && !el.hidden && el.dataset.ready === 'true' && el.dataset.pair === 'baseline:ccg-2021|baseline:icb-2022';
    }, undefined, { timeout: 150_000 });
    await page.click('#compare-open');
    await expect.poll(() => page.isHidden('#compare-view')).toBe(true);
    expect(await hook(page, (h) => JSON.stringify(h.state!.scenario))).toBe(before);
  });
});
