// The 2019–2022 timeline on the real bundle: steps in date order, and the 2019 → 2020 mergers named as the ONS
// lookups name them (a 2020 CCG whose LSOAs lay in several 2019 CCGs), with populations summed from the units.
import { describe, expect, it } from 'vitest';
import { timeline, TIMELINE_VINTAGES } from '../../engine/timeline.ts';
import { LSOA_LOOKUP, readRawCsv, realBundle, realGeography } from './helpers/real.ts';

const bundle = realBundle();
const geo = realGeography();
const LSOA_2020 = 'lookups/Lower_Layer_Super_Output_Area_(2011)_to_Clinical_Commissioning_Group_to_Local_Authority_District_(April_2020)_Lookup_in_England.csv';

describe('timeline', () => {
  const steps = timeline(geo, bundle);

  it('has the four vintages in date order, with their counts', () => {
    expect(steps.map((s) => s.date)).toEqual(TIMELINE_VINTAGES.map((v) => v.date));
    expect(steps.map((s) => s.organisations)).toEqual([191, 135, 106, 42]);
    expect(steps[0].mergers).toEqual([]);
  });

  it('2019 → 2020: the mergers are the 2020 CCGs made of several 2019 CCGs in the ONS lookups (by majority of LSOAs)', () => {
    // Each 2019 CCG goes to the 2020 CCG holding most of its LSOAs (a few areas did not nest exactly).
    const ccg19 = new Map(readRawCsv(LSOA_LOOKUP).map((r) => [r.LSOA11CD, r.CCG19CD]));
    const votes = new Map<string, Map<string, number>>();
    const names = new Map<string, string>();
    for (const r of readRawCsv(LSOA_2020)) {
      names.set(r.CCG20CD, r.CCG20NM);
      const c19 = ccg19.get(r.LSOA11CD)!;
      if (!votes.has(c19)) votes.set(c19, new Map());
      votes.get(c19)!.set(r.CCG20CD, (votes.get(c19)!.get(r.CCG20CD) ?? 0) + 1);
    }
    const parts = new Map<string, Set<string>>();
    for (const [c19, v] of votes) {
      const c20 = [...v].sort((x, y) => y[1] - x[1])[0][0];
      if (!parts.has(c20)) parts.set(c20, new Set());
      parts.get(c20)!.add(c19);
    }
    const merged = [...parts].filter(([, p]) => p.size > 1);
    const step = steps[1];
    expect(step.mergers.map((m) => m.into.name).sort()).toEqual(merged.map(([c]) => names.get(c)!).sort());
    for (const m of step.mergers) {
      const [code, from] = merged.find(([c]) => names.get(c) === m.into.name)!;
      expect(m.from.length, code).toBe(from.size);
      const population = [...from].reduce((t, c) => t + bundle.units.population[bundle.units.code.indexOf(c)], 0);
      expect(m.population).toBe(population);
    }
    // 191 − 135: every merger of k CCGs removes k − 1 organisations.
    expect(step.mergers.reduce((t, m) => t + m.from.length - 1, 0)).toBe(191 - 135);
  });

  it('2021 → 2022 lists the CCGs that moved system with their people', () => {
    const step = steps[3];
    expect(step.moves.length).toBeGreaterThan(0);
    expect(step.peopleMoved).toBe(step.moves.reduce((t, m) => t + m.population, 0));
    for (const m of step.moves) expect(m.from).not.toBe(m.to);
  });
});
