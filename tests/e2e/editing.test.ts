// Editing in a real browser, checked against the bundle's own numbers: collaborations edited after creation,
// organisations split and merged from their table, keyboard-only selection and assignment, a council picked
// from the details, atypical and lock, findings, the systems table, and the saved-scenario list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, dropFile, hook, selectByCodes, settle, startApp, statValue, tablePopulation, type App } from './helpers.ts';
import { borderCcg, bundle } from './realBundle.ts';
import { formatCount } from '../../engine/format.ts';

let app: App;
let page: Page;

const U = bundle.units;
const stp = bundle.baselines['stp-2019'];
const idx = (code: string) => U.code.indexOf(code);
const pop = (codes: readonly string[]) => codes.reduce((t, c) => t + U.population[idx(c)], 0);
const scenario = () => hook(page, (h) => h.state!.scenario);

/** Neighbours of unit i by the bundle's adjacency (land and water links). */
function neighbours(i: number): Set<number> {
  const out = new Set<number>();
  for (const list of [bundle.adjacency.land, bundle.adjacency.water]) {
    for (let k = 0; k < list.length; k += 2) {
      if (list[k] === i) out.add(list[k + 1]);
      if (list[k + 1] === i) out.add(list[k]);
    }
  }
  return out;
}

async function undo(times = 1) {
  for (let k = 0; k < times; k++) await page.click('#undo');
  await settle(page);
}

beforeAll(async () => {
  app = await startApp('editing');
  ({ page } = await app.open());
});

afterAll(async () => {
  await app?.close();
});

// The machine may be busy (two cores, other browsers): generous time per test, the assertions stay exact.
describe('editing', { timeout: 180_000 }, () => {
  it('adds a collaboration, then renames it and edits its kind, status, services and CCGs; undo walks back', async () => {
    const kent = stp.systems.find((s) => /Kent/.test(s.name))!;
    const [a, b, c] = kent.units;
    await selectByCodes(page, [a, b]);
    await page.click('#tab-collaborations');
    await page.fill('#collab-name', 'East Kent joint committee');
    await page.selectOption('#collab-kind', 'joint-committee');
    await page.fill('#collab-services', 'stroke');
    await page.click('#collab-add');
    await settle(page);
    let collab = (await scenario()).collaborations[0];
    expect(collab).toMatchObject({ name: 'East Kent joint committee', kind: 'joint-committee', status: 'in-place', services: ['stroke'] });
    expect([...collab.units].sort()).toEqual([a, b].sort());
    const id = collab.id;

    // Edit name, kind, status and services in one go: one command, one undo step.
    const li = `#collab-list li[data-collab="${id}"]`;
    await page.click(`${li} .collab-editor summary`);
    await page.fill(`#collab-${id}-name`, 'Kent <i>committees</i> in common');
    await page.selectOption(`#collab-${id}-kind`, 'committees-in-common');
    await page.selectOption(`#collab-${id}-status`, 'planned');
    await page.fill(`#collab-${id}-services`, 'stroke, cancer,  mental health, stroke');
    await page.click(`#collab-${id}-save`);
    await settle(page);
    collab = (await scenario()).collaborations[0];
    expect(collab).toMatchObject({ id, name: 'Kent <i>committees</i> in common', kind: 'committees-in-common', status: 'planned', services: ['stroke', 'cancer', 'mental health'] });
    expect(await page.textContent(`${li} .collab-title`)).toBe('Kent <i>committees</i> in common'); // text, not markup
    expect(await page.locator(`${li} i`).count()).toBe(0);
    expect(await page.textContent(li)).toContain('◐ planned');

    // Members: add a selected CCG, then remove one; the engine's population follows exactly.
    await selectByCodes(page, [c]);
    await page.click(`#collab-${id}-add-sel`);
    await settle(page);
    expect(await hook(page, (h) => h.state!.collaborations[0].population)).toBe(pop([a, b, c]));
    await selectByCodes(page, [a]);
    await page.click(`#collab-${id}-remove-sel`);
    await settle(page);
    expect([...(await scenario()).collaborations[0].units].sort()).toEqual([b, c].sort());
    expect(await hook(page, (h) => h.state!.collaborations[0].population)).toBe(pop([b, c]));
    await page.screenshot({ path: `${ARTIFACTS}/e2e-collaboration-edited.png` });

    await undo();
    expect((await scenario()).collaborations[0].units).toHaveLength(3);
    await undo(2);
    expect((await scenario()).collaborations[0]).toMatchObject({ name: 'East Kent joint committee', kind: 'joint-committee', status: 'in-place', services: ['stroke'] });
    await undo();
    expect((await scenario()).collaborations).toHaveLength(0);
  });

  it('splits an organisation into its CCGs from the organisations table, and merging them back restores the count', async () => {
    await page.click('#one-ccg-per-ics-all');
    await settle(page);
    expect(await statValue(page, 'organisations')).toBe('42');
    const sys = stp.systems.find((s) => s.units.length === 5)!;
    await page.click('#tab-organisations');
    await page.fill('#org-filter', sys.name.slice(0, 12));
    await page.click(`#org-table tr[data-org="${sys.id}"]`);
    await expect.poll(() => page.textContent('#org-summary')).toContain(`${formatCount(pop(sys.units))} people · 5 CCGs`);
    await page.click('#org-split-all');
    await settle(page);
    expect(await statValue(page, 'organisations')).toBe(String(42 + 4));
    const orgs = await hook(page, (h) => h.state!.organisations);
    for (const c of sys.units) expect(orgs.find((o) => o.id === c)).toMatchObject({ ccgCount: 1, population: U.population[idx(c)], name: U.name[idx(c)] });
    await page.screenshot({ path: `${ARTIFACTS}/e2e-organisation-split.png` });

    // Merge back: tick the five one-CCG organisations and merge them under the system's name.
    await page.fill('#org-filter', '');
    for (const c of sys.units) await page.check(`#org-table tr[data-org="${c}"] input.org-tick`);
    expect(await page.textContent('#org-ticked-text')).toContain('5 organisations ticked');
    await page.fill('#org-merge-name', sys.name);
    await page.click('#org-merge-ticked');
    await settle(page);
    expect(await statValue(page, 'organisations')).toBe('42');
    const merged = (await hook(page, (h) => h.state!.organisations)).find((o) => o.name === sys.name && o.ccgCount === 5)!;
    expect(merged.population).toBe(pop(sys.units));
    expect(await statValue(page, 'typical')).toBe('42 of 42');

    // Split off just one ticked CCG from the open (merged) organisation.
    await expect.poll(() => page.textContent('#org-summary')).toContain('5 CCGs');
    await page.check(`#org-ccg-${sys.units[0]}`);
    await page.click('#org-split-ticked');
    await settle(page);
    expect(await statValue(page, 'organisations')).toBe('43');
    const st = await scenario();
    expect(st.organisations.find((o) => o.units.includes(sys.units[0]))!.units).toEqual([sys.units[0]]);
    expect(st.organisations.find((o) => o.units.includes(sys.units[1]))!.units).toHaveLength(4);

    await undo(4);
    expect(await statValue(page, 'organisations')).toBe('191');
  });

  it('merges organisations picked from the table on STP 2019 and the findings show the straddle', async () => {
    // Two CCGs in different systems: the merged organisation straddles them, and says so in words.
    const { code, to } = borderCcg();
    const other = stp.systems.find((s) => s.id === to)!.units[0];
    await page.click('#tab-organisations');
    await page.check(`#org-table tr[data-org="${code}"] input.org-tick`);
    await page.focus(`#org-table tr[data-org="${other}"]`); // from the keyboard: Space on a row ticks it
    await page.keyboard.press(' ');
    expect(await page.isChecked(`#org-table tr[data-org="${other}"] input.org-tick`)).toBe(true);
    expect(await page.getAttribute(`#org-table tr[data-org="${other}"]`, 'tabindex')).toBe('0'); // the one tab stop
    await page.click('#org-merge-ticked');
    await settle(page);
    expect(await statValue(page, 'organisations')).toBe('190');
    const row = page.locator(`#org-table tr[data-org="${code}"]`);
    expect(await row.textContent()).toContain('2 · straddles');
    const findings = await hook(page, (h) => h.state!.findings.filter((f) => f.code === 'organisation-straddles-systems').length);
    expect(findings).toBeGreaterThan(0);
    // No name given: the merged organisation is named after both places, and its name field is ready to edit.
    const [a, b] = [code, other].map((c) => U.name[idx(c)]);
    const proposed = `${a.replace(/ CCG$/, '')} and ${b.replace(/^NHS /, '').replace(/ CCG$/, '')} CCG`;
    expect((await hook(page, (h) => h.state!.organisations)).find((o) => o.id === code)!.name).toBe(proposed);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('org-name');
    expect(await page.inputValue('#org-name')).toBe(proposed);
    await page.fill('#org-name', 'NHS Border CCG');
    await page.click('#org-rename');
    await settle(page);
    expect((await hook(page, (h) => h.state!.organisations)).find((o) => o.id === code)!.name).toBe('NHS Border CCG');
    await undo(2);
    expect(await statValue(page, 'organisations')).toBe('191');
  });

  it('search: Enter typed before the matches arrive picks the CCG typed, not a match of what was typed so far', async () => {
    const i = U.name.findIndex((n) => /Leeds/.test(n));
    const code = U.code[i];
    await page.locator('body').press('Escape');
    await page.keyboard.press('/');
    await page.keyboard.type(code.slice(0, 5)); // "E3800": a list of other CCGs is showing
    expect(await page.textContent('#ccg-hit-0')).not.toContain(code);
    await page.waitForSelector('#ccg-search-results li');
    // The rest of the code and Enter in one go, before the engine can answer for the full code.
    await page.evaluate((rest) => {
      const input = document.getElementById('ccg-search') as HTMLInputElement;
      input.value += rest;
      input.dispatchEvent(new Event('input'));
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    }, code.slice(5));
    await expect.poll(() => hook(page, (h) => h.selection)).toEqual([i]);
    expect(await page.inputValue('#ccg-search')).toBe('');
    await page.keyboard.press('Escape');
  });

  it('search: Enter then Escape typed before the engine answers still picks the CCG typed, and leaves the box', async () => {
    // A fast typist's code, Enter, Escape: the Escape used to cancel the waiting pick and keep the focus in the box.
    const i = U.name.findIndex((n) => /Bradford/.test(n));
    await page.locator('body').press('Escape');
    expect(await hook(page, (h) => h.selection)).toEqual([]);
    await page.keyboard.press('/');
    await page.evaluate((code) => {
      const input = document.getElementById('ccg-search') as HTMLInputElement;
      input.value = code;
      input.dispatchEvent(new Event('input'));
      for (const key of ['Enter', 'Escape']) input.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    }, U.code[i]);
    await expect.poll(() => hook(page, (h) => h.selection)).toEqual([i]);
    expect(await page.inputValue('#ccg-search')).toBe('');
    expect(await page.evaluate(() => document.activeElement?.id)).not.toBe('ccg-search');
  });

  it('keyboard only: arrows move between neighbouring CCGs on the map, and A + arrows + Enter assigns', async () => {
    const leeds = U.name.findIndex((n) => /Leeds/.test(n));
    await page.locator('body').press('Escape');
    await page.keyboard.press('/');
    await page.keyboard.type(U.nhsCode[leeds]);
    await page.waitForSelector('#ccg-search-results li');
    await page.keyboard.press('Enter');
    await expect.poll(() => hook(page, (h) => h.selection)).toEqual([leeds]);
    // A chosen match hands the keys back to the map (an Escape there would clear the selection, as it should).
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('CANVAS');
    await page.keyboard.press('m'); // keeps the focus on the map
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('CANVAS');
    await page.keyboard.press('ArrowRight');
    const [east] = await hook(page, (h) => h.selection);
    expect(east).not.toBe(leeds);
    expect(neighbours(leeds).has(east)).toBe(true);
    const anchors = await hook(page, (h) => (h as unknown as { init: { anchors: [number, number][] } }).init.anchors);
    expect(anchors[east][0]).toBeGreaterThan(anchors[leeds][0]);
    await page.keyboard.press('Shift+ArrowLeft');
    const two = await hook(page, (h) => h.selection);
    expect(two).toHaveLength(2);
    expect(two[0]).toBe(east);
    expect(neighbours(east).has(two[1])).toBe(true);

    // Assign a border CCG to its neighbouring system without the mouse.
    const { i, code, population, from, to } = borderCcg();
    const fromBefore = await tablePopulation(page, from);
    const toBefore = await tablePopulation(page, to);
    await page.keyboard.press('Escape');
    await page.keyboard.press('/');
    await page.keyboard.type(code);
    await page.waitForSelector('#ccg-search-results li');
    await page.keyboard.press('Enter'); // picks it and hands the keys back to the map
    await expect.poll(() => hook(page, (h) => h.selection)).toEqual([i]);
    await page.keyboard.press('a');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('assign-to');
    for (let k = 0; k < 60 && (await page.inputValue('#assign-to')) !== to; k++) await page.keyboard.press('ArrowDown');
    expect(await page.inputValue('#assign-to')).toBe(to);
    await page.keyboard.press('Enter');
    await settle(page);
    expect(await tablePopulation(page, from)).toBe(fromBefore - population);
    expect(await tablePopulation(page, to)).toBe(toBefore + population);
    expect(await page.textContent('#edit-announcer')).toBe(`Done: assign ${U.name[i]} to ${stp.systems.find((s) => s.id === to)!.name}`);
    expect(await page.textContent('#selection-text')).toContain(`${U.name[i]} · in ${stp.systems.find((s) => s.id === to)!.name}`);
    // O opens the selected CCG's organisation.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('o');
    await expect.poll(() => page.getAttribute('#tab-organisations', 'aria-selected')).toBe('true');
    expect(await page.textContent('#org-ccgs')).toContain(U.name[i]);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+z');
    await settle(page);
    expect(await tablePopulation(page, to)).toBe(toBefore);
  });

  it('picks a whole upper-tier council from the CCG details and assigns its CCGs', async () => {
    const { utla, unitUtla } = bundle.councils;
    const kent = utla.name.indexOf('Kent');
    const inKent = new Map<number, number>();
    for (let k = 0; k < unitUtla.length; k += 3) if (unitUtla[k + 1] === kent) inKent.set(unitUtla[k], unitUtla[k + 2]);
    const expected = [...inKent].filter(([u, p]) => p > U.population[u] / 2).map(([u]) => u).sort((x, y) => x - y);
    const whole = [...inKent].find(([u, p]) => p === U.population[u])![0];
    await selectByCodes(page, [U.code[whole]]);
    await page.click(`#details button[data-council="${utla.code[kent]}"]`);
    await expect.poll(async () => [...(await hook(page, (h) => h.selection))].sort((x, y) => x - y)).toEqual(expected);
    const sussex = stp.systems.find((s) => /Sussex/.test(s.name))!;
    const before = await tablePopulation(page, sussex.id);
    await page.selectOption('#assign-to', sussex.id);
    await page.click('#assign-btn');
    await settle(page);
    const moved = expected.map((u) => U.code[u]).filter((c) => !sussex.units.includes(c));
    expect(await tablePopulation(page, sussex.id)).toBe(before + pop(moved));
    const units = (await scenario()).systems.find((s) => s.id === sussex.id)!.units;
    for (const u of expected) expect(units).toContain(U.code[u]);
    await undo();
    expect(await tablePopulation(page, sussex.id)).toBe(before);
  });

  it('a council picked from the details is dropped when the selection changes before the engine answers', async () => {
    const { utla, unitUtla } = bundle.councils;
    const kent = utla.name.indexOf('Kent');
    let whole = -1;
    for (let k = 0; k < unitUtla.length && whole < 0; k += 3) if (unitUtla[k + 1] === kent && unitUtla[k + 2] === U.population[unitUtla[k]]) whole = unitUtla[k];
    await selectByCodes(page, [U.code[whole]]);
    const button = `#details button[data-council="${utla.code[kent]}"]`;
    await page.waitForSelector(button);
    // The council's button and Clear in one task: the engine cannot answer between them. Notices already shown
    // are marked, so one this click might add stands out.
    await page.evaluate((sel) => {
      document.querySelectorAll<HTMLElement>('#notices .notice').forEach((n) => (n.dataset.earlier = 'true'));
      document.querySelector<HTMLButtonElement>(sel)!.click();
      document.getElementById('clear-selection')!.click();
    }, button);
    // The worker answers in order: once a later search has its matches, the council's answer has come back too.
    await page.fill('#ccg-search', U.code[whole]);
    await page.waitForSelector('#ccg-search-results li');
    await page.press('#ccg-search', 'Escape');
    expect(await hook(page, (h) => h.selection)).toEqual([]);
    expect(await page.locator('#notices .notice:not([data-earlier])', { hasText: 'most of their people in Kent' }).count()).toBe(0);
  });

  it('marks a system atypical with a reason and locks it; a locked system refuses moves and nothing changes', async () => {
    const sys = stp.systems.find((s) => s.units.length >= 3 && !/Kent|Sussex/.test(s.name))!;
    await page.keyboard.press('Escape'); // nothing selected: the details show the system opened from the table
    await page.click('#tab-systems');
    await page.click(`#systems-table tr[data-system="${sys.id}"]`);
    await page.fill('#atypical-reason', 'Two acute catchments; keeps both CCGs');
    await page.click('#atypical-btn');
    await settle(page);
    expect((await scenario()).systems.find((s) => s.id === sys.id)!.atypical).toBe('Two acute catchments; keeps both CCGs');
    expect(await page.textContent(`#systems-table tr[data-system="${sys.id}"] .sys-name`)).toContain('atypical');
    expect(await page.textContent('#stat-typical')).toContain('1 marked atypical');

    // From the keyboard: the details panel is redrawn by the state its button changed, and the focus stays on it.
    await page.focus('#lock-btn');
    await page.keyboard.press('Enter');
    await settle(page);
    expect(await page.textContent(`#systems-table tr[data-system="${sys.id}"] .sys-name`)).toContain('locked');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('lock-btn');
    expect(await page.textContent('#lock-btn')).toBe('Unlock');
    const before = await scenario();
    const other = stp.systems.find((s) => s.id !== sys.id)!;
    await selectByCodes(page, [sys.units[0]]);
    await page.selectOption('#assign-to', other.id);
    await page.click('#assign-btn');
    await page.waitForSelector('.notice-error');
    expect(await page.textContent('.notice-error')).toContain('locked');
    await settle(page);
    expect(await scenario()).toEqual(before);
    await page.click('.notice-error .notice-close');
    await undo(2);
    const back = (await scenario()).systems.find((s) => s.id === sys.id)!;
    expect(back.locked).toBeUndefined();
    expect(back.atypical).toBeUndefined();
  });

  it('a finding zooms to and selects its CCGs; the systems table sorts and carries bars and badges', async () => {
    await page.keyboard.press('Escape');
    await page.click('#tab-findings');
    const first = await hook(page, (h) => h.state!.findings[0].units);
    const centreBefore = await page.evaluate(() => (window as unknown as { __footprints: { map: { getCenter(): { lng: number; lat: number } } } }).__footprints.map.getCenter());
    await page.click('#findings-list li:first-child .finding-btn');
    await expect.poll(() => hook(page, (h) => h.selection.length)).toBe(first.length);
    expect([...(await hook(page, (h) => h.selection))].sort((x, y) => x - y)).toEqual(first.map(idx).sort((x, y) => x - y));
    const centre = () => page.evaluate(() => (window as unknown as { __footprints: { map: { getCenter(): { lng: number; lat: number } } } }).__footprints.map.getCenter());
    await expect.poll(async () => {
      const c = await centre();
      return Math.hypot(c.lng - centreBefore.lng, c.lat - centreBefore.lat);
    }).toBeGreaterThan(0.01);

    await page.click('#tab-systems');
    await page.click('#systems-table th:nth-child(2) button');
    expect(await page.getAttribute('#systems-table th:nth-child(2)', 'aria-sort')).toBe('descending');
    const pops = await page.$$eval('#systems-table tbody td.pop-cell', (tds) => tds.map((td) => Number(td.getAttribute('data-population'))));
    expect(pops).toEqual([...pops].sort((x, y) => y - x));
    expect(pops[0]).toBe(Math.max(...stp.systems.map((s) => pop(s.units))));
    expect(await page.locator('#systems-table .pop-bar').count()).toBe(42);
    const withFindings = await hook(page, (h) => h.state!.systemFindings.filter((n) => n > 0).length);
    expect(await page.locator('#systems-table .badge').count()).toBe(withFindings);
    await page.click('#systems-table th:nth-child(1) button');
  });

  it('a dropped scenario file opens beside the open work and its names are shown as text, never as markup', async () => {
    const base = await scenario();
    const baseId = await hook(page, (h) => (h as unknown as { currentScenarioId: string }).currentScenarioId);
    const evil = '<img src=x onerror="window.__pwned=1">Evil <b>system</b>';
    const file = JSON.stringify({ ...base, name: 'Dropped <script>x</script>', systems: base.systems.map((g, k) => (k === 0 ? { ...g, name: evil } : g)) });
    await dropFile(page, 'dropped.footprints.json', file, 'application/json');
    await expect.poll(() => hook(page, (h) => h.state!.scenario.name)).toBe('Dropped <script>x</script>');
    await settle(page);
    await page.click('#tab-systems');
    const id = base.systems[0].id;
    expect(await page.textContent(`#systems-table tr[data-system="${id}"] .sys-label`)).toContain(evil);
    expect(await page.locator('#systems-table img, #systems-table b, #sidebar img').count()).toBe(0);
    expect(await page.inputValue('#scenario-name')).toBe('Dropped <script>x</script>');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.screenshot({ path: `${ARTIFACTS}/e2e-dropped-file-as-text.png` });
    // The work that was open is still saved, and reopens as it was.
    await page.click('#tab-scenarios');
    await page.click(`#scenario-list li[data-id="${baseId}"] button:has-text("Open")`);
    await expect.poll(() => scenario()).toEqual(base);
  });

  it('the saved-scenario list renames, duplicates and deletes, and a delete can be undone from the keyboard', async () => {
    await page.click('#tab-scenarios');
    await page.evaluate(() => (window as unknown as { __footprints: { flush(): Promise<void> } }).__footprints.flush());
    await expect.poll(() => page.locator('#scenario-list li').count()).toBeGreaterThan(0);
    const n = await page.locator('#scenario-list li').count();
    await page.click('#scenario-list li.current button:has-text("Duplicate")');
    await expect.poll(() => page.locator('#scenario-list li').count()).toBe(n + 1);
    const copyId = await page.getAttribute('#scenario-list li:not(.current)[data-name$="(copy)"]', 'data-id');
    await page.fill(`#scenario-list li[data-id="${copyId}"] input`, 'Copy renamed');
    await page.press(`#scenario-list li[data-id="${copyId}"] input`, 'Enter');
    await expect.poll(() => page.getAttribute(`#scenario-list li[data-id="${copyId}"]`, 'data-name')).toBe('Copy renamed');
    expect(await page.inputValue(`#scenario-list li[data-id="${copyId}"] input`)).toBe('Copy renamed');
    await page.click(`#scenario-list li[data-id="${copyId}"] button:has-text("Delete")`);
    await expect.poll(() => page.locator('#scenario-list li').count()).toBe(n);
    // No confirm dialog: the notice says what went, and its Undo button has the focus.
    const notice = page.locator('.notice', { hasText: 'Deleted the saved scenario "Copy renamed"' });
    await expect.poll(() => notice.count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Undo');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#scenario-list li').count()).toBe(n + 1);
    expect(await page.getAttribute(`#scenario-list li[data-id="${copyId}"]`, 'data-name')).toBe('Copy renamed');
    expect(await notice.count()).toBe(0);
    await page.click(`#scenario-list li[data-id="${copyId}"] button:has-text("Delete")`);
    await expect.poll(() => page.locator('#scenario-list li').count()).toBe(n);
  });
});
