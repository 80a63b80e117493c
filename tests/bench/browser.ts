/**
 * Browser bench: click-to-repainted-map in headless Chromium on the real bundle.
 *
 * Each edit is a click with the paint tool on a border CCG, alternately into a neighbouring system and back.
 * Latency = from the mousedown (event time) to the first animation frame after the map rendered the new state
 * (the app's `painted` mark: MapLibre `render` → requestAnimationFrame). Also: first map paint after navigation
 * and main-thread long tasks (> 50 ms) during the edits. Prints a summary; writes artifacts/browser-bench.json.
 *
 *   npx tsx tests/bench/browser.ts [edits=50]            (E2E_GPU=0: software compositing, as the tests run)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { ARTIFACTS, hook, settle, startApp } from '../e2e/helpers.ts';
import { borderCcg } from '../e2e/realBundle.ts';

const EDITS = Number(process.argv[2] ?? 50);
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};

const gpuProcess = process.env.E2E_GPU !== '0';
const app = await startApp('bench', { gpuProcess });
try {
  const { page } = await app.open({ viewport: { width: 1440, height: 900 } });
  const firstPaintMs = await hook(page, (h) => h.firstPaintMs);
  const { i, from, to } = borderCcg();
  await page.evaluate((k) => {
    const w = window as unknown as { __footprints: { map: { jumpTo(o: unknown): void }; init: { anchors: [number, number][] } }; __bench: { downs: number[]; longTasks: number[] } };
    w.__footprints.map.jumpTo({ center: w.__footprints.init.anchors[k], zoom: 7.5 });
    w.__bench = { downs: [], ups: [], longTasks: [] } as never;
    document.getElementById('map')!.addEventListener('mousedown', (e) => w.__bench.downs.push(e.timeStamp), true);
    document.addEventListener('mouseup', (e) => (w.__bench as unknown as { ups: number[] }).ups.push(e.timeStamp), true);
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__bench.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: false });
  }, i);
  await page.waitForTimeout(500);
  await page.keyboard.press('p');
  const box = (await page.locator('#map canvas').boundingBox())!;
  const at = await page.evaluate((k) => (window as unknown as { __footprints: { project(i: number): { x: number; y: number } } }).__footprints.project(k), i);
  const latencies: number[] = [];
  const toStates: number[] = [];
  const upToStates: number[] = [];
  for (let k = 0; k < EDITS; k++) {
    await page.selectOption('#assign-to', k % 2 === 0 ? to : from);
    const seq = await hook(page, (h) => h.state!.seq);
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await page.waitForFunction((s) => (window as unknown as { __footprints: { painted: { seq: number } } }).__footprints.painted.seq > s, seq, { timeout: 10_000 });
    const [ms, toState, upToState] = await page.evaluate(() => {
      const w = window as unknown as { __footprints: { painted: { at: number; appliedAt: number } }; __bench: { downs: number[]; ups: number[] } };
      const down = w.__bench.downs[w.__bench.downs.length - 1];
      const up = w.__bench.ups[w.__bench.ups.length - 1];
      return [w.__footprints.painted.at - down, w.__footprints.painted.appliedAt - down, w.__footprints.painted.appliedAt - up];
    });
    latencies.push(ms);
    toStates.push(toState);
    upToStates.push(upToState);
  }
  await settle(page);
  const result_idleFrame = await page.evaluate(async () => {
    const m = (window as unknown as { __footprints: { map: { once(e: string, f: () => void): void; triggerRepaint(): void } } }).__footprints.map;
    const xs: number[] = [];
    for (let k = 0; k < 10; k++) {
      const t = performance.now();
      await new Promise<void>((res) => {
        m.once('render', () => requestAnimationFrame(() => res()));
        m.triggerRepaint();
      });
      xs.push(performance.now() - t);
    }
    xs.sort((a, b) => a - b);
    return xs[5];
  });
  const longTasks = await page.evaluate(() => (window as unknown as { __bench: { longTasks: number[] } }).__bench.longTasks);
  const result = {
    when: new Date().toISOString(),
    chromium: app.browser.version(),
    edits: EDITS,
    clickToRepaintMs: {
      p50: +quantile(latencies, 0.5).toFixed(1),
      p95: +quantile(latencies, 0.95).toFixed(1),
      max: +Math.max(...latencies).toFixed(1),
      mean: +(latencies.reduce((a, b) => a + b, 0) / latencies.length).toFixed(1),
    },
    clickToStateMs: { p50: +quantile(toStates, 0.5).toFixed(1), p95: +quantile(toStates, 0.95).toFixed(1) },
    mouseupToStateMs: { p50: +quantile(upToStates, 0.5).toFixed(1), p95: +quantile(upToStates, 0.95).toFixed(1) },
    stateToPaintedMs: { p50: +quantile(latencies.map((x, k) => x - toStates[k]), 0.5).toFixed(1), p95: +quantile(latencies.map((x, k) => x - toStates[k]), 0.95).toFixed(1) },
    idleFrameMs: +result_idleFrame.toFixed(1),
    firstMapPaintMs: +firstPaintMs.toFixed(0),
    longTasksOver50ms: longTasks.filter((d) => d > 50).length,
    longestTaskMs: longTasks.length ? +Math.max(...longTasks).toFixed(1) : 0,
    budgets: { clickToRepaintP95Ms: 50, firstMapPaintMs: 1500 },
    chromiumMode: gpuProcess ? 'GPU process on SwiftShader (no --disable-gpu)' : '--disable-gpu (software compositing on the main thread)',
    note: 'headless Chromium, SwiftShader WebGL (software rendering on 2 CPU cores), vite dev server',
  };
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(`${ARTIFACTS}/browser-bench.json`, JSON.stringify(result, null, 2) + '\n');
  console.log(`click → repainted map over ${EDITS} edits: p50 ${result.clickToRepaintMs.p50} ms, p95 ${result.clickToRepaintMs.p95} ms (budget 50), max ${result.clickToRepaintMs.max} ms`);
  console.log(`  of which mouseup → state applied: p50 ${result.mouseupToStateMs.p50} ms; state → painted frame: p50 ${result.stateToPaintedMs.p50} ms`);
  console.log(`  an unchanged map frame (triggerRepaint → next rAF after render) takes ${result.idleFrameMs} ms here`);
  console.log(`click → state from the worker: p50 ${result.clickToStateMs.p50} ms, p95 ${result.clickToStateMs.p95} ms`);
  console.log(`first map paint: ${result.firstMapPaintMs} ms after navigation (budget 1500)`);
  console.log(`main-thread long tasks > 50 ms during edits: ${result.longTasksOver50ms} (longest ${result.longestTaskMs} ms)`);
} finally {
  await app.close();
}
