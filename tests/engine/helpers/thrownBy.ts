import { expect } from 'vitest';

/** The error `f` throws, which must be a `kind` (else the test fails, saying what was thrown, or that nothing was). */
export function thrownBy<E extends Error>(kind: abstract new (...args: never[]) => E, f: () => unknown): E {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(kind);
    return e as E;
  }
  throw new Error(`expected ${kind.name} to be thrown`);
}
