// GeoJSON imports and the one "open a file" entry point, on the real CCGs.
import { beforeAll, describe, expect, it } from 'vitest';
import { importSystemsGeoJson, importUnitsGeoJson } from '../../engine/io/geojsonImport.ts';
import { importAny } from '../../engine/io/geojsonImport.ts';
import { exportAssignmentsCsv } from '../../engine/io/csv.ts';
import { ImportError, ScenarioValidationError } from '../../engine/errors.ts';
import { scenarioFromBaseline, setAtypical, type ScenarioV1 } from '../../engine/scenario.ts';
import type { Geography } from '../../engine/geography.ts';
import { realBundle, realGeography } from './helpers/real.ts';
import { deepFreeze } from '../fixtures/deepFreeze.ts';
import { partitionById } from './scenarioInvariants.ts';
import { thrownBy } from './helpers/thrownBy.ts';

let geo: Geography;
let stp: ScenarioV1;
beforeAll(() => {
  geo = realGeography();
  stp = deepFreeze(scenarioFromBaseline(realBundle(), 'stp-2019'));
});

const systemsOnly = (s: ScenarioV1) => partitionById(s.systems).map(([id, , units]) => [id, units]);

/** A units layer as a GIS user would have it: one feature per CCG with ONS properties. */
function unitsLayer(s: ScenarioV1, props: (code: string, system: string) => Record<string, unknown> = (c, g) => ({ CCG19CD: c, CCG19NM: 'x', STP19CD: g })) {
  return {
    type: 'FeatureCollection',
    features: s.systems.flatMap((g) => g.units.map((u) => ({ type: 'Feature', geometry: null, properties: props(u, g.id) }))),
  };
}

function systemsExport(s: ScenarioV1, asArray: boolean) {
  return {
    type: 'FeatureCollection',
    name: 'My export',
    features: s.systems.map((g) => ({ type: 'Feature', geometry: null, properties: { id: g.id, name: g.name, ccg_codes: asArray ? [...g.units] : g.units.join(';'), population: 1 } })),
  };
}

const failure = (f: () => unknown) => thrownBy(ImportError, f);

describe('importUnitsGeoJson', () => {
  it('groups units by the first group property found (STP19CD), each CCG its own organisation', () => {
    const s = importUnitsGeoJson(unitsLayer(stp), geo, { fileName: 'ccgs.geojson' });
    expect(systemsOnly(s)).toEqual(systemsOnly(stp));
    expect(s.organisations).toHaveLength(191);
    expect(s.name).toBe('ccgs');
  });

  it('uses a given group property, and reads text', () => {
    const layer = unitsLayer(stp, (c, g) => ({ code: c, plan: `P-${g}`, system: 'ignored' }));
    const s = importUnitsGeoJson(JSON.stringify(layer), geo, { groupProperty: 'plan' });
    expect(s.systems).toHaveLength(42);
    expect(s.systems.every((g) => g.id.startsWith('P-'))).toBe(true);
    expect(failure(() => importUnitsGeoJson(layer, geo, { groupProperty: 'plan2' })).message).toBe('features: no feature has the property "plan2"');
  });

  it('names the feature with no CCG code, an unknown code, or no group value', () => {
    const layer = unitsLayer(stp);
    layer.features[12].properties = { STP19CD: 'x' };
    layer.features[13].properties = { CCG19CD: 'E38999999', STP19CD: 'x' };
    layer.features[14].properties = { CCG19CD: layer.features[14].properties.CCG19CD, STP19CD: '' };
    const e = failure(() => importUnitsGeoJson(layer, geo));
    expect(e.issues).toEqual([
      { path: 'features[12].properties', message: 'no CCG code (expected one of ccg_code, CCG19CD, code …)' },
      { path: 'features[13].properties.CCG19CD', message: 'no CCG matches "E38999999"' },
      { path: 'features[14].properties.STP19CD', message: expect.stringMatching(/^no group value for E38/) },
    ]);
    expect(e.message).toMatch(/^3 problems: features\[12\]\.properties: no CCG code/);
  });

  it('reports missing properties, duplicates and missing CCGs', () => {
    const layer = unitsLayer(stp);
    (layer.features[3] as { properties: unknown }).properties = null;
    expect(failure(() => importUnitsGeoJson(layer, geo)).issues).toEqual([{ path: 'features[3].properties', message: 'missing: no CCG code and no group' }]);
    const dup = unitsLayer(stp);
    dup.features[20].properties = { ...dup.features[2].properties };
    const e = failure(() => importUnitsGeoJson(dup, geo));
    expect(e.issues[0]).toEqual({ path: 'features[20]', message: `${dup.features[2].properties.CCG19CD} already given on features[2]` });
    expect(e.issues[1].message).toMatch(/^1 CCG is missing: E38/);
  });

  it('refuses what is not a FeatureCollection, or has no group property', () => {
    expect(failure(() => importUnitsGeoJson({ type: 'Feature' }, geo)).message).toBe('type: not a GeoJSON FeatureCollection (type is "Feature")');
    expect(failure(() => importUnitsGeoJson([], geo)).message).toMatch(/not a GeoJSON FeatureCollection \(an array\)/);
    expect(failure(() => importUnitsGeoJson({ type: 'FeatureCollection', features: {} }, geo)).issues[0].path).toBe('features');
    const layer = unitsLayer(stp, (c) => ({ CCG19CD: c }));
    expect(failure(() => importUnitsGeoJson(layer, geo)).message).toMatch(/features: no group property: expected one of system_id, system, group, STP19CD/);
    expect(failure(() => importUnitsGeoJson('{"type": "FeatureCollection",\n "features": [}', geo)).issues).toEqual([
      { line: 2, column: 15, message: expect.stringMatching(/^malformed JSON: unexpected "}"/) },
    ]);
  });
});

describe('importSystemsGeoJson (our own export)', () => {
  it('rebuilds systems from ccg_codes as a string or an array', () => {
    for (const asArray of [false, true]) {
      const s = importSystemsGeoJson(systemsExport(stp, asArray), geo);
      expect(partitionById(s.systems)).toEqual(partitionById(stp.systems));
      expect(s.name).toBe('My export');
    }
  });

  it('names the bad code and the feature without an id', () => {
    const fc = systemsExport(stp, true);
    (fc.features[4].properties.ccg_codes as string[])[1] = 'E38999999';
    (fc.features[6].properties as { id: unknown }).id = '';
    const e = failure(() => importSystemsGeoJson(fc, geo));
    expect(e.issues).toEqual([
      { path: 'features[4].properties.ccg_codes[1]', message: 'no CCG matches "E38999999"' },
      { path: 'features[6].properties.id', message: 'no system id' },
    ]);
  });
});

describe('importAny', () => {
  it('dispatches CSV, scenario JSON, GeoJSON with a scenario member, systems export and units layer', () => {
    const s = setAtypical(stp, stp.systems[1].id, 'why');
    expect(systemsOnly(importAny(exportAssignmentsCsv(s, geo), 'a.csv', geo))).toEqual(systemsOnly(stp));
    expect(importAny(JSON.stringify(s), 'a.json', geo)).toEqual(s);
    expect(importAny(JSON.stringify({ ...systemsExport(stp, false), scenario: s }), 'a.geojson', geo)).toEqual(s);
    expect(importAny(JSON.stringify({ ...systemsExport(stp, false), footprints: { scenario: s, level: 'systems' } }), 'a.geojson', geo)).toEqual(s);
    expect(systemsOnly(importAny(JSON.stringify(systemsExport(stp, false)), 'b.geojson', geo))).toEqual(systemsOnly(stp));
    expect(systemsOnly(importAny(JSON.stringify(unitsLayer(stp)), 'c.json', geo))).toEqual(systemsOnly(stp));
    // Without a telling extension, the content decides.
    expect(importAny(JSON.stringify(s), 'download', geo)).toEqual(s);
    expect(importAny(exportAssignmentsCsv(s, geo), 'download', geo).systems).toHaveLength(42);
  });

  it('gives clear errors and never a partial scenario', () => {
    expect(() => importAny('{"schema": "footprints/scenario@1",\n  "name": }', 'x.json', geo)).toThrow(/^x\.json: line 2, column 11: malformed JSON: unexpected "}"$/);
    expect(() => importAny(JSON.stringify({ ...stp, schema: 'footprints/scenario@9' }), 'x.json', geo)).toThrow(ScenarioValidationError);
    const nested = { ...systemsExport(stp, false), scenario: { ...stp, systems: stp.systems.slice(1) } };
    expect(() => importAny(JSON.stringify(nested), 'x.geojson', geo)).toThrow(/^scenario\.systems: \d+ CCGs? (is|are) in no system/);
    const member = { ...systemsExport(stp, false), footprints: { scenario: { ...stp, unitSet: 'x' } } };
    expect(() => importAny(JSON.stringify(member), 'x.geojson', geo)).toThrow(/^footprints\.scenario\.unitSet: this scenario is for another unit set/);
    expect(() => importAny('[1, 2]', 'x.json', geo)).toThrow(/^x\.json: not a Footprints scenario \(no "schema" member\) nor a GeoJSON FeatureCollection/);
    expect(() => importAny('hello,world\n', 'x.csv', geo)).toThrow(/line 1: no recognisable header/);
  });
});
