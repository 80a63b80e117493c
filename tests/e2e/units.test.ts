// Below the CCG in a real browser (issue 11): split Tameside and Glossop by council, move Glossop (its High Peak
// part) to Derbyshire, and both systems change by exactly the people of Glossop, computed here independently
// from the raw ONS files (the 2019 LSOA → CCG → district lookup and the mid-2018 LSOA populations). A reload
// reopens the split scenario as it was; the scenario it came from stays saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, hook, selectByCodes, settle, startApp, tablePopulation, waitReady, type App } from './helpers.ts';
import { readRawCsv } from '../engine/helpers/real.ts';

const LOOKUP19 = 'lookups/Lower_Layer_Super_Output_Area_(2011)_to_Clinical_Commissioning_Group_to_Local_Authority_District_(April_2019)_Lookup_in_England.csv';
const SAPE = 'lsoa-population/derived/SAPE21DT11_mid-2018_LSOA_population_density.sheet4.csv';
const TAMESIDE_AND_GLOSSOP = 'E38000182';
const HIGH_PEAK = 'E07000037';
const GLOSSOP = `${TAMESIDE_AND_GLOSSOP}_${HIGH_PEAK}`;

let app: App;
let page: Page;
let glossopPeople = 0;
let glossopLsoas = 0;

beforeAll(async () => {
  const pop = new Map(readRawCsv(SAPE).map((r) => [r.Code, Number(r['Mid-2018 population'])]));
  for (const r of readRawCsv(LOOKUP19)) {
    if (r.CCG19CD === TAMESIDE_AND_GLOSSOP && r.LAD19CD === HIGH_PEAK) {
      glossopPeople += pop.get(r.LSOA11CD)!;
      glossopLsoas++;
    }
  }
  app = await startApp('units');
  ({ page } = await app.open());
}, 300_000);

afterAll(async () => {
  await app?.close();
});

const systemOf = (code: string) => page.evaluate((c) => {
  const st = (window as unknown as { __footprints: { state: { systems: { id: string; units: string[] }[] } } }).__footprints.state;
  return st.systems.find((s) => s.units.includes(c))!.id;
}, code);
const unitSet = () => hook(page, (h) => h.state!.scenario.unitSet ?? 'ccg-2019');

describe('split a CCG by council', { timeout: 300_000 }, () => {
  it('the raw files put 21 High Peak LSOAs in Tameside and Glossop', () => {
    expect(glossopLsoas).toBe(21);
    expect(glossopPeople).toBeGreaterThan(0);
  });

  it('splits Tameside and Glossop, moves Glossop to Derbyshire: both systems change by exactly its people, and a reload keeps it', async () => {
    expect(await unitSet()).toBe('ccg-2019');
    const gm = await systemOf(TAMESIDE_AND_GLOSSOP);
    const derbyshire = await page.evaluate(() => (window as unknown as { __footprints: { state: { systems: { id: string; name: string }[] } } }).__footprints.state.systems.find((s) => /Derbyshire/.test(s.name))!.id);
    const gmBefore = await tablePopulation(page, gm);
    const derbyBefore = await tablePopulation(page, derbyshire);
    const sourceId = await hook(page, (h) => (h as unknown as { lastSaved: { id: string } }).lastSaved.id);

    await selectByCodes(page, [TAMESIDE_AND_GLOSSOP]);
    await page.waitForSelector('#split-by-council-btn');
    // The progress line, as the planner reads it while the parts load (recorded through a binding that outlives the reload).
    const progress: string[] = [];
    await page.exposeBinding('recordProgress', (_src, text: string) => void progress.push(text));
    await page.evaluate(() => new MutationObserver(() => {
      const line = document.getElementById('unitset-progress')?.textContent;
      if (line) (window as unknown as { recordProgress(t: string): void }).recordProgress(line);
    }).observe(document.getElementById('notices')!, { subtree: true, childList: true, characterData: true }));
    const reloaded = page.waitForEvent('load', { timeout: 120_000 });
    await page.click('#split-by-council-btn');
    await reloaded;
    await waitReady(page);
    expect(progress.some((t) => /^Loading the CCG parts: ([\d.]+) of \1 MB$/.test(t))).toBe(true);
    expect(await unitSet()).toBe('ccg-district-2019');
    // The conversion is exact: the systems hold the same people as before.
    expect(await tablePopulation(page, gm)).toBe(gmBefore);
    expect(await tablePopulation(page, derbyshire)).toBe(derbyBefore);
    // The split CCG's parts are selected: Tameside and Glossop.
    const selected = await hook(page, (h) => h.selection.map((i) => (h as unknown as { init: { codes: string[] } }).init.codes[i]).sort());
    expect(selected).toEqual([GLOSSOP, `${TAMESIDE_AND_GLOSSOP}_E08000008`]);

    await selectByCodes(page, [GLOSSOP]);
    await page.selectOption('#assign-to', derbyshire);
    await page.click('#assign-btn');
    await settle(page);
    expect(await systemOf(GLOSSOP)).toBe(derbyshire);
    expect(gmBefore - (await tablePopulation(page, gm))).toBe(glossopPeople);
    expect((await tablePopulation(page, derbyshire)) - derbyBefore).toBe(glossopPeople);

    // Labels count the CCGs touched, and those in part; the organisation now straddles two systems.
    const labels = await hook(page, (h) => h.state!.labels.features.map((f) => f.properties));
    expect(labels.find((l) => l.id === gm)!.counts).toMatch(/^\d+ CCGs \(1 in part\) · /);
    expect(labels.find((l) => l.id === derbyshire)!.counts).toMatch(/^\d+ CCGs \(1 in part\) · /);
    expect(await page.textContent(`#systems-table tr[data-system="${gm}"]`)).toContain('(1 in part)');
    expect(await page.textContent('#selection-text')).toMatch(/^1 CCG part selected: NHS Tameside and Glossop CCG: High Peak/);
    expect(await page.textContent('#details')).not.toContain('NaN');
    const straddles = await hook(page, (h) => h.state!.findings.filter((f) => f.code === 'organisation-straddles-systems').map((f) => f.message));
    expect(straddles.some((m) => /Tameside and Glossop/.test(m))).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/units-glossop.png` });

    await hook(page, (h) => h.flush());
    await page.reload();
    await waitReady(page);
    expect(await unitSet()).toBe('ccg-district-2019');
    expect(await systemOf(GLOSSOP)).toBe(derbyshire);
    expect(gmBefore - (await tablePopulation(page, gm))).toBe(glossopPeople);
    expect((await tablePopulation(page, derbyshire)) - derbyBefore).toBe(glossopPeople);
    // The scenario it was split from is still saved, on CCGs, beside it.
    const saved = await page.evaluate(() => new Promise<{ id: string; unitSet?: string }[]>((resolve, reject) => {
      const req = indexedDB.open('footprints');
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const get = req.result.transaction('scenarios').objectStore('scenarios').getAll();
        get.onsuccess = () => resolve((get.result as { id: string; scenario: { unitSet?: string } }[]).map((r) => ({ id: r.id, unitSet: r.scenario.unitSet })));
        get.onerror = () => reject(get.error);
      };
    }));
    expect(saved.find((r) => r.id === sourceId)?.unitSet ?? 'ccg-2019').toBe('ccg-2019');
    expect(saved.filter((r) => r.unitSet === 'ccg-district-2019')).toHaveLength(1);

    // Going back is opening it: listed (not as damaged) and reopened on CCGs, as it was.
    await page.click('#tab-scenarios');
    expect(await page.isHidden('#damaged-scenarios')).toBe(true);
    const back = page.waitForEvent('load', { timeout: 120_000 });
    await page.click(`#scenario-list li[data-id="${sourceId}"] button:has-text("Open")`);
    await back;
    await waitReady(page);
    expect(await unitSet()).toBe('ccg-2019');
    expect(await tablePopulation(page, gm)).toBe(gmBefore);
    expect(await tablePopulation(page, derbyshire)).toBe(derbyBefore);
    expect(await page.isVisible('#split-by-council-btn')).toBe(false);
  });
});
