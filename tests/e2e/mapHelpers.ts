// Small helpers for the map's own state in browser tests: wait for MapLibre to be idle, read placed labels.
import type { Page } from 'playwright-core';

/** Waits for the map's next `idle` (every source tiled, every label placed), after asking for a frame. */
export async function mapIdle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve, reject) => {
    const m = (window as unknown as { __footprints: { map: { once(e: string, f: () => void): void; triggerRepaint(): void } } }).__footprints.map;
    const t = setTimeout(() => reject(new Error('map never became idle')), 30_000);
    m.once('idle', () => {
      clearTimeout(t);
      resolve();
    });
    m.triggerRepaint();
  }));
}

/**
 * Waits until the labels are placed for the view shown (web/map/labels.ts writes the view it placed them for) and
 * drawn; throws if they never are.
 */
export async function labelsPlaced(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const m = (window as unknown as { __footprints: { map: { getZoom(): number; getCenter(): { lng: number; lat: number }; getContainer(): HTMLElement } } }).__footprints.map;
    const c = m.getContainer();
    const at = m.getCenter();
    return Number(c.dataset.labelsCount) > 0 && c.dataset.labelsView === `${m.getZoom().toFixed(4)} ${at.lng.toFixed(5)} ${at.lat.toFixed(5)} ${c.clientWidth}x${c.clientHeight}`;
  }, undefined, { timeout: 60_000 });
  await mapIdle(page);
}

/** Ids of the systems whose label MapLibre drew on screen, once placed for the view shown. */
export async function placedSystemLabels(page: Page): Promise<string[]> {
  await labelsPlaced(page);
  return page.evaluate(() => {
    const m = (window as unknown as { __footprints: { map: { getLayer(id: string): unknown; queryRenderedFeatures(o: { layers: string[] }): { properties: { id: string } }[] } } }).__footprints.map;
    const layers = ['system-labels'].filter((id) => m.getLayer(id));
    return [...new Set(m.queryRenderedFeatures({ layers }).map((f) => f.properties.id))].sort();
  });
}
