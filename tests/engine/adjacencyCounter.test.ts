// The system adjacency the editor keeps edit by edit (engine/colour.ts SystemAdjacencyCounter) is always the one
// worked out from scratch: over random sequences of moves on the real 191 CCGs, including moves that empty a
// system, add one or reorder the list (which count everything again).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { realBundle } from './helpers/real.ts';
import { Geography } from '../../engine/geography.ts';
import { SystemAdjacencyCounter, systemAdjacency } from '../../engine/colour.ts';

const geo = Geography.fromBundle(realBundle());
const NONE = 0xffff;
const start = () => {
  const ids = geo.bundle.baselines['stp-2019'].systems.map((s) => s.id);
  const unit = new Uint16Array(geo.n).fill(NONE);
  geo.bundle.baselines['stp-2019'].systems.forEach((s, k) => s.units.forEach((c) => (unit[geo.indexOfCode(c)] = k)));
  return { ids, unit };
};
const asArrays = (adj: readonly Set<number>[]) => adj.map((s) => [...s].sort((a, b) => a - b));

describe('SystemAdjacencyCounter', () => {
  it('matches systemAdjacency after every step of random edits', () => {
    const step = fc.oneof(
      // Move a few units to another system (or out of every system).
      fc.record({ kind: fc.constant('move' as const), units: fc.array(fc.nat(geo.n - 1), { minLength: 1, maxLength: 12 }), to: fc.integer({ min: -1, max: 60 }) }),
      // A new system at the end of the list, or the list reordered (ids and indices change together).
      fc.record({ kind: fc.constant('add' as const), units: fc.array(fc.nat(geo.n - 1), { minLength: 1, maxLength: 5 }), to: fc.constant(0) }),
      fc.record({ kind: fc.constant('swap' as const), units: fc.constant([] as number[]), to: fc.nat(40) }),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => {
        const counter = new SystemAdjacencyCounter(geo);
        let { ids, unit } = start();
        expect(asArrays(counter.update(unit, ids))).toEqual(asArrays(systemAdjacency(geo, unit, ids.length)));
        for (const s of steps) {
          unit = unit.slice();
          if (s.kind === 'move') {
            const to = s.to < 0 ? NONE : s.to % ids.length;
            for (const u of s.units) unit[u] = to;
          } else if (s.kind === 'add') {
            ids = [...ids, `new-${ids.length}`];
            for (const u of s.units) unit[u] = ids.length - 1;
          } else {
            const a = s.to % ids.length, b = (s.to + 1) % ids.length;
            ids = ids.map((id, k) => (k === a ? ids[b] : k === b ? ids[a] : id));
            for (let i = 0; i < unit.length; i++) unit[i] = unit[i] === a ? b : unit[i] === b ? a : unit[i];
          }
          expect(asArrays(counter.update(unit, ids))).toEqual(asArrays(systemAdjacency(geo, unit, ids.length)));
        }
      }),
      { numRuns: 60 },
    );
  });
});
