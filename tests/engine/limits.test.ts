// Limits on what the engine reads (issue 10, item 6): JSON depth and size, sane settings by one rulebook,
// GeoJSON geometry types and coordinates, and error messages of at most 300 characters that still name the place.
import { beforeAll, describe, expect, it } from 'vitest';
import { importAny, importUnitsGeoJson } from '../../engine/io/geojsonImport.ts';
import { importAssignmentsCsv } from '../../engine/io/csv.ts';
import { parseScenarioJson, parseScenarioText, validateScenario } from '../../engine/io/validate.ts';
import { JSON_LIMITS, jsonLimitProblem } from '../../engine/io/jsonLimits.ts';
import { exportGeoJson } from '../../engine/io/geojsonExport.ts';
import { ImportError, MAX_MESSAGE_CHARS, ScenarioError, ScenarioValidationError, formatIssue } from '../../engine/errors.ts';
import { addCollaboration, scenarioFromBaseline, updateSettings, type ScenarioV1 } from '../../engine/scenario.ts';
import { SETTINGS_LIMITS } from '../../engine/scenarioRules.ts';
import type { Geography } from '../../engine/geography.ts';
import { realBundle, realGeography } from './helpers/real.ts';

let geo: Geography;
let stp: ScenarioV1;
beforeAll(() => {
  geo = realGeography();
  stp = scenarioFromBaseline(realBundle(), 'stp-2019');
});

/** The error `f` throws (it must throw one of the engine's input errors, never a RangeError or a TypeError). */
function thrown(f: () => unknown): ImportError | ScenarioValidationError | ScenarioError {
  try {
    f();
  } catch (e) {
    if (e instanceof ImportError || e instanceof ScenarioValidationError || e instanceof ScenarioError) return e;
    throw new Error(`expected an engine input error, got ${String(e).slice(0, 200)}`, { cause: e });
  }
  throw new Error('expected an error');
}

/** Every message line the error carries: the summary and each issue as the UI lists it. */
function lines(e: ImportError | ScenarioValidationError | ScenarioError): string[] {
  return [e.message, ...('issues' in e ? e.issues.map(formatIssue) : [])];
}

const nested = (depth: number, close = true) => '['.repeat(depth) + (close ? ']'.repeat(depth) : '');

describe('JSON depth and size', () => {
  it('refuses JSON nested 100,000 deep, valid or not, by file and by scenario text, in one line', () => {
    // The 65th bracket is at column 65 in `[[[…`, at column 321 in `{"a":{"a":…`.
    const texts: [string, number][] = [[nested(100_000), 65], [nested(100_000, false), 65], ['{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000), 321]];
    for (const [text, column] of texts) {
      for (const e of [thrown(() => importAny(text, 'deep.json', geo)), thrown(() => parseScenarioJson(text, geo)), thrown(() => parseScenarioText(text))]) {
        expect(e.message).toMatch(new RegExp(`line 1, column ${column}: nested more than 64 levels deep$`));
        expect(e.message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
      }
    }
    expect(thrown(() => importAny(nested(100_000), 'deep.json', geo)).message).toMatch(/^deep\.json: /);
  });

  it('counts nesting outside strings only, and says where on which line', () => {
    expect(jsonLimitProblem(nested(64), 1e6)).toBeNull();
    expect(jsonLimitProblem(`["${'['.repeat(100)}"]`, 1e6)).toBeNull();
    expect(jsonLimitProblem(`{\n  "a": ${nested(70)}}`, 1e6)).toEqual({ line: 2, column: 71, message: 'nested more than 64 levels deep' });
    // 64 deep is allowed: what fails is the content, not the depth.
    expect(thrown(() => importAny(nested(64), 'ok.json', geo)).message).toMatch(/not a Footprints scenario/);
  });

  it('refuses a file over 64 Mi characters and scenario text over 16 Mi before parsing', () => {
    const big = `[${' '.repeat(JSON_LIMITS.maxFileChars)}]`;
    const e = thrown(() => importAny(big, 'big.geojson', geo));
    expect(e.message).toBe('big.geojson: the JSON is 64.0 MB, more than the 64.0 MB it may be');
    const scenarioText = `{"schema":"footprints/scenario@1",${' '.repeat(JSON_LIMITS.maxScenarioChars)}}`;
    expect(thrown(() => parseScenarioJson(scenarioText, geo)).message).toBe('the JSON is 16.0 MB, more than the 16.0 MB it may be');
    expect(thrown(() => parseScenarioText(scenarioText)).message).toBe('the JSON is 16.0 MB, more than the 16.0 MB it may be');
    // Within the limit, the same scenario text parses.
    expect(parseScenarioJson(JSON.stringify(stp) + ' '.repeat(1000), geo)).toEqual(stp);
  });
});

describe('settings: finite and in range, one rulebook for files and operations', () => {
  const fileIssue = (settings: unknown) => (thrown(() => validateScenario({ ...stp, settings }, geo)) as ScenarioValidationError).issues[0];
  const opError = (patch: Parameters<typeof updateSettings>[1]) => thrown(() => updateSettings(stp, patch)) as ScenarioError;

  it('refuses costPerHead 1e308 (shown as £Infinitym before) and other absurd values, in the same words', () => {
    const cases: [Parameters<typeof updateSettings>[1], string][] = [
      [{ costPerHead: 1e308 }, 'costPerHead'],
      [{ costPerHead: SETTINGS_LIMITS.maxCostPerHead + 0.01 }, 'costPerHead'],
      [{ costPerHead: -1 }, 'costPerHead'],
      [{ costPerHead: Number.POSITIVE_INFINITY }, 'costPerHead'],
      [{ band: { max: 1e12 } }, 'band.max'],
      [{ band: { min: Number.NaN } }, 'band.min'],
      [{ band: { min: -1 } }, 'band.min'],
    ];
    for (const [patch, path] of cases) {
      const e = opError(patch);
      expect(e.path, JSON.stringify(patch)).toBe(`settings.${path}`);
      const settings = { band: { ...stp.settings.band, ...patch.band }, costPerHead: patch.costPerHead ?? stp.settings.costPerHead };
      const issue = fileIssue(settings);
      expect(issue.path).toBe(`settings.${path}`);
      // One rulebook: the file's issue and the operation's error say the same thing about the same field.
      expect(e.message).toBe(`${issue.path}: ${issue.message}`);
    }
    expect(fileIssue({ costPerHead: 1e308 }).message).toBe('expected £ per head above 0 and at most 1,000, got 1e+308');
  });

  it('accepts the edges of the ranges', () => {
    const edge = { band: { min: 0, max: SETTINGS_LIMITS.maxPopulation }, costPerHead: SETTINGS_LIMITS.maxCostPerHead, governingBodyCost: 0, accountableOfficerCost: SETTINGS_LIMITS.maxFixedCost };
    expect(validateScenario({ ...stp, settings: edge }, geo).settings).toEqual(edge);
    expect(updateSettings(stp, edge).settings).toEqual(edge);
  });

  it('collaboration kinds and statuses are refused in the same words by files and operations', () => {
    const c = { name: 'x', kind: 'merger', services: [], status: 'in-place', units: [geo.codes[0]] };
    const e = thrown(() => addCollaboration(stp, c as never)) as ScenarioError;
    const file = (thrown(() => validateScenario({ ...stp, collaborations: [{ id: 'c', ...c }] }, geo)) as ScenarioValidationError).issues[0];
    expect(file.path).toBe('collaborations[0].kind');
    expect(e.message).toBe(`kind: ${file.message}`);
  });
});

describe('GeoJSON geometry', () => {
  const layer = (geometry: unknown, at = 7) => ({
    type: 'FeatureCollection',
    features: stp.systems.flatMap((g) => g.units).map((u, k) => ({
      type: 'Feature',
      geometry: k === at ? geometry : null,
      properties: { ccg_code: u, system: 'S' },
    })),
  });
  const square = [[[0, 51], [1, 51], [1, 52], [0, 52], [0, 51]]];

  it('refuses a geometry of type "Banana", naming the feature', () => {
    const e = thrown(() => importAny(JSON.stringify(layer({ type: 'Banana', coordinates: [1, 2] })), 'x.geojson', geo));
    expect(e.message).toBe('x.geojson: features[7].geometry.type: "Banana" is not accepted: expected Polygon, MultiPolygon or a null geometry');
  });

  it('refuses points, lines, bad rings and coordinates that are not WGS84 lon/lat', () => {
    const cases: [unknown, RegExp][] = [
      [{ type: 'Point', coordinates: [0, 51] }, /features\[7\]\.geometry\.type: "Point" is not accepted/],
      [{ type: 'Polygon' }, /features\[7\]\.geometry\.coordinates: expected an array/],
      [{ type: 'Polygon', coordinates: [[[0, 51], [1, 51], [0, 51]]] }, /features\[7\]\.geometry\.coordinates\[0\]: a ring needs at least 4 positions, got 3/],
      [{ type: 'Polygon', coordinates: [[[0, 51], [1, 51], [1, 52], [0, 52]]] }, /ring must end at the position it starts from/],
      [{ type: 'MultiPolygon', coordinates: [square, [[[450000, 100000], [450001, 100000], [450001, 100001], [450000, 100000]]]] }, /features\[7\]\.geometry\.coordinates\[1\]\[0\]\[0\]: \[450000,100000\] is not a WGS84 longitude\/latitude/],
      [{ type: 'Polygon', coordinates: [[[0, '51'], [1, 51], [1, 52], [0, 51]]] }, /coordinates\[0\]\[0\]: expected finite numbers/],
      ['Polygon', /features\[7\]\.geometry: expected a geometry object or null/],
    ];
    for (const [geometry, message] of cases) {
      expect(thrown(() => importUnitsGeoJson(layer(geometry), geo)).message).toMatch(message);
    }
  });

  it('accepts null, Polygon and MultiPolygon, and our own export with its real shapes', () => {
    expect(importUnitsGeoJson(layer({ type: 'Polygon', coordinates: square }), geo).systems).toHaveLength(1);
    expect(importUnitsGeoJson(layer({ type: 'MultiPolygon', coordinates: [square, square] }), geo).systems).toHaveLength(1);
    const fc = exportGeoJson(geo, stp, 'units');
    expect(importAny(JSON.stringify(fc), 'units.geojson', geo)).toEqual(stp);
  });

  it('checks the shapes even when the file carries a scenario member', () => {
    const fc = exportGeoJson(geo, stp, 'systems');
    const bad = { ...fc, features: fc.features.map((f, k) => (k === 3 ? { ...f, geometry: { type: 'Banana' } } : f)) };
    expect(thrown(() => importAny(JSON.stringify(bad), 'x.geojson', geo)).message).toMatch(/^x\.geojson: features\[3\]\.geometry\.type: "Banana"/);
  });
});

describe('messages: one line of at most 300 characters, naming the place', () => {
  it('cuts headers of 6,190 and 26,259 characters, still naming line 1', () => {
    const wide = Array.from({ length: 700 }, (_, k) => `column${k}`).join(','); // many columns
    const huge = 'x'.repeat(26_259); // one huge cell
    expect(wide.length).toBeGreaterThan(6_000);
    for (const header of [wide, huge, `${huge},${huge}`]) {
      const e = thrown(() => importAssignmentsCsv(`${header}\nE38000001,a\n`, geo));
      for (const l of lines(e)) expect(l.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
      expect(e.message).toMatch(/^line 1: no recognisable header: expected .*; found "/);
      expect(e.message).toContain('…');
    }
    expect(thrown(() => importAssignmentsCsv(`${wide}\n`, geo)).message).toMatch(/found "column0", "column1", .* … \(700 columns\)$/);
  });

  it('cuts long values from every kind of input and keeps the line, field or feature', () => {
    const long = `E38${'9'.repeat(20_000)}`;
    const s = structuredClone(stp) as unknown as Record<string, unknown> & ScenarioV1;
    const cases: [() => unknown, RegExp][] = [
      [() => importAssignmentsCsv(`ccg_code,system\n${long},a\n`, geo), /^line 2: no CCG matches "E38999/],
      [() => validateScenario({ ...s, unitSet: long }, geo), /^unitSet: this scenario is for another unit set, "E38999/],
      [() => validateScenario({ ...s, schema: long }, geo), /^schema: "E38999/],
      [() => validateScenario({ ...s, schema: `footprints/scenario@${long}` }, geo), /^schema: scenario format version E38999+… is not supported/],
      [() => validateScenario({ ...s, systems: [{ ...s.systems[0], units: [long, ...s.systems[0].units] }, ...s.systems.slice(1)] }, geo), /^systems\[0\]\.units\[0\]: unknown CCG code "E38999/],
      [() => validateScenario({ ...s, systems: [...s.systems, { ...s.systems[0], id: s.systems[0].id }].map((g, k) => (k === 0 ? { ...g, id: long } : k === 42 ? { ...g, id: long, units: [] } : g)) }, geo), /^systems\[42\]\.id: id "E38999/],
      [() => validateScenario({ ...s, collaborations: [{ id: 'c', name: 'c', kind: long, status: long, services: [], units: [geo.codes[0]] }] }, geo), /^2 problems|^collaborations\[0\]\.kind: "E38999/],
      [() => updateSettings(stp, { costPerHead: long as never }), /^settings\.costPerHead: expected £ per head above 0 and at most 1,000, got "E38999/],
      [() => importAny(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: null, properties: { ccg_code: long, system: 'x' } }] }), 'a.geojson', geo), /^a\.geojson: features\[0\]\.properties\.ccg_code: no CCG matches "E38999/],
      [() => importAny(JSON.stringify({ type: long }), 'a.geojson', geo), /^a\.geojson: not a Footprints scenario/],
      [() => importUnitsGeoJson({ type: long }, geo), /^type: not a GeoJSON FeatureCollection \(type is "E38999/],
      [() => importAssignmentsCsv('ccg_code,system\nE38999999,a\n', geo, { fileName: `${long}.csv` }), /^E38999+…: line 2: no CCG matches "E38999999"$/],
    ];
    for (const [f, pattern] of cases) {
      const e = thrown(f);
      expect(e.message).toMatch(pattern);
      for (const l of lines(e)) expect(l.length, l.slice(0, 80)).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
      expect(e.message).not.toMatch(/[\r\n]/);
    }
  });

  it('a property name of 10,000 characters is cut in the path too', () => {
    const key = `k${'y'.repeat(10_000)}`;
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: null, properties: { ccg_code: geo.codes[0], [key]: '' } }] };
    const e = thrown(() => importUnitsGeoJson(fc, geo, { groupProperty: key }));
    expect(e.message).toMatch(/^features\[0\]\.properties\.kyyy+…: no group value for E38/);
    for (const l of lines(e)) expect(l.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
  });
});
