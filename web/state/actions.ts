/**
 * Every change to the scenario goes through here: a command to the engine, one at a time and in order, and the
 * state it answers with published to the session. A refused command changes nothing and says why.
 */
import type { Command } from '../../engine/commands.ts';
import type { Engine } from '../../workers/client.ts';
import type { Result, State } from '../../workers/api.ts';
import type { Signal } from './signal.ts';

export interface Notify {
  /** A passing message; with `action`, a button in it (e.g. Undo) that takes the keyboard focus. */
  info(message: string, action?: NoticeAction): void;
  error(message: string): void;
}

export interface NoticeAction {
  label: string;
  run(): void;
}

export interface Actions {
  run(cmd: Command): Promise<boolean>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  load(source: { baseline: string } | { scenario: unknown }, opts?: { reset?: boolean }): Promise<boolean>;
  importFile(text: string, filename: string): Promise<boolean>;
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
  const publish = (r: Result, what: string): boolean => {
    if (r.ok) {
      lastError = null;
      state.set(r.state);
      return true;
    }
    lastError = r.error;
    notify.error(`${what}: ${r.error}`);
    return false;
  };
  return {
    run: (cmd) => enqueue(async () => publish(await engine.apply(cmd), 'Not done')),
    undo: () => enqueue(async () => state.set(await engine.undo())),
    redo: () => enqueue(async () => state.set(await engine.redo())),
    load: (source, opts) => enqueue(async () => publish(await engine.load(source, opts), 'Could not open the scenario')),
    importFile: (text, filename) => enqueue(async () => publish(await engine.importFile(text, filename), 'Import refused, nothing changed')),
    idle: () => enqueue(async () => undefined),
    lastError: () => lastError,
  };
}
