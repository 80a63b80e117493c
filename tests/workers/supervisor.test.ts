// The supervisor (workers/supervisor.ts) replaces a failed engine worker and reopens the saved work in it, for
// every kind of failure: an error event, a rejected call, a call never answered; and gives up after repeated
// failed starts until asked to try again. Workers here are fakes: what is tested is the supervision.
import { afterEach, describe, expect, it, vi } from 'vitest';
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

  describe('progress counts as a sign of life (a long load is never killed, a stuck worker still is)', () => {
    afterEach(() => vi.useRealTimers());
    type Report = (loaded: number, total: number) => void;
    /** A worker whose convertTo reports progress every `everyMs` for `reports` times, then answers or, if `stuck`, goes silent. */
    const slowLoad = (everyMs: number, reports: number, stuck: boolean) => (m: string, a: unknown[]) => {
      if (m !== 'convertTo') return ok(m);
      const report = a[2] as Report;
      return new Promise<unknown>((resolve) => {
        let k = 0;
        const tick = () => {
          if (k === reports) return stuck ? undefined : resolve('converted');
          report(++k, reports);
          setTimeout(tick, everyMs);
        };
        setTimeout(tick, everyMs);
      });
    };

    it('a call reporting progress every 20 s for 200 s, with a 30 s limit, is answered and the worker kept', async () => {
      vi.useFakeTimers();
      const { sup, workers, events } = setup([slowLoad(20_000, 10, false), ok], { stallMs: 30_000 });
      await sup.engine.init('bundle.json');
      const seen: number[] = [];
      const answer = sup.engine.convertTo('lsoa-2011', 'unitset-lsoa-2011.json', (loaded) => void seen.push(loaded));
      await vi.advanceTimersByTimeAsync(230_000);
      expect(await answer).toBe('converted');
      expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]); // the caller's callback still gets every report
      expect(workers).toHaveLength(1);
      expect(workers[0].terminated).toBe(false);
      expect(events).toEqual([]);
    });

    it('a call that reported progress and then went silent fails the worker 30 s after its last report', async () => {
      vi.useFakeTimers();
      const { sup, workers, events } = setup([slowLoad(20_000, 3, true), ok], { stallMs: 30_000 });
      await sup.engine.init('bundle.json');
      const answer = sup.engine.convertTo('lsoa-2011', 'unitset-lsoa-2011.json', () => undefined);
      const outcome = answer.then(() => 'answered', (e: unknown) => e);
      await vi.advanceTimersByTimeAsync(60_000 + 29_000); // last report at 60 s: 29 s of silence is not yet a stall
      expect(workers[0].terminated).toBe(false);
      await vi.advanceTimersByTimeAsync(2_000);
      expect(await outcome).toBeInstanceOf(EngineDown);
      expect(String(await outcome)).toMatch(/did not answer for 30 s/);
      expect(workers[0].terminated).toBe(true);
      expect(events[0]).toMatch(/^down: the engine failed: the engine did not answer for 30 s/);
    });

    it('without progress the same silence fails it (the limit still applies)', async () => {
      vi.useFakeTimers();
      const { sup, workers } = setup([slowLoad(40_000, 3, false), ok], { stallMs: 30_000 });
      await sup.engine.init('bundle.json');
      const outcome = sup.engine.convertTo('lsoa-2011', 'unitset-lsoa-2011.json', () => undefined).then(() => 'answered', (e: unknown) => e);
      await vi.advanceTimersByTimeAsync(31_000);
      expect(await outcome).toBeInstanceOf(EngineDown);
      expect(workers[0].terminated).toBe(true);
    });
  });
});
