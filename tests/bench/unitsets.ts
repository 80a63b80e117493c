/**
 * Bench section for the LSOA unit set (DESIGN.md budgets at 32,844 units), called by run.ts:
 * (e) evaluate and dissolve the 42 STP 2019 systems from the LSOAs, cold (a new Evaluator each run);
 * (f) `mapshaper -dissolve2` of the same LSOA polygons by system, in the same run;
 * (g) moving one CCG part (~100 LSOAs) to a neighbouring system and back: metrics, findings, both footprints;
 * plus the heap used by the LSOA Geography with its topology index and a warm Evaluator (what a worker holds).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { feature } from 'topojson-client';
import mapshaper from 'mapshaper';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Topology } from 'topojson-specification';
import { loadUnitSet } from '../../geodata/load.ts';
import type { Bundle } from '../../engine/bundle.ts';
import { Geography } from '../../engine/geography.ts';
import { topologyIndex } from '../../engine/topologyIndex.ts';
import { Evaluator } from '../../engine/evaluate.ts';
import { assignUnits, type ScenarioV1 } from '../../engine/scenario.ts';
import type { BenchRow } from './row.ts';
import { moveAndBack } from './moveAndBack.ts';

export type UnitSetStats = BenchRow;

type Measure = (runs: number, warmup: number, fn: () => void, before?: () => void) => { median: number; p95: number; runs: number };

async function timeAsync(runs: number, fn: () => Promise<void>): Promise<{ median: number; p95: number; runs: number }> {
  const t: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = process.hrtime.bigint();
    await fn();
    t.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  t.sort((a, b) => a - b);
  return { median: t[Math.floor((runs - 1) / 2)], p95: t[Math.min(runs - 1, Math.ceil(0.95 * runs) - 1)], runs };
}

/** The heap in use after a full collection (V8's gc, exposed for this measurement only). */
function heapAfterGc(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

/**
 * The bench's piece: the first CCG part of 80–130 LSOAs with a neighbour in another system, its LSOA codes, the
 * system it is in and the neighbouring system it moves to.
 */
export function borderPiece(geo: Geography, bundle: Bundle, stp: ScenarioV1): { name: string; codes: string[]; homeId: string; away: string } {
  const district = loadUnitSet('ccg-district-2019');
  const parent = bundle.parents!['ccg-district-2019'];
  const children: number[][] = district.units.code.map(() => []);
  parent.forEach((p, i) => children[p].push(i));
  const systemOf = new Map(stp.systems.flatMap((s) => s.units.map((u) => [u, s.id])));
  let best = -1;
  let away = '';
  children.forEach((lsoas, p) => {
    if (lsoas.length < 80 || lsoas.length > 130 || best >= 0) return;
    const home = systemOf.get(geo.codes[lsoas[0]]);
    for (const i of lsoas) for (const j of geo.neighbours(i)) {
      const s = systemOf.get(geo.codes[j])!;
      if (s !== home && best < 0) [best, away] = [p, s];
    }
  });
  const codes = children[best].map((i) => geo.codes[i]);
  return { name: district.units.name[best], codes, homeId: systemOf.get(codes[0])!, away };
}

export async function benchUnitSets(measure: Measure): Promise<{ stats: UnitSetStats[]; heapMB: number; units: number }> {
  let sink = 0;
  const gcBefore = heapAfterGc();
  const bundle = loadUnitSet('lsoa-2011');
  const geo = Geography.fromBundle(bundle);
  topologyIndex(geo);
  const stp = bundle.baselines['stp-2019'];
  const warm = new Evaluator(geo);
  warm.evaluate(stp);
  warm.footprints('systems');
  const heapMB = (heapAfterGc() - gcBefore) / 2 ** 20;

  const e = measure(7, 1, () => {
    const ev = new Evaluator(geo);
    sink += ev.evaluate(stp).findings.length + ev.footprints('systems').length;
  });

  // The same polygons, one field per LSOA naming its system, through mapshaper's own dissolve.
  const sysOf = new Map(stp.systems.flatMap((s) => s.units.map((u) => [u, s.id])));
  const topo = bundle.topology as unknown as Topology;
  const fc = feature(topo, topo.objects.units) as FeatureCollection<Polygon | MultiPolygon>;
  const input = { type: 'FeatureCollection', features: fc.features.map((f) => ({ ...f, properties: { system: sysOf.get(String(f.id)) } })) };
  const f = await timeAsync(3, async () => {
    const out = await mapshaper.applyCommands('-i in.json -dissolve2 system -o out.json', { 'in.json': input });
    sink += out['out.json'].length;
  });

  // A CCG part of about 100 LSOAs on a system border.
  const { name: pieceName, codes: pieceCodes, homeId, away } = borderPiece(geo, bundle, stp);
  const move = moveAndBack(geo, stp, pieceCodes, away);
  const g = measure(60, 6, () => (sink += move.step()), move.before);
  const pieceIsHome = (s: ScenarioV1) => s.systems.find((x) => x.units.includes(pieceCodes[0]))!.id === homeId;
  // The scenario operation that precedes each evaluation in the app (checks codes and locks, shares the rest).
  let op = stp;
  let opTo = away;
  const h = measure(
    30,
    3,
    () => {
      op = assignUnits(op, pieceCodes, opTo);
    },
    () => {
      opTo = pieceIsHome(op) ? away : homeId;
    },
  );
  const speedup = f.median / e.median;
  const stats: UnitSetStats[] = [
    { name: `evaluate + dissolve 42 STP 2019 systems from ${geo.n} LSOAs (cold)`, runs: e.runs, medianMs: e.median, p95Ms: e.p95, budget: '≤ 100 ms median', pass: e.median <= 100 },
    { name: 'same polygons, mapshaper -dissolve2', runs: f.runs, medianMs: f.median, p95Ms: f.p95, budget: 'comparison', pass: null },
    { name: `LSOA dissolve speedup vs mapshaper -dissolve2 (median): ${speedup.toFixed(1)}×`, runs: 0, medianMs: NaN, p95Ms: NaN, budget: '≥ 10×', pass: speedup >= 10 },
    {
      name: `move one CCG part (${pieceName}, ${pieceCodes.length} LSOAs) and back: evaluate + 2 footprints`,
      runs: g.runs, medianMs: g.median, p95Ms: g.p95, budget: '≤ 2 ms median', pass: g.median <= 2,
    },
    { name: `  the scenario operation before it: assignUnits of the ${pieceCodes.length} LSOAs`, runs: h.runs, medianMs: h.median, p95Ms: h.p95, budget: 'reported', pass: null },
  ];
  if (sink === -1) console.log(sink);
  return { stats, heapMB, units: geo.n };
}
