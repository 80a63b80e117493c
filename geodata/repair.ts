/**
 * Repair of self-intersecting CCG boundaries in BNG, before the topology is built.
 *
 * The one known case (SOURCES.md): E38000019 NHS Bradford Districts has a hole for NHS Bradford City, and one
 * hole vertex, near BNG (419112, 432353), lies about 7 m outside Bradford Districts' outer ring, so the hole
 * crosses the shell. A union/unkink repair would either open a channel between the hole and the outside (making
 * Bradford City touch Leeds) or leave a sliver; instead we move that vertex 10 m inside the shell, in every unit
 * that has it (Bradford City's own ring too), so both keep sharing the same arc and the result is valid.
 */
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { fail } from './checks.ts';

const INSET_M = 10;

type Poly = Feature<Polygon | MultiPolygon, { code: string }>;

const polygonsOf = (f: Poly): Position[][][] => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates);

function nearestOnRing(p: Position, ring: Position[]): Position {
  let best: Position = ring[0];
  let bestD = Infinity;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [ax, ay] = ring[i];
    const [bx, by] = ring[i + 1];
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((p[0] - ax) * dx + (p[1] - ay) * dy) / (dx * dx + dy * dy || 1)));
    const q = [ax + t * dx, ay + t * dy];
    const d = Math.hypot(q[0] - p[0], q[1] - p[1]);
    if (d < bestD) {
      bestD = d;
      best = q;
    }
  }
  return best;
}

/** Repairs the units in place (BNG coordinates); returns notes on what was moved. Fails if anything stays invalid. */
export function repairUnits(features: Poly[]): string[] {
  const notes: string[] = [];
  for (const f of features) {
    if (turf.kinks(f).features.length === 0) continue;
    const moves = new Map<string, Position>();
    for (const poly of polygonsOf(f)) {
      const shell = turf.polygon([poly[0]]);
      for (const hole of poly.slice(1)) {
        for (const p of hole) {
          if (!turf.booleanPointInPolygon(p, shell, { ignoreBoundary: true })) {
            const q = nearestOnRing(p, poly[0]);
            const d = Math.hypot(q[0] - p[0], q[1] - p[1]) || 1;
            moves.set(`${p[0]},${p[1]}`, [q[0] + ((q[0] - p[0]) / d) * INSET_M, q[1] + ((q[1] - p[1]) / d) * INSET_M]);
          }
        }
      }
    }
    if (moves.size === 0) fail('unit geometry valid', `${f.properties.code} self-intersects and has no hole vertex outside its shell to move`);
    // Move the same vertex in every unit (the hole is another unit's outline).
    const touched = new Set<string>();
    for (const g of features) {
      for (const poly of polygonsOf(g)) {
        for (const ring of poly) {
          for (let i = 0; i < ring.length; i++) {
            const m = moves.get(`${ring[i][0]},${ring[i][1]}`);
            if (m) {
              ring[i] = m;
              touched.add(g.properties.code);
            }
          }
        }
      }
    }
    const where = [...moves.keys()].map((k) => `(${k.split(',').map((v) => Number(v).toFixed(0)).join(', ')})`).join(', ');
    notes.push(
      `${f.properties.code} self-intersected (a hole vertex outside its shell at BNG ${where}); moved that vertex ${INSET_M} m inside the shell in ${[...touched].sort().join(' and ')}`,
    );
    if (turf.kinks(f).features.length > 0) fail('unit geometry valid', `${f.properties.code} still self-intersects after repair`);
  }
  return notes;
}
