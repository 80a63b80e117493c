import type { Result, State } from '../../workers/api.ts';

/** The state of an engine answer that must be a success; a refusal fails the test with the engine's reason. */
export function ok(r: Result): State {
  if (!r.ok) throw new Error(`expected ok, got error: ${r.error}`);
  return r.state;
}
