// The UI's own state, one signal each: what the engine said last, what is selected, the tool in hand.
import type { State } from '../../workers/api.ts';
import { signal, type Signal } from './signal.ts';

export type Tool = 'select' | 'box' | 'paint' | 'council';

export interface Session {
  /** The latest state from the engine (null until the first scenario is open). */
  engine: Signal<State | null>;
  /** Selected unit indices, in selection order. */
  selection: Signal<readonly number[]>;
  /** The system that assignment and painting put CCGs into. */
  activeSystem: Signal<string | null>;
  /** The organisation open in the organisations panel. */
  activeOrganisation: Signal<string | null>;
  tool: Signal<Tool>;
}

export function createSession(): Session {
  return {
    engine: signal<State | null>(null),
    selection: signal<readonly number[]>([]),
    activeSystem: signal<string | null>(null),
    activeOrganisation: signal<string | null>(null),
    tool: signal<Tool>('select'),
  };
}

/**
 * A signal that follows `source` a little later: its subscribers hear of a new value once `when` runs the callback
 * it is given (one call for any number of values set meanwhile; they get the latest), while `get` and `set` are the
 * source's own. The panels follow the engine's state this way, after the map's frame (main.ts).
 */
export function following<T>(source: Signal<T>, when: (run: () => void) => void): Signal<T> {
  const subs = new Set<(v: T, p: T) => void>();
  let shown = source.get();
  let pending = false;
  source.subscribe(() => {
    if (pending) return;
    pending = true;
    when(() => {
      pending = false;
      const next = source.get();
      if (Object.is(next, shown)) return;
      const prev = shown;
      shown = next;
      for (const fn of [...subs]) fn(next, prev);
    });
  });
  return {
    get: () => source.get(),
    set: (v) => source.set(v),
    subscribe(fn) {
      subs.add(fn);
      return () => subs.delete(fn);
    },
  };
}

/**
 * Sets the selection from an engine answer, unless the planner changed the selection while it was asked (Escape,
 * a click, a search): a late answer never overrides a newer choice. `choose` gets the answer and the selection the
 * question was asked from. Resolves the answer, or undefined when it was dropped.
 */
export async function selectFromAnswer<T>(selection: Signal<readonly number[]>, ask: Promise<T>, choose: (answer: T, before: readonly number[]) => readonly number[]): Promise<T | undefined> {
  const before = selection.get();
  const answer = await ask;
  if (selection.get() !== before) return undefined;
  selection.set(choose(answer, before));
  return answer;
}
