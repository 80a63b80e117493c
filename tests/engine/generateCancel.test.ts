// The chunked runner behind the generate worker, through comlink over a real message channel as in the
// browser: progress arrives while the chain runs, pause holds it, and cancel stops it within 100 ms with the
// best plan so far.
import { afterAll, describe, expect, it } from 'vitest';
import { expose, proxy, wrap } from 'comlink';
import { realBundle } from './helpers/real.ts';
import { scenarioFromBaseline } from '../../engine/scenario.ts';
import { validateScenario } from '../../engine/io/validate.ts';
import { Geography } from '../../engine/geography.ts';
import { createGenerateAdapter } from '../../workers/generateAdapter.ts';
import type { GenerateApi, GenerateProgress } from '../../workers/api.ts';

/** Resolves when `test` holds for a progress report from index `from` on; throws if none does within `ms`. */
function waitFor(reports: GenerateProgress[], test: (p: GenerateProgress) => boolean, from = 0, ms = 10_000): Promise<GenerateProgress> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      const hit = reports.slice(from).find(test);
      if (hit) return resolve(hit);
      if (performance.now() - t0 > ms) return reject(new Error(`no progress report matched within ${ms} ms`));
      setTimeout(poll, 5);
    };
    poll();
  });
}

describe('generate worker adapter', () => {
  const channel = new MessageChannel();
  expose(createGenerateAdapter(), channel.port1 as never);
  const api = wrap<GenerateApi>(channel.port2 as never);
  afterAll(() => {
    channel.port1.close();
    channel.port2.close();
  });

  it('reports progress, pauses, and stops within 100 ms of cancel with the best plan so far', async () => {
    const bundle = realBundle();
    await api.init(bundle);
    const start = scenarioFromBaseline(bundle, 'stp-2019');
    const reports: GenerateProgress[] = [];
    const arrived: number[] = [];
    const done = api.start(start, { seed: 3, steps: 50_000_000, objectives: { coterminosity: 1 }, top: 3 }, proxy((p: GenerateProgress) => {
      reports.push(p);
      arrived.push(performance.now());
    }), 20);
    const running = await waitFor(reports, (p) => p.steps > 2000 && p.stepsPerSecond > 0);
    expect(running.bestScore).toBeGreaterThan(0);

    await api.pause();
    const paused = await waitFor(reports, (p) => p.paused);
    const heldAt = reports.length;
    // Nothing runs while paused; after resume the steps go on.
    expect(reports.slice(heldAt - 1).every((p) => p.steps === paused.steps)).toBe(true);
    await api.resume();
    await waitFor(reports, (p) => !p.paused && p.steps > paused.steps, heldAt);

    const t0 = performance.now();
    await api.cancel();
    const outcome = await done;
    // The chain has stopped when its last progress report arrives (sent as the loop ends, before the options
    // are turned into scenarios).
    const stoppedMs = arrived[arrived.length - 1] - t0;
    expect(stoppedMs).toBeLessThan(100);
    expect(reports[reports.length - 1].steps).toBe(outcome.progress.steps);
    expect(outcome.status).toBe('cancelled');
    expect(outcome.progress.done).toBe(false);
    expect(outcome.options.length).toBe(3);
    const geo = Geography.fromBundle(bundle);
    expect(validateScenario(JSON.parse(JSON.stringify(outcome.options[0].scenario)), geo).systems).toHaveLength(42);
  });
});
