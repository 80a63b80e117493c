/**
 * Coterminosity with councils: how much of a group's population lives in councils wholly inside it.
 *
 * A council is wholly inside a group when all its population in the bundle's unit × council table lies in the
 * group's units (the table's own total per council is the reference, so the test is exact on integers). The
 * reverse tables (council → units) serve the council-split finding.
 */
import type { Csr, Geography } from './geography.ts';

export type CouncilTier = 'utla' | 'lad';

/**
 * The council rule: a council is wholly inside a group when the group holds all its population (half a person
 * of slack, so the test is exact on the table's integers). Shared by `coterminosity` and the generator's
 * incremental count (generate/objectives.ts).
 */
export function councilWhollyInside(inside: number, councilTotal: number): boolean {
  return inside >= councilTotal - 0.5;
}

export interface CouncilTable {
  tier: CouncilTier;
  codes: readonly string[];
  names: readonly string[];
  /** Population of each council summed over the unit × council table. */
  total: Float64Array;
  /** Council → units CSR (the transpose of `geo.unitUtla` / `geo.unitLad`). */
  byCouncil: Csr;
  /** Per council `c` of a LAD table, its upper tier (index into the UTLA table); empty for UTLAs. */
  utlaOf: Uint16Array;
  /** 1 when the council is its own upper tier (a unitary district, or any UTLA). */
  unitary: Uint8Array;
}

export interface CouncilShare {
  code: string;
  name: string;
  /** Population of the council living in the group. */
  population: number;
  /** That population as a share of the council's population (0..1). */
  share: number;
}

export interface Coterminosity {
  /** Share of the group's population living in councils wholly inside it (0..1). */
  share: number;
  /** Codes of councils wholly inside the group. */
  whole: string[];
  /** Councils partly inside, most population inside first. */
  split: CouncilShare[];
}

function transpose(m: number, csr: Csr): Csr {
  const n = csr.offsets.length - 1;
  const offsets = new Uint32Array(m + 1);
  for (let k = 0; k < csr.index.length; k++) offsets[csr.index[k] + 1]++;
  for (let c = 0; c < m; c++) offsets[c + 1] += offsets[c];
  const fill = offsets.slice(0, m);
  const index = new Uint16Array(csr.index.length);
  const value = new Float64Array(csr.index.length);
  for (let i = 0; i < n; i++) {
    for (let k = csr.offsets[i]; k < csr.offsets[i + 1]; k++) {
      const at = fill[csr.index[k]]++;
      index[at] = i;
      value[at] = csr.value[k];
    }
  }
  return { offsets, index, value };
}

function table(tier: CouncilTier, geo: Geography): CouncilTable {
  const src = tier === 'utla' ? geo.bundle.councils.utla : geo.bundle.councils.lad;
  const csr = tier === 'utla' ? geo.unitUtla : geo.unitLad;
  const m = src.code.length;
  const total = new Float64Array(m);
  for (let k = 0; k < csr.index.length; k++) total[csr.index[k]] += csr.value[k];
  const utlaOf = tier === 'lad' ? Uint16Array.from(geo.bundle.councils.lad.utla) : new Uint16Array(0);
  const utlaCodes = geo.bundle.councils.utla.code;
  const unitary = Uint8Array.from(src.code, (code, c) => (tier === 'utla' || utlaCodes[utlaOf[c]] === code ? 1 : 0));
  return { tier, codes: src.code, names: src.name, total, byCouncil: transpose(m, csr), utlaOf, unitary };
}

const tables = new WeakMap<Geography, { utla: CouncilTable; lad: CouncilTable; acc: Float64Array; mark: Uint8Array; touched: Uint16Array }>();

export function councilTables(geo: Geography): { utla: CouncilTable; lad: CouncilTable } {
  let t = tables.get(geo);
  if (!t) {
    const utla = table('utla', geo);
    const lad = table('lad', geo);
    const m = Math.max(utla.codes.length, lad.codes.length);
    tables.set(geo, (t = { utla, lad, acc: new Float64Array(m), mark: new Uint8Array(m), touched: new Uint16Array(m) }));
  }
  return t;
}

/** Coterminosity of a group (unit indices) with one tier of councils. */
export function coterminosity(geo: Geography, members: ArrayLike<number>, tier: CouncilTier): Coterminosity {
  councilTables(geo);
  const t = tables.get(geo)!;
  const tab = t[tier];
  const csr = tier === 'utla' ? geo.unitUtla : geo.unitLad;
  const { acc, mark, touched } = t;
  let nTouched = 0;
  let groupPop = 0;
  for (let k = 0; k < members.length; k++) {
    const i = members[k];
    groupPop += geo.population[i];
    for (let e = csr.offsets[i]; e < csr.offsets[i + 1]; e++) {
      const c = csr.index[e];
      if (!mark[c]) {
        mark[c] = 1;
        touched[nTouched++] = c;
      }
      acc[c] += csr.value[e];
    }
  }
  let wholePop = 0;
  const whole: string[] = [];
  const split: CouncilShare[] = [];
  for (let k = 0; k < nTouched; k++) {
    const c = touched[k];
    const inside = acc[c];
    acc[c] = 0;
    mark[c] = 0;
    if (inside <= 0) continue;
    if (councilWhollyInside(inside, tab.total[c])) {
      wholePop += inside;
      whole.push(tab.codes[c]);
    } else {
      split.push({ code: tab.codes[c], name: tab.names[c], population: inside, share: inside / tab.total[c] });
    }
  }
  whole.sort();
  split.sort((a, b) => b.population - a.population || (a.code < b.code ? -1 : 1));
  return { share: groupPop > 0 ? wholePop / groupPop : 0, whole, split };
}
