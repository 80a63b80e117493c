// The map as a planner reads it at 1400×900: every system labelled, colours that stay with their system, what a
// unit is on hover and keyboard focus, and a key that names the colours.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, dropFile, hook, selectByCodes, settle, startApp, waitReady, type App } from './helpers.ts';
import { mapIdle, placedSystemLabels } from './mapHelpers.ts';
import { bundle } from './realBundle.ts';
import { formatCount } from '../../engine/format.ts';

let app: App;
let page: Page;
const stp = bundle.baselines['stp-2019'];

const colours = () => hook(page, (h) => Object.fromEntries(h.state!.systems.map((m, k) => [m.id, h.state!.systemColour[k]])));

beforeAll(async () => {
  app = await startApp('map');
  ({ page } = await app.open({ viewport: { width: 1400, height: 900 } }));
});
afterAll(async () => {
  await app?.close();
});

/** The units the outline layer's source holds, with how each is outlined. */
const outlined = (page: Page) => page.evaluate(async () => {
  type Src = { getData(): Promise<{ features: { properties: { unit: number; kind: string } }[] }> };
  const m = (window as unknown as { __footprints: { map: { getSource(id: string): Src } } }).__footprints.map;
  return (await m.getSource('unit-outlines').getData()).features.map((f) => [f.properties.unit, f.properties.kind]);
});

describe('the map at 1400×900', { timeout: 180_000 }, () => {
  it('labels all 42 systems at the first view', async () => {
    await mapIdle(page);
    await page.screenshot({ path: `${ARTIFACTS}/e2e-map-labels.png` });
    expect(await placedSystemLabels(page)).toEqual(stp.systems.map((s) => s.id).sort());
  });

  it('keeps all 42 labels with the council overlay on', async () => {
    await page.check('#overlay-utla');
    await page.waitForFunction(() => (window as unknown as { __footprints: { map: { getLayer(id: string): unknown } } }).__footprints.map.getLayer('utla-line'));
    await mapIdle(page);
    expect(await placedSystemLabels(page)).toHaveLength(42);
    await page.uncheck('#overlay-utla');
  });

  it('gives each system the same colour after a reload, and after an edit and its undo', async () => {
    const before = await colours();
    await page.reload();
    await waitReady(page);
    expect(await colours()).toEqual(before);
    // A refused file leaves an error up (over the map, not the summary) until the next action succeeds.
    await dropFile(page, 'bad.csv', 'ccg_code,system\nE38999999,x\n', 'text/csv');
    await page.waitForSelector('.notice-error');
    const [err, summary] = [await page.locator('.notice-error').boundingBox(), await page.locator('#summary').boundingBox()];
    expect(err!.x + err!.width <= summary!.x || err!.y >= summary!.y + summary!.height || summary!.x + summary!.width <= err!.x).toBe(true);
    // Move one CCG of Devon's neighbour into Devon, then undo: every colour is back.
    const kent = stp.systems.find((s) => /Kent/.test(s.name))!;
    const sussex = stp.systems.find((s) => /Sussex/.test(s.name))!;
    await selectByCodes(page, [kent.units[0]]);
    await page.selectOption('#assign-to', sussex.id);
    await page.click('#assign-btn');
    await settle(page);
    expect((await hook(page, (h) => h.state!.history.depth))).toBe(1);
    expect(await page.locator('.notice-error').count()).toBe(0);
    const edited = await colours();
    const same = Object.keys(before).filter((id) => edited[id] === before[id]).length;
    expect(same).toBeGreaterThanOrEqual(40);
    await page.click('#undo');
    await settle(page);
    expect(await colours()).toEqual(before);
  });

  it('says what a CCG is on hover: name, population, system and organisation', async () => {
    // The map shows Kent now (the edit above zoomed to it).
    const kent = stp.systems.find((s) => /Kent/.test(s.name))!;
    const i = bundle.units.code.indexOf(kent.units[0]);
    await mapIdle(page);
    const at = await page.evaluate((k) => (window as unknown as { __footprints: { project(i: number): { x: number; y: number } } }).__footprints.project(k), i);
    const box = (await page.locator('#map canvas').boundingBox())!;
    await page.mouse.move(box.x + at.x, box.y + at.y);
    await page.waitForSelector('#unit-tip:not([hidden])');
    const text = await page.textContent('#unit-tip');
    expect(text).toContain(bundle.units.name[i]);
    expect(text).toContain(formatCount(bundle.units.population[i]));
    expect(text).toContain(kent.name);
    expect(text).toContain(bundle.units.name[i]); // its own organisation in STP 2019
    expect(await page.getAttribute('#unit-tip', 'data-unit')).toBe(String(i));
    // Outlined from the source of outlined units only (web/map/outlines.ts): the selection, and this unit as hovered
    // unless it is selected (a selected unit keeps its heavier outline).
    const selected = await hook(page, (h) => [...h.selection]);
    const want = [...selected.map((u) => [u, 'sel']), ...(selected.includes(i) ? [] : [[i, 'hover']])];
    await expect.poll(async () => (await outlined(page)).sort()).toEqual(want.sort());
  });

  it('says the same on keyboard focus: arrows on the map show the CCG moved to', async () => {
    await page.mouse.move(1, 1);
    await selectByCodes(page, [stp.systems[0].units[0]]);
    await page.keyboard.press('m');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => hook(page, (h) => h.selection[0])).not.toBe(bundle.units.code.indexOf(stp.systems[0].units[0]));
    const sel = await hook(page, (h) => h.selection[0]);
    await expect.poll(() => page.getAttribute('#unit-tip', 'data-unit')).toBe(String(sel));
    expect(await page.isVisible('#unit-tip')).toBe(true);
    expect(await page.textContent('#unit-tip')).toContain(formatCount(bundle.units.population[sel]));
    await expect.poll(() => outlined(page)).toEqual([[sel, 'sel']]);
  });

  it('has a colour key naming every system with its fill colour', async () => {
    await page.click('#legend details summary');
    expect(await page.locator('#system-key li').count()).toBe(42);
    const st = await hook(page, (h) => h.state!.systemColour.length);
    expect(st).toBe(42);
  });
});
