/**
 * How the footprints got here: the built-in vintages in date order, and what changed from each to the next,
 * computed by the engine's compare (compare.ts) on whatever unit set the bundle has, so the same function runs
 * unchanged on a finer unit set (where ICB 2022 is exact).
 *
 * A merger is an organisation of the later step whose units came from more than one organisation of the earlier
 * step; a move is a unit whose system changed (compare's `systemMoved`: its later system is not the partner of
 * its earlier one).
 */
import type { Geography } from './geography.ts';
import { UNIT_SETS, type BaselineSplit, type Bundle } from './bundle.ts';
import { scenarioFromBaseline, type ScenarioV1 } from './scenario.ts';
import { compareScenarios, type Comparison } from './compare.ts';

/** The built-in vintages of the timeline, oldest first (baseline ids of the bundle, and when each took effect). */
export const TIMELINE_VINTAGES = [
  { baseline: 'stp-2019', date: 'April 2019' },
  { baseline: 'ccg-2020', date: 'April 2020' },
  { baseline: 'ccg-2021', date: 'April 2021' },
  { baseline: 'icb-2022', date: 'July 2022' },
] as const;

export interface TimelineMerger {
  /** The organisation of the later step. */
  into: { id: string; name: string };
  /** The earlier organisations it was made from. */
  from: { id: string; name: string }[];
  population: number;
}

export interface TimelineMove {
  unit: string;
  name: string;
  population: number;
  from: string;
  to: string;
}

export interface TimelineStep {
  baseline: string;
  /** The unit set the lists were computed on (its units are what `moves` names). */
  unitSet: string;
  date: string;
  name: string;
  systems: number;
  organisations: number;
  /** What changed from the previous step (none for the first). */
  mergers: TimelineMerger[];
  moves: TimelineMove[];
  /** People whose system changed. */
  peopleMoved: number;
  /**
   * The units of the map's (coarser) unit set that this vintage splits: the map draws each whole, in the group
   * holding most of its people, while the lists above give the parts exactly. Empty when the map is exact too.
   */
  mapSplits: BaselineSplit[];
}

type Exactness = Pick<Bundle, 'baselines' | 'baselineSplits'>;

/** Whether every vintage present in this unit set's descriptor is an exact union of its units. */
export function exactForTimeline(b: Exactness, vintages: readonly Vintage[] = TIMELINE_VINTAGES): boolean {
  return vintages.every((v) => !Object.prototype.hasOwnProperty.call(b.baselines, v.baseline) || (b.baselineSplits[v.baseline] ?? []).length === 0);
}

/**
 * The unit sets to try for the timeline, in order, starting at the map's: the first on which every vintage is
 * exact is used. Finer sets than that give the same lists (every vintage is a union of its units, so a move is
 * the same people, only cut smaller), so the coarsest exact one is loaded and no larger file is fetched.
 */
export function timelineUnitSets(mapUnitSet: string): string[] {
  const at = UNIT_SETS.indexOf(mapUnitSet as (typeof UNIT_SETS)[number]);
  return at < 0 ? [mapUnitSet] : UNIT_SETS.slice(at);
}

type Vintage = { baseline: string; date: string };

/** The steps of the vintages present in the bundle (a missing baseline is left out, not an error). */
export function timeline(
  geo: Geography,
  bundle: Pick<Bundle, 'baselines'>,
  vintages: readonly Vintage[] = TIMELINE_VINTAGES,
  /** The descriptor the map draws the vintages on, when coarser than `geo` (for `mapSplits`). */
  map?: Pick<Bundle, 'baselineSplits'>,
): TimelineStep[] {
  const present = vintages.filter((v) => Object.prototype.hasOwnProperty.call(bundle.baselines, v.baseline));
  const scenarios = present.map((v) => scenarioFromBaseline(bundle, v.baseline));
  return present.map((v, k) => {
    const s = scenarios[k];
    const mapSplits = map?.baselineSplits[v.baseline] ?? [];
    const base = { baseline: v.baseline, unitSet: geo.unitSet, date: v.date, name: s.name, systems: s.systems.length, organisations: s.organisations.length, mapSplits };
    if (k === 0) return { ...base, mergers: [], moves: [], peopleMoved: 0 };
    const cmp = compareScenarios(geo, scenarios[k - 1], s);
    return { ...base, ...changesOf(geo, scenarios[k - 1], s, cmp) };
  });
}

function changesOf(geo: Geography, a: ScenarioV1, b: ScenarioV1, cmp: Comparison): Pick<TimelineStep, 'mergers' | 'moves' | 'peopleMoved'> {
  const orgOfA = new Map<string, { id: string; name: string }>();
  for (const o of a.organisations) for (const u of o.units) orgOfA.set(u, { id: o.id, name: o.name });
  const touched = new Set(cmp.changes.filter((c) => c.organisationMoved).map((c) => c.organisationB.id));
  const mergers: TimelineMerger[] = [];
  for (const o of b.organisations) {
    if (!touched.has(o.id)) continue;
    const from = new Map<string, { id: string; name: string }>();
    let population = 0;
    for (const u of o.units) {
      const f = orgOfA.get(u);
      if (f) from.set(f.id, f);
      population += geo.population[geo.indexOfCode(u)];
    }
    if (from.size > 1) mergers.push({ into: { id: o.id, name: o.name }, from: [...from.values()], population });
  }
  const moves = cmp.changes.filter((c) => c.systemMoved).map((c) => ({ unit: c.unit, name: c.name, population: c.population, from: c.systemA.name, to: c.systemB.name }));
  return { mergers, moves, peopleMoved: moves.reduce((t, m) => t + m.population, 0) };
}
