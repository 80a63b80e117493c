// Zooming to CCGs by code: bounding boxes per unit, computed once from the unit geometry.
import type { Map as MlMap } from 'maplibre-gl';
import type { Init } from '../../workers/api.ts';

export function createZoomer(map: MlMap, init: Init): (codes: readonly string[]) => void {
  const boxes = init.units.features.map((f) => {
    let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const p of polys) for (const [x, y] of p[0]) {
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    }
    return [w, s, e, n];
  });
  const index = new Map(init.codes.map((c, i) => [c, i]));
  return (codes) => {
    let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
    for (const c of codes) {
      const b = boxes[index.get(c) ?? -1];
      if (!b) continue;
      w = Math.min(w, b[0]); s = Math.min(s, b[1]); e = Math.max(e, b[2]); n = Math.max(n, b[3]);
    }
    // Never closer than zoom 8, so a small CCG is seen with its neighbours and its system around it.
    if (w <= e) map.fitBounds([w, s, e, n], { padding: 80, maxZoom: 8, duration: 400 });
  };
}
