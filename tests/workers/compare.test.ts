// The worker adapter's compare call on the real bundle: what the compare view paints and lists.
import { beforeAll, describe, expect, it } from 'vitest';
import { realBundle } from '../engine/helpers/real.ts';
import { createEngineAdapter } from '../../workers/engineAdapter.ts';
import { NO_COLOUR, type CompareResult, type CompareView } from '../../workers/api.ts';
import { parseCsvRows } from '../../engine/io/csvRows.ts';

const bundle = realBundle();
const BASSETLAW = 'E38000008';

function ok(r: CompareResult): CompareView {
  if (!r.ok) throw new Error(`expected ok, got error: ${r.error}`);
  return r.view;
}

describe('engine adapter: compare', () => {
  const engine = createEngineAdapter({ transfer: false });

  beforeAll(async () => {
    await engine.init(bundle);
    const r = await engine.load({ baseline: 'stp-2019' }, { reset: true });
    expect(r.ok).toBe(true);
  });

  it('STP 2019 against ICB 2022: Bassetlaw moved with its population; both sides ready to paint', async () => {
    const v = ok(await engine.compare({ baseline: 'stp-2019' }, { baseline: 'icb-2022' }));
    const u = bundle.units.code.indexOf(BASSETLAW);
    const k = v.comparison.changes.findIndex((c) => c.unit === BASSETLAW);
    expect(k).toBeGreaterThanOrEqual(0);
    const change = v.comparison.changes[k];
    expect(change.name).toBe('NHS Bassetlaw CCG');
    expect(change.population).toBe(bundle.units.population[u]);
    expect(change.systemMoved).toBe(true);
    expect(change.systemA.name).toBe('South Yorkshire and Bassetlaw');
    expect(change.systemB.name).toMatch(/Nottingham and Nottinghamshire/);
    expect(v.changeUnits[k]).toBe(u);
    expect(v.changeUnits).toHaveLength(v.comparison.changes.length);
    expect(v.comparison.summary.organisations).toEqual({ a: 191, b: 42, delta: -149 });

    for (const [side, n] of [[v.a, 42], [v.b, 42]] as const) {
      expect(side.systems).toHaveLength(n);
      expect(side.labels.features).toHaveLength(n);
      expect(side.unitSystem).toHaveLength(191);
      expect(side.systemBorders.coordinates.length).toBeGreaterThan(0);
      expect(side.organisationBorders.coordinates.length).toBeGreaterThan(0);
      for (let i = 0; i < 191; i++) {
        expect(side.unitColour[i]).not.toBe(NO_COLOUR);
        expect(side.unitColour[i]).toBe(side.systemColour[side.unitSystem[i]]);
      }
    }
    // Bassetlaw's systems, as each side names them.
    expect(v.a.systems[v.a.unitSystem[u]].name).toBe('South Yorkshire and Bassetlaw');
    expect(v.b.systems[v.b.unitSystem[u]].name).toMatch(/Nottingham and Nottinghamshire/);
    // Matched systems mostly keep their colour from A to B (neighbours permitting).
    let same = 0;
    for (let i = 0; i < 191; i++) if (v.a.unitColour[i] === v.b.unitColour[i]) same++;
    expect(same).toBeGreaterThan(150);

    const csv = await engine.exportComparisonCsv();
    expect(csv.filename).toMatch(/\.csv$/);
    const rows = parseCsvRows(csv.text).map((r) => r.fields);
    const head = rows[0];
    const row = rows.find((r) => r[head.indexOf('row')] === 'ccg-system' && r[head.indexOf('ccg_code')] === BASSETLAW);
    expect(row).toBeDefined();
  });

  it('the current scenario compared with itself has no change and similarity 1', async () => {
    const v = ok(await engine.compare({ current: true }, { baseline: 'stp-2019' }));
    expect(v.comparison.changes).toEqual([]);
    expect(v.comparison.systems.moved).toEqual([]);
    expect(v.comparison.systems.similarity.adjustedRand).toBeCloseTo(1, 12);
    expect(v.comparison.organisations.similarity.adjustedRand).toBeCloseTo(1, 12);
    expect([...v.a.unitColour]).toEqual([...v.b.unitColour]);
  });

  it('compares a saved scenario object and an imported file', async () => {
    const icb = bundle.baselines['icb-2022'];
    const file = JSON.stringify({ ...icb, name: 'ICB from a file' });
    const v = ok(await engine.compare({ scenario: icb }, { file, filename: 'icb.footprints.json' }));
    expect(v.comparison.b.name).toBe('ICB from a file');
    expect(v.comparison.changes).toEqual([]);
  });

  it('refuses another unit set or a broken file with the engine message, and keeps the last comparison', async () => {
    ok(await engine.compare({ baseline: 'stp-2019' }, { baseline: 'icb-2022' }));
    const before = (await engine.exportComparisonCsv()).text;
    const other = { ...bundle.baselines['icb-2022'], unitSet: 'lsoa-2011' };
    const r1 = await engine.compare({ current: true }, { scenario: other });
    expect(r1.ok).toBe(false);
    if (!r1.ok) expect(r1.error).toMatch(/^Option B: .*lsoa-2011/);
    const r2 = await engine.compare({ file: '{ not json', filename: 'broken.json' }, { current: true });
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.error).toMatch(/^Option A: /);
    expect((await engine.exportComparisonCsv()).text).toBe(before);
    // The editor's scenario is untouched.
    expect((await engine.current()).scenario.basedOn).toBe('stp-2019');
  });
});
