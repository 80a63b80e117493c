/**
 * The three ways a call can go wrong, which decide the exit code (README, "The command line"):
 * - `UsageError`: the command line itself is wrong (unknown command or flag, wrong number of arguments): exit 2,
 *   before any file is read.
 * - `InputError`: one input or output cannot be used (a missing or malformed file, a full disk): exit 1. In a batch
 *   it is reported by name and the other inputs still run. Engine errors on bad files (ImportError,
 *   ScenarioValidationError, ScenarioError) count as input errors too.
 * - anything else is a bug in footprints or a bundle that cannot be built: exit 3.
 */

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Where an input problem is, as far as it is known. */
export interface Where {
  file?: string;
  line?: number;
  column?: number;
  /** A JSON path such as `systems[3].units[7]`, or a CSV column. */
  field?: string;
}

export class InputError extends Error {
  override name = 'InputError';

  constructor(
    message: string,
    /** A short stable code for scripts: `ENOENT`, `ENOSPC`, `unknown-baseline`, … */
    readonly code: string,
    readonly where: Where = {},
  ) {
    super(message);
  }
}

/** The bundle could not be made current (raw files missing, a failed build): nothing can run. */
export class SetupError extends Error {
  override name = 'SetupError';
}

export const EXIT = { ok: 0, badInput: 1, usage: 2, failed: 3 } as const;
