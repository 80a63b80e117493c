/**
 * Each LSOA's place in every vintage (area indices into shared tables), and the same for any unit set made of
 * LSOAs: a unit's membership in a vintage is its LSOAs' populations summed by area. The ICB of July 2022 comes
 * from the lookups where they give it (LSOA → CCG 2021 → the SICBL of the same code → ICB) and from the ICB
 * boundaries only for the CCGs 2021 whose code was re-issued in July 2022 (see icb.ts); the build checks that
 * the two agree wherever the lookups apply.
 */
import { join } from 'node:path';
import type { Bundle, Membership } from '../engine/bundle.ts';
import { readCsv } from './read.ts';
import { S } from './sources.ts';
import { fail, requireCount } from './checks.ts';
import { areaTable, membership, triples } from './membership.ts';
import type { Lookups } from './lookups.ts';
import type { Populations } from './population.ts';
import type { IcbPlacement } from './icb.ts';

/** The descriptor's tables of named areas of every vintage (the same for every unit set made of LSOAs). */
export type VintageTables = Pick<Bundle, 'ccg2019' | 'stp2019' | 'regions' | 'regions2022' | 'ccg2020' | 'stp2020' | 'ccg2021' | 'stp2021' | 'icb2022'>;

/** Area index of each LSOA (in `Lookups.lsoa` order) in every vintage. */
export interface LsoaPlaces {
  ccg2019: number[];
  ccg2020: number[];
  ccg2021: number[];
  icb2022: number[];
  lad: number[];
  utla: number[];
}

export function vintageTables(rawDir: string, lk: Lookups, icb: IcbPlacement): { tables: VintageTables; places: LsoaPlaces; lad: Map<string, number>; utla: Map<string, number> } {
  const stp2019 = areaTable(lk.ccg19.map((c) => [c.stpCode, c.stpName]));
  const regions = areaTable(lk.regionNames);
  const ccg2020 = areaTable([...lk.ccg20].map(([c, v]) => [c, v.name]));
  const stp2020 = areaTable([...lk.ccg20.values()].map((v) => [v.stpCode, v.stpName]));
  const ccg2021 = areaTable([...lk.ccg21].map(([c, v]) => [c, v.name]));
  const stp2021 = areaTable([...lk.ccg21.values()].map((v) => [v.stpCode, v.stpName]));

  // ICB 2022 → NHS region 2022 through the April 2023 lookup; ICB codes re-issued in 2023 are matched by name.
  const sicbl = readCsv(join(rawDir, S.sicblIcb23.file), ['SICBL23CD', 'ICB23CD', 'ICB23NM', 'NHSER23CD', 'NHSER23NM']);
  const regions2022 = areaTable(sicbl.map((r) => [r.NHSER23CD, r.NHSER23NM]));
  requireCount('NHS regions 2022', regions2022.code.length, 7, `regions in ${S.sicblIcb23.file}`);
  const icbRegion = new Map<string, string>();
  for (const r of sicbl) icbRegion.set(r.ICB23CD, r.NHSER23CD).set(r.ICB23NM, r.NHSER23CD);
  const icbRegionIndex = icb.icb.code.map((c, k) => regions2022.index.get(icbRegion.get(c) ?? icbRegion.get(icb.icb.name[k]) ?? '') ?? -1);
  const unmatched = icb.icb.code.filter((_, k) => icbRegionIndex[k] < 0);
  if (unmatched.length) fail('every ICB 2022 found in the SICBL → ICB → NHSER 2023 lookup (by code or name)', unmatched.join(', '));

  // Where the CCG 2021's code is still a SICBL code in 2023, the lookup gives the ICB: the boundary placement must agree.
  const sicblIcb = new Map(sicbl.map((r) => [r.SICBL23CD, r.ICB23CD]));
  const icb23Of = (k: number) => sicbl.find((r) => r.ICB23CD === icb.icb.code[k] || r.ICB23NM === icb.icb.name[k])!.ICB23CD;
  const icb23 = icb.icb.code.map((_, k) => icb23Of(k));
  const disagree = lk.lsoa.filter((r, i) => sicblIcb.has(r.ccg21) && sicblIcb.get(r.ccg21) !== icb23[icb.lsoaIcb[i]]).map((r) => r.code);
  if (disagree.length) fail('ICB 2022 placement agrees with the CCG 2021 → SICBL → ICB lookup', disagree.join(', '));

  const ladTable = areaTable(lk.lsoa.map((r) => [r.lad19, lk.ltlaUtla.get(r.lad19)!.ltlaName]));
  const utlaTable = areaTable([...lk.ltlaUtla.values()].map((v) => [v.utla, v.utlaName]));
  const ccg2019Index = new Map(lk.ccg19.map((c, i) => [c.code, i]));
  const tables: VintageTables = {
    ccg2019: { code: lk.ccg19.map((c) => c.code), name: lk.ccg19.map((c) => c.name), nhsCode: lk.ccg19.map((c) => c.nhsCode) },
    stp2019: { code: stp2019.code, name: stp2019.name },
    regions: { code: regions.code, name: regions.name },
    regions2022: { code: regions2022.code, name: regions2022.name },
    ccg2020: { code: ccg2020.code, name: ccg2020.name, stp: ccg2020.code.map((c) => stp2020.index.get(lk.ccg20.get(c)!.stpCode)!) },
    stp2020: { code: stp2020.code, name: stp2020.name },
    ccg2021: { code: ccg2021.code, name: ccg2021.name, stp: ccg2021.code.map((c) => stp2021.index.get(lk.ccg21.get(c)!.stpCode)!) },
    stp2021: { code: stp2021.code, name: stp2021.name },
    icb2022: { code: icb.icb.code, name: icb.icb.name, region: icbRegionIndex },
  };
  const places: LsoaPlaces = {
    ccg2019: lk.lsoa.map((r) => ccg2019Index.get(r.ccg19)!),
    ccg2020: lk.lsoa.map((r) => ccg2020.index.get(r.ccg20)!),
    ccg2021: lk.lsoa.map((r) => ccg2021.index.get(r.ccg21)!),
    icb2022: icb.lsoaIcb,
    lad: lk.lsoa.map((r) => ladTable.index.get(r.lad19)!),
    utla: lk.lsoa.map((r) => utlaTable.index.get(lk.ltlaUtla.get(r.lad19)!.utla)!),
  };
  return { tables, places, lad: ladTable.index, utla: utlaTable.index };
}

/** Memberships and council overlaps of a unit set given the unit of each LSOA. */
export function placeUnits(unitOf: number[], n: number, lk: Lookups, pop: Populations, places: LsoaPlaces): { membership: Bundle['membership']; unitLad: number[]; unitUtla: number[] } {
  const items = (area: number[]) => lk.lsoa.map((r, i) => ({ unit: unitOf[i], area: area[i], pop: pop.lsoa.get(r.code)! }));
  const m = (area: number[]): Membership => membership(items(area), n);
  return {
    membership: { ccg2019: m(places.ccg2019), ccg2020: m(places.ccg2020), ccg2021: m(places.ccg2021), icb2022: m(places.icb2022) },
    unitLad: triples(items(places.lad)),
    unitUtla: triples(items(places.utla)),
  };
}
