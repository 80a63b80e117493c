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
 * System adjacency kept up to date as units move: the number of unit borders between each pair of systems, so an
 * edit that moves a few of 32,844 units updates the pairs round those units instead of walking every border.
 * `update` takes the next unit → system array; with the same system list, only the units whose system changed
 * are visited (found by one pass over the array), else everything is counted again.
 */
export class SystemAdjacencyCounter {
  private unitToSystem: Uint16Array = new Uint16Array(0);
  private systemIds: readonly string[] = [];
  /** Unit borders per pair of systems, keyed `a * 65536 + b` with a < b. */
  private readonly pairs = new Map<number, number>();

  constructor(private readonly geo: Pick<Geography, 'n' | 'adjOffsets' | 'adjNeighbours'>) {}

  update(unitToSystem: ArrayLike<number>, systemIds: readonly string[]): Set<number>[] {
    const g = this.geo;
    const sameSystems = systemIds.length === this.systemIds.length && systemIds.every((id, k) => id === this.systemIds[k]) && this.unitToSystem.length === g.n;
    if (!sameSystems) {
      this.pairs.clear();
      this.unitToSystem = Uint16Array.from(unitToSystem);
      for (let i = 0; i < g.n; i++) {
        for (let k = g.adjOffsets[i]; k < g.adjOffsets[i + 1]; k++) {
          const j = g.adjNeighbours[k];
          if (j > i) this.count(this.unitToSystem[i], this.unitToSystem[j], 1);
        }
      }
    } else {
      const old = this.unitToSystem;
      const moved = new Set<number>();
      for (let i = 0; i < g.n; i++) if (old[i] !== unitToSystem[i]) moved.add(i);
      // Each border touching a moved unit, once: uncounted with the old systems, counted with the new.
      for (const i of moved) {
        for (let k = g.adjOffsets[i]; k < g.adjOffsets[i + 1]; k++) {
          const j = g.adjNeighbours[k];
          if (moved.has(j) && j < i) continue;
          this.count(old[i], old[j], -1);
          this.count(unitToSystem[i], unitToSystem[j], 1);
        }
      }
      for (const i of moved) old[i] = unitToSystem[i];
    }
    this.systemIds = [...systemIds];
    const adj = Array.from({ length: systemIds.length }, () => new Set<number>());
    for (const key of this.pairs.keys()) {
      const a = Math.floor(key / 65536), b = key % 65536;
      adj[a].add(b);
      adj[b].add(a);
    }
    return adj;
  }

  private count(a: number, b: number, by: number) {
    if (a === b || a === NONE || b === NONE) return;
    const key = a < b ? a * 65536 + b : b * 65536 + a;
    const c = (this.pairs.get(key) ?? 0) + by;
    if (c > 0) this.pairs.set(key, c);
    else this.pairs.delete(key);
  }
}

/**
 * Palette index per system (aligned with `systemIds`). `prefer` overrides the hashed preference of some
 * systems (by id). Falls back to the least-conflicting colour only if the palette is ever too small.
 * `adjacency`, when the caller keeps it (SystemAdjacencyCounter), saves working it out again.
 */
export function colourSystems(
  geo: Pick<Geography, 'n' | 'adjOffsets' | 'adjNeighbours'>,
  unitToSystem: ArrayLike<number>,
  systemIds: readonly string[],
  paletteSize: number,
  prefer: ReadonlyMap<string, number> = new Map(),
  adjacency?: readonly Set<number>[],
): number[] {
  const n = systemIds.length;
  const adj = adjacency ?? systemAdjacency(geo, unitToSystem, n);
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
