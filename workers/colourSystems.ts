/**
 * Colours for systems such that neighbouring systems (sharing a land border or a water link) never share one.
 *
 * DSatur greedy colouring of the system adjacency graph, made stable across edits: a system keeps its previous
 * colour (by id) when no neighbour coloured before it took that colour, so one reassignment repaints a few CCGs,
 * not the map. England's 42 systems need 4–5 colours; the palette has `paletteSize`.
 *
 * Candidate for engine/ (it is pure); lives here until the lead moves it.
 */
import type { Geography } from '../engine/geography.ts';

const NONE = 0xffff;

/** System adjacency as a list of neighbour sets, from unit adjacency and unit → system. */
export function systemAdjacency(geo: Geography, unitToSystem: ArrayLike<number>, nSystems: number): Set<number>[] {
  const adj = Array.from({ length: nSystems }, () => new Set<number>());
  for (let i = 0; i < geo.n; i++) {
    const a = unitToSystem[i];
    if (a === NONE || a >= nSystems) continue;
    for (let k = geo.adjOffsets[i]; k < geo.adjOffsets[i + 1]; k++) {
      const b = unitToSystem[geo.adjNeighbours[k]];
      if (b !== a && b !== NONE && b < nSystems) adj[a].add(b);
    }
  }
  return adj;
}

/**
 * Palette index per system (aligned with `systemIds`). `previous` maps system id → colour from the last call;
 * it is updated in place. Falls back to the least-conflicting colour if the palette is ever too small.
 */
export function colourSystems(
  geo: Geography,
  unitToSystem: ArrayLike<number>,
  systemIds: readonly string[],
  paletteSize: number,
  previous: Map<string, number> = new Map(),
): number[] {
  const n = systemIds.length;
  const adj = systemAdjacency(geo, unitToSystem, n);
  const colour = new Array<number>(n).fill(-1);
  const used = new Array<number>(paletteSize).fill(0);
  const free = (s: number, c: number) => {
    for (const t of adj[s]) if (colour[t] === c) return false;
    return true;
  };
  // Keep previous colours where they still fit, in system order.
  for (let s = 0; s < n; s++) {
    const p = previous.get(systemIds[s]);
    if (p !== undefined && p < paletteSize && free(s, p)) {
      colour[s] = p;
      used[p]++;
    }
  }
  // DSatur for the rest: most distinct neighbour colours first, then most neighbours.
  for (;;) {
    let best = -1;
    let bestSat = -1;
    let bestDeg = -1;
    for (let s = 0; s < n; s++) {
      if (colour[s] >= 0) continue;
      const sat = new Set<number>();
      for (const t of adj[s]) if (colour[t] >= 0) sat.add(colour[t]);
      if (sat.size > bestSat || (sat.size === bestSat && adj[s].size > bestDeg)) {
        best = s;
        bestSat = sat.size;
        bestDeg = adj[s].size;
      }
    }
    if (best < 0) break;
    let pick = -1;
    let pickConflicts = Infinity;
    for (let c = 0; c < paletteSize; c++) {
      let conflicts = 0;
      for (const t of adj[best]) if (colour[t] === c) conflicts++;
      // Fewest conflicts (0 = proper), then the least used colour, so the map stays varied.
      if (conflicts < pickConflicts || (conflicts === pickConflicts && used[c] < used[pick])) {
        pick = c;
        pickConflicts = conflicts;
      }
    }
    colour[best] = pick;
    used[pick]++;
  }
  previous.clear();
  systemIds.forEach((id, s) => previous.set(id, colour[s]));
  return colour;
}
