// The undo / redo labels count units in the unit set's own words.
import { describe, expect, it } from 'vitest';
import { loadUnitSet } from '../../geodata/load.ts';
import { Geography } from '../../engine/geography.ts';
import { scenarioFromBaseline } from '../../engine/scenario.ts';
import { describeCommand } from '../../workers/describeCommand.ts';

describe('describeCommand', () => {
  it('counts CCG parts as CCG parts, and names a single one', () => {
    const geo = Geography.fromBundle(loadUnitSet('ccg-district-2019'));
    const s = scenarioFromBaseline(geo.bundle, 'stp-2019');
    const [a, b] = s.systems;
    expect(describeCommand({ op: 'assignUnits', units: a.units.slice(0, 2), system: b.id }, s, geo)).toBe(`assign 2 CCG parts to ${b.name}`);
    expect(describeCommand({ op: 'assignUnits', units: a.units.slice(0, 1), system: b.id }, s, geo)).toBe(`assign ${geo.names[geo.indexOfCode(a.units[0])]} to ${b.name}`);
  });
});
