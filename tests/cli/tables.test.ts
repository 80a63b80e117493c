// The batch CSV: several tables as one, each row led by its input's name and otherwise passed on byte for byte.
import { describe, expect, it } from 'vitest';
import { formatCsvRows } from '../../engine/io/csvRows.ts';
import { csvWithScenarioColumn } from '../../bin/tables.ts';

describe('csvWithScenarioColumn', () => {
  it('keeps each row as the engine wrote it: a guarded cell stays guarded, a quoted line end stays inside its row', () => {
    const a = formatCsvRows([['name', 'delta'], ['=HYPERLINK("x")', -85], ['two\nlines', 3]]);
    const b = formatCsvRows([['name', 'delta'], ['plain', 1]]).replace(/\r\n$/, ''); // a last row with no line end
    expect(csvWithScenarioColumn([{ input: 'a.csv', csv: a }, { input: '=b.csv', csv: b }])).toBe(
      'scenario,name,delta\r\n' +
        `a.csv,"'=HYPERLINK(""x"")",-85\r\n` +
        'a.csv,"two\nlines",3\r\n' +
        "'=b.csv,plain,1\r\n",
    );
  });

  it('refuses tables whose columns differ, naming both inputs', () => {
    const a = formatCsvRows([['name', 'delta']]);
    const b = formatCsvRows([['name', 'population']]);
    expect(() => csvWithScenarioColumn([{ input: 'a.csv', csv: a }, { input: 'b.csv', csv: b }])).toThrow(
      'the tables of a.csv and b.csv have different columns',
    );
  });
});
