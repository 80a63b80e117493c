// Assignments CSV on the real CCGs: export, the round trip, and every import problem by line.
import { beforeAll, describe, expect, it } from 'vitest';
import { ASSIGNMENT_COLUMNS, exportAssignmentsCsv, importAssignmentsCsv } from '../../engine/io/csv.ts';
import { parseCsvRows } from '../../engine/io/csvRows.ts';
import { ImportError } from '../../engine/errors.ts';
import { canonicalScenario, moveUnitsToOrganisation, oneOrganisationPerSystem, scenarioFromBaseline, setAtypical, type ScenarioV1 } from '../../engine/scenario.ts';
import { validateScenario } from '../../engine/io/validate.ts';
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

/** A minimal "code,system" file from a scenario, with rows transformed by `edit` (rows are [code, system]). */
function simpleCsv(s: ScenarioV1, edit: (rows: string[][]) => string[][] = (r) => r, header = 'ccg_code,system'): string {
  const rows = s.systems.flatMap((g) => g.units.map((u) => [u, g.id]));
  return [header, ...edit(rows).map((r) => r.join(','))].join('\n');
}

const importIssues = (text: string) => thrownBy(ImportError, () => importAssignmentsCsv(text, geo));

describe('exportAssignmentsCsv', () => {
  it('writes a header and one row per CCG in unit order, in the fixed columns', () => {
    const s = setAtypical(stp, stp.systems[0].id, 'reason, with "quotes"');
    const rows = parseCsvRows(exportAssignmentsCsv(s, geo));
    expect(rows[0].fields).toEqual([...ASSIGNMENT_COLUMNS, 'source', 'attribution']);
    expect(rows).toHaveLength(192);
    const i = geo.indexOfCode(stp.systems[0].units[0]);
    expect(rows[i + 1].fields).toEqual([
      geo.codes[i], geo.nhsCodes[i], geo.names[i], String(geo.population[i]),
      stp.systems[0].id, stp.systems[0].name, geo.codes[i], geo.names[i], 'reason, with "quotes"',
      expect.stringContaining(geo.bundle.unitVintage), geo.bundle.provenance.attribution.join(' | '),
    ]);
    expect(rows.slice(1).reduce((t, r) => t + Number(r.fields[3]), 0)).toBe(geo.total);
  });
});

describe('CSV round trip', () => {
  it('export → import gives the same systems and organisations', () => {
    let s = oneOrganisationPerSystem(stp, stp.systems[5].id);
    s = moveUnitsToOrganisation(s, [stp.systems[9].units[0]], stp.systems[5].id); // an organisation across two systems
    s = setAtypical(s, stp.systems[2].id, 'two cities');
    const back = importAssignmentsCsv(exportAssignmentsCsv(s, geo), geo, { fileName: 'plan.csv' });
    expect(back.name).toBe('plan');
    const a = canonicalScenario(s, geo);
    const b = canonicalScenario(back, geo);
    expect(partitionById(b.systems)).toEqual(partitionById(a.systems));
    expect(partitionById(b.organisations)).toEqual(partitionById(a.organisations));
    expect(b.systems.find((g) => g.id === stp.systems[2].id)?.atypical).toBe('two cities');
    expect(validateScenario(back, geo)).toEqual(back);
  });

  it('a file without an organisation column gives one organisation per CCG', () => {
    const s = importAssignmentsCsv(simpleCsv(stp), geo);
    expect(partitionById(s.systems).map(([id, , u]) => [id, u])).toEqual(partitionById(stp.systems).map(([id, , u]) => [id, u]));
    expect(s.organisations).toHaveLength(191);
    expect(s.organisations[0]).toEqual({ id: geo.codes[0], name: geo.names[0], units: [geo.codes[0]] });
  });
});

describe('importAssignmentsCsv matching', () => {
  it('accepts a BOM, CRLF and quoted fields', () => {
    const text = '\uFEFF' + simpleCsv(stp, (rows) => rows.map(([c, g]) => [`"${c}"`, `"${g}"`])).replace(/\n/g, '\r\n') + '\r\n';
    expect(partitionById(importAssignmentsCsv(text, geo).systems).length).toBe(42);
  });

  it('matches CCGs by NHS code and by name with odd case and spacing', () => {
    const text = simpleCsv(stp, (rows) =>
      rows.map(([c, g], k) => {
        const i = geo.indexOfCode(c);
        const key = k % 2 === 0 ? geo.nhsCodes[i].toLowerCase() : `"  ${geo.names[i].toUpperCase().replace(/ /g, '   ')} "`;
        return [key, g];
      }),
      'CCG, STP',
    );
    const s = importAssignmentsCsv(text, geo);
    expect(partitionById(s.systems).map(([id, , u]) => [id, u])).toEqual(partitionById(stp.systems).map(([id, , u]) => [id, u]));
  });
});

describe('importAssignmentsCsv problems, by line', () => {
  it('an unmatched CCG', () => {
    const e = importIssues(simpleCsv(stp, (rows) => rows.map((r, k) => (k === 5 ? ['NHS Foo CCG', r[1]] : r))));
    expect(e.issues).toEqual([{ line: 7, message: 'no CCG matches "NHS Foo CCG"' }]);
    expect(e.message).toBe('line 7: no CCG matches "NHS Foo CCG"');
  });

  it('a duplicated CCG, with the line it was first given on', () => {
    const e = importIssues(simpleCsv(stp, (rows) => rows.map((r, k) => (k === 10 ? [rows[2][0], r[1]] : r))));
    expect(e.issues[0]).toEqual({ line: 12, message: `${rows0(2)} already given on line 4` });
    expect(e.issues[1].message).toBe(`1 CCG is missing: ${stp.systems.flatMap((g) => g.units)[10]}`);
  });

  it('missing CCGs, listed up to a cap with the count', () => {
    const e = importIssues(simpleCsv(stp, (rows) => rows.slice(0, 170)));
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0].line).toBeUndefined();
    expect(e.message).toMatch(/^21 CCGs are missing: (E38\d{6}, ){9}E38\d{6} … and 11 more$/);
  });

  it('two names for one system, naming both lines, and nothing renamed', () => {
    // Rows 2 and 3 (lines 3 and 4) are both in the first system; the second names it differently.
    const sys = stp.systems[0];
    const named = (id: string) => `"${stp.systems.find((g) => g.id === id)!.name.replace(/"/g, '""')}"`; // some hold commas
    const text = simpleCsv(stp, (rows) => rows.map((r, k) => [...r, k === 2 ? 'Another Name' : named(r[1])]), 'ccg_code,system,system_name');
    const e = importIssues(text);
    expect(e.issues).toEqual([{ line: 4, message: `system "${sys.id}" is named "Another Name" here but "${sys.name}" on line 2` }]);
    // The same name on every row is fine.
    const same = simpleCsv(stp, (rows) => rows.map((r) => [...r, named(r[1])]), 'ccg_code,system,system_name');
    expect(importAssignmentsCsv(same, geo).systems.map((g) => g.name).sort()).toEqual(stp.systems.map((g) => g.name).sort());
  });

  it('an empty system value', () => {
    const e = importIssues(simpleCsv(stp, (rows) => rows.map((r, k) => (k === 0 ? [r[0], ' '] : r))));
    expect(e.issues).toEqual([{ line: 2, message: `empty system value for ${rows0(0)} in column "system"` }]);
  });

  it('no recognisable header', () => {
    const e = importIssues('foo,bar\nE38000001,x\n');
    expect(e.issues).toEqual([{ line: 1, message: 'no recognisable header: expected a CCG column (ccg_code, code, ccg, name …) and a system column (system_id, system, group, stp …); found "foo", "bar"' }]);
    expect(importIssues('ccg_code,population\n').message).toMatch(/expected a system column/);
    expect(importIssues('').message).toMatch(/line 1: the file is empty/);
  });

  it('several problems at once, summarised', () => {
    const e = importIssues(simpleCsv(stp, (rows) => rows.map((r, k) => (k < 25 ? [`bad${k}`, r[1]] : r))));
    expect(e.issues).toHaveLength(20);
    expect(e.message).toMatch(/^20\+ problems: line 2: no CCG matches "bad0"; line 3: no CCG matches "bad1"; line 4: .* \(and 17 more\)$/);
  });
});

function rows0(k: number): string {
  return stp.systems.flatMap((g) => g.units)[k];
}
