// Logic of the scenario operations on the six-CCG fixture (real-data behaviour: scenarioReal.test.ts).
import { FIXED_COST_DEFAULTS } from '../../engine/runningCosts.ts';
import { describe, expect, it } from 'vitest';
import { Geography } from '../../engine/geography.ts';
import { ScenarioError } from '../../engine/errors.ts';
import {
  addCollaboration,
  assignUnits,
  canonicalScenario,
  describeScenario,
  emptyScenario,
  mergeOrganisations,
  mergeSystems,
  moveUnitsToOrganisation,
  newOrganisation,
  newSystem,
  oneOrganisationPerSystem,
  removeCollaboration,
  removeEmptySystems,
  renameOrganisation,
  renameSystem,
  scenarioFromBaseline,
  setAtypical,
  setLocked,
  splitOrganisation,
  updateCollaboration,
  updateSettings,
  type ScenarioV1,
} from '../../engine/scenario.ts';
import { TINY_CODES as C, tinyBundle } from '../fixtures/tinyBundle.ts';
import { deepFreeze } from '../fixtures/deepFreeze.ts';

const bundle = tinyBundle();
const geo = Geography.fromBundle(bundle);
const base = () => deepFreeze(scenarioFromBaseline(bundle, 'stp-2019'));
const unitsOf = (s: ScenarioV1, id: string) => s.systems.find((g) => g.id === id)?.units;
const orgUnits = (s: ScenarioV1) => s.organisations.map((o) => o.units);

function refused(f: () => unknown, code: string, text: RegExp) {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ScenarioError);
  expect((err as ScenarioError).code).toBe(code);
  expect((err as Error).message).toMatch(text);
}

describe('starting points', () => {
  it('scenarioFromBaseline deep-copies and records the baseline', () => {
    const s = scenarioFromBaseline(bundle, 'stp-2019');
    expect(s.basedOn).toBe('stp-2019');
    expect(s.systems).not.toBe(bundle.baselines['stp-2019'].systems);
    s.systems[0].units.push('x');
    expect(bundle.baselines['stp-2019'].systems[0].units).toHaveLength(3);
    refused(() => scenarioFromBaseline(bundle, 'nope'), 'unknown-baseline', /unknown baseline "nope"; available: stp-2019/);
  });

  it('emptyScenario puts every CCG in one system and each in its own organisation', () => {
    const s = emptyScenario(geo);
    expect(s.unitSet).toBe('tiny-2019');
    expect(s.systems).toEqual([{ id: 'sys-1', name: 'England', units: C }]);
    expect(s.organisations.map((o) => [o.id, o.name])).toEqual(C.map((c, i) => [c, geo.names[i]]));
  });
});

describe('systems', () => {
  it('assignUnits moves exactly the given units and drops emptied systems', () => {
    const s = base();
    const t = assignUnits(s, [C[0], C[1]], 'E54000002');
    expect(unitsOf(t, 'E54000001')).toEqual([C[2]]);
    expect(unitsOf(t, 'E54000002')).toEqual([C[3], C[4], C[5], C[0], C[1]]);
    expect(t.organisations).toBe(s.organisations);
    const u = assignUnits(t, [C[2]], 'E54000002');
    expect(u.systems.map((g) => g.id)).toEqual(['E54000002']);
  });

  it('assignUnits of a unit already there changes nothing', () => {
    const s = base();
    expect(assignUnits(s, [C[0]], 'E54000001').systems).toEqual(s.systems);
  });

  it('refuses unknown systems and unknown units, naming them', () => {
    refused(() => assignUnits(base(), [C[0]], 'E54000099'), 'unknown-system', /unknown system "E54000099"/);
    refused(() => assignUnits(base(), [C[0], 'E38999999'], 'E54000001'), 'unknown-unit', /units\[1\]: unknown unit code "E38999999"/);
    refused(() => assignUnits(base(), [], 'E54000001'), 'invalid-argument', /no units/);
  });

  it('respects locks in both directions, naming the system', () => {
    const locked = deepFreeze(setLocked(base(), 'E54000001', true));
    expect(locked.systems[0].locked).toBe(true);
    refused(() => assignUnits(locked, [C[0]], 'E54000002'), 'locked', /"Northshire" \(E54000001\) is locked: E38000001 cannot be moved out/);
    refused(() => assignUnits(locked, [C[3]], 'E54000001'), 'locked', /"Northshire" \(E54000001\) is locked: E38000004 cannot be moved into/);
    refused(() => newSystem(locked, [C[1]], { name: 'X' }), 'locked', /Northshire/);
    refused(() => mergeSystems(locked, ['E54000002', 'E54000001']), 'locked', /cannot be merged/);
    // A locked system can still be renamed and marked atypical; unlocking drops the flag.
    expect(renameSystem(locked, 'E54000001', 'North').systems[0].name).toBe('North');
    expect(setAtypical(locked, 'E54000001', 'rural').systems[0].atypical).toBe('rural');
    expect('locked' in setLocked(locked, 'E54000001', false).systems[0]).toBe(false);
  });

  it('newSystem takes the first free sys-N id, or the given one', () => {
    const a = newSystem(base(), [C[0]], { name: 'A' });
    expect(a.systems.at(-1)).toEqual({ id: 'sys-1', name: 'A', units: [C[0]] });
    const b = newSystem(a, [C[1]], { name: 'B' });
    expect(b.systems.at(-1)?.id).toBe('sys-2');
    const c = newSystem(assignUnits(b, [C[0]], 'E54000002'), [C[0]], { name: 'C' });
    expect(c.systems.at(-1)?.id).toBe('sys-1');
    expect(newSystem(base(), [C[0]], { id: 'mine', name: 'M' }).systems.at(-1)?.id).toBe('mine');
    refused(() => newSystem(base(), [C[0]], { id: 'E54000002', name: 'M' }), 'duplicate-id', /already exists/);
    refused(() => newSystem(base(), [C[0]], { name: ' ' }), 'invalid-argument', /name/);
  });

  it('mergeSystems keeps the first id and place and concatenates units', () => {
    const s = newSystem(base(), [C[5]], { name: 'Solo' });
    const m = mergeSystems(s, ['sys-1', 'E54000001'], { name: 'Big' });
    expect(m.systems.map((g) => [g.id, g.name])).toEqual([['E54000002', 'Southshire'], ['sys-1', 'Big']]);
    expect(m.systems[1].units).toEqual([C[5], C[0], C[1], C[2]]);
    refused(() => mergeSystems(s, ['sys-1', 'sys-1']), 'invalid-argument', /at least 2/);
    refused(() => mergeSystems(s, ['sys-1', 'sys-9']), 'unknown-system', /systems\[1\]: unknown system "sys-9"/);
  });

  it('setAtypical sets, trims and clears the reason', () => {
    const a = setAtypical(base(), 'E54000002', '  two cities ');
    expect(a.systems[1].atypical).toBe('two cities');
    expect('atypical' in setAtypical(a, 'E54000002', null).systems[1]).toBe(false);
    expect('atypical' in setAtypical(a, 'E54000002', '').systems[1]).toBe(false);
  });

  it('removeEmptySystems drops empty groups loaded from a file', () => {
    const s = { ...base(), systems: [...base().systems, { id: 'e', name: 'Empty', units: [] }] };
    expect(removeEmptySystems(s).systems.map((g) => g.id)).toEqual(['E54000001', 'E54000002']);
  });
});

describe('organisations', () => {
  it('oneOrganisationPerSystem("all") makes one organisation per system, keyed by the system', () => {
    const s = oneOrganisationPerSystem(base(), 'all');
    expect(s.organisations).toEqual([
      { id: 'E54000001', name: 'Northshire', units: C.slice(0, 3) },
      { id: 'E54000002', name: 'Southshire', units: C.slice(3) },
    ]);
    expect(oneOrganisationPerSystem(s, 'all')).toEqual(s);
  });

  it('oneOrganisationPerSystem on one system splits an organisation that spanned it', () => {
    const spanning = moveUnitsToOrganisation(base(), [C[3]], C[2]); // org C[2] = {C2, C3} spans both systems
    const s = oneOrganisationPerSystem(spanning, 'E54000001');
    expect(s.organisations).toEqual([
      { id: 'E54000001', name: 'Northshire', units: C.slice(0, 3) },
      { id: C[2], name: 'NHS Gamma and Delta CCG', units: [C[3]] },
      { id: C[4], name: 'NHS Zeta CCG', units: [C[4]] },
      { id: C[5], name: 'NHS Eta CCG', units: [C[5]] },
    ]);
  });

  it('oneOrganisationPerSystem avoids an id still used by another organisation', () => {
    const s = renameOrganisation(newOrganisation(base(), [C[4]], { id: 'E54000001', name: 'Clash' }), 'E54000001', 'Clash');
    const t = oneOrganisationPerSystem(s, 'E54000001');
    expect(t.organisations.find((o) => o.name === 'Northshire')?.id).toBe('org-1');
    expect(t.organisations.find((o) => o.name === 'Clash')?.units).toEqual([C[4]]);
  });

  it('splitOrganisation restores one organisation per CCG, named after it', () => {
    const merged = oneOrganisationPerSystem(base(), 'all');
    const s = splitOrganisation(splitOrganisation(merged, 'E54000001', undefined, geo), 'E54000002', undefined, geo);
    expect(canonicalScenario(s, geo).organisations).toEqual(base().organisations);
    // Without names, a CCG is named by its code.
    expect(splitOrganisation(merged, 'E54000001').organisations[0]).toEqual({ id: C[0], name: C[0], units: [C[0]] });
  });

  it('splitOrganisation into groups leaves ungrouped units in the original', () => {
    const merged = oneOrganisationPerSystem(base(), 'all');
    const s = splitOrganisation(merged, 'E54000002', [[C[3], C[4]]], geo);
    expect(s.organisations.slice(1)).toEqual([
      { id: 'E54000002', name: 'Southshire', units: [C[5]] },
      { id: 'org-1', name: 'Southshire (1)', units: [C[3], C[4]] },
    ]);
    refused(() => splitOrganisation(merged, 'E54000002', [[C[0]]]), 'invalid-argument', /groups\[0\]\[0\]: "E38000001" is not in organisation "Southshire"/);
    refused(() => splitOrganisation(merged, 'E54000002', [[C[3]], [C[3]]]), 'invalid-argument', /groups\[1\]\[0\]: E38000004 is in more than one group/);
    refused(() => splitOrganisation(merged, 'E54000002', [[]]), 'invalid-argument', /groups\[0\]/);
  });

  it('mergeOrganisations, moveUnitsToOrganisation and renameOrganisation', () => {
    const m = mergeOrganisations(base(), [C[1], C[0]], { name: 'AB' });
    expect(orgUnits(m)).toEqual([[C[1], C[0]], [C[2]], [C[3]], [C[4]], [C[5]]]);
    expect(m.organisations[0]).toMatchObject({ id: C[1], name: 'AB' });
    const moved = moveUnitsToOrganisation(m, [C[5], C[2]], C[1]);
    expect(orgUnits(moved)).toEqual([[C[1], C[0], C[5], C[2]], [C[3]], [C[4]]]);
    // Organisations may straddle systems: systems are untouched.
    expect(moved.systems).toBe(m.systems);
    expect(renameOrganisation(moved, C[3], 'Dee').organisations[1].name).toBe('Dee');
    refused(() => moveUnitsToOrganisation(m, [C[0]], 'nope'), 'unknown-organisation', /unknown organisation "nope"/);
    refused(() => renameOrganisation(m, C[0], 'x'), 'unknown-organisation', /E38000001/);
  });

  it('mergeOrganisations without a name proposes the names combined, in the order given', () => {
    // Not "NHS Gamma and Delta CCG (3 CCGs)": every place is named, in the first name's frame.
    const m = mergeOrganisations(base(), [C[2], C[0], C[1]]);
    expect(m.organisations.find((o) => o.id === C[2])!.name).toBe('NHS Gamma and Delta, Alpha and Beta CCG');
  });
});

describe('collaborations, settings and the scenario itself', () => {
  const collab = { name: 'Ambulance', kind: 'collaborative-commissioning', services: ['ambulance'], status: 'in-place', units: [C[0], C[3], C[0]] } as const;

  it('add, update and remove a collaboration', () => {
    const a = addCollaboration(base(), { ...collab, units: [...collab.units], services: [...collab.services] });
    expect(a.collaborations).toEqual([{ id: 'collab-1', name: 'Ambulance', kind: 'collaborative-commissioning', services: ['ambulance'], status: 'in-place', units: [C[0], C[3]] }]);
    const b = updateCollaboration(a, 'collab-1', { status: 'planned', units: [C[5]] });
    expect(b.collaborations[0]).toMatchObject({ id: 'collab-1', status: 'planned', units: [C[5]], name: 'Ambulance' });
    expect(removeCollaboration(b, 'collab-1').collaborations).toEqual([]);
  });

  it('refuses bad collaborations precisely', () => {
    const ok = { ...collab, units: [C[0]], services: [] };
    refused(() => addCollaboration(base(), { ...ok, kind: 'merger' as never }), 'invalid-argument', /^kind: "merger" is not a collaboration kind; expected one of shared-accountable-officer/);
    refused(() => addCollaboration(base(), { ...ok, status: 'maybe' as never }), 'invalid-argument', /status: "maybe"/);
    refused(() => addCollaboration(base(), { ...ok, units: [] }), 'invalid-argument', /units: no units/);
    refused(() => addCollaboration(base(), { ...ok, units: ['E38999999'] }), 'unknown-unit', /units\[0\]/);
    refused(() => updateCollaboration(base(), 'collab-9', {}), 'unknown-collaboration', /collab-9/);
    refused(() => removeCollaboration(base(), 'collab-9'), 'unknown-collaboration', /collab-9/);
  });

  it('updateSettings merges a patch and refuses a bad band or allowance', () => {
    const s = updateSettings(base(), { band: { max: 2_000_000 } });
    expect(s.settings).toEqual({ band: { min: 400_000, max: 2_000_000 }, costPerHead: 21.46, ...FIXED_COST_DEFAULTS });
    refused(() => updateSettings(base(), { band: { min: 5_000_000 } }), 'invalid-argument', /settings.band: min \(5000000\) is greater than max/);
    refused(() => updateSettings(base(), { band: { min: -1 } }), 'invalid-argument', /settings.band.min/);
    refused(() => updateSettings(base(), { costPerHead: 0 }), 'invalid-argument', /settings.costPerHead/);
    refused(() => updateSettings(base(), { costPerHead: Number.NaN }), 'invalid-argument', /settings.costPerHead/);
    refused(() => updateSettings(base(), { band: 5 as never }), 'invalid-argument', /settings.band: expected/);
  });

  it('describeScenario renames and sets or removes the description', () => {
    const s = describeScenario(base(), { name: 'Plan B', description: 'two systems' });
    expect([s.name, s.description]).toEqual(['Plan B', 'two systems']);
    expect('description' in describeScenario(s, { description: '' })).toBe(false);
  });
});

describe('canonicalScenario', () => {
  it('sorts units by unit order, keeps group order, drops empty optional fields', () => {
    const s = { ...base(), systems: [{ id: 'b', name: 'B', units: [C[5], C[0]], locked: false, atypical: '' }, { id: 'a', name: 'A', units: [C[3], C[1], C[2], C[4]] }] };
    const c = canonicalScenario(s, geo);
    expect(c.systems).toEqual([{ id: 'b', name: 'B', units: [C[0], C[5]] }, { id: 'a', name: 'A', units: [C[1], C[2], C[3], C[4]] }]);
  });
});
