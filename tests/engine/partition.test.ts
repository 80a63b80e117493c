import { describe, expect, it } from 'vitest';
import { UNASSIGNED, membersOf, partitionOf, signatureOf } from '../../engine/partition.ts';
import { Geography } from '../../engine/geography.ts';
import { GRID_CODES as C, gridBundle } from './helpers/gridBundle.ts';

const geo = Geography.fromBundle(gridBundle());

describe('partitionOf', () => {
  it('maps units to groups, members ascending, unassigned as 0xFFFF', () => {
    const p = partitionOf([{ id: 'x', units: [C[3], C[0]] }, { id: 'y', units: [C[5]] }], geo);
    expect(p.groupIds).toEqual(['x', 'y']);
    expect(Array.from(p.members[0])).toEqual([0, 3]);
    expect(p.unitToGroup[0]).toBe(0);
    expect(p.unitToGroup[5]).toBe(1);
    expect(p.unitToGroup[1]).toBe(UNASSIGNED);
    expect(p.unassigned).toBe(geo.n - 3);
  });

  it('overlapping groups keep independent member lists; signatures ignore order and repeats', () => {
    const m = membersOf([{ id: 'a', units: [C[0], C[1]] }, { id: 'b', units: [C[1], C[2]] }], geo);
    expect(m.map((x) => Array.from(x))).toEqual([[0, 1], [1, 2]]);
    expect(signatureOf([C[2], C[0], C[2]], geo)).toBe(signatureOf([C[0], C[2]], geo));
  });

  it('is cached by the identity of the groups array, and refuses unknown codes', () => {
    const groups = [{ id: 'x', units: [C[0]] }];
    expect(partitionOf(groups, geo)).toBe(partitionOf(groups, geo));
    expect(() => partitionOf([{ id: 'x', units: ['E38999999'] }], geo)).toThrow(/E38999999/);
  });
});
