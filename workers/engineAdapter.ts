/**
 * The worker's object: each method a thin call into the engine. Kept apart from `expose()` (engine.worker.ts)
 * so tests drive it directly in Node.
 *
 * It holds the current scenario and the history. Scenarios are immutable and share untouched groups, so the
 * history is a list of scenarios (cheap) rather than a replayed command log: undo is one step back, exact.
 */
import { transfer } from 'comlink';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { UNIT_SETS, type Bundle } from '../engine/bundle.ts';
import { convert } from '../engine/convert.ts';
import { scenarioUnitSet } from '../engine/io/validate.ts';
import { fetchJsonWithProgress, type LoadProgress } from './fetchProgress.ts';
import { ccgCountText } from '../engine/ccgCountText.ts';
import { Geography } from '../engine/geography.ts';
import { scenarioFromBaseline, type ScenarioV1 } from '../engine/scenario.ts';
import { applyCommand, type Command } from '../engine/commands.ts';
import { Evaluator, evaluateScenario, type Evaluation } from '../engine/evaluate.ts';
import { partitionOf, type Partition } from '../engine/partition.ts';
import { costChange, type CostBasis } from '../engine/runningCosts.ts';
import { unitsInBox } from '../engine/unitsInBox.ts';
import { timeline } from '../engine/timeline.ts';
import { compareEvaluations, type Comparison } from '../engine/compare.ts';
import { comparisonCsv } from '../engine/io/compareCsv.ts';
import { borderMesh } from '../engine/borderMesh.ts';
import { topologyIndex } from '../engine/topologyIndex.ts';
import { councilTables } from '../engine/councils.ts';
import { parseScenarioJson, validateScenario } from '../engine/io/validate.ts';
import { importAny } from '../engine/io/geojsonImport.ts';
import { exportAssignmentsCsv } from '../engine/io/csv.ts';
import { exportGeoJson } from '../engine/io/geojsonExport.ts';
import { exportMetricsCsv } from '../engine/io/metricsCsv.ts';
import { withProvenance } from '../engine/io/provenance.ts';
import { formatShort, plural } from '../engine/format.ts';
import { normaliseKey } from '../engine/geography.ts';
import type { ExportLevel } from '../engine/io/geojsonExport.ts';
import type { GroupMetrics } from '../engine/metrics.ts';
import {
  NO_COLOUR, NO_GROUP, PALETTE_SIZE,
  type CollaborationProps, type GroupRow, type CompareSide, type CompareResult, type CompareSource, type CouncilPart, type OrganisationRow, type CsvKind, type Download, type EngineApi, type Init, type Result,
  type MapState, type State, type SystemLabel, type UnitHit, type UnitInfo, type UnitProps,
} from './api.ts';
import { colourSystems, SystemAdjacencyCounter } from '../engine/colour.ts';
import { anchorOf, labelPoints } from '../engine/labelPoints.ts';
import { abbreviatedName, shortName } from '../engine/shortName.ts';
import { describeCommand } from './describeCommand.ts';
import { BorderBitsTracker, meshArcs, meshFeatures, type MeshArcs } from './borderArcs.ts';

const MAX_HISTORY = 500;

interface Entry {
  scenario: ScenarioV1;
  /** What made this entry from the one before it. */
  label: string;
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'scenario';
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Unit → system / organisation and the colours (engine/colour.ts: keyed by the system; `prefer` overrides some, by
 * system id). The partitions' own arrays, which no one writes into (an edit's partition is a new one), copied only
 * when `copy`: the state's buffers are then transferred away, and the evaluator caches its partitions.
 */
function colouring(g: Geography, systems: Partition, organisations: Partition, copy: boolean, prefer?: ReadonlyMap<string, number>, adjacency?: SystemAdjacencyCounter) {
  const unitSystem = copy ? systems.unitToGroup.slice() : systems.unitToGroup;
  const unitOrganisation = copy ? organisations.unitToGroup.slice() : organisations.unitToGroup;
  const adj = adjacency?.update(unitSystem, systems.groupIds);
  const systemColour = colourSystems(g, unitSystem, systems.groupIds, PALETTE_SIZE, prefer, adj);
  const unitColour = new Uint8Array(g.n).fill(NO_COLOUR);
  for (let i = 0; i < g.n; i++) if (unitSystem[i] !== NO_GROUP) unitColour[i] = systemColour[unitSystem[i]];
  return { unitSystem, unitOrganisation, systemColour, unitColour };
}
type Colouring = ReturnType<typeof colouring>;

/** How many systems each organisation's units lie in, in one pass over the units (a bit per organisation and system). */
function systemsPerOrganisation(unitOrganisation: ArrayLike<number>, unitSystem: ArrayLike<number>, nOrganisations: number, nSystems: number): Uint32Array {
  const seen = new Uint8Array(nOrganisations * (nSystems + 1));
  const count = new Uint32Array(nOrganisations);
  for (let i = 0; i < unitOrganisation.length; i++) {
    const o = unitOrganisation[i];
    if (o === NO_GROUP) continue;
    // An organisation's unit outside every system counts as one more system, as a set of system indices did.
    const s = unitSystem[i] === NO_GROUP ? nSystems : unitSystem[i];
    const at = o * (nSystems + 1) + s;
    if (!seen[at]) {
      seen[at] = 1;
      count[o]++;
    }
  }
  return count;
}

export interface EngineAdapter extends EngineApi {
  /** The adapter's geography, for tests. */
  readonly geography: Geography | undefined;
}

export function createEngineAdapter(opts: { transfer?: boolean } = {}): EngineAdapter {
  const useTransfer = opts.transfer ?? true;
  let geo: Geography | undefined;
  let evaluator: Evaluator;
  /** The editor's system adjacency, kept up to date edit by edit (the colours need it). */
  let adjacency: SystemAdjacencyCounter | undefined;
  /** The UI's row of each system's metrics, by its metrics object (so an unchanged system keeps its row's identity). */
  let rows = new WeakMap<GroupMetrics, GroupRow>();
  const rowOf = (m: GroupMetrics): GroupRow => {
    let r = rows.get(m);
    if (!r) {
      const { units: _u, signature: _s, componentUnits: _c, ...rest } = m;
      rows.set(m, (r = rest));
    }
    return r;
  };
  /** Each system's label points, by its metrics object (the evaluator keeps that object while the system is unchanged). */
  let pointsOf = new WeakMap<object, [number, number][]>();
  let anchors: [number, number][] = [];
  let past: Entry[] = [];
  let future: Entry[] = [];
  let present: Entry | undefined;
  let seq = 0;
  /** What the UI was last sent, to leave out unchanged geometry. */
  let sent: { collaborations: unknown } | undefined;
  /** The border mesh of `Init.arcs`. */
  let mesh: MeshArcs | undefined;
  /** The border bits of the last state, updated round the units that moved. */
  let borderTracker: BorderBitsTracker | undefined;
  /** Where the map's part of each new state goes ahead of the state (`mapStates`). */
  let mapSink: ((m: MapState) => void) | null = null;
  /** The map's part worked out ahead of a state and sent to `mapSink`, taken by the state made next. */
  let ahead: { scenario: ScenarioV1; colours: Colouring; borders: Uint8Array } | null = null;
  /** Compare: one evaluator per side (the editor's keeps its caches), and the last comparison for its CSV. */
  let compareEvaluators: [Evaluator, Evaluator] | undefined;
  let lastComparison: Comparison | undefined;
  /** Other unit sets loaded for conversion, by id (loaded once, on first use). */
  const others = new Map<string, Geography>();

  const need = () => {
    if (!geo || !present) throw new Error('engine: no scenario loaded; call init() and load() first');
    return { geo, scenario: present.scenario };
  };

  function labels(systems: State['systems']): FeatureCollection<Point, SystemLabel> {
    const g = geo!;
    const noun = g.noun;
    const pointsFor = (m: State['systems'][number]): [number, number][] => {
      let p = pointsOf.get(m);
      if (!p) pointsOf.set(m, (p = m.members.length ? labelPoints(m.members, anchors, g.areaKm2) : [[0, 0]]));
      return p;
    };
    const points = systems.map(pointsFor);
    const features: Feature<Point, SystemLabel>[] = systems.map((m, index) => {
      const population = formatShort(m.population);
      // On ccg-2019 the units are the CCGs; on a finer set the label counts the CCGs touched, and those in part.
      const counts = `${g.unitSet === 'ccg-2019' ? plural(m.ccgCount, noun.one, noun.many) : ccgCountText(m)} · ${plural(m.organisationCount, 'org')}`;
      const properties: SystemLabel = {
        id: m.id, index, name: m.name, short: shortName(m.name), abbreviated: abbreviatedName(m.name), population, counts,
        text: `${m.name}\n${population}\n${counts}`, points: points[index], areaKm2: m.areaKm2,
      };
      return { type: 'Feature', id: index, geometry: { type: 'Point', coordinates: points[index][0] }, properties };
    });
    return { type: 'FeatureCollection', features };
  }

  /** The baselines' cost counts, measured once each: what an option's running costs are shown against. */
  const baselineCosts = new Map<string, CostBasis>();
  function costAgainstBaseline(scenario: ScenarioV1, summary: State['summary']): State['costChange'] {
    const id = scenario.basedOn;
    const g = need().geo;
    if (!id || !Object.prototype.hasOwnProperty.call(g.bundle.baselines, id)) return undefined;
    let basis = baselineCosts.get(id);
    if (!basis) {
      basis = evaluateScenario(g, scenarioFromBaseline(g.bundle, id)).summary;
      baselineCosts.set(id, basis);
    }
    return costChange(g.bundle.baselines[id].name, basis, summary, scenario.settings);
  }

  /** A scenario's unit colours and border bits: what the map needs to show it (the trackers follow it). */
  function mapPart(g: Geography, scenario: ScenarioV1): { scenario: ScenarioV1; colours: Colouring; borders: Uint8Array } {
    const colours = colouring(g, partitionOf(scenario.systems, g), partitionOf(scenario.organisations, g), useTransfer, undefined, adjacency);
    return { scenario, colours, borders: borderTracker!.update(colours.unitSystem, colours.unitOrganisation) };
  }

  /**
   * Sends the map's part of the state about to be made for `scenario` (its seq is the next one) before the rest of it
   * (metrics, findings, labels, rows) is worked out: the map shows an edit that much sooner. Only while a state is
   * open (the first state goes with the map's first frame).
   */
  function paintAhead(scenario: ScenarioV1, seqOf = seq + 1): void {
    if (!mapSink || !present || !geo) return;
    ahead = mapPart(geo, scenario);
    const unitColour = ahead.colours.unitColour.slice();
    const borders = ahead.borders.slice();
    const sink = mapSink;
    void Promise.resolve(sink(transfer({ seq: seqOf, unitColour, borders }, [unitColour.buffer, borders.buffer]))).catch(() => undefined);
  }

  function makeState(): State {
    const { geo: g, scenario } = need();
    const ev = evaluator.evaluate(scenario);
    // The colours and border bits sent ahead of this state (paintAhead) are its own; otherwise worked out now.
    const map = ahead?.scenario === scenario ? ahead : mapPart(g, scenario);
    ahead = null;
    const { unitSystem, unitOrganisation, systemColour, unitColour } = map.colours;
    const countBySystem = new Map<string, number>();
    for (const f of ev.findings) for (const id of new Set(f.ids)) countBySystem.set(id, (countBySystem.get(id) ?? 0) + 1);
    const collabsChanged = sent?.collaborations !== scenario.collaborations;
    sent = { collaborations: scenario.collaborations };
    const borders = map.borders;
    let collaborationFootprints: FeatureCollection<MultiPolygon, CollaborationProps> | undefined;
    if (collabsChanged) {
      const collab = evaluator.footprintFeatures('collaborations', scenario);
      const collabProps = new Map(scenario.collaborations.map((c) => [c.id, c]));
      collaborationFootprints = {
        type: 'FeatureCollection',
        features: collab.features.map((f) => {
          const c = collabProps.get(f.properties.id)!;
          return { ...f, properties: { id: c.id, name: c.name, kind: c.kind, status: c.status } };
        }),
      };
    }
    const systemCounts = systemsPerOrganisation(unitOrganisation, unitSystem, ev.organisations.length, ev.systems.length);
    const organisations: OrganisationRow[] = ev.organisations.map((m, k) => (
      { id: m.id, name: m.name, population: m.population, ccgCount: m.ccgCount, ccgParts: m.ccgParts, systemCount: systemCounts[k] }
    ));
    const systems = ev.systems.map(rowOf);
    const state: State = {
      seq: ++seq,
      scenario,
      systems,
      organisations,
      collaborations: ev.collaborations,
      summary: ev.summary,
      costChange: costAgainstBaseline(scenario, ev.summary),
      findings: ev.findings,
      systemFindings: ev.systems.map((m) => countBySystem.get(m.id) ?? 0),
      unitSystem,
      unitOrganisation,
      unitColour,
      systemColour,
      borders,
      labels: labels(systems),
      history: {
        canUndo: past.length > 0,
        canRedo: future.length > 0,
        undoLabel: past.length > 0 ? present!.label : undefined,
        redoLabel: future.length > 0 ? future[future.length - 1].label : undefined,
        depth: past.length,
      },
    };
    if (collaborationFootprints) state.collaborationFootprints = collaborationFootprints;
    return useTransfer ? transfer(state, [unitSystem.buffer, unitOrganisation.buffer, unitColour.buffer, borders.buffer]) : state;
  }

  function push(scenario: ScenarioV1, label: string): void {
    if (present) {
      past.push(present);
      if (past.length > MAX_HISTORY) past = past.slice(past.length - MAX_HISTORY);
    }
    future = [];
    present = { scenario, label };
  }

  function attempt(make: () => { scenario: ScenarioV1; label: string }, reset = false): Result {
    let next: { scenario: ScenarioV1; label: string };
    try {
      if (!geo) throw new Error('engine: call init() first');
      next = make();
      paintAhead(next.scenario);
      evaluator.evaluate(next.scenario); // refuse a scenario the engine cannot evaluate, before it becomes current
    } catch (e) {
      // Painted ahead but refused: the map goes back to the open state (its seq again).
      if (ahead) paintAhead(present!.scenario, seq);
      ahead = null;
      return { ok: false, error: message(e) };
    }
    if (reset) {
      past = [];
      future = [];
      present = undefined;
    }
    push(next.scenario, next.label);
    return { ok: true, state: makeState() };
  }

  function compareScenario(src: CompareSource, label: string): ScenarioV1 {
    const g = geo!;
    try {
      if ('current' in src) return need().scenario;
      if ('baseline' in src) return scenarioFromBaseline(g.bundle, src.baseline);
      if ('file' in src) return importAny(src.file, src.filename, g);
      return validateScenario(src.scenario, g);
    } catch (e) {
      throw new Error(`${label}: ${message(e)}`, { cause: e });
    }
  }

  function compareSide(ev: Evaluation, prefer?: ReadonlyMap<string, number>): CompareSide {
    const g = geo!;
    const { unitSystem, unitOrganisation, systemColour, unitColour } = colouring(g, ev.systemPartition, ev.organisationPartition, useTransfer, prefer);
    return {
      name: ev.scenario.name,
      systems: ev.systems.map((m) => ({ id: m.id, name: m.name })),
      organisations: ev.organisations.map((m) => ({ id: m.id, name: m.name })),
      unitSystem,
      unitOrganisation,
      unitColour,
      systemColour,
      systemBorders: borderMesh(g, unitSystem),
      organisationBorders: borderMesh(g, unitOrganisation),
      labels: labels(ev.systems),
    };
  }

  function download(filename: string, mime: string, text: string): Download {
    return { filename, mime, text };
  }

  const api: EngineAdapter = {
    get geography() {
      return geo;
    },

    async init(source: Bundle | string, onProgress?: LoadProgress): Promise<Init> {
      const bundle: Bundle = typeof source === 'string' ? await fetchJsonWithProgress<Bundle>(source, onProgress) : source;
      // Each step of the build below is reported: at 32,844 LSOAs they take seconds, and a report is the
      // supervisor's sign that the worker is alive.
      onProgress?.(0, 0, 'build');
      geo = Geography.fromBundle(bundle);
      evaluator = new Evaluator(geo);
      adjacency = new SystemAdjacencyCounter(geo);
      pointsOf = new WeakMap();
      rows = new WeakMap();
      past = [];
      future = [];
      present = undefined;
      sent = undefined;
      compareEvaluators = undefined;
      lastComparison = undefined;
      const topo = bundle.topology;
      const unitsFc = feature(topo, topo.objects.units) as unknown as FeatureCollection<Polygon | MultiPolygon>;
      const units: FeatureCollection<Polygon | MultiPolygon, UnitProps> = {
        type: 'FeatureCollection',
        features: unitsFc.features.map((f, i) => ({
          type: 'Feature',
          id: i,
          geometry: f.geometry,
          properties: { i, code: bundle.units.code[i], nhsCode: bundle.units.nhsCode[i], name: bundle.units.name[i] },
        })),
      };
      onProgress?.(0, 0, 'build');
      anchors = units.features.map((f) => anchorOf(f.geometry));
      const ix = topologyIndex(geo);
      mesh = meshArcs(ix);
      borderTracker = new BorderBitsTracker(mesh, geo.n);
      const regionsFc = feature(topo, topo.objects.regions) as unknown as FeatureCollection<Polygon | MultiPolygon>;
      const regions: Init['regions'] = {
        type: 'FeatureCollection',
        features: regionsFc.features.map((f, k) => ({
          type: 'Feature',
          id: k,
          geometry: f.geometry,
          properties: { code: String(f.id ?? ''), name: String((f.properties as { name?: string } | null)?.name ?? f.id ?? '') },
        })),
      };
      const bb = topo.bbox ?? [-6, 49.9, 1.8, 55.9];
      return {
        unitSet: bundle.unitSet,
        unitNoun: bundle.noun,
        unitVintage: bundle.unitVintage,
        populationSource: bundle.populationSource,
        englandPopulation: bundle.englandPopulation,
        codes: [...bundle.units.code],
        nhsCodes: [...bundle.units.nhsCode],
        names: [...bundle.units.name],
        population: [...bundle.units.population],
        bbox: [bb[0], bb[1], bb[2], bb[3]],
        units,
        anchors: anchors.map((a) => [a[0], a[1]]),
        arcs: meshFeatures(ix, mesh),
        neighbours: Array.from({ length: geo.n }, (_, i) => [...geo!.neighbours(i)]),
        regions,
        baselines: Object.entries(bundle.baselines).map(([id, b]) => ({ id, name: b.name, systems: b.systems.length, organisations: b.organisations.length })),
        attribution: [...bundle.provenance.attribution],
      };
    },

    async load(source, opts = {}) {
      return attempt(() => {
        if ('baseline' in source) {
          const scenario = scenarioFromBaseline(geo!.bundle, source.baseline);
          return { scenario, label: `open baseline ${scenario.name}` };
        }
        const scenario = 'json' in source ? parseScenarioJson(source.json, geo!) : validateScenario(source.scenario, geo!);
        return { scenario, label: `open ${scenario.name}` };
      }, opts.reset ?? false);
    },

    async apply(cmd: Command) {
      return attempt(() => {
        const { geo: g, scenario } = need();
        return { scenario: applyCommand(scenario, cmd, g), label: describeCommand(cmd, scenario, g) };
      });
    },

    async undo() {
      need();
      const prev = past.pop();
      if (prev) {
        future.push(present!);
        present = prev;
        paintAhead(present.scenario);
      }
      return makeState();
    },

    async redo() {
      need();
      const next = future.pop();
      if (next) {
        past.push(present!);
        present = next;
        paintAhead(present.scenario);
      }
      return makeState();
    },

    async current() {
      return makeState();
    },

    async mapStates(sink) {
      mapSink = sink;
    },

    async importFile(text: string, filename: string, opts = {}) {
      return attempt(() => {
        const scenario = importAny(text, filename, geo!);
        return { scenario, label: `import ${filename}` };
      }, opts.reset ?? false);
    },

    async checkScenarios(items) {
      if (!geo) throw new Error('engine: call init() first');
      return items.map((item) => {
        try {
          // A scenario on another known unit set opens by reopening the app on it; it is checked fully then (and
          // here when that unit set is already loaded).
          const set = typeof item === 'object' && item !== null ? scenarioUnitSet(item as { unitSet?: unknown }) : undefined;
          if (typeof set === 'string' && set !== geo!.unitSet && (UNIT_SETS as readonly string[]).includes(set)) {
            const other = others.get(set);
            if (other) validateScenario(item, other);
            return null;
          }
          validateScenario(item, geo!);
          return null;
        } catch (e) {
          return message(e);
        }
      });
    },

    async exportGeoJson(level: ExportLevel) {
      const { geo: g, scenario } = need();
      const fc = exportGeoJson(g, scenario, level, evaluator.evaluate(scenario), { dissolver: evaluator.dissolver });
      return download(`${slug(scenario.name)}-${level}.geojson`, 'application/geo+json', JSON.stringify(fc));
    },

    async exportCsv(kind: CsvKind) {
      const { geo: g, scenario } = need();
      const text = kind === 'assignments' ? exportAssignmentsCsv(scenario, g) : exportMetricsCsv(evaluator.evaluate(scenario), kind, g.bundle);
      return download(`${slug(scenario.name)}-${kind}.csv`, 'text/csv', text);
    },

    async exportScenario() {
      const { geo: g, scenario } = need();
      return download(`${slug(scenario.name)}.footprints.json`, 'application/json', JSON.stringify(withProvenance(scenario, g.bundle), null, 2));
    },

    async findUnits(query: string, limit = 12) {
      if (!geo) return [];
      const q = normaliseKey(query);
      if (!q) return [];
      const hits: UnitHit[] = [];
      const seen = new Set<number>();
      const add = (i: number) => {
        if (i >= 0 && !seen.has(i) && hits.length < limit) {
          seen.add(i);
          hits.push({ i, code: geo!.codes[i], nhsCode: geo!.nhsCodes[i], name: geo!.names[i] });
        }
      };
      add(geo.find(q));
      for (let i = 0; i < geo.n; i++) if (normaliseKey(geo.codes[i]).startsWith(q) || normaliseKey(geo.nhsCodes[i]).startsWith(q)) add(i);
      for (let i = 0; i < geo.n; i++) if (normaliseKey(geo.names[i]).includes(q)) add(i);
      return hits;
    },

    async timeline() {
      if (!geo) throw new Error('engine: call init() first');
      return timeline(geo, geo.bundle);
    },

    async unitsInBox(box) {
      if (!geo) throw new Error('engine: call init() first');
      return unitsInBox(geo, box);
    },

    async unitsInCouncil(tier, code) {
      const { geo: g } = need();
      const table = councilTables(g)[tier];
      const c = table.codes.indexOf(code);
      if (c < 0) return [];
      const { offsets, index, value } = table.byCouncil;
      const out: string[] = [];
      // Units ascending; a unit listed twice for the council sits in consecutive entries, summed in row order.
      for (let e = offsets[c]; e < offsets[c + 1]; ) {
        const i = index[e];
        let inside = 0;
        for (; e < offsets[c + 1] && index[e] === i; e++) inside += value[e];
        if (inside > g.population[i] / 2) out.push(g.codes[i]);
      }
      return out;
    },

    async unitInfo(i: number) {
      const { geo: g, scenario } = need();
      const b = g.bundle;
      const ev = evaluator.evaluate(scenario);
      const sg = ev.systemPartition.unitToGroup[i];
      const og = ev.organisationPartition.unitToGroup[i];
      const parts = (tier: 'utla' | 'lad'): CouncilPart[] => {
        const csr = tier === 'utla' ? g.unitUtla : g.unitLad;
        const table = b.councils[tier];
        const out: CouncilPart[] = [];
        for (let e = csr.offsets[i]; e < csr.offsets[i + 1]; e++) {
          const c = csr.index[e];
          out.push({ code: table.code[c], name: table.name[c], population: csr.value[e], share: g.population[i] ? csr.value[e] / g.population[i] : 0 });
        }
        return out.sort((x, y) => y.population - x.population);
      };
      const later = (t: { name: string[] }, m: { primary: number[] }) => t.name[m.primary[i]] ?? '';
      const info: UnitInfo = {
        i,
        code: g.codes[i],
        nhsCode: g.nhsCodes[i],
        name: g.names[i],
        population: g.population[i],
        gpPractices: g.gpPractices[i],
        registeredPatients: g.registeredPatients[i],
        areaKm2: g.areaKm2[i],
        stp2019: b.stp2019.name[g.stpOf[i]] ?? '',
        region: b.regions.name[g.regionOf[i]] ?? '',
        ccg2020: later(b.ccg2020, b.membership.ccg2020),
        ccg2021: later(b.ccg2021, b.membership.ccg2021),
        icb2022: later(b.icb2022, b.membership.icb2022),
        collaborations: scenario.collaborations.filter((c) => c.units.includes(g.codes[i])).map((c) => ({ id: c.id, name: c.name })),
        utla: parts('utla'),
        lad: parts('lad'),
      };
      if (sg !== NO_GROUP) info.system = { id: ev.systems[sg].id, name: ev.systems[sg].name };
      if (og !== NO_GROUP) info.organisation = { id: ev.organisations[og].id, name: ev.organisations[og].name };
      return info;
    },

    async convertTo(unitSet, url, onProgress) {
      try {
        const { geo: g, scenario } = need();
        if (unitSet === g.unitSet) throw new Error(`the open scenario is already on ${g.noun.many} (${unitSet})`);
        let to = others.get(unitSet);
        if (!to) {
          const bundle = await fetchJsonWithProgress<Bundle>(url, onProgress);
          if (bundle.unitSet !== unitSet) throw new Error(`${url} holds unit set "${bundle.unitSet}", not "${unitSet}"`);
          onProgress?.(0, 0, 'build');
          to = Geography.fromBundle(bundle);
          others.set(unitSet, to);
        }
        const nested = to.bundle.parents?.[g.unitSet] ?? g.bundle.parents?.[unitSet];
        if (!nested) throw new Error(`${to.noun.many} (${unitSet}) and ${g.noun.many} (${g.unitSet}) do not nest`);
        const { scenario: converted, report } = convert(scenario, g, to);
        return { ok: true, scenario: converted, report, noun: to.noun };
      } catch (e) {
        return { ok: false, error: message(e) };
      }
    },

    async compare(a, b) {
      try {
        if (!geo) throw new Error('engine: call init() first');
        const g = geo;
        const sa = compareScenario(a, 'Option A');
        const sb = compareScenario(b, 'Option B');
        compareEvaluators ??= [new Evaluator(g), new Evaluator(g)];
        const ea = compareEvaluators[0].evaluate(sa);
        const eb = compareEvaluators[1].evaluate(sb);
        const comparison = compareEvaluations(g, ea, eb);
        // A keeps the editor's colours; each system of B takes its partner's colour where its neighbours allow.
        const sideA = compareSide(ea);
        const colourOfA = new Map(ea.systems.map((m, k) => [m.id, sideA.systemColour[k]]));
        const partnerColour = new Map<string, number>();
        for (const m of comparison.systems.matches) if (m.aId !== null && m.bId !== null) partnerColour.set(m.bId, colourOfA.get(m.aId)!);
        const sideB = compareSide(eb, partnerColour);
        lastComparison = comparison;
        const result: CompareResult = { ok: true, view: { comparison, a: sideA, b: sideB, changeUnits: comparison.changes.map((c) => g.indexOfCode(c.unit)) } };
        const buffers = [sideA, sideB].flatMap((s) => [s.unitSystem.buffer, s.unitOrganisation.buffer, s.unitColour.buffer]);
        return useTransfer ? transfer(result, buffers) : result;
      } catch (e) {
        return { ok: false, error: message(e) };
      }
    },

    async exportComparisonCsv() {
      const c = lastComparison;
      if (!c) throw new Error('engine: nothing compared yet; call compare() first');
      return download(`compare-${slug(c.a.name)}-vs-${slug(c.b.name)}.csv`, 'text/csv', comparisonCsv(c, geo!.bundle));
    },
  };
  return api;
}
