// Every CSV the product writes (assignments, the three metrics tables, the evaluation, the comparison): no cell a
// spreadsheet would run as a formula, numbers left as numbers, our importer reads back what was written, and the
// provenance columns from the bundle on every row, read by our parser and by a plain one (d3-dsv).
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvParse, csvParseRows } from 'd3';
import { formatCsvRows, neutraliseCell, parseCsvRows } from '../../engine/io/csvRows.ts';
import { exportAssignmentsCsv, importAssignmentsCsv } from '../../engine/io/csv.ts';
import { exportMetricsCsv } from '../../engine/io/metricsCsv.ts';
import { evaluationCsv } from '../../engine/io/evaluationOutput.ts';
import { comparisonCsv } from '../../engine/io/compareCsv.ts';
import { importAny } from '../../engine/io/geojsonImport.ts';
import { evaluateScenario } from '../../engine/evaluate.ts';
import { compareScenarios } from '../../engine/compare.ts';
import { addCollaboration, canonicalScenario, scenarioFromBaseline, type ScenarioV1 } from '../../engine/scenario.ts';
import type { Bundle } from '../../engine/bundle.ts';
import type { Geography } from '../../engine/geography.ts';
import { realBundle, realGeography } from './helpers/real.ts';
import { partitionById } from './scenarioInvariants.ts';

// The payload from the issue, and the other triggers; none may reach a spreadsheet as the start of a cell.
const ATTACK = "-2+3+cmd|' /C calc'!A0";
const TRIGGERS = /^[=+\-@\t\r]/;

let geo: Geography;
let bundle: Bundle;
let stp: ScenarioV1;
let hostile: ScenarioV1;

/** STP 2019 with formula-like text in every field a CSV echoes: ids, names, reasons, services, the scenario name. */
function hostileScenario(): ScenarioV1 {
  const s = structuredClone(stp);
  s.name = '@SUM(1+1)*cmd|" /C calc"!A0';
  s.systems[0].name = ATTACK;
  s.systems[1].id = '=1+1';
  s.systems[1].name = '=HYPERLINK("http://x","y")';
  s.systems[2].name = '+44 20 7946 0000';
  s.systems[3].atypical = '@reason';
  s.systems[4].name = "'already quoted";
  s.organisations[0].name = '-12';
  s.organisations[1].id = '+org';
  s.organisations[2].name = ATTACK;
  return addCollaboration(s, { name: ATTACK, kind: 'joint-committee', services: ['=cmd()', 'stroke'], status: 'planned', units: stp.systems[0].units.slice(0, 2) });
}

function allCsvs(s: ScenarioV1): Record<string, string> {
  const ev = evaluateScenario(geo, s);
  return {
    assignments: exportAssignmentsCsv(s, geo),
    systems: exportMetricsCsv(ev, 'systems', bundle),
    organisations: exportMetricsCsv(ev, 'organisations', bundle),
    collaborations: exportMetricsCsv(ev, 'collaborations', bundle),
    evaluation: evaluationCsv(ev, bundle),
    comparison: comparisonCsv(compareScenarios(geo, stp, s), bundle),
  };
}

beforeAll(() => {
  geo = realGeography();
  bundle = realBundle();
  stp = scenarioFromBaseline(bundle, 'stp-2019');
  hostile = hostileScenario();
});

describe('the CSV cell rule', () => {
  it('any text round-trips through formatCsvRows → parseCsvRows, and no written cell starts with a formula trigger', () => {
    // Any string, often starting with a trigger, an apostrophe or a CSV special character.
    const start = fc.constantFrom('', '', '=', '+', '-', '@', '\t', '\r', '\n', "'", "''", '"', ',', ';', ' ');
    const anyText = fc.tuple(start, fc.string({ unit: 'binary', maxLength: 30 })).map(([a, b]) => a + b);
    fc.assert(
      fc.property(anyText, fc.string({ maxLength: 8 }), (text, other) => {
        const written = formatCsvRows([['name', 'other'], [text, other]]);
        // What a spreadsheet sees: the cell after CSV unquoting, before our importer's restore.
        const raw = csvParseRows(written.replace(/\r\n$/, ''));
        expect(raw[1][0]).not.toMatch(TRIGGERS);
        expect(parseCsvRows(written).map((r) => r.fields)).toEqual([['name', 'other'], [text, other]]);
      }),
      { numRuns: 600 },
    );
  });

  it('numbers stay numbers, negative ones included; the same text does not', () => {
    expect(neutraliseCell(-12)).toBe('-12');
    expect(neutraliseCell(-0.5)).toBe('-0.5');
    expect(neutraliseCell('-12')).toBe("'-12");
    expect(neutraliseCell(ATTACK)).toBe(`'${ATTACK}`);
    expect(neutraliseCell(null)).toBe('');
    expect(neutraliseCell(true)).toBe('true');
  });
});

describe('every CSV export', () => {
  it('neutralises every formula-like text cell and leaves numbers alone', () => {
    const csvs = allCsvs(hostile);
    expect(Object.keys(csvs)).toHaveLength(6);
    for (const [kind, text] of Object.entries(csvs)) {
      const cells = csvParseRows(text).flat();
      for (const cell of cells) {
        if (TRIGGERS.test(cell)) expect(Number.isFinite(Number(cell)) && cell.trim() === cell, `${kind}: ${JSON.stringify(cell)}`).toBe(true);
      }
      expect(cells, kind).toContain(`'${ATTACK}`);
    }
    // Negative figures are written as numbers: the population deltas of systems that shrank from 2019 to 2022.
    const comparison = csvParse(comparisonCsv(compareScenarios(geo, stp, scenarioFromBaseline(bundle, 'icb-2022')), bundle));
    expect(comparison.filter((r) => /^-\d+$/.test(r.population_delta ?? '')).length).toBeGreaterThan(0);
  });

  it('the assignments CSV reads back exactly, formula-like names included', () => {
    const back = importAssignmentsCsv(exportAssignmentsCsv(hostile, geo), geo);
    const a = canonicalScenario(hostile, geo);
    const b = canonicalScenario(back, geo);
    expect(partitionById(b.systems)).toEqual(partitionById(a.systems));
    expect(partitionById(b.organisations)).toEqual(partitionById(a.organisations));
    expect(b.systems.find((g) => g.id === hostile.systems[3].id)?.atypical).toBe('@reason');
    expect(b.systems.find((g) => g.id === '=1+1')?.name).toBe('=HYPERLINK("http://x","y")');
    expect(b.systems.find((g) => g.id === hostile.systems[4].id)?.name).toBe("'already quoted");
    expect(b.organisations.find((o) => o.id === hostile.organisations[0].id)?.name).toBe('-12');
    // A hand-made file's own apostrophe is kept; only ours (before a trigger or an apostrophe) is taken off.
    expect(parseCsvRows("a,b\r\n'abc,'=x\r\n''y,'\r\n").map((r) => r.fields)).toEqual([['a', 'b'], ["'abc", '=x'], ["'y", "'"]]);
  });
});

describe('provenance in every CSV export', () => {
  it('ends every row with source and attribution from the bundle, read alike by our parser and by d3-dsv', () => {
    const attribution = bundle.provenance.attribution.join(' | ');
    const withCollab = addCollaboration(stp, { name: 'Stroke network', kind: 'collaborative-commissioning', services: ['stroke'], status: 'in-place', units: stp.systems[0].units });
    for (const [kind, text] of Object.entries(allCsvs(withCollab))) {
      const ours = parseCsvRows(text).map((r) => r.fields);
      const plain = csvParseRows(text.replace(/\r\n$/, ''));
      expect(plain, kind).toEqual(ours);
      expect(ours[0].slice(-2), kind).toEqual(['source', 'attribution']);
      expect(ours.length, kind).toBeGreaterThan(1);
      for (const row of ours) expect(row.length, kind).toBe(ours[0].length);
      for (const row of ours.slice(1)) {
        expect(row.at(-1), kind).toBe(attribution);
        expect(row.at(-2), kind).toContain(bundle.unitVintage);
        expect(row.at(-2), kind).toContain(bundle.populationSource);
      }
    }
  });

  it('takes the lines from the bundle it is given, not from the code', () => {
    const other: Bundle = { ...bundle, provenance: { ...bundle.provenance, attribution: ['Line one', 'Line two'] } };
    const otherGeo = Object.assign(Object.create(geo) as Geography, { bundle: other });
    const ev = evaluateScenario(geo, stp);
    const texts = [
      exportAssignmentsCsv(stp, otherGeo),
      exportMetricsCsv(ev, 'systems', other),
      evaluationCsv(ev, other),
      comparisonCsv(compareScenarios(geo, stp, stp), other),
    ];
    for (const text of texts) expect(csvParse(text)[0].attribution).toBe('Line one | Line two');
  });

  it('does not get in the way of importing the assignments CSV', () => {
    const text = exportAssignmentsCsv(stp, geo);
    expect(partitionById(importAny(text, 'plan.csv', geo).systems)).toEqual(partitionById(importAssignmentsCsv(text, geo).systems));
    expect(partitionById(importAny(text, 'plan.csv', geo).systems).map(([id, , u]) => [id, u])).toEqual(partitionById(stp.systems).map(([id, , u]) => [id, u]));
  });
});
