/**
 * The two ends of the patch protocol (statePatch.ts) around the engine API: in the worker, the methods that
 * answer with a `State` answer with a `StatePatch` instead; on the main thread, `unpatched` turns them back into
 * full states, so the rest of the UI sees the plain `EngineApi`. Every other method passes through untouched.
 * Each state received is marked `footprints:state` (performance timeline, detail: seq and worker timings).
 *
 * A patch out of step (made against a state the main thread does not hold) is never dropped: the main thread
 * asks the worker for the whole current state (`fullState`, which restarts the encoder) and goes on from it.
 */
import { transfer, type Remote } from 'comlink';
import type { EngineApi, Result, State } from './api.ts';
import { applyPatch, createEncoder, patchBuffers, type StatePatch } from './statePatch.ts';

/** Methods answering with a State (undo, redo, current) or a Result carrying one (the others). */
const STATE_METHODS = ['undo', 'redo', 'current'] as const;
const RESULT_METHODS = ['load', 'apply', 'importFile'] as const;

type PatchedResult = { ok: true; state: StatePatch } | { ok: false; error: string };

/** The worker-side method that answers with the whole current state (a patch with base 0). */
interface FullState {
  fullState(): Promise<StatePatch>;
}

export function patchedApi<T extends EngineApi>(api: T): T {
  const encoder = createEncoder();
  const send = (st: State, t0: number) => encoder.encode(st, performance.now() - t0);
  const wrapped: Record<string, unknown> = {};
  for (const key of Object.keys(api) as (keyof T & string)[]) {
    const f = api[key];
    if (typeof f === 'function') wrapped[key] = (f as (...a: unknown[]) => unknown).bind(api);
  }
  wrapped.init = async (...args: Parameters<EngineApi['init']>) => {
    encoder.reset();
    return api.init(...args);
  };
  wrapped.fullState = async (): Promise<StatePatch> => {
    encoder.reset();
    const p = send(await api.current(), performance.now());
    return transfer(p, patchBuffers(p.enc));
  };
  for (const m of STATE_METHODS) {
    wrapped[m] = async () => {
      const t0 = performance.now();
      const st = await api[m]();
      const p = send(st, t0);
      return transfer(p, patchBuffers(p.enc));
    };
  }
  for (const m of RESULT_METHODS) {
    wrapped[m] = async (...args: unknown[]) => {
      const t0 = performance.now();
      const r = await (api[m] as (...a: unknown[]) => Promise<Result>)(...args);
      if (!r.ok) return r;
      const p = send(r.state, t0);
      return transfer({ ok: true, state: p } satisfies PatchedResult, patchBuffers(p.enc));
    };
  }
  return wrapped as unknown as T;
}

let marks = 0;
const received = (st: State, p: StatePatch): State => {
  if (++marks % 500 === 0) performance.clearMarks('footprints:state');
  performance.mark('footprints:state', { detail: { seq: st.seq, ...p.meta } });
  return st;
};

/** Main-thread side: the plain engine API over a patched remote. */
export function unpatched<T extends EngineApi>(remote: Remote<T>): Remote<T> {
  let last: State | null = null;
  const full = remote as unknown as Remote<FullState>;
  const decode = async (p: StatePatch): Promise<State> => {
    if (p.base !== 0 && p.base !== (last?.seq ?? 0)) {
      // Out of step: the worker's current state is the one this answer describes (calls are answered in order).
      const whole = await full.fullState();
      return received((last = applyPatch(null, whole)), whole);
    }
    return received((last = applyPatch(last, p)), p);
  };
  const own: Record<string, unknown> = {
    init: async (...args: unknown[]) => {
      const r = await (remote.init as (...a: unknown[]) => Promise<unknown>)(...args);
      last = null;
      return r;
    },
  };
  for (const m of STATE_METHODS) own[m] = async () => decode((await (remote[m] as () => Promise<unknown>)()) as StatePatch);
  own.fullState = async () => {
    const whole = await full.fullState();
    return received((last = applyPatch(null, whole)), whole);
  };
  for (const m of RESULT_METHODS) {
    own[m] = async (...args: unknown[]) => {
      const r = (await (remote[m] as (...a: unknown[]) => Promise<unknown>)(...args)) as PatchedResult;
      return r.ok ? { ok: true, state: await decode(r.state) } : r;
    };
  }
  return new Proxy(remote, { get: (target, prop, receiver) => (typeof prop === 'string' && prop in own ? own[prop] : Reflect.get(target, prop, receiver)) });
}
