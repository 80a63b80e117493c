// The timeline: step through April 2019 → July 2022; at 2019 → 2020 the list names the real mergers with their
// populations (recomputed here from the CCG parts' baselines, where every vintage is exact); at July 2022 the Glossop
// part's move is named with its people and the panel says the maps draw that CCG whole; "Show on the maps" opens
// the two vintages in Compare and leaves the scenario being edited exactly as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hook, settle, startApp, type App } from './helpers.ts';
import { loadUnitSet } from '../../geodata/load.ts';
import { formatCount } from '../../engine/format.ts';

let app: App;
let page: Page;
const parts = loadUnitSet('ccg-district-2019');

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
    // Nothing of the timeline is loaded before its tab is opened.
    expect(await page.getAttribute('#panel-timeline', 'data-ready')).toBeNull();
    await page.click('#tab-timeline');
    await page.waitForSelector('#panel-timeline[data-ready="true"]', { timeout: 60_000 });
    expect(await page.textContent('#timeline-status')).toContain('ccg-district-2019');
    const dates = await page.locator('#panel-timeline .timeline-steps button').allTextContents();
    expect(dates).toEqual(['April 2019', 'April 2020', 'April 2021', 'July 2022']);

    await page.click('#timeline-step-1');
    // The 2020 organisations made of several 2019 ones, from the CCG parts' baselines themselves (exact there:
    // Surrey Heartlands takes Chichester 001A–D from Coastal West Sussex).
    const org2019 = new Map<string, string>();
    for (const o of parts.baselines['stp-2019'].organisations) for (const u of o.units) org2019.set(u, o.id);
    const pop = (units: string[]) => units.reduce((t, u) => t + parts.units.population[parts.units.code.indexOf(u)], 0);
    const merged = parts.baselines['ccg-2020'].organisations.filter((o) => new Set(o.units.map((u) => org2019.get(u))).size > 1);
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
    // Counted on the CCG parts (loaded for the timeline only): Glossop's part of Tameside and Glossop, its people
    // summed here from the parts' own file, and a plain note that the maps draw that CCG whole.
    const glossop = parts.units.code.indexOf('E38000182_E07000037');
    const glossopPeople = formatCount(parts.units.population[glossop]);
    expect(glossopPeople).toBe('33,416');
    const move = await page.textContent('#timeline-changes .timeline-moves li[data-unit="E38000182_E07000037"]');
    expect(move).toContain(`${parts.units.name[glossop]}, ${glossopPeople} people:`);
    expect(move).toContain('→ NHS Derby and Derbyshire Integrated Care Board');
    expect(await page.textContent('#timeline-map-note')).toContain(`NHS Tameside and Glossop CCG: 225,197 in NHS Greater Manchester Integrated Care Board, ${glossopPeople} in NHS Derby and Derbyshire Integrated Care Board`);

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
