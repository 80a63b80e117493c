/**
 * Phase profile of one LSOA-level piece move (the bench's row g), by CPU time: what the Evaluator's incremental
 * update spends per phase. `npx tsx tests/bench/movePhases.ts`.
 */
import { loadUnitSet } from '../../geodata/load.ts';
import { Geography } from '../../engine/geography.ts';
import { topologyIndex, type TopologyIndex } from '../../engine/topologyIndex.ts';
import { Evaluator } from '../../engine/evaluate.ts';
import { compileGroup, partitionOf } from '../../engine/partition.ts';
import { assignUnits } from '../../engine/scenario.ts';
import { footprintMetrics } from '../../engine/metrics.ts';
import { componentsOf } from '../../engine/contiguity.ts';
import { coterminosity } from '../../engine/councils.ts';
import { dissolveUnits, perimeterKm } from '../../engine/dissolve.ts';
import { Checker } from '../../engine/checks.ts';
import { borderPiece } from './unitsets.ts';
import { moveAndBack } from './moveAndBack.ts';

const bundle = loadUnitSet('lsoa-2011');
const geo = Geography.fromBundle(bundle);
const ix: TopologyIndex = topologyIndex(geo);
const stp = bundle.baselines['stp-2019'];

// The bench's piece (tests/bench/unitsets.ts).
const { name: pieceName, codes: pieceCodes, homeId, away } = borderPiece(geo, bundle, stp);

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const wall = () => Number(process.hrtime.bigint()) / 1e6;
/** Wall median and mean CPU of `fn`; `before` runs untimed ahead of each call. */
function time(label: string, runs: number, fn: () => void, before?: () => void): void {
  for (let k = 0; k < 5; k++) {
    before?.();
    fn();
  }
  const w: number[] = [];
  let c = 0;
  for (let k = 0; k < runs; k++) {
    before?.();
    const c0 = cpu();
    const t0 = wall();
    fn();
    w.push(wall() - t0);
    c += cpu() - c0;
  }
  w.sort((a, b) => a - b);
  console.log(`${label.padEnd(46)} wall median ${w[(runs - 1) >> 1].toFixed(3)} ms   cpu mean ${(c / runs).toFixed(3)} ms`);
}

const moved = assignUnits(stp, pieceCodes, away);
const changed = moved.systems.filter((s) => s.id === homeId || s.id === away);
const big = compileGroup(changed[0].units, geo).members;
console.log(`piece ${pieceName} (${pieceCodes.length} LSOAs), changed systems ${changed.map((s) => s.units.length).join(' and ')} LSOAs`);

time('footprintMetrics (one changed system)', 100, () => footprintMetrics(geo, big));
time('  componentsOf', 100, () => componentsOf(geo, big));
time('  coterminosity utla+lad', 100, () => {
  coterminosity(geo, big, 'utla');
  coterminosity(geo, big, 'lad');
});
time('  perimeterKm', 100, () => perimeterKm(ix, big));
time('dissolveUnits (one changed system)', 100, () => dissolveUnits(ix, big));
time('compileGroup (uncached: units → indices)', 100, () => compileGroup([...changed[0].units], geo));
time('partitionOf (new systems array)', 100, () => partitionOf([...moved.systems], geo));
{
  const ev = new Evaluator(geo).evaluate(moved);
  const checker = new Checker(geo);
  const inp = { systems: ev.systems, organisations: ev.organisations, systemPartition: ev.systemPartition, organisationPartition: ev.organisationPartition };
  checker.check(moved, inp);
  time('Checker.check (warm, nothing changed)', 100, () => checker.check(moved, inp));
}

// The whole move, as in the bench.
const move = moveAndBack(geo, stp, pieceCodes, away);
time('move: evaluate + footprints (bench row g)', 150, move.step, move.before);
