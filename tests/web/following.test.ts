// `following` (web/state/session.ts): the panels' view of the engine's state, a step behind the map. Subscribers hear
// of a change only when the scheduler runs, once for any number of values set meanwhile, with the latest value and
// the value they last heard; get and set are the source's.
import { describe, expect, it } from 'vitest';
import { signal } from '../../web/state/signal.ts';
import { following } from '../../web/state/session.ts';

describe('following', () => {
  it('tells its subscribers later, once, with the latest value', () => {
    const source = signal(0);
    const queued: (() => void)[] = [];
    const view = following(source, (run) => queued.push(run));
    const heard: [number, number][] = [];
    view.subscribe((v, p) => heard.push([v, p]));
    source.set(1);
    source.set(2);
    expect(heard).toEqual([]); // not yet: the map's frame comes first
    expect(view.get()).toBe(2); // reading gives the latest at once
    expect(queued).toHaveLength(1); // one run for both values
    queued.shift()!();
    expect(heard).toEqual([[2, 0]]);
    source.set(3);
    queued.shift()!();
    expect(heard).toEqual([[2, 0], [3, 2]]);
  });

  it('says nothing when the value is back where it was, and sets the source', () => {
    const source = signal('a');
    const queued: (() => void)[] = [];
    const view = following(source, (run) => queued.push(run));
    const heard: string[] = [];
    view.subscribe((v) => heard.push(v));
    source.set('b');
    source.set('a');
    queued.shift()!();
    expect(heard).toEqual([]);
    view.set('c');
    expect(source.get()).toBe('c');
    queued.shift()!();
    expect(heard).toEqual(['c']);
  });
});
