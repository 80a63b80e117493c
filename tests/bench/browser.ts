/**
 * Browser bench (`npm run bench:browser`): click-to-repainted-map in headless Chromium on the real bundle, against
 * a production build (vite build + vite preview) and the vite dev server.
 *
 * Each edit is a click with the paint tool on a border CCG, alternately into a neighbouring system and back, after
 * a pause (--pause, 400 ms) as a planner makes between choosing the target system and clicking. Per edit:
 *   click → on screen: mousedown → the end of the buffer swap of the first display frame holding the new fills,
 *     read from Chromium's Graphics.Pipeline trace (trace.ts) — the headline, against the budget;
 *   click → drawn: → MapLibre has issued that frame's draw calls, so all JavaScript on the way is done (hit test,
 *     worker, engine, patch, painter, panels, MapLibre) and what remains is rasterising and compositing;
 *   (a) click → state: → the worker's state patch received and rebuilt on the main thread;
 *   (b) state → painted: → the page's next animation frame after the draw calls (what the page can observe); the
 *     frame can come before the state, from the fills and border bits the worker sends ahead of it
 *     (EngineApi.mapStates), so (b) can be near zero;
 *   click → settled: until the map is idle again (labels re-tiled by MapLibre's worker and placed);
 *   click → preview frame, if any: a drag (or a button held > 50 ms) previews CCGs before the worker answers.
 * Plus: draw calls → on screen for isolated repaints of the unchanged map and of its background alone (the
 * software-GL floor of this machine), first map on screen over --loads page loads, main-thread long tasks
 * (> 50 ms) within the edits, MapLibre's own render JS per frame, and — from a Chromium trace of a few more edits —
 * busy time per thread (page main thread, workers, GPU process).
 *
 * At LSOA level (in the first mode): the picker's switch to lsoa-2011, the first map after its reload, --lsoa-edits
 * paint-tool edits of a border LSOA timed as above (click → drawn is the app's share, against the same budget), and
 * the engine worker's heap (CDP in the worker's own target).
 *
 *   npx tsx tests/bench/browser.ts [--edits=40] [--loads=5] [--lsoa-edits=10] [--mode=both|prod|dev] [--pause=400] [--no-trace] [--no-build] [--profile]
 *   (E2E_GPU=0: --disable-gpu, software compositing on the page's main thread, as the e2e tests run)
 *   --profile: the main thread's and the engine worker's CPU profiles and a trace over more LSOA edits (whose times
 *   then count in the figures too: time with --profile is for finding where it goes, not for the budget)
 *
 * Writes artifacts/browser-bench.json and prints a summary. Budgets are reported, not asserted.
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';
import { build, preview } from 'vite';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, ROOT, jumpToUnit, launchChromium, startServer, waitReady } from '../e2e/helpers.ts';
import { borderCcg } from '../e2e/realBundle.ts';
import { mainThreadBreakdown, presentationTimes, threadBusy } from './trace.ts';
import { profiled, selfTimes, type SelfTime } from './cpuProfile.ts';

const arg = (name: string, dflt: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
const flag = (name: string) => process.argv.includes(`--${name}`);
const EDITS = Number(arg('edits', '40'));
const TRACE_EDITS = flag('no-trace') ? 0 : Number(arg('trace-edits', '8'));
const MODES = (arg('mode', 'both') === 'both' ? ['prod', 'dev'] : [arg('mode', 'both')]) as ('prod' | 'dev')[];
const gpuProcess = process.env.E2E_GPU !== '0';
const PAUSE_MS = Number(arg('pause', '400'));
const LOADS = Math.max(1, Number(arg('loads', '5')));
/** Edits at LSOA level (in the first mode only; 0 skips the LSOA run, which loads 22 MB and takes minutes here). */
const LSOA_EDITS = Number(arg('lsoa-edits', '10'));
/** Profile the main thread (CDP Profiler) over the LSOA reload and edits, and print the top self times. */
const PROFILE = flag('profile');
const printSelf = (title: string, self: SelfTime[]) => console.log(`\n${title}\n${self.map((s) => `  ${String(s.ms).padStart(9)} ms  ${s.fn}`).join('\n')}`);
/** Extra Chromium switches to try (space-separated), e.g. BENCH_CHROMIUM_ARGS=--disable-gpu-rasterization. */
const extraArgs = (process.env.BENCH_CHROMIUM_ARGS ?? '').split(/\s+/).filter(Boolean);

const quantile = (xs: number[], q: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const r1 = (x: number) => Math.round(x * 10) / 10;
const stats = (xs: number[]) => ({ p50: r1(quantile(xs, 0.5)), p95: r1(quantile(xs, 0.95)), max: r1(Math.max(...xs)), mean: r1(xs.reduce((a, b) => a + b, 0) / xs.length) });

interface EditSample {
  clickToPreview: number;
  clickToState: number;
  upToState: number;
  stateToPanels: number;
  stateToPainted: number;
  clickToPainted: number;
  clickToDrawn: number;
  clickToSettled: number;
  engineMs: number;
  encodeMs: number;
  downAt: number;
  drawnAt: number;
  paintedAt: number;
}

async function serve(mode: 'prod' | 'dev'): Promise<{ url: string; close(): Promise<void> }> {
  if (mode === 'dev') {
    const { server, url } = await startServer('bench');
    return { url, close: () => server.close() };
  }
  if (!flag('no-build') || !existsSync(`${ROOT}dist/index.html`)) {
    await build({ configFile: `${ROOT}vite.config.ts`, logLevel: 'warn' });
  }
  const server = await preview({ configFile: `${ROOT}vite.config.ts`, logLevel: 'error', preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  const addr = server.httpServer.address();
  if (!addr || typeof addr === 'string') throw new Error('vite preview did not report a port');
  return { url: `http://127.0.0.1:${addr.port}/`, close: () => server.close() };
}

/** One paint-tool click on the border CCG, and its marks. */
async function edit(page: Page, k: number, at: { x: number; y: number }, from: string, to: string): Promise<EditSample> {
  await page.selectOption('#assign-to', k % 2 === 0 ? to : from);
  // A planner's pause between choosing the target and clicking: the click lands on a page whose last frame is
  // drawn. With --pause=0 it lands while the select's own frame is still being rasterised, and Chromium holds the
  // worker's answer until that frame is done (DeferRendererTasksAfterInput): ~60 ms more under SwiftShader.
  if (PAUSE_MS > 0) await page.waitForTimeout(PAUSE_MS);
  const seq = (await page.evaluate('window.__footprints.state.seq')) as number;
  await page.mouse.click(at.x, at.y);
  return page.evaluate(`(async () => {
    const seq = ${seq};
    const find = (name) => performance.getEntriesByName(name).find((e) => e.detail && e.detail.seq > seq);
    const done = () => find('footprints:settled') && find('footprints:painted') && find('footprints:panels');
    if (!done()) {
      // Woken by the app's own marks, not by polling (which would add main-thread tasks to what is measured).
      await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no paint within 20 s after the edit')), 20000);
        const obs = new PerformanceObserver(() => {
          if (!done()) return;
          obs.disconnect();
          clearTimeout(timer);
          resolve();
        });
        obs.observe({ type: 'mark' });
      });
    }
    const b = window.__bench;
    const down = b.downs[b.downs.length - 1], up = b.ups[b.ups.length - 1];
    const st = find('footprints:state'), panels = find('footprints:panels'), painted = find('footprints:painted'), settled = find('footprints:settled'), drawn = find('footprints:drawn');
    const preview = performance.getEntriesByName('footprints:preview').find((e) => e.startTime > down);
    return {
      clickToPreview: preview ? preview.startTime - down : NaN,
      clickToState: st.startTime - down,
      upToState: st.startTime - up,
      stateToPanels: panels.startTime - st.startTime,
      stateToPainted: painted.startTime - st.startTime,
      clickToPainted: painted.startTime - down,
      clickToDrawn: drawn.startTime - down,
      clickToSettled: settled.startTime - down,
      engineMs: st.detail.engineMs,
      encodeMs: st.detail.encodeMs,
      downAt: down,
      drawnAt: drawn.startTime,
      paintedAt: painted.startTime,
    };
  })()`) as Promise<EditSample>;
}

interface FirstLoad {
  /** The first state's frame presented, ms after navigation start (from the trace). */
  onScreen: number;
  /** The page's next animation frame after that frame's draw calls. */
  nextAnimationFrame: number;
  steps: Record<string, number>;
}

/** Opens the app in a fresh context with the frame pipeline traced; records when its first map was on screen. */
async function openTraced(browser: Browser, url: string, into: FirstLoad[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await browser.startTracing(page, { categories: ['__metadata', 'blink.user_timing', 'graphics.pipeline'] });
  await page.goto(url);
  await waitReady(page);
  const nextAnimationFrame = (await page.evaluate('window.__footprints.firstPaintMs')) as number;
  const drawnAt = (await page.evaluate(`performance.getEntriesByName('footprints:drawn')[0].startTime`)) as number;
  await page.waitForTimeout(1500); // the frame's swap ends well after the page's next animation frame
  const [onScreen] = presentationTimes(await browser.stopTracing(), [drawnAt]);
  const steps = (await page.evaluate(`(() => {
    const at = (n) => Math.round(performance.getEntriesByName(n)[0]?.startTime ?? NaN);
    const nav = performance.getEntriesByType('navigation')[0];
    return { domContentLoaded: Math.round(nav.domContentLoadedEventEnd), engineInit: at('footprints:init'), mapLoaded: at('footprints:map-loaded'), firstState: at('footprints:applied') };
  })()`)) as Record<string, number>;
  into.push({ onScreen, nextAnimationFrame, steps });
  return { context, page };
}

/** Centres the map on unit `i` at `zoom` and records clicks, long tasks and MapLibre's render JS in `window.__bench`. */
async function instrument(page: Page, i: number, zoom: number): Promise<void> {
  await page.evaluate(`(() => {
    const w = window;
    w.__footprints.map.jumpTo({ center: w.__footprints.init.anchors[${i}], zoom: ${zoom} });
    w.__bench = { downs: [], ups: [], longTasks: [], frames: [] };
    document.getElementById('map').addEventListener('mousedown', (e) => w.__bench.downs.push(e.timeStamp), true);
    document.addEventListener('mouseup', (e) => w.__bench.ups.push(e.timeStamp), true);
    new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__bench.recording && w.__bench.longTasks.push({ start: e.startTime, duration: e.duration }))).observe({ type: 'longtask' });
    // MapLibre's render JS per frame (wrapping the private _render, for this measurement only).
    const m = w.__footprints.map, render = m._render.bind(m);
    m._render = (t) => { const s = performance.now(); const r = render(t); if (w.__bench.recording) w.__bench.frames.push(performance.now() - s); return r; };
  })()`);
}

/**
 * A CDP session in the engine worker's own target, reached through the page's session (auto-attach to its dedicated
 * workers, messages relayed by Target.sendMessageToTarget): performance.memory and the page's profiler do not reach
 * into workers. Null if the worker is not found.
 */
async function engineWorkerCdp(page: Page): Promise<{ send<T>(method: string, params?: object): Promise<T>; close(): Promise<void> } | null> {
  const cdp = await page.context().newCDPSession(page);
  const sessions: { sessionId: string; url: string }[] = [];
  cdp.on('Target.attachedToTarget', (e: { sessionId: string; targetInfo: { type: string; url: string } }) => {
    if (e.targetInfo.type === 'worker') sessions.push({ sessionId: e.sessionId, url: e.targetInfo.url });
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const engine = sessions.find((w) => /engine\.worker/.test(w.url));
  if (!engine) {
    await cdp.detach().catch(() => undefined);
    return null;
  }
  let next = 0;
  const waiting = new Map<number, (m: { result?: unknown; error?: { message: string } }) => void>();
  cdp.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
    if (e.sessionId !== engine.sessionId) return;
    const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
    if (m.id !== undefined) waiting.get(m.id)?.(m);
  });
  return {
    async send<T>(method: string, params: object = {}): Promise<T> {
      const id = ++next;
      const reply = new Promise<{ result?: unknown; error?: { message: string } }>((resolve) => waiting.set(id, resolve));
      await cdp.send('Target.sendMessageToTarget', { sessionId: engine.sessionId, message: JSON.stringify({ id, method, params }) });
      const m = await reply;
      waiting.delete(id);
      if (m.error) throw new Error(`${method}: ${m.error.message}`);
      return m.result as T;
    },
    close: () => cdp.detach().catch(() => undefined),
  };
}

/** Heap used by the engine worker (MB), by CDP Runtime.getHeapUsage in its own target; null if not reached. */
async function workerHeapMb(page: Page): Promise<number | null> {
  const w = await engineWorkerCdp(page);
  if (!w) return null;
  try {
    return r1((await w.send<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize / 1e6);
  } finally {
    await w.close();
  }
}

/**
 * At LSOA level (32,844 units): the app switched to lsoa-2011 with the unit-set picker (a conversion saved as a new
 * record, then a reload that loads the 22 MB file with progress), the first map after that reload, then paint-tool
 * edits of one border LSOA, timed as the CCG-level edits, and the engine worker's heap.
 */
async function lsoaRun(browser: Browser, url: string, edits: number) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  try {
    await page.goto(url);
    await waitReady(page);
    let switchToReloadMs = 0;
    const open = async () => {
      const reloaded = page.waitForEvent('load', { timeout: 600_000 });
      const t0 = Date.now();
      await page.click('#unitset-picker button[data-unitset="lsoa-2011"]');
      await reloaded;
      switchToReloadMs = Date.now() - t0;
      await page.waitForFunction(() => document.body.dataset.ready === 'true', undefined, { timeout: 600_000 });
      await waitReady(page);
    };
    if (PROFILE) printSelf('LSOA switch and first map: main-thread self time', (await profiled(page, open)).self);
    else await open();
    const first = (await page.evaluate(`(() => {
      const at = (n) => Math.round(performance.getEntriesByName(n)[0]?.startTime ?? NaN);
      return { firstMapNextAnimationFrame: Math.round(window.__footprints.firstPaintMs), engineInit: at('footprints:init'), mapLoaded: at('footprints:map-loaded'), units: window.__footprints.init.codes.length };
    })()`)) as { firstMapNextAnimationFrame: number; engineInit: number; mapLoaded: number; units: number };
    // A border LSOA: the first with a neighbour in another system.
    const border = (await page.evaluate(`(() => {
      const h = window.__footprints, st = h.state;
      for (let u = 0; u < h.init.codes.length; u++) {
        const s = st.unitSystem[u];
        for (const nb of h.init.neighbours[u]) if (st.unitSystem[nb] !== s) return { i: u, code: h.init.codes[u], population: h.init.population[u], from: st.systems[s].id, to: st.systems[st.unitSystem[nb]].id };
      }
      return null;
    })()`)) as { i: number; code: string; population: number; from: string; to: string };
    await instrument(page, border.i, 12);
    await jumpToUnit(page, border.i, 12, 120_000); // idle: the LSOAs there are tiled and drawn
    await page.keyboard.press('p');
    const box = (await page.locator('#map canvas').boundingBox())!;
    const p = (await page.evaluate(`window.__footprints.project(${border.i})`)) as { x: number; y: number };
    const at = { x: box.x + p.x, y: box.y + p.y };
    for (let k = 0; k < 2; k++) await edit(page, k, at, border.from, border.to); // warm up
    await page.evaluate('window.__bench.recording = true');
    const samples: EditSample[] = [];
    // k counts on across passes, so each edit moves the LSOA to the other system.
    const editAll = async () => {
      for (let k = 0; k < edits; k++) samples.push(await edit(page, samples.length, at, border.from, border.to));
    };
    if (PROFILE) {
      printSelf(`LSOA edits (${edits}): main-thread self time`, (await profiled(page, editAll)).self);
      const inEdits = async () => {
        const from = samples.length;
        await editAll();
        return samples.slice(from);
      };
      const spans = (s: EditSample[]) => s.map((e) => [e.downAt, e.drawnAt] as const);
      printSelf(`LSOA edits (${edits} more): main-thread self time from click to draw calls issued`, (await profiled(page, inEdits, 30, spans)).self);
      await browser.startTracing(page, { categories: ['__metadata', 'blink.user_timing', 'toplevel', 'disabled-by-default-devtools.timeline', 'v8', 'blink'] });
      const traced = await inEdits();
      const trace = await browser.stopTracing();
      const worker = await engineWorkerCdp(page);
      if (worker) {
        await worker.send('Profiler.enable');
        await worker.send('Profiler.setSamplingInterval', { interval: 200 });
        await worker.send('Profiler.start');
        await inEdits();
        const { profile } = await worker.send<{ profile: Parameters<typeof selfTimes>[0] }>('Profiler.stop');
        await worker.close();
        printSelf(`LSOA edits (${edits} more): the engine worker's self time`, selfTimes(profile, 30));
      }
      writeFileSync(`${ARTIFACTS}/browser-bench-lsoa-trace.json`, trace); // for DevTools' Performance panel
      const breakdown = mainThreadBreakdown(trace, spans(traced), 30);
      console.log(`\nLSOA edits (${edits} more, traced): main-thread self time by trace event from click to draw calls issued\n${breakdown.map((b) => `  ${String(b.ms).padStart(9)} ms  ${b.name}`).join('\n')}`);
    }
    else await editAll();
    const { longTasks, frames } = (await page.evaluate('(() => { window.__bench.recording = false; return window.__bench; })()')) as { longTasks: { start: number; duration: number }[]; frames: number[] };
    const inEdit = longTasks.filter((t) => samples.some((e) => t.start < e.paintedAt && t.start + t.duration > e.downAt));
    const pick = (f: (s: EditSample) => number) => stats(samples.map(f));
    return {
      units: first.units,
      lsoa: border.code,
      lsoaPopulation: border.population,
      pickerClickToReloadMs: switchToReloadMs,
      firstMapNextAnimationFrameMs: first.firstMapNextAnimationFrame,
      firstPaintStepsMs: { engineInit: first.engineInit, mapLoaded: first.mapLoaded },
      edits,
      clickToDrawnMs: pick((s) => s.clickToDrawn),
      clickToPaintedMs: pick((s) => s.clickToPainted),
      a_clickToStateMs: pick((s) => s.clickToState),
      workerEngineMs: pick((s) => s.engineMs),
      workerPatchEncodeMs: pick((s) => s.encodeMs),
      b_stateToPaintedMs: pick((s) => s.stateToPainted),
      stateToPanelsDoneMs: pick((s) => s.stateToPanels),
      clickToSettledMs: pick((s) => s.clickToSettled),
      longTasksOver50msInEdits: inEdit.length,
      longestInEditMs: inEdit.length ? r1(Math.max(...inEdit.map((t) => t.duration))) : 0,
      // MapLibre's render JS per frame during the edits (its share of click → drawn; then SwiftShader draws it).
      renderJsMsPerFrame: stats(frames),
      framesPerEdit: r1(frames.length / edits),
      workerHeapUsedMb: await workerHeapMb(page),
      pageHeapUsedMb: r1(((await page.evaluate('performance.memory ? performance.memory.usedJSHeapSize : NaN')) as number) / 1e6),
    };
  } finally {
    await context.close();
  }
}

async function run(browser: Browser, mode: 'prod' | 'dev') {
  const server = await serve(mode);
  try {
    // First map on screen, over LOADS page loads in fresh browser contexts (the last one stays open for the edits).
    const loads: FirstLoad[] = [];
    let opened: { context: BrowserContext; page: Page } | undefined;
    for (let k = 0; k < LOADS; k++) {
      await opened?.context.close();
      opened = await openTraced(browser, server.url, loads);
    }
    const { context, page } = opened!;
    const firstLoad = (f: (l: FirstLoad) => number) => Math.round(quantile(loads.map(f), 0.5));
    const { i, from, to } = borderCcg();
    await instrument(page, i, 7.5);
    await page.waitForTimeout(1000);
    await page.keyboard.press('p');
    const box = (await page.locator('#map canvas').boundingBox())!;
    const p = (await page.evaluate(`window.__footprints.project(${i})`)) as { x: number; y: number };
    const at = { x: box.x + p.x, y: box.y + p.y };
    for (let k = 0; k < 4; k++) await edit(page, k, at, from, to); // warm up (JIT, glyphs, tiles)
    await page.evaluate('window.__bench.recording = true');
    const samples: EditSample[] = [];
    // Traced for the compositor's frame pipeline only (light): when each edit's frame was actually presented.
    await browser.startTracing(page, { categories: ['__metadata', 'blink.user_timing', 'graphics.pipeline'] });
    for (let k = 0; k < EDITS; k++) samples.push(await edit(page, k, at, from, to));
    const pipelineTrace = await browser.stopTracing();
    const presented = presentationTimes(pipelineTrace, samples.map((e) => e.drawnAt));
    const { longTasks, frames } = (await page.evaluate('(() => { window.__bench.recording = false; return window.__bench; })()')) as { longTasks: { start: number; duration: number }[]; frames: number[] };
    // The Long Tasks API reports main-thread tasks over 50 ms; those that overlap a click → painted span block an edit.
    const inEdit = longTasks.filter((t) => samples.some((e) => t.start < e.paintedAt && t.start + t.duration > e.downAt));
    // Isolated repaints of what is already there, each given time to reach the screen: draw calls issued → frame
    // presented (from the trace), with the app's layers as they are, then with every layer hidden but the
    // background (what any WebGL map of this size pays here, whatever it draws).
    const isolatedFrames = async (): Promise<number> => {
      await browser.startTracing(page, { categories: ['__metadata', 'blink.user_timing', 'graphics.pipeline'] });
      const drawn: number[] = [];
      for (let k = 0; k < 9; k++) {
        drawn.push((await page.evaluate(`new Promise((res) => {
          const m = window.__footprints.map;
          m.once('render', () => res(performance.mark('bench:drawn').startTime));
          m.triggerRepaint();
        })`)) as number);
        await page.waitForTimeout(400);
      }
      const at = presentationTimes(await browser.stopTracing(), drawn, 'bench:drawn');
      return quantile(at.map((p, k) => p - drawn[k]).filter(Number.isFinite), 0.5);
    };
    const fullFrameMs = await isolatedFrames();
    const shown = (await page.evaluate(`(() => {
      const m = window.__footprints.map, shown = m.getStyle().layers.filter((l) => l.id !== 'background' && m.getLayoutProperty(l.id, 'visibility') !== 'none').map((l) => l.id);
      for (const id of shown) m.setLayoutProperty(id, 'visibility', 'none');
      return shown;
    })()`)) as string[];
    const backgroundFrameMs = await isolatedFrames();
    await page.evaluate(`(() => { const m = window.__footprints.map; for (const id of ${JSON.stringify(shown)}) m.setLayoutProperty(id, 'visibility', 'visible'); })()`);
    await page.waitForTimeout(500);
    let busy: Record<string, number> | undefined;
    if (TRACE_EDITS > 0) {
      await browser.startTracing(page, { categories: ['toplevel', 'disabled-by-default-devtools.timeline', '__metadata'] });
      for (let k = 0; k < TRACE_EDITS; k++) await edit(page, k, at, from, to);
      busy = threadBusy(await browser.stopTracing(), TRACE_EDITS); // per bench iteration: includes choosing the target system
    }
    await context.close();
    const pick = (f: (s: EditSample) => number) => stats(samples.map(f));
    const clickToPresented = samples.map((e, k) => presented[k] - e.downAt);
    const found = clickToPresented.filter(Number.isFinite);
    return {
      mode,
      firstMapOnScreenMs: firstLoad((l) => l.onScreen),
      firstMapOnScreenEachLoadMs: loads.map((l) => Math.round(l.onScreen)),
      firstMapNextAnimationFrameMs: firstLoad((l) => l.nextAnimationFrame),
      firstPaintStepsMs: { domContentLoaded: firstLoad((l) => l.steps.domContentLoaded), engineInit: firstLoad((l) => l.steps.engineInit), mapLoaded: firstLoad((l) => l.steps.mapLoaded), firstState: firstLoad((l) => l.steps.firstState) },
      clickToPresentedMs: stats(found),
      presentedFoundInTrace: `${found.length}/${samples.length}`,
      clickToPaintedMs: pick((s) => s.clickToPainted),
      clickToDrawnMs: pick((s) => s.clickToDrawn),
      clickToPreviewFrameMs: pick((s) => s.clickToPreview),
      a_clickToStateMs: pick((s) => s.clickToState),
      mouseupToStateMs: pick((s) => s.upToState),
      workerEngineMs: pick((s) => s.engineMs),
      workerPatchEncodeMs: pick((s) => s.encodeMs),
      b_stateToPaintedMs: pick((s) => s.stateToPainted),
      stateToPanelsDoneMs: pick((s) => s.stateToPanels),
      clickToSettledMs: pick((s) => s.clickToSettled),
      mapLibreRenderJsPerFrameMs: stats(frames),
      mapLibreFramesPerEdit: r1(frames.length / EDITS),
      unchangedFrameDrawnToPresentedMs: r1(fullFrameMs),
      backgroundOnlyFrameDrawnToPresentedMs: r1(backgroundFrameMs),
      editDrawnToPresentedMs: stats(samples.map((e, k) => presented[k] - e.drawnAt).filter(Number.isFinite)),
      longTasksOver50msInEdits: inEdit.length,
      longestInEditMs: inEdit.length ? r1(Math.max(...inEdit.map((t) => t.duration))) : 0,
      longTasksOver50msBetweenEdits: longTasks.length - inEdit.length,
      longestTaskMs: longTasks.length ? r1(Math.max(...longTasks.map((t) => t.duration))) : 0,
      threadBusyMsPerEdit: busy,
      lsoa: LSOA_EDITS > 0 && mode === MODES[0] ? await lsoaRun(browser, server.url, LSOA_EDITS) : undefined,
    };
  } finally {
    await server.close();
  }
}

const load0 = loadavg()[0];
const browser = await launchChromium(gpuProcess, extraArgs);
const results = [];
try {
  for (const mode of MODES) results.push(await run(browser, mode));
} finally {
  await browser.close().catch(() => undefined);
}
const result = {
  when: new Date().toISOString(),
  chromium: browser.version(),
  cpus: cpus().length,
  loadAverage1mBefore: r1(load0),
  loadAverage1mAfter: r1(loadavg()[0]),
  edits: EDITS,
  pauseBeforeClickMs: PAUSE_MS,
  viewport: '1440x900',
  chromiumMode: (gpuProcess ? 'GPU process on SwiftShader (no --disable-gpu)' : '--disable-gpu (software compositing on the main thread)') + (extraArgs.length ? ` + ${extraArgs.join(' ')}` : ''),
  budgets: { clickToRepaintP95Ms: 50, aimMs: 16, firstMapPaintMs: 1500, mainThreadBlockMs: 50 },
  note: 'headless Chromium, WebGL on SwiftShader (software rasterisation on the CPU cores it shares with the page, its workers and anything else running); backgroundOnlyFrameDrawnToPresentedMs is the floor this machine puts under any repaint of a WebGL map this size',
  results,
};
mkdirSync(ARTIFACTS, { recursive: true });
writeFileSync(`${ARTIFACTS}/browser-bench.json`, JSON.stringify(result, null, 2) + '\n');
console.log(`headless Chromium ${result.chromium}, ${result.cpus} cores, load ${result.loadAverage1mBefore} → ${result.loadAverage1mAfter}, ${EDITS} edits (${PAUSE_MS} ms pause before each click), ${result.chromiumMode}`);
for (const r of results) {
  console.log(`\n[${r.mode}] click → repainted map on screen (frame presented, from the trace; ${r.presentedFoundInTrace} edits found): p50 ${r.clickToPresentedMs.p50} ms, p95 ${r.clickToPresentedMs.p95} ms (budget 50, aim 16)`);
  console.log(`  click → the new frame's draw calls issued (all of the app's and MapLibre's JavaScript done; then the GPU process rasterises and composites): p50 ${r.clickToDrawnMs.p50}, p95 ${r.clickToDrawnMs.p95} ms`);
  console.log(`  click → the next animation frame after them (what the page itself can observe): p50 ${r.clickToPaintedMs.p50}, p95 ${r.clickToPaintedMs.p95} ms`);
  if (Number.isFinite(r.clickToPreviewFrameMs.p50)) console.log(`  a paint preview frame (before the worker answered) came first: p50 ${r.clickToPreviewFrameMs.p50}, p95 ${r.clickToPreviewFrameMs.p95} ms`);
  console.log(`  (a) click → state on the main thread: p50 ${r.a_clickToStateMs.p50}, p95 ${r.a_clickToStateMs.p95} ms (mouseup → state p50 ${r.mouseupToStateMs.p50}; in the worker: engine p50 ${r.workerEngineMs.p50} ms, patch ${r.workerPatchEncodeMs.p50} ms)`);
  console.log(`  (b) state → painted frame: p50 ${r.b_stateToPaintedMs.p50}, p95 ${r.b_stateToPaintedMs.p95} ms (the panels updated p50 ${r.stateToPanelsDoneMs.p50} ms after the state, a frame behind the map; MapLibre render JS p50 ${r.mapLibreRenderJsPerFrameMs.p50} ms/frame, ${r.mapLibreFramesPerEdit} frames/edit)`);
  console.log(`  draw calls issued → on screen: an edit's frame p50 ${r.editDrawnToPresentedMs.p50} ms; a repaint of the unchanged map ${r.unchangedFrameDrawnToPresentedMs} ms; of the background layer alone ${r.backgroundOnlyFrameDrawnToPresentedMs} ms (the software-GL floor of a 1440×900 page with a WebGL map); click → labels settled (JS) p50 ${r.clickToSettledMs.p50}, p95 ${r.clickToSettledMs.p95} ms`);
  console.log(`  first map on screen ${r.firstMapOnScreenMs} ms after navigation, median of ${r.firstMapOnScreenEachLoadMs.length} loads (${r.firstMapOnScreenEachLoadMs.join(', ')}; budget 1500; the page's next animation frame after its draw calls at ${r.firstMapNextAnimationFrameMs} ms; medians: ${Object.entries(r.firstPaintStepsMs).map(([k, v]) => `${k} ${v}`).join(', ')}); main-thread tasks > 50 ms within click → painted: ${r.longTasksOver50msInEdits}${r.longTasksOver50msInEdits ? ` (longest ${r.longestInEditMs} ms)` : ''}, elsewhere in the loop (choosing the target): ${r.longTasksOver50msBetweenEdits}${r.longTasksOver50msBetweenEdits ? ` (longest ${r.longestTaskMs} ms)` : ''}`);
  if (r.lsoa) {
    const l = r.lsoa;
    console.log(`  LSOA level (${l.units} units, ${l.edits} paint edits of ${l.lsoa}, ${l.lsoaPopulation} people): click → draw calls issued (app's share) p50 ${l.clickToDrawnMs.p50}, p95 ${l.clickToDrawnMs.p95} ms (budget 50); click → next animation frame p50 ${l.clickToPaintedMs.p50}, p95 ${l.clickToPaintedMs.p95} ms; (a) click → state p50 ${l.a_clickToStateMs.p50} ms (engine ${l.workerEngineMs.p50} ms, patch ${l.workerPatchEncodeMs.p50} ms); (b) state → painted p50 ${l.b_stateToPaintedMs.p50} ms (panels updated p50 ${l.stateToPanelsDoneMs.p50} ms after the state, a frame behind the map); settled p50 ${l.clickToSettledMs.p50} ms; long tasks in edits ${l.longTasksOver50msInEdits}${l.longTasksOver50msInEdits ? ` (longest ${l.longestInEditMs} ms)` : ''}; MapLibre render JS p50 ${l.renderJsMsPerFrame.p50}, p95 ${l.renderJsMsPerFrame.p95} ms/frame, ${l.framesPerEdit} frames/edit`);
    console.log(`  LSOA first map: ${l.firstMapNextAnimationFrameMs} ms after the reload's navigation (engine init ${l.firstPaintStepsMs.engineInit} ms, map loaded ${l.firstPaintStepsMs.mapLoaded} ms); picker click → reload ${l.pickerClickToReloadMs} ms; heap used: engine worker ${l.workerHeapUsedMb ?? 'not exposed'} MB, page ${l.pageHeapUsedMb} MB`);
  }
  if (r.threadBusyMsPerEdit) console.log(`  busy ms per edit (traced; includes choosing the target in the select) by thread: ${Object.entries(r.threadBusyMsPerEdit).map(([k, v]) => `${k} ${v}`).join(', ')}`);
}
console.log(`\nwrote ${ARTIFACTS}/browser-bench.json`);
