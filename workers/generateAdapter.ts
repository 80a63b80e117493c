/**
 * The generate worker's adapter: one chain (engine/generate/run.ts) run in chunks of ~10 ms, yielding to the
 * event loop between chunks so pause, resume and cancel messages act at once. The chunk size adapts to the
 * measured speed. Timing lives here, not in the engine.
 */
import type { Bundle } from '../engine/bundle.ts';
import type { ScenarioV1 } from '../engine/scenario.ts';
import { Geography } from '../engine/geography.ts';
import { createGeneration, generationResults, progressOf, runChain, type GenerateOptions, type Generation } from '../engine/generate/run.ts';
import { scenarioFromPlan } from '../engine/generate/toScenario.ts';
import type { GenerateApi, GenerateOutcome, GenerateProgress } from './api.ts';

// Short enough that a cancel waits at most this long for the chunk in hand, long enough that yielding costs nothing.
const CHUNK_MS = 10;

/**
 * Resolves after pending messages are handled. In a browser, a message to ourselves (timers are clamped to
 * 4 ms); under Node, setImmediate (Node drains a port's messages in one go, so a self-message would starve
 * every other message).
 */
function yieldToEvents(channel: MessageChannel): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

export function createGenerateAdapter(): GenerateApi {
  let geo: Geography | null = null;
  let cancelled = false;
  let paused = false;
  let wake: (() => void) | null = null;
  let running = false;

  const wakeUp = () => {
    wake?.();
    wake = null;
  };

  return {
    async init(bundle: Bundle) {
      geo = Geography.fromBundle(bundle);
    },

    async start(scenario: ScenarioV1, options: GenerateOptions, onProgress?: (p: GenerateProgress) => void, progressMs = 100) {
      if (!geo) throw new Error('generate: init(bundle) first');
      if (running) throw new Error('generate: this worker already runs a chain; one chain per worker');
      const run: Generation = createGeneration(geo, scenario, options);
      running = true;
      cancelled = false;
      paused = false;
      const channel = new MessageChannel();
      let chunk = 256;
      let busyMs = 0;
      let lastReport = -Infinity;
      const progress = (): GenerateProgress => {
        const p = progressOf(run);
        const speed = busyMs > 0 ? (p.steps / busyMs) * 1000 : 0;
        return { ...p, elapsedMs: busyMs, stepsPerSecond: speed, remainingMs: speed > 0 ? ((p.total - p.steps) / speed) * 1000 : null, paused };
      };
      try {
        while (!cancelled && run.steps < run.options.steps) {
          if (paused) {
            onProgress?.(progress());
            await new Promise<void>((r) => (wake = r));
            continue;
          }
          const t0 = performance.now();
          runChain(run, chunk);
          const dt = performance.now() - t0;
          busyMs += dt;
          chunk = Math.max(16, Math.min(1 << 20, Math.round(chunk * (CHUNK_MS / Math.max(dt, 0.5)))));
          if (onProgress && performance.now() - lastReport >= progressMs) {
            lastReport = performance.now();
            onProgress(progress());
          }
          await yieldToEvents(channel);
        }
      } finally {
        channel.port1.close();
        channel.port2.close();
        running = false;
      }
      const final = progress();
      onProgress?.(final);
      const e = run.plain?.ensemble ?? null;
      const outcome: GenerateOutcome = {
        status: cancelled ? 'cancelled' : 'done',
        progress: final,
        options: generationResults(run).map((p, r) => ({
          score: p.score,
          metrics: Array.from(p.metrics),
          unitSystem: p.unitSystem,
          scenario: scenarioFromPlan(run.problem, p.unitSystem, { name: `${scenario.name} (generated, option ${r + 1})` }),
        })),
        ensemble: e ? { every: e.every, columns: e.columns.map((c) => c.slice(0, e.count)) } : null,
      };
      return outcome;
    },

    async pause() {
      paused = true;
    },
    async resume() {
      paused = false;
      wakeUp();
    },
    async cancel() {
      cancelled = true;
      wakeUp();
    },
  };
}
