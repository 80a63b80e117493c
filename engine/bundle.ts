/**
 * The data bundle: the contract between the build in `geodata/` and the engine.
 *
 * `geodata/build.ts` writes it as `geodata/dist/bundle.json`; the engine reads it through
 * `Geography.fromBundle`. Tables are column-oriented: `units.code[i]`, `units.population[i]`, … all describe
 * unit `i`, and unit `i` is also `topology.objects.units.geometries[i]`. Cross-references are indices into the
 * table named in the comment. Sparse unit × area tables are flat triples `[unit, area, population, …]`.
 */
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { ScenarioV1 } from './scenario.ts';

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

export interface Bundle {
  version: typeof BUNDLE_VERSION;
  /** sha256 over the sha256 of every input file and the build options: same inputs, same bundle. */
  inputsHash: string;
  /** Identifier of the unit set, e.g. `ccg-2019`. Scenarios carry it and are refused on another unit set. */
  unitSet: string;
  /** Human description of the unit vintage, e.g. `Clinical Commissioning Groups (April 2019)`. */
  unitVintage: string;
  /** e.g. `ONS mid-2018 population estimates (SAPE21DT5, CCG April 2019)`. */
  populationSource: string;
  englandPopulation: number;
  units: {
    /** ONS code, E38… */
    code: string[];
    /** NHS (ODS) code, e.g. 03Q */
    nhsCode: string[];
    name: string[];
    /** Mid-2018 resident population. */
    population: number[];
    /** Index into `stp2019`. */
    stp: number[];
    /** Index into `regions`. */
    region: number[];
    /** Active GP practices (epraccur, November 2019, status A, prescribing setting 4). */
    gpPractices: number[];
    /** Average registered patients 2018/19 (NHS Payments to General Practice). */
    registeredPatients: number[];
    /** Geodesic area of the unit's (generalised) boundary in km². */
    areaKm2: number[];
  };
  stp2019: AreaTable;
  regions: AreaTable;
  /** Later vintages. `ccg2020.stp[i]` indexes `stp2020`; likewise 2021. */
  ccg2020: AreaTable & { stp: number[] };
  stp2020: AreaTable;
  ccg2021: AreaTable & { stp: number[] };
  stp2021: AreaTable;
  icb2022: AreaTable;
  membership: {
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
  /** Baseline scenarios, by id: stp-2019, ccg-2020, ccg-2021, one-ccg-per-ics, icb-2022, regions. */
  baselines: Record<string, ScenarioV1>;
  provenance: Provenance;
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
