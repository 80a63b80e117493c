/**
 * `npm run bench`: the budgets of DESIGN.md on the real bundle, with the comparisons in the same run.
 *
 * (a) dissolve the 42 STP 2019 systems from 191 units, cold cache (a new Dissolver each run; the topology
 *     index is built once per geography, as in the app);
 * (b) the same with topojson-client `merge`, one call per system;
 * (c) the same with `turf.union` of each system's unit polygons (GeoJSON);
 * (d) one reassignment: a border CCG moves to a neighbouring system and back, alternately; each step evaluates
 *     the new scenario (metrics, summary, findings) and dissolves the systems' footprints, with the two changed
 *     groups evicted from the caches beforehand so they are really measured and dissolved again.
 * (e) start-up of the `footprints` command, whole process beside `node -e 0` (startup.ts).
 * Prints medians, p95, budget and PASS/FAIL; writes artifacts/bench.json. Exit code 1 when a budget fails.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { feature, merge } from 'topojson-client';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { GeometryObject, Topology } from 'topojson-specification';
import { loadBundle, loadUnitSet } from '../../geodata/load.ts';
import { REPO_ROOT } from '../../geodata/paths.ts';
import { Geography } from '../../engine/geography.ts';
import { topologyIndex } from '../../engine/topologyIndex.ts';
import { Dissolver } from '../../engine/dissolve.ts';
import { partitionOf } from '../../engine/partition.ts';
import { benchRecom, benchRecomLsoa, GERRYCHAIN_STEPS_PER_S } from './recom.ts';
import { measureStartup } from './startup.ts';
import { benchUnitSets } from './unitsets.ts';
import { moveAndBack } from './moveAndBack.ts';
import type { BenchRow } from './row.ts';

type Stats = BenchRow;

function measure(runs: number, warmup: number, fn: () => void, before?: () => void): { median: number; p95: number; runs: number } {
  for (let k = 0; k < warmup; k++) {
    before?.();
    fn();
  }
  const t = new Float64Array(runs);
  for (let k = 0; k < runs; k++) {
    before?.();
    const t0 = process.hrtime.bigint();
    fn();
    t[k] = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  t.sort();
  return { median: t[Math.floor((runs - 1) / 2)], p95: t[Math.min(runs - 1, Math.ceil(0.95 * runs) - 1)], runs };
}

const bundle = loadBundle();
const geo = Geography.fromBundle(bundle);
const ix = topologyIndex(geo);
const topo = bundle.topology as unknown as Topology;
const stp = bundle.baselines['stp-2019'];
const part = partitionOf(stp.systems, geo);
const unitGeoms = (topo.objects.units as { geometries: GeometryObject[] }).geometries;
const unitFeatures = (feature(topo, topo.objects.units) as FeatureCollection<Polygon | MultiPolygon>).features;
let sink = 0;

// (a) engine dissolve, cold cache.
const a = measure(2000, 200, () => {
  const d = new Dissolver(ix);
  for (const m of part.members) sink += d.dissolve(m).arcs.length;
});

// (b) topojson-client merge.
const systemGeoms = part.members.map((m) => Array.from(m, (i) => unitGeoms[i]) as Parameters<typeof merge>[1]);
const b = measure(200, 20, () => {
  for (const g of systemGeoms) sink += merge(topo, g).coordinates.length;
});

// (c) turf.union.
const systemFcs = part.members.map((m) => turf.featureCollection(Array.from(m, (i) => unitFeatures[i])));
const c = measure(15, 2, () => {
  for (const fc of systemFcs) {
    const u = fc.features.length === 1 ? fc.features[0] : (turf.union(fc) as Feature<Polygon | MultiPolygon>);
    sink += u.geometry.coordinates.length;
  }
});

// (d) one reassignment: the first unit (in unit order) with a land neighbour in another system.
let mover = -1;
let target = -1;
for (let i = 0; i < geo.n && mover < 0; i++) {
  for (let e = geo.adjOffsets[i]; e < geo.adjOffsets[i + 1]; e++) {
    const j = geo.adjNeighbours[e];
    if (!geo.adjIsWater[e] && part.unitToGroup[j] !== part.unitToGroup[i] && part.members[part.unitToGroup[i]].length > 1) {
      mover = i;
      target = part.unitToGroup[j];
      break;
    }
  }
}
const move = moveAndBack(geo, stp, [geo.codes[mover]], stp.systems[target].id);
const d = measure(3000, 300, () => (sink += move.step()), move.before);

// (e) ReCom on GerryChain's anchor setting (tests/bench/recom.ts).
const recom = benchRecom(geo);

const speedupTurf = c.median / a.median;
const speedupMerge = b.median / a.median;
const stats: Stats[] = [
  { name: 'dissolve 42 STP 2019 systems (engine, cold cache)', runs: a.runs, medianMs: a.median, p95Ms: a.p95, budget: '≤ 1 ms median', pass: a.median <= 1 },
  { name: 'same, topojson-client merge', runs: b.runs, medianMs: b.median, p95Ms: b.p95, budget: 'comparison', pass: null },
  { name: 'same, turf.union', runs: c.runs, medianMs: c.median, p95Ms: c.p95, budget: 'comparison', pass: null },
  { name: 'speedup vs turf.union (median)', runs: 0, medianMs: NaN, p95Ms: NaN, budget: '≥ 50×', pass: speedupTurf >= 50 },
  {
    name: `one reassignment (${geo.names[mover]} ↔ ${stp.systems[target].name}): evaluate + 2 footprints`,
    runs: d.runs, medianMs: d.median, p95Ms: d.p95, budget: '≤ 0.2 ms median', pass: d.median <= 0.2,
  },
  { name: `ReCom, one chain: ${Math.round(recom.stepsPerSecond)} steps/s (${(recom.stepsPerSecond / GERRYCHAIN_STEPS_PER_S).toFixed(1)}× GerryChain's ${GERRYCHAIN_STEPS_PER_S})`, runs: 0, medianMs: 1000 / recom.stepsPerSecond, p95Ms: NaN, budget: '≥ 30,000 steps/s', pass: recom.stepsPerSecond >= 30_000 },
  { name: `ReCom heap growth over ${recom.memorySteps.toLocaleString('en-GB')} steps: ${(recom.heapGrowthBytes / 1024).toFixed(0)} KiB`, runs: 0, medianMs: NaN, p95Ms: NaN, budget: 'flat (≤ 1 MiB)', pass: recom.heapGrowthBytes <= 1 << 20 },
];

stats.push(...measureStartup());
const lsoa = await benchUnitSets(measure);
stats.push(...lsoa.stats);
// ReCom on lsoa-2011 from STP 2019, after the LSOA heap figure so its own load does not count there. The Humber
// south bank starts in Lincolnshire: the LSOA boundaries stop at the coast, so nothing crosses the estuary.
const recomLsoa = benchRecomLsoa(Geography.fromBundle(loadUnitSet('lsoa-2011')));
stats.push({ name: `ReCom on lsoa-2011, one chain: ${Math.round(recomLsoa.stepsPerSecond)} steps/s`, runs: 0, medianMs: 1000 / recomLsoa.stepsPerSecond, p95Ms: NaN, budget: '≥ 500 steps/s', pass: recomLsoa.stepsPerSecond >= 500 });

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : '');
const rows = stats.map((s) => [
  s.name,
  s.runs ? String(s.runs) : '',
  fmt(s.medianMs),
  fmt(s.p95Ms),
  s.name.startsWith('speedup') ? `${speedupTurf.toFixed(0)}× (merge: ${speedupMerge.toFixed(1)}×)` : s.budget,
  s.pass === null ? '' : s.pass ? 'PASS' : 'FAIL',
]);
const header = ['benchmark', 'runs', 'median ms', 'p95 ms', 'budget / result', ''];
const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
const line = (r: string[]) => r.map((c, k) => c.padEnd(widths[k])).join('  ');
console.log(`Footprints bench — ${geo.n} units, ${ix.nArcs} arcs, Node ${process.version}`);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
console.log(`LSOA Geography + topology index + warm Evaluator: ${lsoa.heapMB.toFixed(0)} MB heap used`);
if (stats.some((s) => s.pass === false)) process.exitCode = 1;

const out = {
  date: new Date().toISOString(),
  node: process.version,
  units: geo.n,
  arcs: ix.nArcs,
  bundleInputsHash: bundle.inputsHash,
  results: stats.map((s) => ({ ...s, medianMs: Number.isFinite(s.medianMs) ? s.medianMs : null, p95Ms: Number.isFinite(s.p95Ms) ? s.p95Ms : null })),
  speedupVsTurfUnion: speedupTurf,
  speedupVsTopojsonMerge: speedupMerge,
  recom,
  recomLsoa,
  checksum: sink,
  lsoaGeographyHeapMB: lsoa.heapMB,
};
mkdirSync(join(REPO_ROOT, 'artifacts'), { recursive: true });
writeFileSync(join(REPO_ROOT, 'artifacts', 'bench.json'), JSON.stringify(out, null, 2) + '\n');
