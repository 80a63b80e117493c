// The Generate panel in Chromium: a short generation from STP 2019 in a generate worker, its progress figures,
// the best options as small maps, the ensemble histograms, opening an option as a new saved scenario (the earlier
// one stays saved), comparing an option, and Pause / Cancel. The run allows 40–44 systems: the panel's "Number of
// systems" control reaches the worker (the recorded counts vary) and the engine's refusal of a range the scenario
// is outside is shown as the engine says it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, hook, startApp, type App } from './helpers.ts';
import { bundle } from './realBundle.ts';

const STEPS = 300;
const EVERY = 5;

let app: App;
let page: Page;
let external: string[];

type GenHook = { currentScenarioId: string; state: { scenario: { name: string; systems: { id: string }[] } } | null };

/** Waits until the panel reports one of these statuses (its own `data-status`). */
async function status(...wanted: string[]): Promise<void> {
  await page.waitForFunction((w) => w.includes(document.getElementById('gen-panel')?.dataset.status ?? ''), wanted, { timeout: 120_000 });
}

const stepsShown = async () => Number(await page.getAttribute('#gen-progress-steps', 'data-value'));

async function setRun(steps: number, seed: number, every = EVERY) {
  await page.fill('#gen-steps', String(steps));
  await page.fill('#gen-seed', String(seed));
  await page.fill('#gen-chains', '1');
  await page.fill('#gen-every', String(every));
}

beforeAll(async () => {
  app = await startApp('generate');
  ({ page, external } = await app.open({ viewport: { width: 1440, height: 2200 } }));
});

afterAll(async () => {
  await app?.close();
});

describe('Generate in Chromium', { timeout: 180_000 }, () => {
  it('runs a short generation from STP 2019: progress, options as small maps, ensemble histograms', async () => {
    expect(await hook(page, (h) => h.state?.scenario.name)).toBe(bundle.baselines['stp-2019'].name);
    await page.click('#tab-generate');
    await page.waitForSelector('#gen-start');
    // The band defaults to the scenario's settings.
    const band = await hook(page, (h) => (h.state as unknown as { scenario: { settings: { band: { min: number; max: number } } } }).scenario.settings.band);
    expect(Number(await page.inputValue('#gen-band-min'))).toBe(band.min);
    expect(Number(await page.inputValue('#gen-band-max'))).toBe(band.max);
    // The number of systems defaults to the scenario's, fixed.
    const startCount = bundle.baselines['stp-2019'].systems.length;
    expect(Number(await page.inputValue('#gen-systems-min'))).toBe(startCount);
    expect(Number(await page.inputValue('#gen-systems-max'))).toBe(startCount);
    await setRun(STEPS, 7);
    // A range the scenario is outside: the engine's own one line, nothing run.
    await page.fill('#gen-systems-min', '43');
    await page.fill('#gen-systems-max', '44');
    await page.click('#gen-start');
    await status('error');
    expect(await page.textContent('#gen-error')).toContain(`systemCount: the scenario has ${startCount} systems, outside the range 43–44 asked for`);
    await page.fill('#gen-systems-min', '40');
    await page.click('#gen-start');
    await status('done', 'error');
    expect(await page.isHidden('#gen-error')).toBe(true);
    expect(await page.textContent('#gen-status')).toBe(`Done: ${STEPS} steps in 1 chain.`);

    expect(await stepsShown()).toBe(STEPS);
    expect(await page.textContent('#gen-progress-steps')).toBe(`${STEPS} of ${STEPS}`);
    expect(Number((await page.textContent('#gen-progress-speed'))!.replace(/,/g, ''))).toBeGreaterThan(0);
    const best = Number(await page.textContent('#gen-progress-best'));
    expect(best).toBeGreaterThan(0);
    expect(best).toBeLessThanOrEqual(1);

    const options = page.locator('#gen-options .gen-option');
    expect(await options.count()).toBeGreaterThanOrEqual(1);
    // Best first, and the first is the best score the progress reported.
    const scores = await options.evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.score)));
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores[0].toFixed(3)).toBe(best.toFixed(3));
    // Each small map draws one path per system, 40 to 44 of them.
    const optionSystems = Number(await options.first().getAttribute('data-systems'));
    expect(optionSystems).toBeGreaterThanOrEqual(40);
    expect(optionSystems).toBeLessThanOrEqual(44);
    expect(await options.first().locator('svg.gen-map path').count()).toBe(optionSystems);

    const figures = page.locator('#gen-ensemble .gen-hist-figure');
    expect(await figures.count()).toBe(7);
    // The recorded numbers of systems vary (more than one bar): the range reached the worker's chain.
    const systemsFigure = page.locator('#gen-ensemble .gen-hist-figure[data-metric="systems"]');
    expect(await systemsFigure.locator('svg .gen-hist-bar').count()).toBeGreaterThan(1);
    expect(await systemsFigure.locator('.gen-percentile').textContent()).toMatch(new RegExp(`^${startCount}: more systems than \\d{1,3} % of ${STEPS / EVERY} generated plans, as many as \\d{1,3} %$`));
    expect(await figures.locator('svg .gen-hist-bar').count()).toBeGreaterThan(6);
    const words = await page.textContent('#gen-ensemble [data-metric="coterminosity"] .gen-percentile');
    expect(words).toMatch(new RegExp(`more coterminous than \\d{1,3} % of ${STEPS / EVERY} generated plans`));

    await page.locator('#panel-generate').screenshot({ path: `${ARTIFACTS}/generate-panel.png` });
  });

  it('opens the best option as a new saved scenario; the earlier scenario stays saved', async () => {
    const before = await hook(page, (h) => (h as unknown as GenHook).currentScenarioId);
    const startName = await hook(page, (h) => h.state?.scenario.name);
    await page.locator('#gen-options .gen-option').first().locator('.gen-open').click();
    const name = `${startName} (generated, option 1)`;
    await page.waitForFunction((n) => (window as unknown as { __footprints: GenHook }).__footprints.state?.scenario.name === n, name, { timeout: 60_000 });
    const after = await hook(page, (h) => (h as unknown as GenHook).currentScenarioId);
    expect(after).not.toBe(before);
    const optionSystems = Number(await page.locator('#gen-options .gen-option').first().getAttribute('data-systems'));
    expect(await hook(page, (h) => h.state?.scenario.systems.length)).toBe(optionSystems);
    await page.click('#tab-scenarios');
    await page.waitForSelector(`#scenario-list li[data-id="${after}"].current`);
    expect(await page.getAttribute(`#scenario-list li[data-id="${after}"]`, 'data-name')).toBe(name);
    expect(await page.getAttribute(`#scenario-list li[data-id="${before}"]`, 'data-name')).toBe(startName);
  });

  it('pauses, resumes and cancels at once; a cancelled run stops counting steps', async () => {
    await page.click('#tab-generate');
    await setRun(5_000_000, 3, 10_000);
    await page.click('#gen-start');
    await page.waitForFunction(() => Number(document.getElementById('gen-progress-steps')?.dataset.value) > 0, undefined, { timeout: 60_000 });

    await page.click('#gen-pause');
    expect(await page.getAttribute('#gen-panel', 'data-status')).toBe('paused');
    expect(await page.getAttribute('#gen-pause', 'aria-pressed')).toBe('true');
    expect(await page.textContent('#gen-pause')).toBe('Resume');
    await page.click('#gen-pause');
    expect(await page.getAttribute('#gen-panel', 'data-status')).toBe('running');
    expect(await page.textContent('#gen-pause')).toBe('Pause');

    await page.click('#gen-cancel');
    // The panel says so on the click, before the worker answers.
    expect(await page.getAttribute('#gen-panel', 'data-status')).toBe('cancelled');
    expect(await page.isDisabled('#gen-cancel')).toBe(true);
    expect(await page.isDisabled('#gen-pause')).toBe(true);
    // The chain returns with what it had: the final figures are shown and the run is over.
    await page.waitForFunction(() => /^Cancelled after/.test(document.getElementById('gen-status')?.textContent ?? ''), undefined, { timeout: 30_000 });
    const stopped = await stepsShown();
    expect(stopped).toBeGreaterThan(0);
    expect(stopped).toBeLessThan(5_000_000);
    expect(await page.textContent('#gen-status')).toBe(`Cancelled after ${stopped.toLocaleString('en-GB')} steps; the best options found so far are below.`);
    // Thirty frames later (the worker reported every 100 ms while running), still the same count.
    await page.evaluate(async () => {
      for (let k = 0; k < 30; k++) await new Promise((r) => requestAnimationFrame(r));
    });
    expect(await stepsShown()).toBe(stopped);
    expect(await page.isEnabled('#gen-start')).toBe(true);
  });

  it('compares an option with the scenario being edited (the option as side B)', async () => {
    await page.locator('#gen-options .gen-option').first().locator('.gen-compare').click();
    await page.waitForFunction(() => {
      const el = document.getElementById('compare-view');
      return !!el && !el.hidden && el.dataset.ready === 'true' && el.dataset.pair === 'current|generated';
    }, undefined, { timeout: 150_000 });
    expect(await page.textContent('.cmp-map-b .cmp-map-name')).toBe('Generated: option 1');
    expect(external).toEqual([]);
  });
});
