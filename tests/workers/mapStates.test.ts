// The map's part of a state sent ahead of it (EngineApi.mapStates): the same seq, colours and border bits as the
// state that follows, sent before that state is answered, and nothing for an edit that is refused.
import { beforeAll, describe, expect, it } from 'vitest';
import { realBundle } from '../engine/helpers/real.ts';
import { createEngineAdapter } from '../../workers/engineAdapter.ts';
import type { MapState, State } from '../../workers/api.ts';
import { borderCcg } from '../e2e/realBundle.ts';
import { ok } from './ok.ts';

describe('map states sent ahead of their states', () => {
  const engine = createEngineAdapter({ transfer: false });
  const events: (['map', MapState] | ['state', State])[] = [];
  let opened: State;

  beforeAll(async () => {
    await engine.init(realBundle());
    await engine.mapStates((m) => void events.push(['map', m]));
    opened = ok(await engine.load({ baseline: 'stp-2019' }, { reset: true }));
  });

  const run = async (f: () => Promise<State>): Promise<{ maps: MapState[]; state: State }> => {
    events.length = 0;
    const state = await f();
    events.push(['state', state]);
    const maps = events.filter((e): e is ['map', MapState] => e[0] === 'map').map((e) => e[1]);
    // Every map state came before its state was answered.
    expect(events[events.length - 1][0]).toBe('state');
    return { maps, state };
  };

  it('sends nothing for the first state (it goes with the map\'s first frame)', () => {
    expect(events.filter((e) => e[0] === 'map')).toEqual([]);
  });

  it('sends an edit\'s colours and border bits first, under the seq of the state that follows', async () => {
    const { code, to } = borderCcg();
    const { maps, state } = await run(async () => ok(await engine.apply({ op: 'assignUnits', units: [code], system: to })));
    expect(maps).toHaveLength(1);
    expect(maps[0].seq).toBe(state.seq);
    expect(maps[0].seq).toBeGreaterThan(opened.seq);
    expect([...maps[0].unitColour]).toEqual([...state.unitColour]);
    expect([...maps[0].borders]).toEqual([...state.borders]);
    // Its arrays are copies: the state's own are not handed over.
    expect(maps[0].unitColour).not.toBe(state.unitColour);
    expect([...maps[0].unitColour]).not.toEqual([...opened.unitColour]);
  });

  it('does the same for undo and redo', async () => {
    for (const f of [() => engine.undo(), () => engine.redo()]) {
      const { maps, state } = await run(f);
      expect(maps.map((m) => m.seq)).toEqual([state.seq]);
      expect([...maps[0].unitColour]).toEqual([...state.unitColour]);
      expect([...maps[0].borders]).toEqual([...state.borders]);
    }
  });

  it('sends nothing for a refused edit', async () => {
    events.length = 0;
    const r = await engine.apply({ op: 'assignUnits', units: ['E38999999'], system: opened.systems[0].id });
    expect(r.ok).toBe(false);
    expect(events).toEqual([]);
  });
});
