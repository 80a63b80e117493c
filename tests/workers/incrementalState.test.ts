// What the worker keeps up to date edit by edit instead of working out from every unit (border bits, system
// adjacency for the colours, each organisation's system count, label points, the UI's system rows) is always what a
// fresh adapter works out for the same scenario from scratch, over random sequences of edits, undo and redo; and an
// organisation's system count is also checked against a count from the scenario's own unit lists.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { realBundle } from '../engine/helpers/real.ts';
import { createEngineAdapter } from '../../workers/engineAdapter.ts';
import type { State } from '../../workers/api.ts';
import { ok } from './ok.ts';

const bundle = realBundle();
const comparable = (s: State) => ({ ...s, seq: 0, history: undefined, collaborationFootprints: undefined });

function systemCountsFromScenario(s: State): Map<string, number> {
  const systemOf = new Map<string, string>();
  for (const g of s.scenario.systems) for (const u of g.units) systemOf.set(u, g.id);
  return new Map(s.scenario.organisations.map((o) => [o.id, new Set(o.units.map((u) => systemOf.get(u) ?? '(none)')).size]));
}

describe('state kept up to date by the worker', () => {
  it('equals the state a fresh adapter makes from the same scenario, after every edit, undo and redo', async () => {
    const edited = createEngineAdapter({ transfer: false });
    await edited.init(bundle);
    const codes = bundle.units.code;
    const step = fc.oneof(
      { weight: 5, arbitrary: fc.record({ op: fc.constant('move' as const), units: fc.array(fc.nat(codes.length - 1), { minLength: 1, maxLength: 6 }), to: fc.nat(50) }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('new' as const), units: fc.array(fc.nat(codes.length - 1), { minLength: 1, maxLength: 3 }), to: fc.constant(0) }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('merge' as const), units: fc.constant([] as number[]), to: fc.nat(50) }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constantFrom('undo' as const, 'redo' as const), units: fc.constant([] as number[]), to: fc.constant(0) }) },
      // Organisation edits alone (the systems stay): only organisation borders change.
      { weight: 2, arbitrary: fc.record({ op: fc.constant('org' as const), units: fc.array(fc.nat(codes.length - 1), { minLength: 1, maxLength: 4 }), to: fc.nat(200) }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        let st = ok(await edited.load({ baseline: 'stp-2019' }, { reset: true }));
        for (const s of steps) {
          const ids = st.systems.map((m) => m.id);
          const units = s.units.map((i) => codes[i]);
          if (s.op === 'undo' || s.op === 'redo') st = await edited[s.op]();
          else if (s.op === 'move') st = ok(await edited.apply({ op: 'assignUnits', units, system: ids[s.to % ids.length] }));
          else if (s.op === 'org') st = ok(await edited.apply({ op: 'moveUnitsToOrganisation', units, organisation: st.organisations[s.to % st.organisations.length].id }));
          else if (s.op === 'new') st = ok(await edited.apply({ op: 'newSystem', units, name: 'New' }));
          else st = ok(await edited.apply({ op: 'mergeSystems', systems: [ids[s.to % ids.length], ids[(s.to + 1) % ids.length]] }));
          const fresh = createEngineAdapter({ transfer: false });
          await fresh.init(bundle);
          const want = ok(await fresh.load({ scenario: st.scenario }, { reset: true }));
          expect(comparable(st)).toEqual(comparable(want));
          const counts = systemCountsFromScenario(st);
          for (const o of st.organisations) expect(o.systemCount, o.id).toBe(counts.get(o.id));
        }
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});
