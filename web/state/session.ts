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
