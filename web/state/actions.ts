/**
 * Every change to the scenario goes through here: a command to the engine, one at a time and in order, and the
 * state it answers with published to the session. A refused command changes nothing and says why. A call the
 * engine could not answer (its worker failed: the supervisor has said so and is restarting it) changes nothing
 * either, and never stops the queue.
 */
import type { Command } from '../../engine/commands.ts';
import type { Engine } from '../../workers/client.ts';
import { EngineDown } from '../../workers/supervisor.ts';
import type { Result, ScenarioSource, State } from '../../workers/api.ts';
import type { Signal } from './signal.ts';

export interface Notify {
  /** A passing message; with `action`, a button in it (e.g. Undo) that takes the keyboard focus. */
  info(message: string, action?: NoticeAction): void;
  error(message: string): void;
  /** Dismisses the error messages: called when the next action succeeds, so an error never outlives its fix. */
  clearErrors(): void;
}

export interface NoticeAction {
  label: string;
  run(): void;
}

export interface Actions {
  run(cmd: Command): Promise<boolean>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  /**
   * `refusal` opens the notice of a refused scenario (default: "Could not open the scenario"). `keepErrors`: the
   * load is the fallback of a failure just reported (a damaged link opens the saved work instead), so its success
   * must not dismiss that report.
   */
  load(source: ScenarioSource, opts?: { reset?: boolean; refusal?: string; keepErrors?: boolean }): Promise<boolean>;
  importFile(text: string, filename: string, opts?: { reset?: boolean }): Promise<boolean>;
  /** Resolves when every queued call has been answered. */
  idle(): Promise<void>;
  /** The reason the last refused call gave (null after a call that succeeded). */
  lastError(): string | null;
}

export function createActions(engine: Engine, state: Signal<State | null>, notify: Notify): Actions {
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(f: () => Promise<T>): Promise<T> => {
    const p = queue.then(f, f);
    queue = p.catch(() => undefined);
    return p;
  };
  let lastError: string | null = null;
  const publish = (r: Result, what: string, keepErrors = false): boolean => {
    if (r.ok) {
      lastError = null;
      if (!keepErrors) notify.clearErrors();
      state.set(r.state);
      return true;
    }
    lastError = r.error;
    notify.error(`${what}: ${r.error}`);
    return false;
  };
  const guarded = (what: string, f: () => Promise<boolean>) => enqueue(async () => {
    try {
      return await f();
    } catch (e) {
      lastError = e instanceof Error ? e.message : String(e);
      if (!(e instanceof EngineDown)) notify.error(`${what}: ${lastError}`);
      return false;
    }
  });
  const setState = async (st: Promise<State>) => {
    state.set(await st);
    notify.clearErrors();
    return true;
  };
  return {
    run: (cmd) => guarded('Not done', async () => publish(await engine.apply(cmd), 'Not done')),
    undo: () => guarded('Could not undo', () => setState(engine.undo())).then(() => undefined),
    redo: () => guarded('Could not redo', () => setState(engine.redo())).then(() => undefined),
    load: (source, opts = {}) => {
      const what = opts.refusal ?? 'Could not open the scenario';
      return guarded(what, async () => publish(await engine.load(source, { reset: opts.reset }), what, opts.keepErrors));
    },
    importFile: (text, filename, opts) => guarded('Import refused, nothing changed', async () => publish(await engine.importFile(text, filename, opts), 'Import refused, nothing changed')),
    idle: () => enqueue(async () => undefined),
    lastError: () => lastError,
  };
}
