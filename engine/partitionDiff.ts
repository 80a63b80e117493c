/**
 * The difference between two partitions of the same units (systems of A vs systems of B, or organisations).
 *
 * Group ids differ between scenarios (STP codes vs ICB codes, `sys-3` vs `E54000008`), so "the same system" is
 * decided by population overlap: the from→to population matrix is matched one to one, largest overlap first
 * (ties broken by group order, so the result is deterministic). A unit has moved when its group in B is not the
 * partner of its group in A.
 */
import type { Geography } from './geography.ts';
import { partitionSimilarity, type Similarity } from './similarity.ts';

export interface GroupRef {
  id: string;
  name: string;
  units: readonly string[];
}

export interface UnitMove {
  unit: string;
  nhsCode: string;
  name: string;
  population: number;
  fromId: string;
  fromName: string;
  toId: string;
  toName: string;
}

export interface MatrixCell {
  fromId: string;
  toId: string;
  population: number;
  units: number;
}

export interface GroupMatch {
  /** Id in A, or null when a group of B has no partner in A. */
  aId: string | null;
  bId: string | null;
  aName: string | null;
  bName: string | null;
  aPopulation: number;
  bPopulation: number;
  /** Population in both. */
  overlap: number;
}

export interface PartitionDiff {
  moved: UnitMove[];
  movedPopulation: number;
  matrix: MatrixCell[];
  matches: GroupMatch[];
  similarity: Similarity;
}

/** Group index of every unit; throws naming the first unit not covered (the scenarios are validated upstream). */
function groupOfUnits(geo: Geography, groups: readonly GroupRef[], label: string): Int32Array {
  const of = new Int32Array(geo.n).fill(-1);
  groups.forEach((g, gi) => {
    for (const code of g.units) {
      const u = geo.indexOfCode(code);
      if (u < 0) throw new Error(`${label}: unknown ${geo.noun.one} code "${code}" in "${g.name}"`);
      of[u] = gi;
    }
  });
  const missing = of.indexOf(-1);
  if (missing >= 0) throw new Error(`${label}: ${geo.codes[missing]} (${geo.names[missing]}) is in no group`);
  return of;
}

export function diffPartitions(geo: Geography, a: readonly GroupRef[], b: readonly GroupRef[]): PartitionDiff {
  const ofA = groupOfUnits(geo, a, 'scenario A');
  const ofB = groupOfUnits(geo, b, 'scenario B');

  const cellIndex = new Map<number, number>();
  const cells: { from: number; to: number; weight: number; units: number }[] = [];
  const popA = new Float64Array(a.length);
  const popB = new Float64Array(b.length);
  for (let u = 0; u < geo.n; u++) {
    const from = ofA[u];
    const to = ofB[u];
    const p = geo.population[u];
    popA[from] += p;
    popB[to] += p;
    const key = from * b.length + to;
    let k = cellIndex.get(key);
    if (k === undefined) {
      k = cells.length;
      cellIndex.set(key, k);
      cells.push({ from, to, weight: 0, units: 0 });
    }
    cells[k].weight += p;
    cells[k].units += 1;
  }
  cells.sort((x, y) => x.from - y.from || x.to - y.to);

  // One-to-one matching, largest overlap first.
  const partnerOfA = new Int32Array(a.length).fill(-1);
  const partnerOfB = new Int32Array(b.length).fill(-1);
  const byOverlap = [...cells].sort((x, y) => y.weight - x.weight || x.from - y.from || x.to - y.to);
  for (const c of byOverlap) {
    if (partnerOfA[c.from] < 0 && partnerOfB[c.to] < 0) {
      partnerOfA[c.from] = c.to;
      partnerOfB[c.to] = c.from;
    }
  }
  const overlapOf = (ai: number, bi: number) => cells.find((c) => c.from === ai && c.to === bi)?.weight ?? 0;

  const matches: GroupMatch[] = [];
  a.forEach((g, ai) => {
    const bi = partnerOfA[ai];
    matches.push({
      aId: g.id,
      bId: bi >= 0 ? b[bi].id : null,
      aName: g.name,
      bName: bi >= 0 ? b[bi].name : null,
      aPopulation: popA[ai],
      bPopulation: bi >= 0 ? popB[bi] : 0,
      overlap: bi >= 0 ? overlapOf(ai, bi) : 0,
    });
  });
  b.forEach((g, bi) => {
    if (partnerOfB[bi] >= 0) return;
    matches.push({ aId: null, bId: g.id, aName: null, bName: g.name, aPopulation: 0, bPopulation: popB[bi], overlap: 0 });
  });

  const moved: UnitMove[] = [];
  let movedPopulation = 0;
  for (let u = 0; u < geo.n; u++) {
    const from = ofA[u];
    const to = ofB[u];
    if (partnerOfA[from] === to) continue;
    moved.push({
      unit: geo.codes[u],
      nhsCode: geo.nhsCodes[u],
      name: geo.names[u],
      population: geo.population[u],
      fromId: a[from].id,
      fromName: a[from].name,
      toId: b[to].id,
      toName: b[to].name,
    });
    movedPopulation += geo.population[u];
  }

  return {
    moved,
    movedPopulation,
    matrix: cells.map((c) => ({ fromId: a[c.from].id, toId: b[c.to].id, population: c.weight, units: c.units })),
    matches,
    similarity: partitionSimilarity(cells),
  };
}
