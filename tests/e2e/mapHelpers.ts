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

/** Ids of the systems whose label MapLibre placed on screen (any of the system label layers). */
export async function placedSystemLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const m = (window as unknown as { __footprints: { map: { getLayer(id: string): unknown; queryRenderedFeatures(o: { layers: string[] }): { properties: { id: string } }[] } } }).__footprints.map;
    const layers = ['system-labels', 'system-labels-in-place', 'callout-labels'].filter((id) => m.getLayer(id));
    return [...new Set(m.queryRenderedFeatures({ layers }).map((f) => f.properties.id))].sort();
  });
}
