// A state patch out of step (made against a state the main thread does not hold) is resynchronised with a full
// state from the worker, never dropped: the answer is the worker's current state and later edits go on.
import { describe, expect, it } from 'vitest';
import type { Remote } from 'comlink';
import { realBundle } from '../engine/helpers/real.ts';
import { createEngineAdapter } from '../../workers/engineAdapter.ts';
import { patchedApi, unpatched } from '../../workers/patchedApi.ts';
import type { EngineApi } from '../../workers/api.ts';
import { ok } from './ok.ts';

const bundle = realBundle();

describe('state patches out of step', () => {
  it('are answered with the full current state, and the next patches apply again', async () => {
    const worker = patchedApi(createEngineAdapter({ transfer: false }));
    const main = unpatched(worker as unknown as Remote<EngineApi>);
    const direct = createEngineAdapter({ transfer: false });
    await main.init(bundle);
    await direct.init(bundle);
    const first = ok(await main.load({ baseline: 'stp-2019' }, { reset: true }));
    ok(await direct.load({ baseline: 'stp-2019' }, { reset: true }));
    // A state the main thread never receives (a lost message): the worker's encoder moves on without it.
    await worker.current();
    await direct.current();
    const sys = first.systems[0];
    const rename = { op: 'renameSystem', system: sys.id, name: 'Renamed once' } as const;
    const got = ok(await main.apply(rename));
    const want = ok(await direct.apply(rename));
    expect(got.seq).toBeGreaterThan(want.seq); // the resync asked for one more state
    expect({ ...got, seq: 0 }).toEqual({ ...want, seq: 0 });
    // And in step again: the next edit's patch applies to what the main thread now holds.
    const again = { op: 'renameSystem', system: sys.id, name: 'Renamed twice' } as const;
    const got2 = ok(await main.apply(again));
    expect(got2.systems[0].name).toBe('Renamed twice');
    expect({ ...got2, seq: 0 }).toEqual({ ...ok(await direct.apply(again)), seq: 0 });
  });
});
