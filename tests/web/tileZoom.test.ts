/**
 * The unit sources' tile zoom follows the number of units: the CCG level keeps its zoom-6 tiles (its first map and
 * edits unchanged), a finer unit set gets smaller tiles holding about as many units each.
 */
import { describe, expect, it } from 'vitest';
import { TILE_MAXZOOM, unitTileMaxzoom } from '../../web/map/tileZoom.ts';

describe('unitTileMaxzoom', () => {
  it('keeps zoom-6 tiles for the CCGs and for CCG parts (under twice as many units)', () => {
    expect(unitTileMaxzoom(191)).toBe(TILE_MAXZOOM);
    expect(unitTileMaxzoom(381)).toBe(TILE_MAXZOOM);
    expect(unitTileMaxzoom(1)).toBe(TILE_MAXZOOM);
  });

  it('tiles 32,844 LSOAs at zoom 10: a tile 256 times smaller for 172 times the units', () => {
    expect(unitTileMaxzoom(32_844)).toBe(10);
  });

  it('holds about as many units per tile at any count, and never tiles past the map’s zoom 12', () => {
    for (let units = 191; units < 1e7; units = Math.ceil(units * 1.37)) {
      const z = unitTileMaxzoom(units);
      const perTile = units / 4 ** (z - TILE_MAXZOOM);
      if (z < 12) expect(perTile / 191).toBeGreaterThanOrEqual(0.5);
      if (z < 12) expect(perTile / 191).toBeLessThanOrEqual(2);
      expect(z).toBeLessThanOrEqual(12);
    }
  });
});
