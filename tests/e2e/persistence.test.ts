// Never lose work: a share link reproduces the scenario exactly; a reload reopens it from IndexedDB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, hook, searchCodes, settle, startApp, waitReady, type App } from './helpers.ts';
import { borderCcg } from './realBundle.ts';

let app: App;
let page: Page;
let context: BrowserContext;

beforeAll(async () => {
  app = await startApp('persistence');
  ({ page, context } = await app.open());
  // An edited scenario, so it differs from any baseline.
  const { code, to } = borderCcg();
  await page.fill('#scenario-name', 'Shared test scenario');
  await page.press('#scenario-name', 'Enter');
  await searchCodes(page, [code]);
  await page.selectOption('#assign-to', to);
  await page.click('#assign-btn');
  await settle(page);
});

afterAll(async () => {
  await app?.close();
});

// Reloads and second tabs boot the app again (worker, WebGL on SwiftShader) on a shared 2-core machine: generous time.
describe('scenarios survive', { timeout: 180_000 }, () => {
  it('a share link reopens the same scenario in another browser profile', async () => {
    const original = await hook(page, (h) => h.state!.scenario);
    expect(original.name).toBe('Shared test scenario');
    await page.click('#tab-files');
    await page.click('#share-btn');
    await expect.poll(() => page.inputValue('#share-url')).toMatch(/#s=/);
    const url = await page.inputValue('#share-url');
    const other = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const p2 = await other.newPage();
    await p2.goto(url);
    await waitReady(p2);
    const reopened = await hook(p2, (h) => h.state!.scenario);
    expect(reopened).toEqual(original);
    await p2.screenshot({ path: `${ARTIFACTS}/e2e-shared.png` });
    await other.close();
  });

  it('a damaged share link says so and opens the saved scenario instead', async () => {
    const other = await app.browser.newContext();
    const p2 = await other.newPage();
    await p2.goto(`${app.url}#s=AAAA-not-deflate`);
    await waitReady(p2);
    await expect.poll(() => p2.textContent('#notices')).toMatch(/share link/i);
    expect(await hook(p2, (h) => h.state!.summary.systems)).toBe(42);
    await other.close();
  });

  it('a reload keeps the scenario (IndexedDB autosave), and it is listed', async () => {
    const before = await hook(page, (h) => h.state!.scenario);
    await page.evaluate(() => (window as unknown as { __footprints: { flush(): Promise<void> } }).__footprints.flush());
    await page.reload();
    await waitReady(page);
    const after = await hook(page, (h) => h.state!.scenario);
    expect(after).toEqual(before);
    await page.click('#tab-scenarios');
    await expect.poll(() => page.locator('#scenario-list li').count()).toBeGreaterThan(0);
    expect(await page.inputValue('#scenario-list li.current input')).toBe('Shared test scenario');
    // Another tab of the same browser profile reads the same IndexedDB record: the scenario came from disk.
    const tab = await context.newPage();
    await tab.goto(app.url);
    await waitReady(tab);
    expect(await hook(tab, (h) => h.state!.scenario)).toEqual(before);
    await tab.close();
  });

  it('opening a baseline starts a new saved scenario and keeps the old one', async () => {
    await page.selectOption('#baseline-picker', 'icb-2022');
    await expect.poll(() => hook(page, (h) => h.state!.scenario.basedOn)).toBe('icb-2022');
    await settle(page);
    await page.evaluate(() => (window as unknown as { __footprints: { flush(): Promise<void> } }).__footprints.flush());
    await page.click('#tab-scenarios');
    await expect.poll(() => page.locator('#scenario-list li').count()).toBeGreaterThanOrEqual(2);
    const names = await page.locator('#scenario-list li input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(names).toContain('Shared test scenario');
    await page.screenshot({ path: `${ARTIFACTS}/e2e-scenarios.png` });
  });
});
