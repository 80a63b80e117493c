/**
 * Fill colours for systems: each system keeps one colour for as long as it exists, and neighbouring systems
 * (a land border or a water link) never share one.
 *
 * A system's preferred colour is its id hashed into the palette (or a colour the caller prefers for it, e.g. its
 * partner's in a comparison), so the colour depends on the system alone: the same after a reload, an edit or an
 * undo. Systems take their preferred colour in id order; one whose coloured neighbour already holds it takes the
 * next free colour after it (deterministic), so an edit recolours only a system whose neighbours now clash.
 */
import type { Geography } from './geography.ts';

const NONE = 0xffff;

/** System adjacency as a list of neighbour sets, from unit adjacency and unit → system. */
export function systemAdjacency(geo: Pick<Geography, 'n' | 'adjOffsets' | 'adjNeighbours'>, unitToSystem: ArrayLike<number>, nSystems: number): Set<number>[] {
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

/** FNV-1a of a string: a stable, well-spread hash (the same in every JavaScript engine). */
export function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < id.length; k++) {
    h ^= id.charCodeAt(k);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The colour a system takes when no neighbour holds it. */
export const preferredColour = (id: string, paletteSize: number): number => hashId(id) % paletteSize;

/**
 * Palette index per system (aligned with `systemIds`). `prefer` overrides the hashed preference of some
 * systems (by id). Falls back to the least-conflicting colour only if the palette is ever too small.
 */
export function colourSystems(
  geo: Pick<Geography, 'n' | 'adjOffsets' | 'adjNeighbours'>,
  unitToSystem: ArrayLike<number>,
  systemIds: readonly string[],
  paletteSize: number,
  prefer: ReadonlyMap<string, number> = new Map(),
): number[] {
  const n = systemIds.length;
  const adj = systemAdjacency(geo, unitToSystem, n);
  const colour = new Array<number>(n).fill(-1);
  const order = systemIds.map((_, s) => s).sort((a, b) => (systemIds[a] < systemIds[b] ? -1 : systemIds[a] > systemIds[b] ? 1 : a - b));
  for (const s of order) {
    const wanted = prefer.get(systemIds[s]) ?? preferredColour(systemIds[s], paletteSize);
    let pick = -1;
    let fewest = Infinity;
    for (let step = 0; step < paletteSize; step++) {
      const c = (wanted + step) % paletteSize;
      let clashes = 0;
      for (const t of adj[s]) if (colour[t] === c) clashes++;
      if (clashes < fewest) {
        pick = c;
        fewest = clashes;
      }
      if (clashes === 0) break;
    }
    colour[s] = pick;
  }
  return colour;
}
