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

  it('sends a typed array with few elements changed as those elements, and one with many whole; never alters the base', () => {
    const enc = createEncoder();
    const n = 32_844;
    const a = new Uint16Array(n).map((_, k) => k % 40);
    const few = a.slice();
    few[7] = 41;
    few[n - 1] = 42;
    const many = a.map((x) => x + 1);
    const s0 = { seq: 1, unitSystem: a } as unknown as State;
    const s1 = { seq: 2, unitSystem: few } as unknown as State;
    const s2 = { seq: 3, unitSystem: many } as unknown as State;
    const have0 = applyPatch(null, structuredClone(enc.encode(s0)));
    const p1 = structuredClone(enc.encode(s1));
    const e1 = (p1.enc as { o: { unitSystem: { at?: Uint32Array; to?: Uint16Array } } }).o.unitSystem;
    expect([...e1.at!]).toEqual([7, n - 1]);
    expect([...e1.to!]).toEqual([41, 42]);
    expect(e1.to).toBeInstanceOf(Uint16Array);
    const have1 = applyPatch(have0, p1);
    expect(have1.unitSystem).toEqual(few);
    expect(have0.unitSystem).toEqual(a); // the base state is not written into
    const p2 = structuredClone(enc.encode(s2));
    expect((p2.enc as { o: { unitSystem: { v?: Uint16Array } } }).o.unitSystem.v).toEqual(many);
    expect(applyPatch(have1, p2).unitSystem).toEqual(many);
  });

  it('rebuilds typed arrays of every kind and length from their changes, the changed elements anywhere', () => {
    const kinds = [Uint8Array, Uint16Array, Uint32Array, Int32Array, Float64Array];
    for (const Kind of kinds) {
      for (const n of [1, 3, 4, 7, 64, 1001]) {
        for (const changed of [[0], [n - 1], [0, n - 1], [Math.floor(n / 2)]]) {
          const enc = createEncoder();
          const a = new Kind(n).map((_, k) => (k * 7) % 13);
          const b = a.slice();
          for (const k of changed) b[k] = 200;
          const s0 = applyPatch(null, structuredClone(enc.encode({ seq: 1, arr: a } as unknown as State)));
          const s1 = applyPatch(s0, structuredClone(enc.encode({ seq: 2, arr: b } as unknown as State)));
          expect((s1 as unknown as { arr: unknown }).arr, `${Kind.name} ${n} ${changed}`).toEqual(b);
        }
      }
    }
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
