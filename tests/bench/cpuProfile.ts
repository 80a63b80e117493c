/**
 * Chromium's CPU profiler over a span of page activity (CDP `Profiler`), summed into self time per function, so the
 * bench can say where the main thread's time goes (`--profile`), not only how much of it there is.
 */
import type { Page } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** A span of the page's `performance.now()` time. */
export type Span = readonly [number, number];

export interface SelfTime {
  fn: string;
  ms: number;
}

/**
 * Self time per function (`name file:line:col`), biggest first, from a CDP profile; with `within`, only the samples
 * taken in those spans of page time (`pageNowAtStart`: the page's `performance.now()` when the profile started).
 */
export function selfTimes(profile: Profile, top = 25, within?: { spans: readonly Span[]; pageNowAtStart: number }): SelfTime[] {
  const byNode = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let t = profile.startTime;
  const inSpans = (us: number) => {
    if (!within) return true;
    const at = within.pageNowAtStart + (us - profile.startTime) / 1000;
    return within.spans.some(([a, b]) => at >= a && at <= b);
  };
  // Each sample's time is the delta to the next sample (the last one gets none).
  for (let k = 0; k + 1 < samples.length; k++) {
    t += deltas[k];
    if (inSpans(t)) byNode.set(samples[k], (byNode.get(samples[k]) ?? 0) + deltas[k + 1] / 1000);
  }
  const byFn = new Map<string, number>();
  for (const n of profile.nodes) {
    const ms = byNode.get(n.id);
    if (!ms) continue;
    const { functionName, url, lineNumber, columnNumber } = n.callFrame;
    const file = url.split('/').pop() ?? '';
    const key = `${functionName || '(anonymous)'} ${file}${file ? `:${lineNumber + 1}:${columnNumber + 1}` : ''}`;
    byFn.set(key, (byFn.get(key) ?? 0) + ms);
  }
  return [...byFn].map(([fn, ms]) => ({ fn, ms: Math.round(ms * 10) / 10 })).sort((a, b) => b.ms - a.ms).slice(0, top);
}

/** Runs `body` with the page's main thread profiled; returns its result and the top self times. */
export async function profiled<T>(page: Page, body: () => Promise<T>, top = 25, spans?: (result: T) => readonly Span[]): Promise<{ result: T; self: SelfTime[] }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  // Within a millisecond or so of the profile's start: enough to place samples in spans of tens of ms.
  const pageNowAtStart = (await page.evaluate('performance.now()')) as number;
  try {
    const result = await body();
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    return { result, self: selfTimes(profile, top, spans ? { spans: spans(result), pageNowAtStart } : undefined) };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
