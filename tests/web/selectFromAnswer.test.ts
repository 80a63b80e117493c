import { describe, expect, it } from 'vitest';
import { signal } from '../../web/state/signal.ts';
import { selectFromAnswer } from '../../web/state/session.ts';

/** A promise the test resolves when it chooses, so "while the engine answers" is a step of the test. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('selectFromAnswer', () => {
  it('selects what the answer gives, from the selection it was asked from', async () => {
    const selection = signal<readonly number[]>([1]);
    const ask = deferred<number[]>();
    const done = selectFromAnswer(selection, ask.promise, (found, before) => [...before, ...found]);
    ask.resolve([2, 3]);
    expect(await done).toEqual([2, 3]);
    expect(selection.get()).toEqual([1, 2, 3]);
  });

  it('drops a late answer when the selection changed meanwhile (Escape cleared it)', async () => {
    const selection = signal<readonly number[]>([1]);
    const ask = deferred<number[]>();
    const done = selectFromAnswer(selection, ask.promise, (found) => found);
    selection.set([]);
    ask.resolve([2, 3]);
    expect(await done).toBeUndefined();
    expect(selection.get()).toEqual([]);
  });
});
