/**
 * A generation problem: the starting scenario compiled onto the node graph with its constraints, checked once
 * so the chain can trust it. Systems are numbered as in the starting scenario (system `d` is
 * `start.systems[d]`), and that numbering is the chain's labels throughout; when the number of systems may grow,
 * labels `start.systems.length` .. `k − 1` are there for the systems that splits make.
 */
import type { Geography } from '../geography.ts';
import type { ScenarioV1 } from '../scenario.ts';
import { ScenarioError } from '../errors.ts';
import { UNASSIGNED, partitionOf } from '../partition.ts';
import { keepWholeOf, nodeGraph, type KeepWhole, type NodeGraph } from './graph.ts';
import type { Band, CountRange } from './recom.ts';

export interface Constraints {
  /** Population band for every system (absolute, persons, inclusive); default: the scenario's own. */
  band?: Band;
  /** Ids of systems left untouched, beside those the scenario marks locked. */
  lock?: readonly string[];
  /** Each organisation stays inside one system (contracted to one node). */
  keepOrganisations?: boolean;
  /** Systems only merge with systems of the same NHS region, so each stays inside its region. */
  withinRegions?: boolean;
  /** Further unit → group arrays whose groups stay whole (e.g. the 2019 CCG of each finer unit). */
  keepWhole?: readonly KeepWhole[];
  /** How many systems a plan may have (inclusive); default: the starting scenario's number, fixed. */
  systemCount?: CountRange;
}

export interface Problem {
  geo: Geography;
  start: ScenarioV1;
  graph: NodeGraph;
  /** Labels of systems: the most systems a plan may have, at least the start's number. */
  k: number;
  /** Systems of the starting scenario. */
  startCount: number;
  systemCount: CountRange;
  band: Band;
  /** Node → system of the starting scenario. */
  startNodes: Uint16Array;
  /** Unit → system of the starting scenario. */
  startUnits: Uint16Array;
  locked: Uint8Array;
  districtRegion: Uint16Array | undefined;
  /** Unit → organisation of the starting scenario. */
  unitOrganisation: Uint16Array;
  keepOrganisations: boolean;
}

const fail = (message: string, path?: string): never => {
  throw new ScenarioError('invalid-argument', message, path);
};

/**
 * Compiles and checks a starting scenario. `forChain` false skips what only a chain needs (connected systems),
 * for scoring a planner's scenario as it is.
 */
export function generationProblem(geo: Geography, start: ScenarioV1, c: Constraints = {}, forChain = true): Problem {
  const band = c.band ?? start.settings.band;
  if (!(Number.isFinite(band.min) && Number.isFinite(band.max) && band.min >= 0 && band.min <= band.max)) {
    fail(`band: ${band.min}–${band.max} is not a band (0 ≤ min ≤ max)`, 'band');
  }
  const systems = partitionOf(start.systems, geo);
  const startCount = start.systems.length;
  if (startCount < 2) fail(`the scenario has ${startCount} system${startCount === 1 ? '' : 's'}; generating needs at least two`, 'systems');
  if (startCount > UNASSIGNED) fail(`the scenario has ${startCount} systems; at most ${UNASSIGNED} are supported`, 'systems');
  const systemCount = c.systemCount ?? { min: startCount, max: startCount };
  checkSystemCount(systemCount, startCount);
  const k = Math.max(startCount, systemCount.max);
  if (systems.unassigned > 0) fail(`${systems.unassigned} units are in no system; every unit needs one to generate`, 'systems');
  const organisations = partitionOf(start.organisations, geo);
  if (c.keepOrganisations && organisations.unassigned > 0) fail(`${organisations.unassigned} units are in no organisation`, 'organisations');

  const keep: KeepWhole[] = [...(c.keepWhole ?? [])];
  if (c.keepOrganisations) keep.push(keepWholeOf(geo.n, organisations.members));
  const graph = nodeGraph(geo, keep);
  if (systemCount.max > graph.n) fail(`systemCount: at most ${graph.n} systems can be made (one per unit kept whole), not ${systemCount.max}`, 'systemCount');
  const startUnits = Uint16Array.from(systems.unitToGroup);
  const startNodes = new Uint16Array(graph.n);
  for (let v = 0; v < graph.n; v++) {
    const first = graph.nodeUnits[graph.nodeOffsets[v]];
    const d = startUnits[first];
    for (let q = graph.nodeOffsets[v]; q < graph.nodeOffsets[v + 1]; q++) {
      const i = graph.nodeUnits[q];
      if (startUnits[i] !== d) {
        fail(`${geo.codes[first]} and ${geo.codes[i]} must stay together but are in systems "${start.systems[d].name}" and "${start.systems[startUnits[i]].name}"`, 'systems');
      }
    }
    startNodes[v] = d;
  }
  if (forChain) checkContiguous(graph, startNodes, k, (d) => start.systems[d].name);

  const locked = new Uint8Array(k);
  start.systems.forEach((s, d) => (locked[d] = s.locked ? 1 : 0));
  c.lock?.forEach((id, j) => {
    const d = start.systems.findIndex((s) => s.id === id);
    if (d < 0) fail(`lock[${j}]: no system has id "${id}"`, `lock[${j}]`);
    locked[d] = 1;
  });

  let districtRegion: Uint16Array | undefined;
  if (c.withinRegions) {
    districtRegion = new Uint16Array(k).fill(UNASSIGNED);
    for (let i = 0; i < geo.n; i++) {
      const d = startUnits[i];
      const r = geo.regionOf[i];
      if (districtRegion[d] === UNASSIGNED) districtRegion[d] = r;
      else if (districtRegion[d] !== r) fail(`system "${start.systems[d].name}" crosses NHS regions; keeping systems within regions needs a start where none does`, 'systems');
    }
  }
  return {
    geo, start, graph, k, startCount, systemCount: { min: systemCount.min, max: systemCount.max }, band: { min: band.min, max: band.max }, startNodes, startUnits, locked, districtRegion,
    unitOrganisation: Uint16Array.from(organisations.unitToGroup), keepOrganisations: !!c.keepOrganisations,
  };
}

/**
 * The rule for a range of system counts: whole numbers, 1 ≤ min ≤ max, and the start's count inside (a chain
 * walks from the start, so it must be a plan the range allows). The web's control is checked here too.
 */
export function checkSystemCount(range: CountRange, startCount: number): void {
  const { min, max } = range;
  if (!(Number.isInteger(min) && Number.isInteger(max) && min >= 1 && min <= max && max <= UNASSIGNED)) {
    fail(`systemCount: ${min}–${max} is not a range of system counts (whole numbers, 1 ≤ min ≤ max ≤ ${UNASSIGNED})`, 'systemCount');
  }
  if (startCount < min || startCount > max) {
    fail(`systemCount: the scenario has ${startCount} systems, outside the range ${min}–${max} asked for`, 'systemCount');
  }
}

/** Every system of a node plan must be connected: ReCom merges two by a walk from their shared edge. */
function checkContiguous(g: NodeGraph, plan: Uint16Array, k: number, name: (d: number) => string): void {
  const seen = new Uint8Array(g.n);
  const seenSystem = new Uint8Array(k);
  const queue = new Uint32Array(g.n);
  for (let s = 0; s < g.n; s++) {
    if (seen[s]) continue;
    const d = plan[s];
    if (seenSystem[d]) fail(`system "${name(d)}" is not contiguous; generating needs every system in one piece`, 'systems');
    seenSystem[d] = 1;
    let tail = 0;
    queue[tail++] = s;
    seen[s] = 1;
    for (let h = 0; h < tail; h++) {
      const v = queue[h];
      for (let q = g.offsets[v]; q < g.offsets[v + 1]; q++) {
        const w = g.neighbours[q];
        if (!seen[w] && plan[w] === d) {
          seen[w] = 1;
          queue[tail++] = w;
        }
      }
    }
  }
}
