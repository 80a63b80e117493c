/**
 * Browser-test harness: one vite dev server and one headless Chromium per test file (which Chromium: chromium.ts).
 * Chromium renders WebGL with SwiftShader (no GPU on CI). The app is fully offline, so any request leaving 127.0.0.1 fails a test.
 */
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import { createServer, type ViteDevServer } from 'vite';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { State } from '../../workers/api.ts';
import { DEBIAN_CHROMIUM, findChromium } from './chromium.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ARTIFACTS = `${ROOT}artifacts`;
/** Debian's Chromium; launchChromium prefers CHROMIUM_PATH and falls back to the one shipped in @sparticuz/chromium. */
export const CHROMIUM = DEBIAN_CHROMIUM;

/**
 * `gpuProcess`: leave out --disable-gpu, so WebGL and compositing run in Chromium's GPU process on SwiftShader
 * instead of software compositing on the page's main thread (the bench uses it; tests keep the safer default).
 */
export const chromiumArgs = (gpuProcess = !!process.env.E2E_GPU) => [
  '--no-sandbox',
  ...(gpuProcess ? [] : ['--disable-gpu']),
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

export interface App {
  url: string;
  server: ViteDevServer;
  browser: Browser;
  /** A fresh context (its own IndexedDB) with the app open and ready. */
  open(opts?: { context?: BrowserContext; hash?: string; viewport?: { width: number; height: number } }): Promise<{ context: BrowserContext; page: Page; external: string[] }>;
  close(): Promise<void>;
}

export async function startServer(name: string): Promise<{ server: ViteDevServer; url: string }> {
  const server = await createServer({
    configFile: `${ROOT}vite.config.ts`,
    cacheDir: `${ROOT}node_modules/.vite-e2e-${name}`,
    logLevel: 'error',
    clearScreen: false,
    server: { host: '127.0.0.1', port: 0, strictPort: false, watch: null, hmr: false },
  });
  await server.listen();
  const addr = server.httpServer!.address();
  if (!addr || typeof addr === 'string') throw new Error('vite did not report a port');
  return { server, url: `http://127.0.0.1:${addr.port}/` };
}

/** `extraArgs` are appended to chromiumArgs(gpuProcess) (the bench passes its own). */
export async function launchChromium(gpuProcess?: boolean, extraArgs: readonly string[] = []): Promise<Browser> {
  const bin = await findChromium();
  try {
    return await chromium.launch({ executablePath: bin.path, env: bin.env, args: [...chromiumArgs(gpuProcess), ...extraArgs], headless: true });
  } catch (e) {
    throw new Error(`Chromium from ${bin.source} (${bin.path}) did not start: ${(e as Error).message.split('\n')[0]}`, { cause: e });
  }
}

export async function startApp(name: string, opts: { gpuProcess?: boolean } = {}): Promise<App> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const { server, url } = await startServer(name);
  const browser = await launchChromium(opts.gpuProcess);
  const app: App = {
    url,
    server,
    browser,
    async open(opts = {}) {
      const context = opts.context ?? (await browser.newContext({ viewport: opts.viewport ?? { width: 1440, height: 900 }, acceptDownloads: true }));
      const page = await context.newPage();
      const external: string[] = [];
      page.on('request', (r) => {
        const u = new URL(r.url());
        if (!['127.0.0.1', 'localhost'].includes(u.hostname) && !['blob:', 'data:'].includes(u.protocol)) external.push(r.url());
      });
      page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
      await page.goto(url + (opts.hash ?? ''));
      await waitReady(page);
      return { context, page, external };
    },
    async close() {
      await browser.close().catch(() => undefined);
      await server.close();
    },
  };
  return app;
}

/** Waits until the app has opened a scenario and painted it. */
export async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.ready === 'true' && ((window as unknown as { __footprints?: { painted: { seq: number } } }).__footprints?.painted.seq ?? 0) > 0, undefined, { timeout: 90_000 });
}

type Hook = { state: State | null; painted: { seq: number; at: number }; lastSaved: { scenario: unknown } | null; idle(): Promise<void>; flush(): Promise<void>; project(i: number): { x: number; y: number }; firstPaintMs: number; activeSystem: string | null; selection: number[] };

/** Reads from the app's read-only test hook. */
export function hook<T>(page: Page, f: (h: Hook) => T): Promise<T> {
  return page.evaluate(`(${f.toString()})(window.__footprints)`) as Promise<T>;
}

/** Waits for the worker to answer everything queued and the map to paint the result; throws if it never does. */
export async function settle(page: Page, timeoutMs = 30_000): Promise<void> {
  const seq = await page.evaluate(async () => {
    const h = (window as unknown as { __footprints: Hook }).__footprints;
    await h.idle();
    return h.state?.seq ?? 0;
  });
  try {
    await page.waitForFunction((s) => (window as unknown as { __footprints: Hook }).__footprints.painted.seq >= s, seq, { timeout: timeoutMs });
  } catch (e) {
    const painted = await hook(page, (h) => h.painted.seq).catch(() => NaN);
    throw new Error(`settle: state ${seq} was not painted within ${timeoutMs} ms (last painted: ${painted})`, { cause: e });
  }
}

/**
 * Centres the editor's map on unit i's label anchor at `zoom` and resolves once MapLibre has drawn it with every
 * source loaded (its `idle` event), so a click lands on what is shown; throws if that does not happen.
 */
export async function jumpToUnit(page: Page, i: number, zoom: number, timeoutMs = 30_000): Promise<void> {
  await page.evaluate(([k, z, ms]) => new Promise<void>((resolve, reject) => {
    type MapLike = { once(ev: 'idle', f: () => void): void; jumpTo(o: { center: [number, number]; zoom: number }): void; triggerRepaint(): void };
    const h = (window as unknown as { __footprints: { map: MapLike; init: { anchors: [number, number][] } } }).__footprints;
    const timer = setTimeout(() => reject(new Error(`jumpToUnit: the map was not idle within ${ms} ms of jumping to unit ${k}`)), ms);
    h.map.once('idle', () => {
      clearTimeout(timer);
      resolve();
    });
    h.map.jumpTo({ center: h.init.anchors[k], zoom: z });
    h.map.triggerRepaint(); // a frame even when the view did not change, so `idle` follows
  }), [i, zoom, timeoutMs] as const);
}

/** The value shown in a summary stat (`#stat-<id>`). */
export function statValue(page: Page, id: string): Promise<string | null> {
  return page.textContent(`#stat-${id} .stat-value`);
}

/** Population of a system as the table shows it (the data attribute of its population cell). */
export async function tablePopulation(page: Page, systemId: string): Promise<number> {
  return Number(await page.getAttribute(`#systems-table tr[data-system="${systemId}"] td.pop-cell`, 'data-population'));
}

/** Drops a file on the window, as a drag and drop from the desktop does. */
export async function dropFile(page: Page, name: string, text: string, type: string): Promise<void> {
  await page.evaluate(
    ([name, text, type]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    [name, text, type] as const,
  );
}

/** Types CCG codes in the search and picks each (the first replaces the selection, the others add). No assertion, so usable in hooks. */
export async function searchCodes(page: Page, codes: readonly string[]): Promise<void> {
  for (const [k, c] of codes.entries()) {
    await page.fill('#ccg-search', c);
    await page.waitForSelector('#ccg-search-results li');
    await page.press('#ccg-search', k === 0 ? 'Enter' : 'Shift+Enter');
  }
}

/**
 * searchCodes, then waits for the selection to be exactly these units (expect.poll: only inside a test, not in
 * beforeAll). Not just as many: an earlier test's selection of the same size would pass that before the pick.
 */
export async function selectByCodes(page: Page, codes: readonly string[]): Promise<void> {
  await searchCodes(page, codes);
  const selectedCodes = () => hook(page, (h) => h.selection.map((i) => (h as unknown as { init: { codes: string[] } }).init.codes[i]).sort());
  await expect.poll(selectedCodes).toEqual([...codes].sort());
}
