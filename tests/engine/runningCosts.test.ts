// Running costs respond to mergers: the allowance (population × £/head) plus each organisation's governing body
// and accountable officer, on the real bundle.
import { describe, expect, it } from 'vitest';
import { compareScenarios } from '../../engine/compare.ts';
import { evaluateScenario } from '../../engine/evaluate.ts';
import { scenarioFromBaseline, updateSettings } from '../../engine/scenario.ts';
import { FIXED_COST_DEFAULTS, costChange } from '../../engine/runningCosts.ts';
import { validateScenario } from '../../engine/io/validate.ts';
import { evaluationCsv } from '../../engine/io/evaluationOutput.ts';
import { readRawCsv, realBundle, realGeography, STP_LOOKUP } from './helpers/real.ts';

const bundle = realBundle();
const geo = realGeography();
const GB = FIXED_COST_DEFAULTS.governingBodyCost;
const AO = FIXED_COST_DEFAULTS.accountableOfficerCost;

// The counts from the raw ONS lookup, not from the bundle: distinct CCGs and STPs of April 2019.
const lookup = readRawCsv(STP_LOOKUP);
const ccgs = new Set(lookup.map((r) => r.CCG19CD)).size;
const stps = new Set(lookup.map((r) => r.STP19CD)).size;

describe('running costs', () => {
  it('the raw lookup has 191 CCGs in 42 STPs (the counts the saving is made of)', () => {
    expect([ccgs, stps]).toEqual([191, 42]);
  });

  it('STP 2019 → one CCG per ICS: fixed costs fall by exactly (191 − 42) × (governing body + AO); the allowance is unchanged', () => {
    const cmp = compareScenarios(geo, scenarioFromBaseline(bundle, 'stp-2019'), scenarioFromBaseline(bundle, 'one-ccg-per-ics'));
    expect(cmp.summary.fixed_costs_gbp.delta).toBe(-(ccgs - stps) * (GB + AO));
    expect(cmp.summary.allowance_gbp.delta).toBeCloseTo(0, 3);
    expect(cmp.summary.running_cost_gbp.delta).toBeCloseTo(-(ccgs - stps) * (GB + AO), 3);
    expect(cmp.summary.fixed_costs_gbp.a).toBe(ccgs * (GB + AO));
  });

  it('the summary and each system carry allowance + fixed costs, at the settings', () => {
    const s = updateSettings(scenarioFromBaseline(bundle, 'one-ccg-per-ics'), { governingBodyCost: 1000, accountableOfficerCost: 10 });
    const ev = evaluateScenario(geo, s);
    expect(ev.summary.fixedCosts).toBe(stps * 1010);
    expect(ev.summary.runningCost).toBeCloseTo(ev.summary.allowance + stps * 1010, 3);
    for (const m of ev.systems) expect(m.fixedCosts).toBe(1010);
  });

  it('costChange shows the saving against a reference at the current settings', () => {
    const ref = evaluateScenario(geo, scenarioFromBaseline(bundle, 'stp-2019')).summary;
    const cur = evaluateScenario(geo, scenarioFromBaseline(bundle, 'ccg-2021')).summary;
    const settings = { costPerHead: 21.46, governingBodyCost: 2, accountableOfficerCost: 3 };
    const c = costChange('STP 2019', ref, cur, settings);
    expect(c.governingBodies).toBe(cur.organisations - ccgs);
    expect(c.fixedCosts).toBe((cur.organisations - ccgs) * 5);
  });

  it('the settings are checked by the one rulebook: a bad amount is refused in one line', () => {
    const stp = scenarioFromBaseline(bundle, 'stp-2019');
    expect(() => updateSettings(stp, { governingBodyCost: -1 })).toThrow(/^settings\.governingBodyCost: expected £ a year from 0 to 10,000,000, got -1$/);
    expect(() => updateSettings(stp, { accountableOfficerCost: Number.POSITIVE_INFINITY })).toThrow(/^settings\.accountableOfficerCost: expected £ a year/);
  });

  it('a scenario file without the new settings opens with the defaults; one with them keeps them', () => {
    const j = JSON.parse(JSON.stringify(scenarioFromBaseline(bundle, 'stp-2019'))) as Record<string, unknown>;
    j.settings = { band: { min: 1, max: 2 }, costPerHead: 20 };
    expect(validateScenario(j, geo).settings).toEqual({ band: { min: 1, max: 2 }, costPerHead: 20, governingBodyCost: GB, accountableOfficerCost: AO });
    j.settings = { band: { min: 1, max: 2 }, costPerHead: 20, governingBodyCost: 0, accountableOfficerCost: 5 };
    expect(validateScenario(j, geo).settings).toMatchObject({ governingBodyCost: 0, accountableOfficerCost: 5 });
  });

  it('the evaluation CSV has the allowance, fixed costs and running cost columns', () => {
    const csv = evaluationCsv(evaluateScenario(geo, scenarioFromBaseline(bundle, 'one-ccg-per-ics')), bundle);
    const header = csv.split('\n')[0].split(',');
    expect(header).toEqual(expect.arrayContaining(['allowance_gbp', 'fixed_costs_gbp', 'running_cost_gbp']));
    const england = csv.split('\n').find((l) => l.startsWith('england'))!.split(',');
    expect(Number(england[header.indexOf('fixed_costs_gbp')])).toBe(stps * (GB + AO));
  });
});
