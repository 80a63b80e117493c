/**
 * Sources are tiled up to zoom 6 only and overzoomed beyond: at editing zooms one to four tiles cover the map, so
 * every layer is one to four draw calls instead of up to a dozen, and zooming never re-tiles. A zoom-6 tile keeps
 * an 8192 grid, about 47 m at England's latitude: finer than the ~200 m generalisation of the boundaries.
 */
export const TILE_MAXZOOM = 6;
/** The unit count TILE_MAXZOOM was chosen for (the 191 CCGs of 2019). */
const UNITS_AT_TILE_MAXZOOM = 191;
/** The map's maximum zoom (mapView.ts): no deeper tiles are ever asked for. */
export const MAP_MAXZOOM = 12;

/**
 * The tile zoom of the unit and border-mesh sources: TILE_MAXZOOM for as many units as it was chosen for, one
 * zoom more for each fourfold more (a tile four times smaller), so a tile holds about as many units at any unit
 * set. Overzoomed, a zoom-6 tile of 32,844 units is drawn whole at editing zooms, thousands of units off screen:
 * every frame shades all their vertices and every edit re-uploads all their colours, which software GL pays for
 * (tests/bench/browser.ts: an LSOA edit's click → draw calls p50 3.7 s with zoom-6 tiles, 0.13 s with zoom 10).
 */
export function unitTileMaxzoom(units: number): number {
  const more = Math.log(Math.max(1, units / UNITS_AT_TILE_MAXZOOM)) / Math.log(4);
  return Math.min(MAP_MAXZOOM, TILE_MAXZOOM + Math.round(more));
}
