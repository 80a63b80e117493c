// Scenario files: the JSON round trip and every way a file can be wrong, on the real unit set.
import { FIXED_COST_DEFAULTS } from '../../engine/runningCosts.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseScenarioJson, validateScenario } from '../../engine/io/validate.ts';
import { ScenarioValidationError } from '../../engine/errors.ts';
import { addCollaboration, scenarioFromBaseline, setAtypical, setLocked, type ScenarioV1 } from '../../engine/scenario.ts';
import type { Geography } from '../../engine/geography.ts';
import { realBundle, realGeography } from './helpers/real.ts';
import { deepFreeze } from '../fixtures/deepFreeze.ts';
import { thrownBy } from './helpers/thrownBy.ts';

let geo: Geography;
let stp: ScenarioV1;
beforeAll(() => {
  geo = realGeography();
  stp = deepFreeze(scenarioFromBaseline(realBundle(), 'stp-2019'));
});

/** A deep copy of the baseline to break. */
const json = (): Record<string, any> => JSON.parse(JSON.stringify(stp)); // eslint-disable-line @typescript-eslint/no-explicit-any

const problems = (input: unknown) => thrownBy(ScenarioValidationError, () => validateScenario(input, geo));

describe('validateScenario accepts', () => {
  it('JSON.stringify → parseScenarioJson gives a deep-equal scenario', () => {
    let s = setAtypical(setLocked(stp, stp.systems[0].id, true), stp.systems[1].id, 'two cities');
    s = addCollaboration(s, { name: 'Stroke', kind: 'joint-committee', services: ['stroke'], status: 'planned', units: stp.systems[2].units });
    s = { ...s, description: 'test' };
    expect(parseScenarioJson(JSON.stringify(s, null, 2), geo)).toEqual(s);
    expect(parseScenarioJson('\uFEFF' + JSON.stringify(s), geo)).toEqual(s);
  });

  it('returns a clean copy: extra fields dropped, defaults for missing settings and collaborations', () => {
    const j = json();
    j.extra = 1;
    j.systems[0].colour = 'red';
    delete j.settings;
    delete j.collaborations;
    const s = validateScenario(j, geo);
    expect('extra' in s).toBe(false);
    expect(s.systems[0]).toEqual({ id: stp.systems[0].id, name: stp.systems[0].name, units: stp.systems[0].units });
    expect(s.settings).toEqual({ band: { min: 400_000, max: 3_500_000 }, costPerHead: 21.46, ...FIXED_COST_DEFAULTS });
    expect(s.collaborations).toEqual([]);
    expect(s.systems[0].units).not.toBe(j.systems[0].units);
  });
});

describe('validateScenario refuses, naming the path', () => {
  it('malformed JSON, with line and column', () => {
    const text = '{\n  "schema": "footprints/scenario@1",\n  "name": "x",\n}';
    expect(() => parseScenarioJson(text, geo)).toThrow(ScenarioValidationError);
    expect(() => parseScenarioJson(text, geo)).toThrow(/malformed JSON at line 4, column 1/);
    expect(() => parseScenarioJson('{"a": [1, 2}', geo)).toThrow(/line 1, column 12: expected ',' or ']'/);
  });

  it('not an object', () => {
    expect(problems([]).message).toBe('expected a scenario object, got an array');
    expect(problems(null).message).toMatch(/got null/);
  });

  it('a wrong or missing schema version, saying which versions are supported', () => {
    expect(problems({ ...json(), schema: 'footprints/scenario@2' }).message).toBe(
      'schema: scenario format version 2 is not supported, written by a newer version of Footprints (supported: footprints/scenario@1)',
    );
    const missing = json();
    delete missing.schema;
    expect(problems(missing).message).toMatch(/^schema: missing: this is not a Footprints scenario file \(supported: footprints\/scenario@1\)/);
    expect(problems({ ...json(), schema: 'geojson' }).message).toMatch(/^schema: "geojson" is not a Footprints scenario schema/);
  });

  it('another unit set', () => {
    expect(problems({ ...json(), unitSet: 'lsoa-2011' }).message).toBe(
      `unitSet: this scenario is for another unit set, "lsoa-2011"; the loaded geography is "${geo.unitSet}"`,
    );
  });

  it('an unknown CCG code, at its path, with a hint for an NHS code', () => {
    const j = json();
    j.systems[3].units[1] = 'E38999999';
    const e = problems(j);
    expect(e.message).toMatch(/^systems\[3\]\.units\[1\]: unknown CCG code "E38999999"/);
    expect(e.issues[0]).toEqual({ path: 'systems[3].units[1]', message: 'unknown CCG code "E38999999"' });
    const k = json();
    k.systems[0].units[0] = geo.nhsCodes[geo.indexOfCode(stp.systems[0].units[0])];
    expect(problems(k).message).toMatch(new RegExp(`did you mean ${stp.systems[0].units[0]}\\? scenarios refer to CCGs by ONS code`));
  });

  it('a duplicated unit, with both paths', () => {
    const j = json();
    const dup = j.systems[0].units[0];
    j.systems[5].units.push(dup);
    const n = j.systems[5].units.length - 1;
    expect(problems(j).issues).toEqual([{ path: `systems[5].units[${n}]`, message: `${dup} is also in systems[0].units[0]` }]);
    const o = json();
    o.organisations[7].units.push(o.organisations[2].units[0]);
    expect(problems(o).message).toBe(`organisations[7].units[1]: ${o.organisations[2].units[0]} is also in organisations[2].units[0]`);
  });

  it('missing units, listed with a count', () => {
    const j = json();
    const gone: string[] = j.systems.splice(4, 1)[0].units;
    const e = problems(j);
    expect(e.issues).toHaveLength(1);
    expect(e.message).toBe(`systems: ${gone.length} CCGs are in no system: ${gone.slice(0, 10).join(', ')}${gone.length > 10 ? ` … and ${gone.length - 10} more` : ''}`);
    const o = json();
    o.organisations = o.organisations.slice(0, 150);
    expect(problems(o).message).toMatch(/^organisations: 41 CCGs are in no organisation: E38\w+, .* … and 31 more$/);
  });

  it('bad ids, names and unit lists in groups', () => {
    const j = json();
    j.systems[1].id = j.systems[0].id;
    j.systems[2].id = '';
    j.systems[3].name = 7;
    j.organisations[0].units = 'E38000001';
    j.systems[4].locked = 'yes';
    const paths = problems(j).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['systems[1].id', 'systems[2].id', 'systems[3].name', 'systems[4].locked', 'organisations[0].units']));
    expect(problems(j).issues.find((i) => i.path === 'systems[1].id')?.message).toBe(`id "${j.systems[0].id}" is also used by systems[0]`);
  });

  it('bad collaboration kind, status, services and units', () => {
    const j = json();
    j.collaborations = [
      { id: 'c1', name: 'A', kind: 'merger', status: 'in-place', services: [], units: [geo.codes[0]] },
      { id: 'c2', name: 'B', kind: 'joint-team', status: 'someday', services: ['x', 3], units: [] },
      { id: 'c1', name: 'C', kind: 'joint-team', status: 'planned', services: [], units: [geo.codes[0], geo.codes[0], 'E38999999'] },
    ];
    const issues = problems(j).issues;
    expect(issues).toEqual([
      { path: 'collaborations[0].kind', message: expect.stringMatching(/^"merger" is not a collaboration kind; expected one of shared-accountable-officer, /) },
      { path: 'collaborations[1].status', message: expect.stringMatching(/^"someday" is not a status; expected one of in-place, planned, possible/) },
      { path: 'collaborations[1].services[1]', message: 'expected a string, got number' },
      { path: 'collaborations[1].units', message: 'a collaboration needs at least one CCG' },
      { path: 'collaborations[2].id', message: 'id "c1" is also used by collaborations[0]' },
      { path: 'collaborations[2].units[1]', message: `${geo.codes[0]} is also in collaborations[2].units[0]` },
      { path: 'collaborations[2].units[2]', message: 'unknown CCG code "E38999999"' },
    ]);
  });

  it('a bad band or allowance', () => {
    const bad = (settings: unknown) => problems({ ...json(), settings }).issues;
    expect(bad({ band: { min: 3_000_000, max: 500_000 } })).toEqual([{ path: 'settings.band', message: 'min (3000000) is greater than max (500000)' }]);
    expect(bad({ band: { min: -5, max: 'big' } }).map((i) => i.path)).toEqual(['settings.band.min', 'settings.band.max']);
    expect(bad({ band: { min: 1 } })[0]).toEqual({ path: 'settings.band.max', message: 'expected a number of persons from 0 to 100,000,000, got nothing' });
    expect(bad({ band: [1, 2] })[0].path).toBe('settings.band');
    expect(bad({ costPerHead: 0 })[0]).toEqual({ path: 'settings.costPerHead', message: 'expected £ per head above 0 and at most 1,000, got 0' });
    expect(bad('x')[0].path).toBe('settings');
  });

  it('collects several problems, capped at 20, and summarises the first three', () => {
    const j = json();
    for (let k = 0; k < 30; k++) j.systems[k % 42].units.push(`E3899${String(k).padStart(4, '0')}`);
    const e = problems(j);
    expect(e.issues).toHaveLength(20);
    expect(e.message).toMatch(/^systems\[0\]\.units\[\d+\]: unknown CCG code "E38990000"; systems\[1\]\.units\[\d+\]: .*; .* \(and 17 more\)$/);
  });
});
