// The supervisor (workers/supervisor.ts) replaces a failed engine worker and reopens the saved work in it, for
// every kind of failure: an error event, a rejected call, a call never answered; and gives up after repeated
// failed starts until asked to try again. Workers here are fakes: what is tested is the supervision.
import { describe, expect, it } from 'vitest';
import { createSupervisor, EngineDown, type Engine, type EngineHandle } from '../../workers/supervisor.ts';

interface Fake {
  handle: EngineHandle;
  report(reason: string): void;
  terminated: boolean;
  calls: string[];
}

/** A fake worker whose methods answer with `answer(method, args)` (a promise it may reject or never settle). */
function fakeWorker(answer: (method: string, args: unknown[]) => Promise<unknown>): Fake {
  let report: (r: string) => void = () => undefined;
  const f: Fake = {
    terminated: false,
    calls: [],
    report: (r) => report(r),
    handle: {
      engine: new Proxy({} as Engine, { get: (_t, m) => (typeof m === 'string' ? (...a: unknown[]) => (f.calls.push(m), answer(m, a)) : undefined) }),
      onFailure: (r) => void (report = r),
      terminate: () => void (f.terminated = true),
    },
  };
  return f;
}

const never = () => new Promise<unknown>(() => undefined);

function setup(behaviours: ((m: string, a: unknown[]) => Promise<unknown>)[], opts: { stallMs?: number; maxRestarts?: number } = {}) {
  const workers: Fake[] = [];
  const events: string[] = [];
  const restored: number[] = [];
  const sup = createSupervisor({
    spawn: (g) => {
      const w = fakeWorker(behaviours[Math.min(g, behaviours.length - 1)]);
      workers.push(w);
      return w.handle;
    },
    onDown: (reason, restarting) => events.push(`down${restarting ? '' : ' (gave up)'}: ${reason}`),
    restore: async (engine) => {
      await (engine.load as unknown as (...a: unknown[]) => Promise<unknown>)({ scenario: 'saved' }, { reset: true });
      restored.push(workers.length - 1);
    },
    onRestored: () => events.push('restored'),
    ...opts,
  });
  return { sup, workers, events, restored };
}

const ok = async (m: string) => `${m} ok`;
const until = async (cond: () => boolean) => {
  for (let k = 0; k < 1000 && !cond(); k++) await new Promise((r) => setTimeout(r, 1));
  if (!cond()) throw new Error('condition not reached');
};

describe('engine supervisor', () => {
  it('an error event fails the worker: pending calls are refused, a new worker is initialised and restored, and later calls reach it', async () => {
    const { sup, workers, events, restored } = setup([(m) => (m === 'init' ? ok(m) : never()), ok]);
    await sup.engine.init('bundle.json');
    const pending = sup.engine.apply({ op: 'describeScenario', name: 'x' });
    workers[0].report('the engine stopped: boom');
    await expect(pending).rejects.toBeInstanceOf(EngineDown);
    expect(workers[0].terminated).toBe(true);
    expect(await sup.engine.current()).toBe('current ok');
    expect(workers[1].calls).toEqual(['init', 'load', 'current']); // init with the same arguments, restore, then the call
    expect(restored).toEqual([1]);
    expect(events).toEqual(['down: the engine stopped: boom', 'restored']);
  });

  it('a rejected call fails the worker the same way', async () => {
    const { sup, workers, events } = setup([(m) => (m === 'apply' ? Promise.reject(new Error('state patch against state 7')) : ok(m)), ok]);
    await sup.engine.init('bundle.json');
    await expect(sup.engine.apply({ op: 'describeScenario', name: 'x' })).rejects.toThrow(/state patch against state 7/);
    await until(() => events.includes('restored'));
    expect(workers).toHaveLength(2);
    expect(await sup.engine.apply({ op: 'describeScenario', name: 'x' })).toBe('apply ok');
  });

  it('a call never answered (a worker that died silently) fails it after stallMs', async () => {
    const { sup, workers, events } = setup([(m) => (m === 'init' ? ok(m) : never()), ok], { stallMs: 30 });
    await sup.engine.init('bundle.json');
    await expect(sup.engine.undo()).rejects.toThrow(/did not answer/);
    await until(() => events.includes('restored'));
    expect(workers[0].terminated).toBe(true);
    expect(await sup.engine.undo()).toBe('undo ok');
  });

  it('init is never refused: a worker that fails at start is replaced and init answers from the next one', async () => {
    const { sup, workers } = setup([() => never(), ok]);
    const init = sup.engine.init('bundle.json');
    workers[0].report('the engine stopped: injected fault at start');
    expect(await init).toBe('init ok');
    expect(workers[1].calls).toEqual(['init', 'load']);
  });

  it('gives up after maxRestarts failed starts in a row, refuses calls, and starts again on retry()', async () => {
    let healthy = false;
    const { sup, workers, events } = setup([(m) => (healthy ? ok(m) : Promise.reject(new Error('cannot start')))], { maxRestarts: 2 });
    const init = sup.engine.init('bundle.json');
    await until(() => events.some((e) => e.includes('gave up')));
    expect(workers).toHaveLength(3);
    expect(events.filter((e) => e.startsWith('down'))).toHaveLength(3);
    await expect(sup.engine.current()).rejects.toBeInstanceOf(EngineDown);
    healthy = true;
    sup.retry();
    expect(await init).toBe('init ok');
    expect(await sup.engine.current()).toBe('current ok');
  });

  it('does not look like a promise (awaiting the engine itself must not call it)', async () => {
    const { sup, workers } = setup([ok]);
    expect((sup.engine as unknown as { then?: unknown }).then).toBeUndefined();
    expect(workers[0].calls).toEqual([]);
  });
});
