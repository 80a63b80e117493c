// Driving the editor from the keyboard alone, without traps: each key press is a real key in Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hook, settle, startApp, type App } from './helpers.ts';
import { bundle } from './realBundle.ts';

let app: App;
let page: Page;
const stp = bundle.baselines['stp-2019'];
const U = bundle.units;
const focused = () => page.evaluate(() => {
  const a = document.activeElement as HTMLElement | null;
  return a ? (a.id || a.tagName.toLowerCase()) : '';
});
const onMap = () => page.evaluate(() => document.activeElement?.classList.contains('maplibregl-canvas') ?? false);
const tool = () => page.evaluate(() => (document.querySelector('input[name=tool]:checked') as HTMLInputElement).value);

beforeAll(async () => {
  app = await startApp('keyboard');
  ({ page } = await app.open({ viewport: { width: 1400, height: 900 } }));
});
afterAll(async () => {
  await app?.close();
});

describe('keyboard without traps', { timeout: 180_000 }, () => {
  it('after /, a name and Enter the focus leaves the search, so shortcuts work', async () => {
    const i = U.name.indexOf('NHS Barnsley CCG');
    await page.keyboard.press('/');
    expect(await focused()).toBe('ccg-search');
    await page.keyboard.type('Barnsley');
    await page.waitForSelector('#ccg-search-results li');
    await page.keyboard.press('Enter');
    await expect.poll(() => hook(page, (h) => h.selection)).toEqual([i]);
    expect(await onMap()).toBe(true);
    await page.keyboard.press('b');
    expect(await tool()).toBe('box');
    expect(await page.inputValue('#ccg-search')).toBe('');
  });

  it('shortcuts work on the tool buttons reached by Tab', async () => {
    await page.keyboard.press('/');
    await page.keyboard.press('Tab'); // from the search to the tools (one radio group, one tab stop)
    expect(await focused()).toBe('tool-box');
    await page.keyboard.press('p');
    expect(await tool()).toBe('paint');
    await page.keyboard.press('v');
    expect(await tool()).toBe('select');
  });

  it('after A, a system chosen with the keys and Enter the focus leaves the Assign list; m and n then never change the target', async () => {
    const barnsley = U.name.indexOf('NHS Barnsley CCG');
    const target = stp.systems.find((s) => s.name === 'Humber, Coast and Vale')!;
    expect(await hook(page, (h) => h.selection)).toEqual([barnsley]);
    await page.keyboard.press('a');
    expect(await focused()).toBe('assign-to');
    // Home, then the arrow keys down to the target. (Typing its name works too, but the select's type-ahead is the
    // browser's and forgets the letters typed after a second: under CI's load a keystroke can come later than that.)
    const options = await page.$$eval('#assign-to option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    const at = options.indexOf(target.id);
    expect(at).toBeGreaterThan(0);
    await page.keyboard.press('Home');
    for (let k = 0; k < at; k++) await page.keyboard.press('ArrowDown');
    expect(await page.inputValue('#assign-to')).toBe(target.id);
    await page.keyboard.press('Enter');
    await settle(page);
    expect(await hook(page, (h) => h.activeSystem)).toBe(target.id);
    const sys = await hook(page, (h) => h.state!.systems[h.state!.unitSystem[h.selection[0]]].id);
    expect(sys).toBe(target.id);
    expect(await onMap()).toBe(true);
    await page.keyboard.press('m');
    await page.keyboard.press('n');
    await settle(page);
    expect(await hook(page, (h) => h.activeSystem)).not.toBe(null);
    // n made a new system from the selection and made it the target, in words: never a silent change by type-ahead.
    const state = await hook(page, (h) => ({ target: h.activeSystem, last: h.state!.scenario.systems[h.state!.scenario.systems.length - 1].id }));
    expect(state.target).toBe(state.last);
    await page.click('#undo');
    await page.click('#undo');
    await settle(page);
  });

  it('Esc leaves the search without clearing the selection', async () => {
    const before = await hook(page, (h) => h.selection);
    expect(before.length).toBe(1);
    await page.keyboard.press('/');
    await page.keyboard.type('Leeds');
    await page.waitForSelector('#ccg-search-results li');
    await page.keyboard.press('Escape');
    expect(await onMap()).toBe(true);
    expect(await page.inputValue('#ccg-search')).toBe('');
    expect(await hook(page, (h) => h.selection)).toEqual(before);
    // Pressing it twice from the search, as before: still selected.
    await page.keyboard.press('/');
    await page.keyboard.press('Escape');
    expect(await hook(page, (h) => h.selection)).toEqual(before);
    // On the map, Esc clears the selection, as the key says.
    await page.keyboard.press('Escape');
    expect(await hook(page, (h) => h.selection)).toEqual([]);
  });

  it('search says when nothing matches, and finds systems', async () => {
    await page.keyboard.press('/');
    await page.keyboard.type('zzqx');
    await page.waitForSelector('#ccg-search-none:not([hidden])');
    // The notice shows for "zzq" too while the last letter's search is answered: wait for the whole query's.
    await expect.poll(() => page.textContent('#ccg-search-none')).toContain('zzqx');
    await page.fill('#ccg-search', 'Kent and Med');
    await page.waitForSelector('#ccg-search-results li');
    expect(await page.textContent('#ccg-search-results li:first-child')).toContain('Kent and Medway');
    const before = await hook(page, (h) => h.activeSystem);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#details section[aria-label="System Kent and Medway"]');
    expect(await hook(page, (h) => h.activeSystem)).toBe(before);
    expect(await onMap()).toBe(true);
  });

  it('clicking a Systems row opens it but does not change the Assign target', async () => {
    const before = await hook(page, (h) => h.activeSystem);
    const devon = stp.systems.find((s) => s.name === 'Devon')!;
    await page.click(`#systems-table tr[data-system="${devon.id}"]`);
    await page.waitForSelector('#details section[aria-label="System Devon"]');
    expect(await hook(page, (h) => h.activeSystem)).toBe(before);
  });
});
