// The summary shows what a merger saves: after "One CCG per ICS for all" from STP 2019 the running costs fall by
// the fixed costs of the organisations merged away, at the settings the planner can edit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { settle, startApp, type App } from './helpers.ts';
import { bundle } from './realBundle.ts';
import { FIXED_COST_DEFAULTS } from '../../engine/runningCosts.ts';
import { pounds } from '../../web/panels/format.ts';

let app: App;
let page: Page;
const before = bundle.baselines['stp-2019'].organisations.length;
const after = bundle.baselines['one-ccg-per-ics'].organisations.length;

beforeAll(async () => {
  app = await startApp('running-costs');
  ({ page } = await app.open());
});
afterAll(async () => {
  await app?.close();
});

const costNote = () => page.textContent('#stat-cost .stat-note');

describe('running costs in the summary', { timeout: 120_000 }, () => {
  it('shows no saving at the baseline, and the saving of the fixed costs after One CCG per ICS for all', async () => {
    await settle(page);
    expect(await costNote()).not.toMatch(/saves/);
    await page.click('#one-ccg-per-ics-all');
    await settle(page);
    const { governingBodyCost: gb, accountableOfficerCost: ao } = FIXED_COST_DEFAULTS;
    const saving = (before - after) * (gb + ao);
    expect(await costNote()).toContain(`for ${after} governing bodies and ${after} AOs · saves ${pounds(saving)} a year against ${bundle.baselines['stp-2019'].name}`);
  });

  it('the fixed costs are settings: editing them changes the saving', async () => {
    await page.click('#tab-settings');
    await page.fill('#governing-body-cost', '100000');
    await page.fill('#accountable-officer-cost', '0');
    await page.click('form.settings button[type=submit]');
    await settle(page);
    expect(await costNote()).toContain(`saves ${pounds((before - after) * 100_000)} a year`);
  });
});
