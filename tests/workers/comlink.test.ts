// The worker contract over a real message channel: the adapter exposed with comlink on one port, the UI's
// comlink proxy on the other, exactly as engine.worker.ts and workers/client.ts wire them in the browser.
// Everything crosses by structured clone (typed arrays transferred), so a State that cannot be cloned fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expose, wrap, type Remote } from 'comlink';
import { realBundle } from '../engine/helpers/real.ts';
import type { EngineApi, State } from '../../workers/api.ts';
import { createEngineAdapter } from '../../workers/engineAdapter.ts';
import { patchedApi, unpatched } from '../../workers/patchedApi.ts';
import { ok } from './ok.ts';

const bundle = realBundle();

describe('engine API through comlink', () => {
  const channel = new MessageChannel();
  let engine: Remote<EngineApi>;

  beforeAll(() => {
    // States cross as patches against the previous one (workers/statePatch.ts), rebuilt on the UI side.
    expose(patchedApi(createEngineAdapter({ transfer: false })), channel.port1 as never);
    engine = unpatched(wrap<EngineApi>(channel.port2 as never));
  });
  afterAll(() => {
    channel.port1.close();
    channel.port2.close();
  });

  it('opens a baseline, assigns a CCG, undoes, and refuses a bad command without changing the scenario', async () => {
    const init = await engine.init(bundle);
    expect(init.codes).toHaveLength(191);
    const first = ok(await engine.load({ baseline: 'stp-2019' }, { reset: true }));
    expect(first.summary.systems).toBe(42);
    expect(first.unitSystem).toBeInstanceOf(Uint16Array);
    expect(first.unitSystem).toHaveLength(191);

    // Move the first CCG of system 0 into system 1: both populations change by exactly its population.
    const [a, b] = first.systems;
    const code = init.codes[a.members[0]];
    const i = init.codes.indexOf(code);
    const moved = ok(await engine.apply({ op: 'assignUnits', units: [code], system: b.id }));
    const pop = (s: State, id: string) => s.systems.find((m) => m.id === id)?.population ?? 0;
    expect(pop(moved, a.id)).toBe(a.population - init.population[i]);
    expect(pop(moved, b.id)).toBe(b.population + init.population[i]);
    expect(moved.history.canUndo).toBe(true);

    const bad = await engine.apply({ op: 'assignUnits', units: ['E38999999'], system: b.id });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toContain('E38999999');
    const still = await engine.current();
    expect(pop(still, b.id)).toBe(pop(moved, b.id));

    const undone = await engine.undo();
    expect(pop(undone, a.id)).toBe(a.population);
    expect(pop(undone, b.id)).toBe(b.population);
  });
});
