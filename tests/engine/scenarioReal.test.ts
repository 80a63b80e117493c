// Golden behaviour of the scenario operations on the real 191 CCGs.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  assignUnits,
  canonicalScenario,
  emptyScenario,
  oneOrganisationPerSystem,
  scenarioFromBaseline,
  splitOrganisation,
  type ScenarioV1,
} from '../../engine/scenario.ts';
import type { Geography } from '../../engine/geography.ts';
import type { Bundle } from '../../engine/bundle.ts';
import { validateScenario } from '../../engine/io/validate.ts';
import { deepFreeze } from '../fixtures/deepFreeze.ts';
import { realBundle, realGeography } from './helpers/real.ts';
import { ENGLAND_TOTAL, expectInvariants } from './scenarioInvariants.ts';

let geo: Geography;
let bundle: Bundle;
let stp: ScenarioV1;
beforeAll(() => {
  geo = realGeography();
  bundle = realBundle();
  stp = deepFreeze(scenarioFromBaseline(bundle, 'stp-2019'));
});

const systemOf = (s: ScenarioV1) => new Map(s.systems.flatMap((g) => g.units.map((u) => [u, g.id] as const)));

describe('baselines', () => {
  it('stp-2019 has 42 systems and 191 organisations over England', () => {
    expect(geo.n).toBe(191);
    expect(geo.total).toBe(ENGLAND_TOTAL);
    expect(stp.systems).toHaveLength(42);
    expect(stp.organisations).toHaveLength(191);
    expectInvariants(stp, geo);
  });

  it('every shipped baseline is a valid scenario', () => {
    for (const id of Object.keys(bundle.baselines)) {
      const s = scenarioFromBaseline(bundle, id);
      expect(() => validateScenario(s, geo), id).not.toThrow();
      expectInvariants(s, geo);
    }
  });

  it('emptyScenario is valid and keeps every CCG', () => {
    const s = emptyScenario(geo);
    expect(validateScenario(s, geo)).toEqual(s);
    expectInvariants(s, geo);
  });
});

describe('operations on real data', () => {
  it('assignUnits moves exactly the given units', () => {
    const [from, to] = [stp.systems[3], stp.systems[10]];
    const moving = from.units.slice(0, 2);
    const next = assignUnits(stp, moving, to.id);
    const before = systemOf(stp);
    const after = systemOf(next);
    for (const c of geo.codes) expect(after.get(c), c).toBe(moving.includes(c) ? to.id : before.get(c));
    expect(next.organisations).toBe(stp.organisations);
    expectInvariants(next, geo);
  });

  it('oneOrganisationPerSystem("all") gives 42 organisations, one per system', () => {
    const s = oneOrganisationPerSystem(stp, 'all');
    expect(s.organisations).toHaveLength(42);
    const byId = new Map(s.organisations.map((o) => [o.id, o]));
    for (const sys of stp.systems) {
      expect(byId.get(sys.id)).toEqual({ id: sys.id, name: sys.name, units: sys.units });
    }
    expectInvariants(s, geo);
    // The same organisations as the shipped "one CCG per ICS" baseline.
    const key = (x: ScenarioV1) => x.organisations.map((o) => JSON.stringify(o)).sort();
    expect(key(s)).toEqual(key(scenarioFromBaseline(bundle, 'one-ccg-per-ics')));
  });

  it('splitOrganisation on each of them restores one organisation per CCG', () => {
    let s = oneOrganisationPerSystem(stp, 'all');
    for (const o of [...s.organisations]) s = splitOrganisation(s, o.id, undefined, geo);
    expect(s.organisations).toHaveLength(191);
    const key = (x: ScenarioV1) => canonicalScenario(x, geo).organisations.map((o) => JSON.stringify([o.id, o.name, o.units])).sort();
    expect(key(s)).toEqual(key(stp));
    for (const o of s.organisations) expect(o.name).toBe(geo.names[geo.indexOfCode(o.id)]);
  });
});
