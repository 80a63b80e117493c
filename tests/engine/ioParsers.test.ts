// The small parsers under the importers: CSV records with line numbers, JSON syntax error positions, unit matching.
import { describe, expect, it } from 'vitest';
import { formatCsvRows, parseCsvRows } from '../../engine/io/csvRows.ts';
import { findJsonSyntaxError } from '../../engine/io/jsonError.ts';
import { matchUnit } from '../../engine/io/matchUnit.ts';
import { ImportError } from '../../engine/errors.ts';
import { Geography } from '../../engine/geography.ts';
import { tinyBundle } from '../fixtures/tinyBundle.ts';

describe('parseCsvRows', () => {
  it('reads quoted fields, doubled quotes, embedded newlines and gives each record its first line', () => {
    const text = '\uFEFFa,b\r\n"x, y","say ""hi"""\r\n"two\r\nlines",z\r\n\r\nlast,1';
    expect(parseCsvRows(text)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['two\r\nlines', 'z'] },
      { line: 5, fields: [''] },
      { line: 6, fields: ['last', '1'] },
    ]);
  });

  it('accepts LF, a trailing newline, and semicolon or tab delimiters', () => {
    expect(parseCsvRows('a;b\n1;2\n')).toEqual([{ line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['1', '2'] }]);
    expect(parseCsvRows('a\tb\n1\t2')).toEqual([{ line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['1', '2'] }]);
    expect(parseCsvRows('')).toEqual([]);
  });

  it('reports an unclosed quote at the line it opened', () => {
    expect(() => parseCsvRows('a,b\n1,2\n3,"oops\n4')).toThrow(ImportError);
    expect(() => parseCsvRows('a,b\n1,2\n3,"oops\n4')).toThrow(/line 3: a quoted field is never closed/);
  });

  it('formatCsvRows quotes only when needed and round-trips', () => {
    const rows = [['code', 'name'], ['E1', 'A, "B" and C'], ['E2', ' padded'], ['E3', 'two\nlines']];
    const text = formatCsvRows(rows);
    expect(text).toBe('code,name\r\nE1,"A, ""B"" and C"\r\nE2," padded"\r\nE3,"two\nlines"\r\n');
    expect(parseCsvRows(text).map((r) => r.fields)).toEqual(rows);
  });

  it('raw: each record keeps its exact text (line end and quoted line ends included) and its guarded fields', () => {
    const text = formatCsvRows([['name', 'delta'], ['=SUM(A1)', -85], ["two\r\nlines, 'quoted'", 1]]) + 'last,"x';
    expect(() => parseCsvRows(text, { raw: true })).toThrow(/line 5: a quoted field is never closed/);
    const ok = text.slice(0, text.lastIndexOf('last')) + 'last,2';
    const records = parseCsvRows(ok, { raw: true });
    expect(records.map((r) => r.text)).toEqual([
      'name,delta\r\n',
      "'=SUM(A1),-85\r\n",
      `"two\r\nlines, 'quoted'",1\r\n`,
      'last,2',
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 5]);
    expect(records[1].fields).toEqual(["'=SUM(A1)", '-85']);
    // Without raw, the guard is undone as before.
    expect(parseCsvRows(ok)[1]).toEqual({ line: 2, fields: ['=SUM(A1)', '-85'] });
  });
});

describe('findJsonSyntaxError', () => {
  it('accepts valid JSON', () => {
    for (const t of ['{}', ' [1, -2.5e3, "a\\u00e9\\n", true, false, null, {"a": {}}] ', '"x"', '0']) expect(findJsonSyntaxError(t)).toBeNull();
  });

  it('locates errors by line and column', () => {
    expect(findJsonSyntaxError('{\n  "a": 1,\n}')).toMatchObject({ line: 3, column: 1, message: expect.stringMatching(/double-quoted property name/) });
    expect(findJsonSyntaxError('{"a" 1}')).toMatchObject({ line: 1, column: 6, message: expect.stringMatching(/expected ':'/) });
    expect(findJsonSyntaxError('[1, 2\n')).toMatchObject({ line: 2, column: 1, message: expect.stringMatching(/end of input/) });
    expect(findJsonSyntaxError('{"a": tru}')).toMatchObject({ line: 1, column: 7 });
    expect(findJsonSyntaxError('{"a": "x\ny"}')).toMatchObject({ line: 1, column: 9, message: expect.stringMatching(/control character/) });
    expect(findJsonSyntaxError('{} {}')).toMatchObject({ line: 1, column: 4, message: expect.stringMatching(/after the end/) });
    expect(findJsonSyntaxError('')).toMatchObject({ line: 1, column: 1 });
  });

  it('agrees with JSON.parse on what is valid', () => {
    const samples = ['{"a":[1,2,{"b":null}]}', '{"a":01}', '[1,]', '{"a":"\\x"}', '-', '1.', '.5', '[1e5, 1E-2]', '"\\uZZZZ"'];
    for (const t of samples) {
      let ok = true;
      try {
        JSON.parse(t);
      } catch {
        ok = false;
      }
      expect(findJsonSyntaxError(t) === null, t).toBe(ok);
    }
  });
});

describe('matchUnit', () => {
  const geo = Geography.fromBundle(tinyBundle());
  it('matches ONS code, NHS code and name with odd case and spacing, and names without NHS/CCG', () => {
    expect(matchUnit(geo, 'E38000002')).toBe(1);
    expect(matchUnit(geo, ' 00c ')).toBe(2);
    expect(matchUnit(geo, 'nhs   BETA ccg')).toBe(1);
    expect(matchUnit(geo, 'Gamma & Delta')).toBe(2);
    expect(matchUnit(geo, 'Gamma and Delta Clinical Commissioning Group')).toBe(2);
    expect(matchUnit(geo, 'NHS Foo CCG')).toBe(-1);
  });
});
