/**
 * Geography: the unit set as typed arrays, built once from a `Bundle`.
 *
 * Layout: unit `i` is row `i` of every array. Adjacency is CSR: the neighbours of `i` are
 * `adjNeighbours[adjOffsets[i] .. adjOffsets[i + 1])`, land and water links together; `adjIsWater` marks which.
 * Unit × council populations are CSR too (`ladOffsets`/`ladIndex`/`ladPop`, same for utla), so a system's
 * coterminosity is a walk over its units' rows.
 */
import type { Bundle, UnitNoun } from './bundle.ts';
import { BUNDLE_VERSION } from './bundle.ts';

export interface Csr {
  offsets: Uint32Array;
  index: Uint16Array;
  value: Float64Array;
}

/** Normalise a CCG name, code or NHS code for matching: case and spacing ignored. */
export function normaliseKey(s: string): string {
  return s.trim().replace(/\s+/g, ' ').toLowerCase();
}

function csrFromTriples(n: number, triples: number[]): Csr {
  const count = triples.length / 3;
  const offsets = new Uint32Array(n + 1);
  for (let t = 0; t < count; t++) offsets[triples[3 * t] + 1]++;
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const index = new Uint16Array(count);
  const value = new Float64Array(count);
  const fill = offsets.slice(0, n);
  for (let t = 0; t < count; t++) {
    const u = triples[3 * t];
    const k = fill[u]++;
    index[k] = triples[3 * t + 1];
    value[k] = triples[3 * t + 2];
  }
  return { offsets, index, value };
}

export class Geography {
  readonly bundle: Bundle;
  readonly n: number;
  readonly codes: readonly string[];
  readonly nhsCodes: readonly string[];
  readonly names: readonly string[];
  readonly population: Float64Array;
  readonly gpPractices: Float64Array;
  readonly registeredPatients: Float64Array;
  readonly areaKm2: Float64Array;
  readonly stpOf: Uint16Array;
  readonly regionOf: Uint16Array;
  readonly total: number;
  readonly adjOffsets: Uint32Array;
  readonly adjNeighbours: Uint16Array;
  readonly adjIsWater: Uint8Array;
  readonly unitLad: Csr;
  readonly unitUtla: Csr;
  /** What the units are called ("CCG", "CCG part", "LSOA"). */
  readonly noun: UnitNoun;
  /** Unit × CCG 2019 populations (one row per unit; several entries only for a unit larger than a CCG). */
  readonly unitCcg2019: Csr;
  /** Population of each CCG 2019, for telling a whole CCG from part of one. */
  readonly ccg2019Population: Float64Array;
  /** Whether GP practices and registered patients are known for these units (per CCG only). */
  readonly hasGpData: boolean;
  private readonly byKey = new Map<string, number>();
  /** Each code exactly as written: the usual case, looked up without making a lower-cased copy of the code. */
  private readonly byCode = new Map<string, number>();

  private constructor(bundle: Bundle) {
    this.bundle = bundle;
    const u = bundle.units;
    const n = u.code.length;
    this.n = n;
    this.codes = u.code;
    this.nhsCodes = u.nhsCode;
    this.names = u.name;
    this.population = Float64Array.from(u.population);
    this.hasGpData = !!u.gpPractices && !!u.registeredPatients;
    // NaN where unknown: a sum over units then reads "not known" instead of a wrong 0.
    this.gpPractices = u.gpPractices ? Float64Array.from(u.gpPractices) : new Float64Array(n).fill(NaN);
    this.registeredPatients = u.registeredPatients ? Float64Array.from(u.registeredPatients) : new Float64Array(n).fill(NaN);
    this.noun = bundle.noun;
    this.areaKm2 = Float64Array.from(u.areaKm2);
    this.stpOf = Uint16Array.from(u.stp);
    this.regionOf = Uint16Array.from(u.region);
    let total = 0;
    for (let i = 0; i < n; i++) total += this.population[i];
    this.total = total;

    // Adjacency CSR from the land and water pair lists, both directions.
    const pairs: [number, number, number][] = [];
    const { land, water } = bundle.adjacency;
    for (let k = 0; k < land.length; k += 2) pairs.push([land[k], land[k + 1], 0], [land[k + 1], land[k], 0]);
    for (let k = 0; k < water.length; k += 2) pairs.push([water[k], water[k + 1], 1], [water[k + 1], water[k], 1]);
    pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    this.adjOffsets = new Uint32Array(n + 1);
    this.adjNeighbours = new Uint16Array(pairs.length);
    this.adjIsWater = new Uint8Array(pairs.length);
    pairs.forEach(([a, b, w], k) => {
      this.adjOffsets[a + 1]++;
      this.adjNeighbours[k] = b;
      this.adjIsWater[k] = w;
    });
    for (let i = 0; i < n; i++) this.adjOffsets[i + 1] += this.adjOffsets[i];

    this.unitLad = csrFromTriples(n, bundle.councils.unitLad);
    this.unitUtla = csrFromTriples(n, bundle.councils.unitUtla);
    this.unitCcg2019 = csrFromTriples(n, bundle.membership.ccg2019.parts);
    this.ccg2019Population = new Float64Array(bundle.ccg2019.code.length);
    for (let k = 0; k < this.unitCcg2019.index.length; k++) this.ccg2019Population[this.unitCcg2019.index[k]] += this.unitCcg2019.value[k];

    // Names last, so a code never loses to a name that happens to look like it.
    for (let i = 0; i < n; i++) this.byKey.set(normaliseKey(u.name[i]), i);
    for (let i = 0; i < n; i++) if (u.nhsCode[i]) this.byKey.set(normaliseKey(u.nhsCode[i]), i);
    for (let i = 0; i < n; i++) this.byKey.set(normaliseKey(u.code[i]), i);
    for (let i = 0; i < n; i++) this.byCode.set(u.code[i], i);
  }

  static fromBundle(bundle: Bundle): Geography {
    if (!bundle || typeof bundle !== 'object') throw new Error('bundle: not an object');
    if (bundle.version !== BUNDLE_VERSION) {
      throw new Error(`bundle: version ${String(bundle.version)} is not the supported version ${BUNDLE_VERSION}; rebuild it with npm run geodata`);
    }
    return new Geography(bundle);
  }

  get unitSet(): string {
    return this.bundle.unitSet;
  }

  /** Index of the unit with this ONS code, NHS code or name (case and spacing ignored), or -1. */
  find(key: string): number {
    return this.byKey.get(normaliseKey(key)) ?? -1;
  }

  /** Index of the unit with this exact ONS code, or -1 (one lookup of the code as written: no copy, no regex). */
  indexOfCode(code: string): number {
    return this.byCode.get(code) ?? -1;
  }

  neighbours(i: number): Uint16Array {
    return this.adjNeighbours.subarray(this.adjOffsets[i], this.adjOffsets[i + 1]);
  }
}
