// A value with subscribers: the only reactive primitive. Each piece of UI state is its own signal.
export interface Signal<T> {
  get(): T;
  set(value: T): void;
  subscribe(fn: (value: T, previous: T) => void): () => void;
}

export function signal<T>(initial: T): Signal<T> {
  let value = initial;
  const subs = new Set<(v: T, p: T) => void>();
  return {
    get: () => value,
    set(next) {
      if (Object.is(next, value)) return;
      const prev = value;
      value = next;
      for (const fn of [...subs]) fn(value, prev);
    },
    subscribe(fn) {
      subs.add(fn);
      return () => subs.delete(fn);
    },
  };
}
