// The worker adapter driven directly in Node on the real bundle (the same object engine.worker.ts exposes).
import { beforeAll, describe, expect, it } from 'vitest';
import { realBundle } from '../engine/helpers/real.ts';
import { createEngineAdapter } from '../../workers/engineAdapter.ts';
import { BORDER_ORGANISATION, BORDER_SYSTEM, NO_COLOUR, PALETTE_SIZE, type Init, type State } from '../../workers/api.ts';
import { ok } from './ok.ts';

const bundle = realBundle();

const populationOf = (s: State, systemId: string) => s.systems.find((m) => m.id === systemId)!.population;

describe('engine adapter on the real bundle', () => {
  const engine = createEngineAdapter({ transfer: false });
  let first: State;
  let init: Init;

  beforeAll(async () => {
    init = await engine.init(bundle);
    expect(init.codes).toHaveLength(191);
    expect(init.units.features).toHaveLength(191);
    expect(init.regions.features).toHaveLength(7);
    expect(init.baselines.map((b) => b.id)).toContain('stp-2019');
    first = ok(await engine.load({ baseline: 'stp-2019' }, { reset: true }));
  });

  it('opens STP 2019: 42 systems, 191 organisations, England total conserved', () => {
    expect(first.summary.systems).toBe(42);
    expect(first.summary.organisations).toBe(191);
    expect(first.summary.systemsTotal).toBe(bundle.englandPopulation);
    expect(first.labels.features).toHaveLength(42);
    expect(first.history.canUndo).toBe(false);
    // The border mesh: one bit set per arc between systems / organisations, aligned with Init.arcs.
    expect(first.borders).toHaveLength(init.arcs.features.length);
    const bits = (st: State, b: number) => st.borders.reduce((n, x) => n + ((x & b) ? 1 : 0), 0);
    expect(bits(first, BORDER_SYSTEM)).toBeGreaterThan(0);
    // STP 2019 has one organisation per CCG: every mesh arc is an organisation border.
    expect(bits(first, BORDER_ORGANISATION)).toBe(init.arcs.features.length);
  });

  it('colours neighbouring systems differently, within the palette', () => {
    const g = engine.geography!;
    for (let i = 0; i < g.n; i++) {
      expect(first.unitColour[i]).not.toBe(NO_COLOUR);
      expect(first.unitColour[i]).toBeLessThan(PALETTE_SIZE);
      for (const j of g.neighbours(i)) {
        if (first.unitSystem[i] !== first.unitSystem[j]) expect(first.unitColour[i]).not.toBe(first.unitColour[j]);
      }
    }
  });

  it('applies an assignment, undoes and redoes it exactly', async () => {
    const g = engine.geography!;
    // A CCG on a border between two systems.
    const i = [...Array(g.n).keys()].find((u) => [...g.neighbours(u)].some((v) => first.unitSystem[v] !== first.unitSystem[u]))!;
    const from = first.systems[first.unitSystem[i]].id;
    const v = [...g.neighbours(i)].find((w) => first.unitSystem[w] !== first.unitSystem[i])!;
    const to = first.systems[first.unitSystem[v]].id;
    const pop = bundle.units.population[i];

    const after = ok(await engine.apply({ op: 'assignUnits', units: [g.codes[i]], system: to }));
    expect(populationOf(after, from)).toBe(populationOf(first, from) - pop);
    expect(populationOf(after, to)).toBe(populationOf(first, to) + pop);
    expect(after.summary.systemsTotal).toBe(bundle.englandPopulation);
    expect(after.history.canUndo).toBe(true);
    expect(after.history.undoLabel).toContain('assign');
    // The system borders around the moved CCG changed, organisation borders did not.
    expect(after.borders.some((x, k) => (x & BORDER_SYSTEM) !== (first.borders[k] & BORDER_SYSTEM))).toBe(true);
    expect(after.borders.every((x, k) => (x & BORDER_ORGANISATION) === (first.borders[k] & BORDER_ORGANISATION))).toBe(true);

    const undone = await engine.undo();
    expect(undone.scenario).toEqual(first.scenario);
    expect(populationOf(undone, from)).toBe(populationOf(first, from));
    expect(undone.history.canRedo).toBe(true);

    const redone = await engine.redo();
    expect(redone.scenario).toEqual(after.scenario);
    expect(populationOf(redone, to)).toBe(populationOf(after, to));
    await engine.undo();
  });

  it('one CCG per ICS gives 42 organisations', async () => {
    const s = ok(await engine.apply({ op: 'oneOrganisationPerSystem', system: 'all' }));
    expect(s.summary.organisations).toBe(42);
    expect(s.summary.typicalSystems).toBe(42);
    await engine.undo();
  });

  it('refuses a bad command and a bad import, leaving the state unchanged', async () => {
    const before = await engine.current();
    const bad = await engine.apply({ op: 'assignUnits', units: ['E38999999'], system: before.systems[0].id });
    expect(bad.ok).toBe(false);
    const r1 = await engine.importFile('{"schema": "footprints/scenario@1", "systems": [', 'broken.json');
    expect(r1.ok).toBe(false);
    if (!r1.ok) expect(r1.error).toMatch(/line \d+/);
    const r2 = await engine.importFile('ccg_code,system_id\nNOPE,sys-1\n', 'bad.csv');
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.error).toMatch(/line 2/);
    const after = await engine.current();
    expect(after.scenario).toEqual(before.scenario);
    expect(after.history).toEqual(before.history);
  });

  it('round-trips an exported scenario and a CSV through import', async () => {
    const before = await engine.current();
    const json = await engine.exportScenario();
    const back = ok(await engine.importFile(json.text, json.filename));
    expect(back.scenario).toEqual(before.scenario);
    await engine.undo();
    const csv = await engine.exportCsv('assignments');
    expect(csv.text.split(/\r?\n/)[0]).toContain('ccg_code');
    const geojson = JSON.parse((await engine.exportGeoJson('systems')).text);
    expect(geojson.features).toHaveLength(42);
  });

  it('finds CCGs by name, ONS code and NHS code; lists the CCGs mostly in a council', async () => {
    const i = 10;
    expect((await engine.findUnits(bundle.units.code[i]))[0].i).toBe(i);
    expect((await engine.findUnits(bundle.units.nhsCode[i]))[0].i).toBe(i);
    expect((await engine.findUnits(bundle.units.name[i].slice(4, 14))).map((h) => h.i)).toContain(i);
    const utla = bundle.councils.utla.code[bundle.councils.unitUtla[1]];
    const units = await engine.unitsInCouncil('utla', utla);
    expect(units.length).toBeGreaterThan(0);
    const info = await engine.unitInfo(i);
    expect(info.population).toBe(bundle.units.population[i]);
    expect(info.system).toBeDefined();
  });
});
