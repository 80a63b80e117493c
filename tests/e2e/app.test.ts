// The app in a real browser: opening, editing by map and keyboard, undo, one CCG per ICS, export, bad import.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, dropFile, hook, jumpToUnit, settle, startApp, statValue, tablePopulation, type App } from './helpers.ts';
import { borderCcg, bundle } from './realBundle.ts';
import type { Map as MlMap } from 'maplibre-gl';
import type { State } from '../../workers/api.ts';

let app: App;
let page: Page;
let external: string[];

beforeAll(async () => {
  app = await startApp('app');
  ({ page, external } = await app.open());
});

afterAll(async () => {
  await app?.close();
});

describe('Footprints in Chromium', () => {
  it('opens on STP 2019 with 42 systems, offline, with the OGL attribution on the map', async () => {
    expect(await statValue(page, 'systems')).toBe('42');
    expect(await statValue(page, 'organisations')).toBe('191');
    expect(await page.locator('#systems-table tbody tr').count()).toBe(42);
    const st = await hook(page, (h) => ({ n: h.state!.systems.length, basedOn: h.state!.scenario.basedOn, total: h.state!.summary.systemsTotal }));
    expect(st).toEqual({ n: 42, basedOn: 'stp-2019', total: bundle.englandPopulation });
    const attribution = await page.textContent('.maplibregl-ctrl-attrib');
    expect(attribution).toContain('Open Government Licence');
    expect(external).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/e2e-open.png` });
  });

  it('selects a CCG by clicking it on the map', async () => {
    const { i } = borderCcg();
    await page.evaluate(() => document.querySelector<HTMLElement>('#map')!.scrollIntoView());
    const box = (await page.locator('#map canvas').boundingBox())!;
    // Zoom in on the CCG first so the click is unambiguous.
    await jumpToUnit(page, i, 8);
    const at = await page.evaluate((k) => (window as unknown as { __footprints: { project(i: number): { x: number; y: number } } }).__footprints.project(k), i);
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await expect.poll(() => hook(page, (h) => h.selection)).toEqual([i]);
    expect(await page.textContent('#selection-text')).toContain(bundle.units.name[i]);
  });

  /** A system's label as MapLibre tiled it, once the map is idle (population and counts lines). */
  const mapLabel = (id: string) => page.evaluate(async (sys) => {
    const m = (window as unknown as { __footprints: { map: MlMap } }).__footprints.map;
    if (!m.loaded()) await new Promise((r) => m.once('idle', r));
    const f = m.querySourceFeatures('system-labels').find((x) => x.properties.id === sys);
    return f ? { population: f.properties.population as string, counts: f.properties.counts as string } : null;
  }, id);
  const stateLabel = (id: string) => page.evaluate((sys) => {
    const st = (window as unknown as { __footprints: { state: State } }).__footprints.state;
    const f = st.labels.features.find((x) => x.properties.id === sys)!;
    return { population: f.properties.population, counts: f.properties.counts };
  }, id);

  it('assigns a CCG to a neighbouring system from the keyboard: both populations change by exactly its population', async () => {
    const { i, code, population, from, to } = borderCcg();
    const fromBefore = await tablePopulation(page, from);
    const toBefore = await tablePopulation(page, to);
    // Select by search (ONS code), pick the target in "Assign to", press Enter. The click test left this CCG
    // selected: clear it first, so the selection waited for below is the search's.
    await page.click('#clear-selection');
    expect(await hook(page, (h) => h.selection)).toEqual([]);
    await page.fill('#ccg-search', code);
    await page.waitForSelector('#ccg-search-results li');
    await page.press('#ccg-search', 'Enter');
    await expect.poll(() => hook(page, (h) => h.selection)).toEqual([i]);
    await page.keyboard.press('Escape'); // clears the selection …
    expect(await hook(page, (h) => h.selection)).toEqual([]);
    await page.fill('#ccg-search', bundle.units.nhsCode[i]); // … and the NHS code finds it again
    await page.waitForSelector('#ccg-search-results li');
    await page.press('#ccg-search', 'Enter');
    await expect.poll(() => hook(page, (h) => h.selection)).toEqual([i]);
    await page.selectOption('#assign-to', to);
    await page.press('#assign-to', 'Enter');
    await settle(page);
    expect(await tablePopulation(page, from)).toBe(fromBefore - population);
    expect(await tablePopulation(page, to)).toBe(toBefore + population);
    const total = await hook(page, (h) => h.state!.summary.systemsTotal);
    expect(total).toBe(bundle.englandPopulation);
    await page.screenshot({ path: `${ARTIFACTS}/e2e-assigned.png` });

    // Undo with Ctrl+Z restores both; redo with the button re-applies.
    await page.locator('body').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Control+z');
    await settle(page);
    expect(await tablePopulation(page, from)).toBe(fromBefore);
    expect(await tablePopulation(page, to)).toBe(toBefore);
    await page.click('#redo');
    await settle(page);
    expect(await tablePopulation(page, to)).toBe(toBefore + population);
    await page.click('#undo');
    await settle(page);
    expect(await tablePopulation(page, to)).toBe(toBefore);
  });

  it('paints CCGs into the active system with the paint tool, as one undo step; the map labels follow', async () => {
    const { i, population, from, to } = borderCcg();
    const toBefore = await tablePopulation(page, to);
    const countsBefore = await mapLabel(to);
    await page.selectOption('#assign-to', to);
    await page.keyboard.press('p');
    expect(await hook(page, (h) => h.activeSystem)).toBe(to);
    const box = (await page.locator('#map canvas').boundingBox())!;
    const at = await page.evaluate((k) => (window as unknown as { __footprints: { project(i: number): { x: number; y: number } } }).__footprints.project(k), i);
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await settle(page);
    expect(await tablePopulation(page, to)).toBe(toBefore + population);
    expect(await hook(page, (h) => h.state!.history.undoLabel)).toContain('assign');
    // What MapLibre tiled for the two systems' labels is what the engine wrote for this state, CCG counts changed.
    for (const id of [from, to]) expect(await mapLabel(id)).toEqual(await stateLabel(id));
    expect(await mapLabel(to)).not.toEqual(countsBefore);
    await page.click('#undo');
    await settle(page);
    expect(await tablePopulation(page, to)).toBe(toBefore);
    expect(await tablePopulation(page, from)).toBeGreaterThan(0);
    await page.keyboard.press('v');
  });

  it('paints every CCG a dragged paint stroke crosses, as one undo step, without panning the map', async () => {
    const { i, from, to } = borderCcg();
    // A neighbour of the border CCG in its own system: the stroke runs from one's label point to the other's.
    const sameSystem = (code: string) => bundle.baselines['stp-2019'].systems.find((s) => s.id === from)!.units.includes(code);
    const links = [...bundle.adjacency.land];
    let k = -1;
    for (let e = 0; e < links.length && k < 0; e += 2) {
      const other = links[e] === i ? links[e + 1] : links[e + 1] === i ? links[e] : -1;
      if (other >= 0 && sameSystem(bundle.units.code[other])) k = other;
    }
    expect(k).toBeGreaterThanOrEqual(0);
    await jumpToUnit(page, i, 8);
    await page.selectOption('#assign-to', to);
    await page.keyboard.press('p');
    const box = (await page.locator('#map canvas').boundingBox())!;
    const [a, b] = await page.evaluate(([x, y]) => {
      const h = (window as unknown as { __footprints: { project(i: number): { x: number; y: number } } }).__footprints;
      return [h.project(x), h.project(y)];
    }, [i, k]);
    const centre = await page.evaluate(() => (window as unknown as { __footprints: { map: MlMap } }).__footprints.map.getCenter().toArray());
    const depth = await hook(page, (h) => h.state!.history.depth);
    await page.mouse.move(box.x + a.x, box.y + a.y);
    await page.mouse.down();
    await page.mouse.move(box.x + b.x, box.y + b.y, { steps: 8 });
    await page.mouse.up();
    await settle(page);
    const st = await hook(page, (h) => ({ system: h.state!.systems.map((s) => s.id), unitSystem: [...h.state!.unitSystem], depth: h.state!.history.depth }));
    expect(st.system[st.unitSystem[i]]).toBe(to);
    expect(st.system[st.unitSystem[k]]).toBe(to);
    expect(st.depth).toBe(depth + 1);
    expect(await page.evaluate(() => (window as unknown as { __footprints: { map: MlMap } }).__footprints.map.getCenter().toArray())).toEqual(centre);
    await page.click('#undo');
    await settle(page);
    await page.keyboard.press('v');
  });

  it('paints a whole upper-tier council: the CCGs mostly inside it move to the active system', async () => {
    const { utla, unitUtla } = bundle.councils;
    const kent = utla.name.indexOf('Kent');
    const pop = bundle.units.population;
    const inKent = new Map<number, number>();
    for (let k = 0; k < unitUtla.length; k += 3) if (unitUtla[k + 1] === kent) inKent.set(unitUtla[k], unitUtla[k + 2]);
    const expected = [...inKent].filter(([u, p]) => p > pop[u] / 2).map(([u]) => bundle.units.code[u]).sort();
    const whole = [...inKent].find(([u, p]) => p === pop[u])![0];
    const target = bundle.baselines['stp-2019'].systems.find((s) => /Sussex/.test(s.name))!.id;
    await page.selectOption('#assign-to', target);
    await page.keyboard.press('c');
    await page.waitForFunction(() => !!(window as unknown as { __footprints: { map: { getLayer(id: string): unknown } } }).__footprints.map.getLayer('utla-fill'));
    await jumpToUnit(page, whole, 7); // idle: the council layer's source is loaded and drawn
    const box = (await page.locator('#map canvas').boundingBox())!;
    const at = await page.evaluate((k) => (window as unknown as { __footprints: { project(i: number): { x: number; y: number } } }).__footprints.project(k), whole);
    const sussex = bundle.baselines['stp-2019'].systems.find((s) => s.id === target)!;
    const movedNow = expected.filter((c) => !sussex.units.includes(c)).length;
    const already = expected.length - movedNow;
    await page.mouse.click(box.x + at.x, box.y + at.y);
    // The click asks the engine which CCGs lie mostly in the council before it queues the edit, so settling at once
    // could return before the edit is queued: wait for what the edit itself says (it says what moved).
    await expect.poll(() => page.textContent('#notices')).toContain(`Moved ${movedNow} CCG${movedNow === 1 ? '' : 's'} mostly in Kent to ${sussex.name}${already ? `; ${already}` : '.'}`);
    await settle(page);
    const moved = await hook(page, (h) => h.state!.scenario.systems.find((s) => /Sussex/.test(s.name))!.units);
    for (const c of expected) expect(moved).toContain(c);
    expect(expected.length).toBeGreaterThan(1);
    // Clicked again, it says that nothing moved (and makes no edit).
    await page.screenshot({ path: `${ARTIFACTS}/e2e-council-tool.png` });
    const depth = await hook(page, (h) => h.state!.history.depth);
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await expect.poll(() => page.textContent('#notices')).toContain(`Nothing moved: the ${expected.length} CCGs mostly in Kent are already in ${sussex.name}.`);
    expect(await hook(page, (h) => h.state!.history.depth)).toBe(depth);
    await page.click('#undo');
    await settle(page);
    await page.keyboard.press('v');
  });

  it('box-selects CCGs with a drag in the box tool', async () => {
    await page.keyboard.press('b');
    const box = (await page.locator('#map canvas').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    // Half the map each way: the Box takes units mostly inside it, so the box must hold whole CCGs at whatever zoom
    // the earlier tests left (a 120 px box at zoom 7 could fall inside one CCG and select nothing).
    const dx = box.width / 4;
    const dy = box.height / 4;
    await page.mouse.move(cx - dx, cy - dy);
    await page.mouse.down();
    await page.mouse.move(cx, cy, { steps: 4 });
    await page.mouse.move(cx + dx, cy + dy, { steps: 4 });
    await page.mouse.up();
    // The notice comes with the box's selection (a selection left by an earlier test would pass a length check).
    await expect.poll(() => page.textContent('#notices')).toMatch(/\d+ CCGs? in the box selected\./);
    expect(await hook(page, (h) => h.selection.length)).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    expect(await hook(page, (h) => h.selection.length)).toBe(0);
    await page.keyboard.press('v');
  });

  it('"one CCG per ICS" for all gives 42 organisations, and undo gives 191 back', async () => {
    // From the keyboard: the summary updates its figures in place, so the button keeps the focus.
    await page.focus('#one-ccg-per-ics-all');
    await page.keyboard.press('Enter');
    await settle(page);
    expect(await statValue(page, 'organisations')).toBe('42');
    expect(await statValue(page, 'typical')).toBe('42 of 42');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('one-ccg-per-ics-all');
    await page.screenshot({ path: `${ARTIFACTS}/e2e-one-ccg-per-ics.png` });
    await page.click('#undo');
    await settle(page);
    expect(await statValue(page, 'organisations')).toBe('191');
  });

  it('exports the systems as RFC 7946 GeoJSON: one valid feature per system', async () => {
    await page.click('#tab-files');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export-geojson-systems')]);
    const path = await dl.path();
    const fc = JSON.parse(readFileSync(path, 'utf8'));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.crs).toBeUndefined();
    expect(fc.features).toHaveLength(42);
    const ids = new Set(bundle.baselines['stp-2019'].systems.map((s) => s.id));
    let popSum = 0;
    for (const f of fc.features) {
      expect(f.type).toBe('Feature');
      expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
      expect(ids.has(f.properties.id)).toBe(true);
      popSum += f.properties.population;
      const polys: number[][][][] = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const poly of polys) {
        poly.forEach((ring, k) => {
          expect(ring.length).toBeGreaterThanOrEqual(4);
          expect(ring[0]).toEqual(ring[ring.length - 1]);
          for (const [x, y] of ring) {
            expect(x).toBeGreaterThan(-7);
            expect(x).toBeLessThan(2);
            expect(y).toBeGreaterThan(49);
            expect(y).toBeLessThan(56);
          }
          // Right-hand rule: exterior rings counterclockwise (positive area), holes clockwise.
          let a = 0;
          for (let p = 0; p + 1 < ring.length; p++) a += ring[p][0] * ring[p + 1][1] - ring[p + 1][0] * ring[p][1];
          expect(k === 0 ? a > 0 : a < 0).toBe(true);
        });
      }
    }
    expect(popSum).toBe(bundle.englandPopulation);
  });

  it('a malformed file is refused with a precise message, shown as text, and changes nothing', async () => {
    const before = await hook(page, (h) => ({ scenario: h.state!.scenario, history: h.state!.history }));
    await page.setInputFiles('#import-file', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"schema": "footprints/scenario@1",\n  "systems": [<b>oops</b>\n') });
    await page.waitForSelector('#import-error:not([hidden])');
    const msg = (await page.textContent('#import-error'))!;
    expect(msg).toMatch(/broken\.json/);
    expect(msg).toMatch(/line 2/);
    expect(await page.locator('#import-error b').count()).toBe(0); // file content never becomes markup
    await page.screenshot({ path: `${ARTIFACTS}/e2e-bad-import.png` });

    // The same by drag and drop: a CSV naming an unknown CCG.
    await dropFile(page, 'bad.csv', 'ccg_code,system_id\nE38999999,sys-1\n', 'text/csv');
    await expect.poll(() => page.textContent('#import-error')).toMatch(/bad\.csv.*line 2/);
    const after = await hook(page, (h) => ({ scenario: h.state!.scenario, history: h.state!.history }));
    expect(after).toEqual(before);
    expect(await statValue(page, 'systems')).toBe('42');
  });
});
