import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
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

  it('patched from the previous partition after edits, equals a build from scratch (repeats: first group wins)', () => {
    // Reference: the first group listing a unit holds it; written here without the engine's code.
    const reference = (groups: { id: string; units: string[] }[]) => {
      const owner = new Array<number>(geo.n).fill(UNASSIGNED);
      groups.forEach((g, k) => g.units.forEach((u) => {
        const i = C.indexOf(u);
        if (owner[i] === UNASSIGNED) owner[i] = k;
      }));
      return { owner, unassigned: owner.filter((o) => o === UNASSIGNED).length, members: groups.map((g) => [...new Set(g.units.map((u) => C.indexOf(u)))].sort((a, b) => a - b)) };
    };
    const edit = fc.record({ group: fc.nat(5), units: fc.subarray([...C.keys()]), rename: fc.boolean() });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
        // Start from a partition of all units in 6 groups, then rewrite one group per edit (which may take units
        // another group holds, or leave units in none), sharing the untouched groups as scenario operations do.
        let groups = Array.from({ length: 6 }, (_, k) => ({ id: `g${k}`, units: C.filter((_, i) => i % 6 === k) }));
        partitionOf(groups, geo);
        for (const e of edits) {
          groups = groups.map((g, k) => (k === e.group ? { id: e.rename ? `${g.id}'` : g.id, units: e.units.map((i) => C[i]) } : g));
          const p = partitionOf(groups, geo);
          const r = reference(groups);
          expect(Array.from(p.unitToGroup)).toEqual(r.owner);
          expect(p.unassigned).toBe(r.unassigned);
          expect(p.members.map((m) => Array.from(m))).toEqual(r.members);
          expect(p.groupIds).toEqual(groups.map((g) => g.id));
        }
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});
