// Nothing a planner made is lost to a bad record, file, link or a failing engine (issue 10, items 1, 2, 3, 6).
// Every wait is on the app's own state (the test hook, body data attributes, the DOM), never on the clock.
import { deflateRawSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, hook, searchCodes, settle, startApp, waitReady, type App } from './helpers.ts';
import { borderCcg, bundle } from './realBundle.ts';

let app: App;
// Each test opens the app afresh (some twice, or with a restarted engine): minutes on a loaded 2-core machine.
vi.setConfig({ testTimeout: 180_000 });

beforeAll(async () => {
  app = await startApp('trust');
});

afterAll(async () => {
  await app?.close();
});

const link = (text: string) => `#s=${deflateRawSync(Buffer.from(text)).toString('base64url')}`;
const scenarioOf = (page: Page) => hook(page, (h) => h.state!.scenario);
const flush = (page: Page) => page.evaluate(() => (window as unknown as { __footprints: { flush(): Promise<void> } }).__footprints.flush());
const currentId = (page: Page) => page.evaluate(() => (window as unknown as { __footprints: { currentScenarioId: string } }).__footprints.currentScenarioId);

/** The records stored in the app's IndexedDB, keyed by id. */
function storedRecords(page: Page): Promise<Record<string, { name: string; scenario: unknown }>> {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open('footprints', 1);
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const all = req.result.transaction('scenarios', 'readonly').objectStore('scenarios').getAll();
      all.onsuccess = () => {
        req.result.close();
        resolve(Object.fromEntries((all.result as { id: string; name: string; scenario: unknown }[]).map((r) => [r.id, r])));
      };
      all.onerror = () => reject(all.error);
    };
  }));
}

/** Writes records and `meta.current` straight into the app's IndexedDB, as another version or a bad tab might. */
function writeRecords(page: Page, records: unknown[], current?: string): Promise<void> {
  return page.evaluate(([records, current]) => new Promise<void>((resolve, reject) => {
    const req = indexedDB.open('footprints', 1);
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const t = req.result.transaction(['scenarios', 'meta'], 'readwrite');
      for (const r of records as unknown[]) t.objectStore('scenarios').put(r);
      if (current) t.objectStore('meta').put(current, 'current');
      t.oncomplete = () => {
        req.result.close();
        resolve();
      };
      t.onerror = () => reject(t.error);
    };
  }), [records, current] as const);
}

/** Names a scenario and moves one border CCG, so it differs from every baseline; returns the scenario. */
async function makeWork(page: Page, name: string) {
  const { code, to } = borderCcg();
  await page.fill('#scenario-name', name);
  await page.press('#scenario-name', 'Enter');
  await searchCodes(page, [code]);
  await page.selectOption('#assign-to', to);
  await page.click('#assign-btn');
  await settle(page);
  await expect.poll(() => scenarioOf(page).then((s) => s.name)).toBe(name);
  await flush(page);
  return scenarioOf(page);
}

async function freshPage(query = ''): Promise<{ context: BrowserContext; page: Page }> {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await page.goto(app.url + query);
  return { context, page };
}

describe('damaged saved records', () => {
  it('never stop the app: they are listed as damaged with their content downloadable, the rest open', async () => {
    const { context, page } = await app.open();
    const work = await makeWork(page, 'Good work');
    const goodId = await currentId(page);
    const valid = work as { systems: unknown[] };
    const damaged = [
      { id: 'bad-null', name: 'Null scenario', updated: Date.now(), scenario: null },
      { id: 'bad-no-systems', name: 'No systems', updated: Date.now() - 1000, scenario: { ...work, systems: undefined } },
      { id: 'bad-types', name: 42, updated: 'yesterday', scenario: { ...work, systems: 'all of them', organisations: valid.systems.length } },
    ];
    // The damaged null record is the one the app was about to reopen.
    await writeRecords(page, damaged, 'bad-null');
    await page.reload();
    await waitReady(page);
    // It started on a fresh baseline rather than stopping; nothing stored was changed.
    expect(await hook(page, (h) => h.state!.summary.systems)).toBe(42);
    await page.click('#tab-scenarios');
    await expect.poll(() => page.locator('#damaged-list li').count()).toBe(3);
    const reasons = await page.locator('#damaged-list .damaged-reason').allTextContents();
    expect(reasons.some((r) => /scenario.*null/.test(r))).toBe(true);
    expect(reasons.some((r) => /systems/.test(r))).toBe(true);
    expect(await page.locator('#damaged-list .damaged-name').allTextContents()).toEqual(expect.arrayContaining(['Null scenario', 'No systems', 'bad-types']));
    // The good one is listed and opens, exactly as it was saved.
    await expect.poll(() => page.locator(`#scenario-list li[data-id="${goodId}"]`).count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/e2e-damaged-records.png` });
    await page.click(`#scenario-list li[data-id="${goodId}"] button:has-text("Open")`);
    await expect.poll(() => scenarioOf(page)).toEqual(work);
    // A damaged record's raw content downloads as JSON, as stored.
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#damaged-list li[data-key="bad-types"] .damaged-download')]);
    expect(dl.suggestedFilename()).toMatch(/\.json$/);
    expect(JSON.parse(readFileSync((await dl.path())!, 'utf8'))).toEqual(damaged[2]);
    const stored = await storedRecords(page);
    expect(stored['bad-null']).toEqual(damaged[0]);
    await context.close();
  });
});

describe('imports and share links open beside the open work', () => {
  it('an imported file opens as a new saved scenario; the open work stays saved, intact, and reopens after a reload', async () => {
    const { context, page } = await app.open();
    const work = await makeWork(page, 'Work before import');
    const workId = await currentId(page);
    const systemOf = new Map<string, string>();
    for (const s of bundle.baselines['stp-2019'].systems) for (const u of s.units) systemOf.set(u, s.id);
    const csv = `ccg_code,system_id\n${bundle.units.code.map((c) => `${c},${systemOf.get(c)}`).join('\n')}\n`;
    await page.click('#tab-files');
    await page.setInputFiles('#import-file', { name: 'plan.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => currentId(page)).not.toBe(workId);
    const { code, from } = borderCcg();
    await expect.poll(() => hook(page, (h) => h.state!.scenario).then((s) => s.systems.find((g) => g.units.includes(code))?.id)).toBe(from);
    await settle(page);
    await flush(page);
    const stored = await storedRecords(page);
    expect(stored[workId].scenario).toEqual(work);
    await page.reload();
    await waitReady(page);
    await page.click('#tab-scenarios');
    await page.click(`#scenario-list li[data-id="${workId}"] button:has-text("Open")`);
    await expect.poll(() => scenarioOf(page)).toEqual(work);
    await context.close();
  });

  it('an invalid share link leaves the open work open, with a one-line notice of at most 300 characters', async () => {
    const { context, page } = await app.open();
    const work = await makeWork(page, 'Work before a bad link');
    const workId = await currentId(page);
    // Valid JSON, not a valid scenario, with a long value the engine's message would echo.
    const bad = { schema: `footprints/${'x'.repeat(20_000)}`, unitSet: 'ccg-2019', name: 'bad', systems: 'nope' };
    await page.goto('about:blank'); // a new document, not a jump within the open one
    await page.goto(app.url + link(JSON.stringify(bad)));
    await waitReady(page);
    await expect.poll(() => page.locator('#notices .notice-error').count()).toBeGreaterThan(0);
    const text = (await page.locator('#notices .notice-error .notice-text').first().textContent())!;
    expect(text).toMatch(/share link/i);
    expect(text.length).toBeLessThanOrEqual(300);
    expect(text).not.toMatch(/\n/);
    expect(await currentId(page)).toBe(workId);
    expect(await scenarioOf(page)).toEqual(work);
    await context.close();
  });

  it('a share link that inflates past the limit is refused within a second, and a link too long is refused before decoding', async () => {
    const { context, page } = await app.open();
    const work = await makeWork(page, 'Work before a bomb');
    // ~200 MB of spaces deflates to ~0.2 MB: a link a chat message could carry.
    const bomb = link(' '.repeat(200_000_000));
    // The app's own decodeShare, from the dev server (as text: vitest would rewrite a dynamic import in a function).
    const refused = (await page.evaluate(`(async () => {
      const { decodeShare } = await import('/state/share.ts');
      const t0 = performance.now();
      const msg = await decodeShare(${JSON.stringify(bomb)}).then(() => 'accepted', (e) => e.message);
      const ms = performance.now() - t0;
      const long = await decodeShare('#s=' + 'A'.repeat(1000004)).then(() => 'accepted', (e) => e.message);
      return { msg, ms, long };
    })()`)) as { msg: string; ms: number; long: string };
    expect(refused.msg).toMatch(/more than 5 MB/);
    expect(refused.ms).toBeLessThan(1000);
    expect(refused.long).toMatch(/characters long/);
    await page.goto('about:blank');
    await page.goto(app.url + bomb);
    await waitReady(page);
    await expect.poll(() => page.textContent('#notices')).toMatch(/share link is damaged.*more than 5 MB/);
    expect(await scenarioOf(page)).toEqual(work);
    await context.close();
  });
});

describe('a failing engine worker', () => {
  it('throwing at start is replaced by a new worker and the app opens', async () => {
    const { context, page } = await freshPage('?engine-fault=start');
    await waitReady(page);
    expect(await page.evaluate(() => document.body.dataset.engineFailures)).toBe('1');
    expect(await page.evaluate(() => document.body.dataset.engine)).toBe('ok');
    expect(await hook(page, (h) => h.state!.summary.systems)).toBe(42);
    await context.close();
  });

  it('failing at every start says so plainly, not "Loading…" forever, and offers to try again', async () => {
    const { context, page } = await freshPage('?engine-fault=start-always');
    await page.waitForFunction(() => document.body.dataset.engine === 'stopped', undefined, { timeout: 60_000 });
    const loading = (await page.textContent('#loading'))!;
    expect(loading).not.toMatch(/Loading the CCG boundaries/);
    expect(loading).toMatch(/engine stopped.*could not be started again/i);
    expect(await page.isVisible('#engine-retry')).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/e2e-engine-failed.png` });
    await context.close();
  });

  it('terminated mid-session: the next edit finds it gone, a new worker reopens the last saved scenario, and editing goes on', async () => {
    const { context, page } = await freshPage('?engine-fault=terminate');
    await waitReady(page);
    const work = await makeWork(page, 'Work before the crash');
    await page.evaluate(() => (window as unknown as { __footprintsFault: { terminateWorker(): void } }).__footprintsFault.terminateWorker());
    // An edit now goes unanswered; the supervisor notices, restarts and restores.
    const { code } = borderCcg();
    const target = work.systems.find((g) => !g.units.includes(code))!.id;
    await page.selectOption('#assign-to', target);
    await page.click('#assign-btn');
    await page.waitForFunction(() => document.body.dataset.engineFailures === '1' && document.body.dataset.engine === 'ok', undefined, { timeout: 60_000 });
    await expect.poll(() => page.textContent('#engine-status')).toMatch(/restarted/);
    await settle(page);
    expect(await scenarioOf(page)).toEqual(work);
    // The buttons are alive: the same edit now goes through.
    await page.click('#assign-btn');
    await expect.poll(() => scenarioOf(page).then((s) => s.systems.find((g) => g.units.includes(code))?.id)).toBe(target);
    await context.close();
  });
});
