/**
 * The data bundle, one per unit set: the contract between the build in `geodata/` and the engine.
 *
 * A `Bundle` is a unit-set descriptor: `geodata/build.ts` writes `ccg-2019` as `geodata/dist/bundle.json` (the
 * first load) and the finer unit sets as `unitset-<id>.json` (loaded on demand); the engine reads any of them
 * through `Geography.fromBundle`. Every unit set is a union of LSOAs 2011, so each unit's place in every vintage
 * (CCG 2019/2020/2021, ICB 2022 and its 2022 region, STP, district and upper-tier council, NHS region) is a
 * `Membership`: finer units have exactly one part per vintage, a 2019 CCG may have several (split later). Tables are column-oriented: `units.code[i]`, `units.population[i]`, … all describe
 * unit `i`, and unit `i` is also `topology.objects.units.geometries[i]`. Cross-references are indices into the
 * table named in the comment. Sparse unit × area tables are flat triples `[unit, area, population, …]`.
 */
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { ScenarioV1 } from './scenarioTypes.ts';

export const BUNDLE_VERSION = 1 as const;

/** A lookup table of named areas (STPs, regions, councils, later CCGs …). */
export interface AreaTable {
  code: string[];
  name: string[];
}

/** Membership of each unit in a later or overlapping geography, split by population. */
export interface Membership {
  /** Index (into the area table) of the area where most of each unit's people live: one per unit. */
  primary: number[];
  /**
   * Flat triples `[unit, area, population, unit, area, population, …]`, sorted by unit then area. A unit
   * wholly inside one area has one triple; a unit split between areas has several, summing to its population.
   */
  parts: number[];
}

export interface SourceRecord {
  /** Short id used across the bundle, e.g. `ccg-2019-boundaries`. */
  id: string;
  /** The publisher's dataset title. */
  dataset: string;
  publisher: string;
  vintage: string;
  /** File path relative to the raw folder. */
  file: string;
  sha256: string;
  licence: string;
}

export interface Provenance {
  sources: SourceRecord[];
  /** Attribution lines every export must carry (OGL v3.0). */
  attribution: string[];
  /** What the build did to the data, in plain words (reprojection, repairs, simplification, derivations). */
  notes: string[];
}

/** What a unit set calls its units, e.g. `{ one: 'CCG', many: 'CCGs' }`. */
export interface UnitNoun {
  one: string;
  many: string;
}

/** The unit sets the build makes, coarsest first; each nests exactly in the one before. */
export const UNIT_SETS = ['ccg-2019', 'ccg-district-2019', 'lsoa-2011'] as const;
export type UnitSetId = (typeof UNIT_SETS)[number];

/** File name of a unit set's descriptor in geodata/dist (ccg-2019 is the first-load bundle). */
export function unitSetFile(id: string): string {
  return id === 'ccg-2019' ? 'bundle.json' : `unitset-${id}.json`;
}

export type UnitSetDescriptor = Bundle;

export interface Bundle {
  version: typeof BUNDLE_VERSION;
  /** sha256 over the sha256 of every input file and the build options: same inputs, same bundle. */
  inputsHash: string;
  /** Identifier of the unit set, e.g. `ccg-2019`. Scenarios carry it and are refused on another unit set. */
  unitSet: string;
  /** What the units are called in every message and label. */
  noun: UnitNoun;
  /** Human description of the unit vintage, e.g. `Clinical Commissioning Groups (April 2019)`. */
  unitVintage: string;
  /** e.g. `ONS mid-2018 population estimates (SAPE21DT5, CCG April 2019)`. */
  populationSource: string;
  englandPopulation: number;
  units: {
    /** ONS code (E38… for CCGs, E01… for LSOAs; a CCG part is `<CCG19CD>_<LAD19CD>`). */
    code: string[];
    /** NHS (ODS) code, e.g. 03Q; empty for units that have none (CCG parts, LSOAs). */
    nhsCode: string[];
    name: string[];
    /** Mid-2018 resident population. */
    population: number[];
    /** Index into `stp2019`. */
    stp: number[];
    /** Index into `regions`. */
    region: number[];
    /**
     * Active GP practices (epraccur, November 2019, status A, prescribing setting 4). Known per CCG only:
     * absent on finer unit sets (practices are registered to a CCG, not to an area within it).
     */
    gpPractices?: number[];
    /** Average registered patients 2018/19 (NHS Payments to General Practice); per CCG only, like gpPractices. */
    registeredPatients?: number[];
    /** Geodesic area of the unit's (generalised) boundary in km². */
    areaKm2: number[];
  };
  /** The 191 CCGs of April 2019 (every unit set is placed in them through `membership.ccg2019`). */
  ccg2019: AreaTable & { nhsCode: string[] };
  stp2019: AreaTable;
  regions: AreaTable;
  /** NHS England regions of 2022 (from the SICBL → ICB → NHSER April 2023 lookup). */
  regions2022: AreaTable;
  /** Later vintages. `ccg2020.stp[i]` indexes `stp2020`; likewise 2021. */
  ccg2020: AreaTable & { stp: number[] };
  stp2020: AreaTable;
  ccg2021: AreaTable & { stp: number[] };
  stp2021: AreaTable;
  /** `icb2022.region[i]` indexes `regions2022`. */
  icb2022: AreaTable & { region: number[] };
  membership: {
    ccg2019: Membership;
    ccg2020: Membership;
    ccg2021: Membership;
    icb2022: Membership;
  };
  councils: {
    /** Local authority districts (LAD 2019). `lad.utla[i]` indexes `utla`. */
    lad: AreaTable & { utla: number[]; population: number[] };
    /** Upper-tier authorities (counties and unitary authorities, 2019). */
    utla: AreaTable & { population: number[] };
    /** Flat triples `[unit, lad, population, …]`, from LSOA populations and the LSOA lookup. */
    unitLad: number[];
    /** Flat triples `[unit, utla, population, …]`. */
    unitUtla: number[];
  };
  adjacency: {
    /** Flat pairs `[a, b, a, b, …]` with a < b, of units sharing a land border; sorted. */
    land: number[];
    /** Flat pairs `[a, b, …]` with a < b: water links for units with no land neighbour (e.g. Isle of Wight). */
    water: number[];
    /** How the water links were chosen, in words. */
    waterRule: string;
  };
  /**
   * WGS84 TopoJSON, quantized. Objects:
   * - `units`: one geometry per unit, in unit order, `id` = ONS code;
   * - `regions`: the 7 NHS regions merged from the units (display outline).
   */
  topology: Topology<{ units: GeometryCollection; regions: GeometryCollection }>;
  /**
   * For each coarser unit set this one nests in, the index (in that unit set) of the unit holding each of these
   * units: `parents['ccg-2019'][i]` is the CCG of unit `i`. Absent on ccg-2019, the coarsest.
   */
  parents?: Record<string, number[]>;
  /** Baseline scenarios, by id: stp-2019, ccg-2020, ccg-2021, one-ccg-per-ics, icb-2022, regions, regions-2022. */
  baselines: Record<string, ScenarioV1>;
  /**
   * For each baseline that cannot be exact on this unit set, the units it splits: each placed with its most
   * populous part, the people of every part listed (empty on the finer unit sets, where every baseline is exact).
   */
  baselineSplits: Record<string, BaselineSplit[]>;
  provenance: Provenance;
}

/** A unit a baseline cannot keep whole: where its people are, the group it was placed in first. */
export interface BaselineSplit {
  unit: string;
  unitName: string;
  parts: { group: string; groupName: string; population: number }[];
}

/**
 * Display overlays, written to `geodata/dist/overlays.json` and loaded lazily by the map. WGS84 TopoJSON with
 * objects `lad` and `utla` (England only), `id` = council code, `properties.name`.
 */
export interface Overlays {
  version: typeof BUNDLE_VERSION;
  inputsHash: string;
  topology: Topology<{ lad: GeometryCollection; utla: GeometryCollection }>;
}
