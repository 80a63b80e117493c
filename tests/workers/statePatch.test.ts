// States travel from the worker as patches (workers/statePatch.ts): rebuilt on the other side they must equal
// the adapter's states exactly, keep unchanged parts by identity, and be small for a one-CCG edit.
import { describe, expect, it } from 'vitest';
import { realBundle } from '../engine/helpers/real.ts';
import { createEngineAdapter } from '../../workers/engineAdapter.ts';
import { patchedApi, unpatched } from '../../workers/patchedApi.ts';
import { applyPatch, createEncoder } from '../../workers/statePatch.ts';
import type { EngineApi, State } from '../../workers/api.ts';
import type { Remote } from 'comlink';
import { COLLABORATION_KINDS } from '../../engine/scenario.ts';
import { ok } from './ok.ts';

const bundle = realBundle();

describe('state patches', () => {
  it('rebuild every state of an edit sequence exactly, through structured clone', async () => {
    const engine = createEngineAdapter({ transfer: false });
    await engine.init(bundle);
    const enc = createEncoder();
    let have: State | null = null;
    const check = (st: State) => {
      const p = structuredClone(enc.encode(st));
      have = applyPatch(have, p);
      expect(have).toEqual(st);
      return JSON.stringify(p).length;
    };
    const first = ok(await engine.load({ baseline: 'stp-2019' }, { reset: true }));
    check(first);
    const g = engine.geography!;
    const i = [...Array(g.n).keys()].find((u) => [...g.neighbours(u)].some((v) => first.unitSystem[v] !== first.unitSystem[u]))!;
    const v = [...g.neighbours(i)].find((w) => first.unitSystem[w] !== first.unitSystem[i])!;
    const before = have!;
    const size = check(ok(await engine.apply({ op: 'assignUnits', units: [g.codes[i]], system: first.systems[first.unitSystem[v]].id })));
    expect(size).toBeLessThan(JSON.stringify(first).length / 3);
    // Only the two systems involved are new objects; the other 40 keep their identity on the receiving side.
    expect(have!.systems.filter((m) => !before.systems.includes(m))).toHaveLength(2);
    check(await engine.undo());
    check(await engine.redo());
    check(ok(await engine.apply({ op: 'oneOrganisationPerSystem', system: 'all' })));
    check(ok(await engine.apply({ op: 'mergeSystems', systems: [first.systems[0].id, first.systems[1].id] })));
    check(ok(await engine.apply({ op: 'addCollaboration', collaboration: { name: 'Test', kind: COLLABORATION_KINDS[0], services: [], status: 'planned', units: [g.codes[0], g.codes[1]] } })));
    check(await engine.current());
    check(ok(await engine.load({ baseline: 'ccg-2021' })));
    check(await engine.undo());
  });

  it('refuses a patch made against another state', () => {
    const enc = createEncoder();
    const a = { seq: 1, x: [1] } as unknown as State;
    const b = { seq: 2, x: [2] } as unknown as State;
    enc.encode(a);
    expect(() => applyPatch(null, enc.encode(b))).toThrow(/state patch/);
  });

  it('passes through the API wrappers (worker side and main-thread side)', async () => {
    const api = unpatched(patchedApi(createEngineAdapter({ transfer: false })) as unknown as Remote<EngineApi>);
    await api.init(bundle);
    const direct = createEngineAdapter({ transfer: false });
    await direct.init(bundle);
    expect(ok(await api.load({ baseline: 'stp-2019' }, { reset: true }))).toEqual(ok(await direct.load({ baseline: 'stp-2019' }, { reset: true })));
    const bad = await api.apply({ op: 'assignUnits', units: ['nope'], system: 'nope' });
    expect(bad.ok).toBe(false);
    expect(await api.current()).toEqual(await direct.current());
    expect(await api.findUnits('leeds')).toEqual(await direct.findUnits('leeds'));
  });
});
