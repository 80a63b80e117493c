// The compare view in Chromium: STP 2019 against ICB 2022, the difference list, the table, the CSV export,
// hover from → to on synchronised maps, a refused file, the narrow-screen toggle and the keyboard.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, startApp, type App } from './helpers.ts';
import { bundle } from './realBundle.ts';

const BASSETLAW = 'E38000008';
const PAIR = 'baseline:stp-2019|baseline:icb-2022';

let app: App;
let page: Page;
let external: string[];

/** Waits until the compare view has painted a comparison (of this pair, if given). */
async function comparedReady(pair?: string): Promise<void> {
  await page.waitForFunction((p) => {
    const el = document.getElementById('compare-view');
    return !!el && !el.hidden && el.dataset.ready === 'true' && (!p || el.dataset.pair === p);
  }, pair, { timeout: 120_000 });
}

const people = (n: number) => n.toLocaleString('en-GB');

beforeAll(async () => {
  app = await startApp('compare');
  ({ page, external } = await app.open());
});

afterAll(async () => {
  await app?.close();
});

// Two maps on SwiftShader, on a shared 2-core machine: generous per-test time.
describe('Compare options in Chromium', { timeout: 150_000 }, () => {
  it('opens on the scenario being edited against its baseline: no change', async () => {
    await page.click('#compare-open');
    await comparedReady('current|baseline:stp-2019');
    expect(await page.isHidden('#editor')).toBe(true);
    expect(await page.textContent('#compare-moves-title')).toMatch(/No CCG changes system/);
    expect(await page.textContent('#compare-similarity-systems .cmp-sim-value')).toBe('1.000');
  });

  it('compares STP 2019 with ICB 2022: Bassetlaw is listed with its population, from → to', async () => {
    await page.selectOption('#compare-a', 'baseline:stp-2019');
    await page.selectOption('#compare-b', 'baseline:icb-2022');
    await comparedReady(PAIR);
    const u = bundle.units.code.indexOf(BASSETLAW);
    const population = bundle.units.population[u];
    const item = page.locator(`#compare-moves .cmp-move[data-unit="${BASSETLAW}"]`);
    expect(await item.count()).toBe(1);
    const text = (await item.textContent())!;
    expect(text).toContain('NHS Bassetlaw CCG');
    expect(text).toContain(`${people(population)} people`);
    expect(text).toMatch(/South Yorkshire and Bassetlaw\s*→\s*NHS Nottingham and Nottinghamshire/);
    expect(await item.getAttribute('data-population')).toBe(String(population));
    expect(await page.textContent('#compare-moves-title')).toMatch(/^4 CCGs change system/);
    expect(await page.textContent('.cmp-map-a .cmp-map-name')).toBe(`Baseline: ${bundle.baselines['stp-2019'].name}`);
    expect(await page.textContent('.cmp-map-b .cmp-map-name')).toBe(`Baseline: ${bundle.baselines['icb-2022'].name}`);
    expect(external).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/e2e-compare.png` });
  });

  it('lists organisation changes when asked', async () => {
    await page.check('#compare-level-organisations');
    await expect.poll(() => page.textContent('#compare-moves-title')).toMatch(/^149 CCGs change organisation/);
    await comparedReady(PAIR);
    await page.screenshot({ path: `${ARTIFACTS}/e2e-compare-organisations.png` });
    await page.check('#compare-level-systems');
    await expect.poll(() => page.locator('#compare-moves li').count()).toBe(4);
  });

  it('shows both summaries side by side: organisations 191 → 42', async () => {
    await page.click('#tab-compare-summary');
    const row = page.locator('#compare-summary-table tr[data-figure="organisations"]');
    expect(await row.locator('.cmp-a').textContent()).toBe('191');
    expect(await row.locator('.cmp-b').textContent()).toBe('42');
    expect(await row.locator('.cmp-delta').textContent()).toBe('\u2212149');
    expect(await page.locator('#compare-summary-table tr[data-figure="typical_systems"] .cmp-b').textContent()).toBe('42');
    await page.screenshot({ path: `${ARTIFACTS}/e2e-compare-summary.png` });
    await page.click('#tab-compare-systems');
    await page.check('#compare-only-changed');
    const rows = page.locator('#compare-systems-table tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await page.textContent('#compare-systems-table tbody')).toContain('NHS Bassetlaw CCG');
    await page.screenshot({ path: `${ARTIFACTS}/e2e-compare-systems.png` });
    await page.click('#tab-compare-diff');
  });

  it('exports the comparison as CSV with a row for Bassetlaw', async () => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#compare-export')]);
    expect(dl.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync((await dl.path())!, 'utf8');
    const lines = csv.split(/\r?\n/);
    const header = lines[0].split(',');
    const row = lines.find((l) => l.startsWith('ccg-system,') && l.includes(BASSETLAW));
    expect(row).toBeDefined();
    expect(row!.split(',')[header.indexOf('population_a')]).toBe(String(bundle.units.population[bundle.units.code.indexOf(BASSETLAW)]));
  });

  it('shows a CCG from the list on both maps, which stay together, with from → to on hover', async () => {
    await page.click(`#compare-moves .cmp-move[data-unit="${BASSETLAW}"]`);
    for (const side of ['a', 'b']) {
      const box = (await page.locator(`#compare-map-${side} canvas`).boundingBox())!;
      const tip = page.locator(`.cmp-map-${side} .cmp-tip`);
      // The maps zoom to the CCG with an animation: hover the centre (a pixel either way, so MapLibre hit-tests
      // again) until the tip names it.
      let k = 0;
      await expect.poll(async () => {
        await page.mouse.move(box.x + box.width / 2 + (k++ % 2), box.y + box.height / 2);
        return tip.textContent();
      }).toContain('NHS Bassetlaw CCG');
      expect(await tip.textContent()).toMatch(/Changes system: South Yorkshire and Bassetlaw → NHS Nottingham and Nottinghamshire/);
    }
    await page.screenshot({ path: `${ARTIFACTS}/e2e-compare-zoom.png` });
    await page.mouse.move(5, 5);
  });

  it('refuses a broken file with the engine message and keeps the comparison', async () => {
    await page.setInputFiles('#compare-b-file', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{ "schema": ') });
    await page.waitForSelector('#compare-error:not([hidden])');
    expect(await page.textContent('#compare-error')).toMatch(/Not compared, nothing changed: Option B: /);
    await comparedReady(PAIR);
    expect(await page.inputValue('#compare-b')).toBe('baseline:icb-2022');
    expect(await page.locator('#compare-b option[value="file"]').count()).toBe(0);
    expect(await page.locator(`#compare-moves .cmp-move[data-unit="${BASSETLAW}"]`).count()).toBe(1);
  });

  it('shows one map at a time with an A/B toggle on a narrow screen', async () => {
    await page.setViewportSize({ width: 820, height: 1000 });
    await expect.poll(() => page.isVisible('#compare-map-b')).toBe(false);
    expect(await page.isVisible('#compare-map-a')).toBe(true);
    expect(await page.isVisible('#compare-map-b')).toBe(false);
    await page.click('#compare-show-b');
    expect(await page.isVisible('#compare-map-a')).toBe(false);
    expect(await page.isVisible('#compare-map-b')).toBe(true);
    expect(await page.getAttribute('#compare-show-b', 'aria-pressed')).toBe('true');
    await expect.poll(async () => (await page.locator('#compare-map-b canvas').boundingBox())?.width ?? 0).toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}/e2e-compare-narrow.png` });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('is reachable by keyboard, and Escape goes back to the editor', async () => {
    await page.focus('#compare-a');
    await page.keyboard.press('Tab'); // A's file button
    await page.keyboard.press('Tab'); // swap
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('compare-swap');
    await page.keyboard.press('Enter');
    await comparedReady('baseline:icb-2022|baseline:stp-2019');
    expect(await page.textContent('#compare-moves')).toMatch(/NHS Nottingham and Nottinghamshire[^→]*→\s*South Yorkshire and Bassetlaw/);
    await page.focus('#compare-export');
    await page.keyboard.press('Escape');
    expect(await page.isVisible('#compare-view')).toBe(false);
    expect(await page.isVisible('#editor')).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('compare-open');
  });

  it('compares a scenario saved in this browser with the one being edited', async () => {
    // Opening a baseline starts a new saved scenario; the STP 2019 one stays in the list.
    await page.selectOption('#baseline-picker', 'icb-2022');
    await page.waitForFunction(() => (window as unknown as { __footprints: { state: { scenario: { basedOn?: string } } | null } }).__footprints.state?.scenario.basedOn === 'icb-2022');
    await page.click('#compare-open');
    await comparedReady();
    const saved = page.locator('#compare-a option[value^="saved:"]', { hasText: bundle.baselines['stp-2019'].name });
    await expect.poll(() => saved.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const key = (await saved.first().getAttribute('value'))!;
    await page.selectOption('#compare-a', key);
    await page.selectOption('#compare-b', 'current');
    await comparedReady(`${key}|current`);
    expect(await page.textContent('.cmp-map-a .cmp-map-name')).toBe(`Saved: ${bundle.baselines['stp-2019'].name}`);
    expect(await page.textContent('.cmp-map-b .cmp-map-name')).toBe(`Being edited: ${bundle.baselines['icb-2022'].name}`);
    expect(await page.locator(`#compare-moves .cmp-move[data-unit="${BASSETLAW}"]`).count()).toBe(1);
  });
});
