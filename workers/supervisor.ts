/**
 * Keeps an engine worker alive for the UI. The UI holds one `Engine` for the whole session; behind it the
 * supervisor runs one worker at a time (a generation). A generation fails when its worker reports `error` or
 * `messageerror`, when a call rejects (the adapter answers refusals with `{ ok: false }`, so a rejection means
 * the engine is in an unknown state), when a call shows no sign of life for `stallMs` (a worker that died without
 * a word), or when it is killed. A sign of life is the answer, or a call of a callback the call was given (the
 * progress of a long load: 22 MB of LSOAs fetched, parsed and built into a topology can take longer than the
 * limit on a slow machine, and must not be taken for a dead worker). Then every pending call is refused with `EngineDown`, `onDown` tells the planner,
 * and a new worker is started: initialised with the arguments of the last `init`, then `restore` reopens the
 * saved work in it before any queued call reaches it. `init` itself is never refused: a start that fails is
 * retried on the next worker. After `maxRestarts` failed starts in a row the supervisor stops and waits for
 * `retry()`.
 */
import { proxy, type Remote } from 'comlink';
import type { EngineApi } from './api.ts';

export type Engine = Remote<EngineApi>;

/** One live worker, as the supervisor needs it. */
export interface EngineHandle {
  engine: Engine;
  /** Registers the callback for the worker's own failure reports (error, messageerror). */
  onFailure(report: (reason: string) => void): void;
  terminate(): void;
}

/** A call refused because the engine failed (the planner has been told by `onDown`). */
export class EngineDown extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'EngineDown';
  }
}

export interface SupervisorOptions {
  /** Starts a worker; `generation` counts from 0 (test faults apply to chosen generations). */
  spawn(generation: number): EngineHandle;
  /** The engine failed; `restarting`: a new worker is on its way, else the supervisor gave up until `retry()`. */
  onDown(reason: string, restarting: boolean): void;
  /** Reopens the saved work in a new, initialised worker (nothing else reaches it until this settles). */
  restore(engine: Engine): Promise<void>;
  /** A new worker is initialised and restored. */
  onRestored(): void;
  maxRestarts?: number;
  /**
   * A call with no sign of life (its answer or a progress callback) this long fails the worker (`init`, which
   * loads the bundle, gets at least a minute).
   */
  stallMs?: number;
}

export interface Supervisor {
  engine: Engine;
  /** Ends the current worker as a failure (a test hook, and what a stalled call does). */
  kill(reason: string): void;
  /** Starts a new worker after the supervisor gave up. */
  retry(): void;
}

interface Generation {
  n: number;
  handle: EngineHandle;
  dead: boolean;
  /** Rejects when the generation fails; every call races it. */
  down: Promise<never>;
  fail(reason: string): void;
  inited?: Promise<unknown>;
}

/**
 * The arguments of a call with each callback (a comlink proxy: a progress report) wrapped so that the worker
 * calling it counts as a sign of life, then passed on as before.
 */
function livenessArgs(args: readonly unknown[], alive: () => void): unknown[] {
  return args.map((a) => (typeof a === 'function' ? proxy((...x: unknown[]) => {
    alive();
    return (a as (...x: unknown[]) => unknown)(...x);
  }) : a));
}

const text = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function createSupervisor(opts: SupervisorOptions): Supervisor {
  const maxRestarts = opts.maxRestarts ?? 2;
  const stallMs = opts.stallMs ?? 30_000;
  let lastInit: unknown[] | null = null;
  let count = 0;
  let failedStarts = 0;
  let current: Generation;
  // The generation calls go to: pending while a new worker starts, rejected when the supervisor gave up.
  let ready: Promise<Generation>;
  let settleReady: ((g: Generation) => void) | null = null;
  let refuseReady: ((e: Error) => void) | null = null;
  // Resolves when `retry()` is called after the supervisor gave up (a pending `init` waits for it).
  let retried: Promise<void> = new Promise(() => undefined);
  let signalRetry = () => undefined as void;

  const waitForNext = () => {
    ready = new Promise<Generation>((res, rej) => {
      settleReady = res;
      refuseReady = rej;
    });
    ready.catch(() => undefined);
  };

  function spawn(): Generation {
    let reject!: (e: Error) => void;
    const down = new Promise<never>((_, rej) => (reject = rej));
    down.catch(() => undefined);
    const g: Generation = {
      n: count++,
      handle: opts.spawn(count - 1),
      dead: false,
      down,
      fail: (reason) => {
        if (g.dead) return;
        g.dead = true;
        reject(new EngineDown(reason));
        g.handle.terminate();
        failed(g, reason);
      },
    };
    g.handle.onFailure((reason) => g.fail(reason));
    current = g;
    return g;
  }

  /**
   * A call on generation `g`, failing `g` when it rejects or stalls. `call` gets `alive`, which restarts the
   * stall clock (see `livenessArgs`).
   */
  async function on<T>(g: Generation, call: (alive: () => void) => Promise<T>, limitMs = stallMs): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stall!: (e: Error) => void;
    const stalled = new Promise<never>((_, rej) => (stall = rej));
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => stall(new Error(`the engine did not answer for ${Math.round(limitMs / 1000)} s`)), limitMs);
    };
    arm();
    try {
      return await Promise.race([call(arm), g.down, stalled]);
    } catch (e) {
      if (e instanceof EngineDown) throw e;
      g.fail(`the engine failed: ${text(e)}`);
      throw new EngineDown(`the engine failed: ${text(e)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  const initOn = (g: Generation) => (g.inited ??= on(g, (alive) => (g.handle.engine.init as (...a: unknown[]) => Promise<unknown>)(...livenessArgs(lastInit!, alive)), Math.max(stallMs, 60_000)));

  async function start(): Promise<void> {
    const g = spawn();
    try {
      if (lastInit) await initOn(g);
      await on(g, () => opts.restore(g.handle.engine));
    } catch {
      return; // `failed` has already decided what comes next
    }
    failedStarts = 0;
    const settle = settleReady;
    settleReady = refuseReady = null;
    settle?.(g);
    opts.onRestored();
  }

  function failed(g: Generation, reason: string): void {
    if (g !== current) return;
    failedStarts++;
    const restarting = failedStarts <= maxRestarts;
    if (settleReady === null) waitForNext(); // else a restart was already under way: its callers keep waiting
    opts.onDown(reason, restarting);
    if (restarting) void start();
    else {
      refuseReady?.(new EngineDown(`${reason}; the engine could not be restarted`));
      settleReady = null;
      refuseReady = null;
      retried = new Promise((res) => (signalRetry = res));
    }
  }

  // The first worker serves calls at once (nothing to restore yet).
  const first = spawn();
  ready = Promise.resolve(first);

  async function call(method: string, args: unknown[]): Promise<unknown> {
    if (method === 'init') {
      lastInit = args;
      for (;;) {
        try {
          return await initOn(await ready);
        } catch (e) {
          if (!(e instanceof EngineDown)) throw e;
          // The next worker is initialised by `start`: wait for it, or for `retry()` when the supervisor gave up.
          if (settleReady === null) await retried;
        }
      }
    }
    const g = await ready;
    return on(g, (alive) => (g.handle.engine[method as keyof Engine] as unknown as (...a: unknown[]) => Promise<unknown>)(...livenessArgs(args, alive)));
  }

  const engine = new Proxy({} as Engine, {
    // Symbols and `then` are not engine methods (an Engine must not look like a promise).
    get: (_t, prop) => (typeof prop !== 'string' || prop === 'then' ? undefined : (...args: unknown[]) => call(prop, args)),
  });

  return {
    engine,
    kill: (reason) => current.fail(reason),
    retry() {
      if (settleReady || !current.dead) return;
      failedStarts = 0;
      waitForNext();
      signalRetry();
      void start();
    },
  };
}
