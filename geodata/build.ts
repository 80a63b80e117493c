/**
 * The data build (`npm run geodata`): raw ONS / NHS Digital files → geodata/dist/bundle.json + overlays.json,
 * following the contract in engine/bundle.ts. Deterministic (no timestamps, sorted tables, quantized
 * coordinates, fixed rounding) and loud: any failed check throws an Error naming the check and the codes.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { BUNDLE_VERSION, unitSetFile, type Bundle, type Overlays } from '../engine/bundle.ts';
import { buildLsoaTopology } from './lsoaTopology.ts';
import { buildDistrictUnitSet, buildLsoaUnitSet, checkCcgAreas } from './fineUnitSets.ts';

const UNIT_SET = 'ccg-2019';
import { readLookups } from './lookups.ts';
import { readPopulations, ENGLAND_POPULATION_2018 } from './population.ts';
import { readGp } from './gp.ts';
import { placeIcb2022, ICB_WHOLE_SHARE, ICB_WHOLE_CCG21_SHARE } from './icb.ts';
import { BUILD_OPTIONS } from './options.ts';
import { areaTable } from './membership.ts';
import { placeUnits, vintageTables } from './places.ts';
import { buildCouncils } from './councils.ts';
import { readUnitBoundaries, buildUnitTopology } from './boundaries.ts';
import { buildAdjacency } from './adjacency.ts';
import { buildBaselines } from './baselines.ts';
import { buildOverlays } from './overlays.ts';
import { hashInputs } from './provenance.ts';
import { validateBundle } from './validate.ts';
import { ATTRIBUTION } from './sources.ts';
import { fail, requireCount } from './checks.ts';
import { rawDir as defaultRawDir, DIST_DIR, BUNDLE_FILE, OVERLAYS_FILE } from './paths.ts';


export interface BuildResult {
  bundle: Bundle;
  unitSets: Bundle[];
  overlays: Overlays;
  files: { path: string; bytes: number; gzipBytes: number }[];
  splitCcg21: string[];
  waterLinks: string[];
  ms: number;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export async function build(opts: { rawDir?: string; outDir?: string; log?: (line: string) => void } = {}): Promise<BuildResult> {
  const t0 = Date.now();
  const raw = resolve(opts.rawDir ?? defaultRawDir());
  const outDir = resolve(opts.outDir ?? DIST_DIR);
  const log = opts.log ?? (() => {});
  const notes: string[] = [];

  const { sources, inputsHash } = hashInputs(raw, BUILD_OPTIONS);
  const lk = readLookups(raw);
  const pop = readPopulations(raw, lk);
  const gp = readGp(raw, lk);

  const unitIndex = new Map(lk.ccg19.map((c, i) => [c.code, i]));
  const stp2019 = areaTable(lk.ccg19.map((c) => [c.stpCode, c.stpName]));
  requireCount('STP 2019', stp2019.code.length, 42, 'STPs');

  // NHS region per CCG19: no ONS CCG19 → NHSER19 lookup exists, so go LSOA → CCG21 → NHSER21 (same codes as
  // NHSER19) and require each CCG19 to fall wholly in one region.
  const regions = areaTable(lk.regionNames);
  const unitRegions = lk.ccg19.map(() => new Set<number>());
  for (const r of lk.lsoa) unitRegions[unitIndex.get(r.ccg19)!].add(regions.index.get(lk.ccg21.get(r.ccg21)!.regionCode)!);
  const straddling = lk.ccg19.filter((_, u) => unitRegions[u].size !== 1).map((c) => c.code);
  if (straddling.length) fail('each CCG19 falls wholly in one NHS region', straddling.join(', '));
  const unitRegion = unitRegions.map((s) => [...s][0]);
  const stpRegions = new Map<number, Set<number>>();
  lk.ccg19.forEach((c, u) => stpRegions.set(stp2019.index.get(c.stpCode)!, (stpRegions.get(stp2019.index.get(c.stpCode)!) ?? new Set()).add(unitRegion[u])));
  const stpStraddling = [...stpRegions].filter(([, s]) => s.size > 1).map(([k]) => stp2019.code[k]);
  if (stpStraddling.length) fail('each STP19 falls wholly in one NHS region', stpStraddling.join(', '));
  notes.push('NHS region of each CCG 2019 derived via LSOA 2011 → CCG 2021 → NHS England region 2021 (codes identical to 2019); every CCG 2019 and every STP 2019 falls wholly in one region.');

  // Every vintage's tables, and each LSOA's place in them (ICB 2022: lookups, boundaries where re-issued; icb.ts).
  const icb = await placeIcb2022(raw, lk, pop.lsoa);
  const vt = vintageTables(raw, lk, icb);
  const ccgOfLsoa = vt.places.ccg2019;
  const placed = placeUnits(ccgOfLsoa, lk.ccg19.length, lk, pop, vt.places);
  log(
    `ICB 2022: ${icb.nearestFallback.length} coastal LSOAs placed in the nearest ICB; ${icb.movedByRule} border LSOAs moved by the CCG21 (${pct(ICB_WHOLE_CCG21_SHARE)}) and CCG21 × LAD (${pct(ICB_WHOLE_SHARE)}) rules; pieces left at LSOA level: ${icb.lsoaLevel.join(', ') || 'none'}`,
  );
  const splitCcg21 = icb.splitCcg21.map((c) => {
    const total = c.shares.reduce((a, s) => a + s.pop, 0);
    return `${c.code} ${c.name}: ${c.shares.map((s) => `${s.icb} ${vt.tables.icb2022.name[vt.tables.icb2022.code.indexOf(s.icb)]} ${s.pop} (${pct(s.pop / total)})`).join(', ')}`;
  });
  for (const line of splitCcg21) log(`  CCG21 split between ICBs: ${line}`);
  notes.push(
    `ICB July 2022 membership of each LSOA 2011: from the lookups (LSOA → CCG 2021 → the SICBL of the same code in the April 2023 SICBL → ICB → NHS region lookup) for every CCG 2021 whose code is still a SICBL code; the build checks that the boundary placement below agrees for every one of those LSOAs. The CCGs 2021 whose code was re-issued in July 2022 (their boundaries changed: Glossop, West Birmingham, East Northamptonshire …) are placed by the ICB 2022 BUC polygons: each LSOA by an interior point (${icb.nearestFallback.length} coastal LSOAs outside every polygon went to the nearest ICB), then decided per CCG 2021 (at least ${pct(ICB_WHOLE_CCG21_SHARE)} of its population in one ICB: wholly to it), else per CCG 2021 × LAD 2019 piece (at least ${pct(ICB_WHOLE_SHARE)}: wholly to it), else per LSOA (${icb.lsoaLevel.length} pieces); ${icb.movedByRule} border LSOAs moved. CCGs 2021 split between ICBs: ${icb.splitCcg21.map((c) => `${c.code} ${c.name}`).join('; ') || 'none'}.`,
  );

  const councils = buildCouncils(lk, pop, unitIndex);
  notes.push('Council overlaps: LSOA 2011 mid-2018 populations summed by CCG 2019 × LAD 2019 (LSOA lookup) and × UTLA 2019 (LTLA → UTLA lookup); LAD and UTLA totals equal MYE2-All.');

  // Geometry.
  const bnd = readUnitBoundaries(raw, lk);
  notes.push(...bnd.notes);
  const geo = buildUnitTopology(bnd.features, unitRegion, regions, BUILD_OPTIONS.units);
  const adjacency = buildAdjacency(geo.topology, geo.features);
  const waterLinks: string[] = [];
  for (let k = 0; k < adjacency.water.length; k += 2) {
    waterLinks.push(`${lk.ccg19[adjacency.water[k]].name} ↔ ${lk.ccg19[adjacency.water[k + 1]].name}`);
  }
  notes.push(
    'CCG April 2019 BUC boundaries reprojected from British National Grid (the file has no crs member) to WGS84 with proj4 (OSGB36 → WGS84 7-parameter Helmert shift).',
    `Simplified with topojson-simplify (Visvalingam, effective area ≥ ${BUILD_OPTIONS.units.minWeightM2} m² in BNG metres; shared arcs simplified once, so the topology is preserved; rings keep at least 3 points), then quantized to ${BUILD_OPTIONS.units.quantization} steps; every final unit geometry checked free of self-intersections.`,
    'NHS region outlines merged from the unit geometries on the same topology (topojson mergeArcs).',
    'Area in km² computed with turf.area (spherical, mean Earth radius) on the final generalised WGS84 geometry; at English latitudes this reads about 0.4% below ellipsoidal or BNG planar areas (England: about 130,200 km² here against 130,662 km² from the BNG shape areas).',
    `Land adjacency: units sharing an arc of the final topology. ${adjacency.waterRule} Water links: ${waterLinks.join('; ') || 'none'}.`,
    `GP practices: epraccur (November 2019) records with status A and prescribing setting 4, by commissioner (col 15, CCG 2019 NHS code). Registered patients: average 2018/19 list sizes (NHS Payments to General Practice), CCG from epraccur by practice code${gp.fallbacks.length ? `, falling back to the payments file's CCG (CCG18 → CCG19 map) for ${gp.fallbacks.join(', ')}` : ''}; rounded per CCG to sum to the national total.`,
    `Mid-2018 population per CCG 2019 from SAPE21DT5, equal for all 191 CCGs to the sum of their LSOAs (SAPE21DT11); England ${ENGLAND_POPULATION_2018.toLocaleString('en-GB')}.`,
    'Overlays: LAD December 2019 BUC (WGS84) and Counties and Unitary Authorities December 2019 BUC (BNG → WGS84), England only, simplified in BNG metres and quantized.',
  );

  const unitPopulation = lk.ccg19.map((c) => pop.ccg.get(c.code)!);
  const tables = {
    unitSet: UNIT_SET,
    units: {
      code: lk.ccg19.map((c) => c.code),
      nhsCode: lk.ccg19.map((c) => c.nhsCode),
      name: lk.ccg19.map((c) => c.name),
      population: unitPopulation,
      stp: lk.ccg19.map((c) => stp2019.index.get(c.stpCode)!),
      region: unitRegion,
      gpPractices: lk.ccg19.map((c) => gp.practices.get(c.nhsCode)!),
      registeredPatients: lk.ccg19.map((c) => gp.patients.get(c.nhsCode)!),
      areaKm2: geo.areaKm2,
    },
    ...vt.tables,
    membership: placed.membership,
  };
  const noun = { one: 'CCG', many: 'CCGs' };
  const { baselines, splits: baselineSplits } = buildBaselines(tables, noun);
  for (const s of baselineSplits['icb-2022']) log(`  CCG 2019 split between ICBs: ${s.unitName}: ${s.parts.map((p) => `${p.population} ${p.groupName}`).join(', ')}`);

  const bundle: Bundle = {
    version: BUNDLE_VERSION,
    inputsHash,
    noun,
    unitVintage: 'Clinical Commissioning Groups (April 2019)',
    populationSource: 'ONS mid-2018 population estimates (SAPE21DT5, CCG April 2019)',
    englandPopulation: ENGLAND_POPULATION_2018,
    ...tables,
    councils,
    adjacency,
    topology: geo.topology,
    baselines,
    baselineSplits,
    provenance: { sources, attribution: ATTRIBUTION, notes },
  };
  validateBundle(bundle);

  // The finer unit sets, from one seamless LSOA topology (mapshaper), written beside the first-load bundle.
  const tLsoa = Date.now();
  const lsoaTopo = await buildLsoaTopology(raw, lk.lsoa.map((r) => r.code), BUILD_OPTIONS.lsoa);
  log(`LSOA topology: ${lsoaTopo.topology.arcs.length} arcs, ${lsoaTopo.slivers} slivers, ${((Date.now() - tLsoa) / 1000).toFixed(1)} s`);
  const fine = { lk, pop, tables: vt.tables, places: vt.places, ccg: bundle, lsoa: lsoaTopo, quantization: BUILD_OPTIONS.lsoa.quantization };
  const areaReport = checkCcgAreas(fine);
  log(`CCG areas from LSOAs beyond 1% of the summed SAPE21DT11 areas: ${areaReport.join(', ') || 'none'}`);
  notes.push(`The area of every CCG 2019 as the union of its LSOAs is within 1% of the sum of its LSOAs' ONS areas (SAPE21DT11 "Area Sq Km"), within 3% on the coast (${areaReport.join(', ') || 'none beyond 1%'}).`);
  const district = buildDistrictUnitSet(fine);
  const districtSet = district.bundle;
  const lsoaSet = buildLsoaUnitSet(fine, district.unitOf);
  for (const b of [districtSet, lsoaSet]) log(`${b.unitSet}: ${b.units.code.length} units, ${b.adjacency.land.length / 2} land pairs, ${b.adjacency.water.length / 2} water links`);

  const overlays = await buildOverlays(raw, inputsHash, councils.lad.code, councils.utla.code, BUILD_OPTIONS.overlays);

  mkdirSync(outDir, { recursive: true });
  const outputs: [string, unknown][] = [[BUNDLE_FILE, bundle], [OVERLAYS_FILE, overlays], [unitSetFile(districtSet.unitSet), districtSet], [unitSetFile(lsoaSet.unitSet), lsoaSet]];
  const files = outputs.map(([name, obj]) => {
    const text = JSON.stringify(obj);
    const path = join(outDir, name);
    // Write then rename, so a reader (ensure.ts, a test in another worker) never sees half a file.
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, path);
    return { path, bytes: Buffer.byteLength(text), gzipBytes: gzipSync(text, { level: 9 }).length };
  });
  return { bundle, unitSets: [bundle, districtSet, lsoaSet], overlays, files, splitCcg21, waterLinks, ms: Date.now() - t0 };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export function summary(r: BuildResult): string[] {
  const b = r.bundle;
  return [
    `geodata: ${b.units.code.length} units, ${b.stp2019.code.length} STPs 2019, ${b.regions.code.length} regions, ${b.ccg2020.code.length} CCGs 2020, ${b.ccg2021.code.length} CCGs 2021, ${b.icb2022.code.length} ICBs 2022, ${b.councils.lad.code.length} LADs, ${b.councils.utla.code.length} UTLAs`,
    `  England ${b.englandPopulation.toLocaleString('en-GB')}; ${(b.units.gpPractices ?? []).reduce((a, x) => a + x, 0)} active GP practices; ${(b.units.registeredPatients ?? []).reduce((a, x) => a + x, 0).toLocaleString('en-GB')} registered patients`,
    `  adjacency: ${b.adjacency.land.length / 2} land pairs, ${b.adjacency.water.length / 2} water links (${r.waterLinks.join('; ')})`,
    `  ICB 2022 splits kept: ${r.splitCcg21.length} CCG21s`,
    ...r.files.map((f) => `  ${f.path}: ${kb(f.bytes)} raw, ${kb(f.gzipBytes)} gzipped`),
    `  total gzipped ${kb(r.files.reduce((a, f) => a + f.gzipBytes, 0))}; built in ${(r.ms / 1000).toFixed(1)} s`,
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  build({ log: (l) => console.log(l) })
    .then((r) => summary(r).forEach((l) => console.log(l)))
    .catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
}

