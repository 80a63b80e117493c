/**
 * The one typed contract between the UI and the engine running in a worker (DESIGN.md, STYLE.md 5).
 *
 * Everything the UI paints comes from here, already computed: metrics, findings, labels (with their text),
 * colours (palette indices), border meshes. The UI turns clicks into `Command`s and paints the `State` it gets
 * back; it never computes a metric. Types come from `engine/` only.
 *
 * Over the worker boundary a `State` travels as a patch against the previous one (workers/statePatch.ts,
 * workers/patchedApi.ts); the typed arrays that changed are transferred, not copied.
 */
import type { FeatureCollection, LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { Bundle } from '../engine/bundle.ts';
import type { ScenarioV1 } from '../engine/scenario.ts';
import type { Command } from '../engine/commands.ts';
import type { GroupLevel, GroupMetrics, ScenarioSummary } from '../engine/metrics.ts';
import type { CostChange } from '../engine/runningCosts.ts';
import type { LonLatBox } from '../engine/unitsInBox.ts';
import type { TimelineStep } from '../engine/timeline.ts';
import type { Finding } from '../engine/checks.ts';
import type { ExportLevel } from '../engine/io/geojsonExport.ts';
import type { Comparison } from '../engine/compare.ts';
import type { ConvertReport } from '../engine/convert.ts';
import type { UnitNoun } from '../engine/bundle.ts';
import type { GenerateOptions, Progress } from '../engine/generate/run.ts';

/** How many fill colours the map has; the worker colours systems with indices below this. */
export const PALETTE_SIZE = 8;
/** `unitColour` value of a unit in no system. */
export const NO_COLOUR = 255;
/** `unitSystem` / `unitOrganisation` value of a unit in no group (engine/partition.ts UNASSIGNED). */
export const NO_GROUP = 0xffff;
/** Bits of `State.borders`. */
export const BORDER_SYSTEM = 1;
export const BORDER_ORGANISATION = 2;

export interface UnitProps {
  /** Unit index: row of every unit table, and the map feature id. */
  i: number;
  code: string;
  nhsCode: string;
  name: string;
}

export interface BaselineInfo {
  id: string;
  name: string;
  systems: number;
  organisations: number;
}

/** What the UI needs once: the unit table, the geometry to draw, the baselines, the attribution. */
export interface Init {
  unitSet: string;
  /** What one unit and many are called ("CCG", "CCGs"), for the UI's words. */
  unitNoun: UnitNoun;
  unitVintage: string;
  /** Where the populations come from (the bundle's), for pictures and exports. */
  populationSource: string;
  englandPopulation: number;
  codes: string[];
  nhsCodes: string[];
  names: string[];
  population: number[];
  /** `[west, south, east, north]` of England. */
  bbox: [number, number, number, number];
  /** One feature per unit, `id` = unit index. */
  units: FeatureCollection<Polygon | MultiPolygon, UnitProps>;
  /** A point inside each unit (its label anchor), `[lon, lat]`. */
  anchors: [number, number][];
  /**
   * The border mesh: every arc between two different units, one feature each (`id` = index, aligned with
   * `State.borders`). Drawn once; an edit only switches arcs on and off through feature state.
   */
  arcs: FeatureCollection<LineString, Record<string, never>>;
  /** Neighbours of each unit (land and water links), for moving between CCGs from the keyboard. */
  neighbours: number[][];
  /** The NHS regions outline (display only). */
  regions: FeatureCollection<Polygon | MultiPolygon, { code: string; name: string }>;
  baselines: BaselineInfo[];
  attribution: string[];
}

export interface SystemLabel {
  id: string;
  /** Index into `State.systems`. */
  index: number;
  name: string;
  /** The name without the words every footprint repeats (engine/shortName.ts), for the map. */
  short: string;
  /** The short name with county names abbreviated, for a crowded small map (engine/shortName.ts). */
  abbreviated: string;
  /**
   * `[lon, lat]` points inside the footprint the label may cover or be led to, best first (engine/labelPoints.ts);
   * the map places the label among them (engine/labelPlacement.ts). The feature's own point is the first.
   */
  points: [number, number][];
  /** The footprint's area (the smallest footprints on screen are placed first). */
  areaKm2: number;
  /** e.g. "1.23M" */
  population: string;
  /** e.g. "5 CCGs · 1 org" */
  counts: string;
  /** The three lines above joined with newlines, ready for `text-field`. */
  text: string;
}

export interface CollaborationProps {
  id: string;
  name: string;
  kind: string;
  status: string;
}

export interface History {
  canUndo: boolean;
  canRedo: boolean;
  /** What undo / redo would revert / replay, in words ("assign 1 CCG to …"). */
  undoLabel?: string;
  redoLabel?: string;
  /** Edits since the last `load`. */
  depth: number;
}

/** An organisation as the UI shows it (the full metrics stay in the worker; CSV and GeoJSON exports carry them). */
export interface OrganisationRow {
  id: string;
  name: string;
  population: number;
  ccgCount: number;
  /** How many of those CCGs are only partly in it (0 on ccg-2019). */
  ccgParts: number;
  /** Systems the organisation's CCGs are in (more than 1: it straddles systems). */
  systemCount: number;
}

/**
 * Everything the UI paints after an edit. `collaborationFootprints` is omitted when it is the same as in the
 * previous state this worker sent. Over the worker boundary a State travels as a patch against the previous one
 * (workers/statePatch.ts): unchanged parts keep their identity on the main thread, so painters can skip them.
 */
/**
 * A system's or collaboration's metrics as the UI gets them: without the unit codes (the scenario has them; the
 * members say the same by index), the membership key or the pieces' unit lists, which the UI does not use and
 * which at 32,844 LSOAs made most of what an edit sent over the worker boundary.
 */
export type GroupRow = Omit<GroupMetrics, 'units' | 'signature' | 'componentUnits'>;

export interface State {
  /** Increases with every state the worker makes. */
  seq: number;
  scenario: ScenarioV1;
  systems: GroupRow[];
  organisations: OrganisationRow[];
  collaborations: GroupMetrics[];
  summary: ScenarioSummary;
  /** Running costs against the baseline the scenario started from (none when it started from no baseline). */
  costChange?: CostChange;
  findings: Finding[];
  /** Findings per system, aligned with `systems`. */
  systemFindings: number[];
  /** Unit → index into `systems` (NO_GROUP when none). */
  unitSystem: Uint16Array;
  /** Unit → index into `organisations` (NO_GROUP when none). */
  unitOrganisation: Uint16Array;
  /** Unit → palette index (NO_COLOUR when none); neighbouring systems never share one. */
  unitColour: Uint8Array;
  /** System → palette index, aligned with `systems`. */
  systemColour: number[];
  /** Per arc of `Init.arcs`: BORDER_SYSTEM when it separates two systems, | BORDER_ORGANISATION for two organisations. */
  borders: Uint8Array;
  /** One point per system, inside it, with the label text. */
  labels: FeatureCollection<Point, SystemLabel>;
  /** Dissolved collaboration footprints, drawn as dashed outlines (absent: unchanged). */
  collaborationFootprints?: FeatureCollection<MultiPolygon, CollaborationProps>;
  history: History;
}

export type ScenarioSource = { baseline: string } | { scenario: unknown } | { json: string };

export type Result = { ok: true; state: State } | { ok: false; error: string };

export interface UnitHit {
  i: number;
  code: string;
  nhsCode: string;
  name: string;
}

export interface CouncilPart {
  code: string;
  name: string;
  /** People of the unit living in the council. */
  population: number;
  /** That as a share of the unit's population (0..1). */
  share: number;
}

/** What the details panel shows about one CCG. */
export interface UnitInfo {
  i: number;
  code: string;
  nhsCode: string;
  name: string;
  population: number;
  gpPractices: number;
  registeredPatients: number;
  areaKm2: number;
  stp2019: string;
  region: string;
  ccg2020: string;
  ccg2021: string;
  icb2022: string;
  system?: { id: string; name: string };
  organisation?: { id: string; name: string };
  collaborations: { id: string; name: string }[];
  utla: CouncilPart[];
  lad: CouncilPart[];
}

export type CsvKind = 'assignments' | GroupLevel;

export interface Download {
  filename: string;
  mime: string;
  text: string;
}

/** One option of a comparison: the current scenario, a baseline, a scenario object (saved), or a file's text. */
export type CompareSource =
  | { current: true }
  | { baseline: string }
  | { scenario: unknown }
  | { file: string; filename: string };

/** What a compare map paints for one option (the same fields as a `State`, always present). */
export interface CompareSide {
  name: string;
  /** Aligned with the indices in `unitSystem` / `unitOrganisation`. */
  systems: { id: string; name: string }[];
  organisations: { id: string; name: string }[];
  unitSystem: Uint16Array;
  unitOrganisation: Uint16Array;
  /** Unit → palette index. B's systems take the colour of their partner in A where neighbours allow. */
  unitColour: Uint8Array;
  systemColour: number[];
  systemBorders: MultiLineString;
  organisationBorders: MultiLineString;
  labels: FeatureCollection<Point, SystemLabel>;
}

export interface CompareView {
  comparison: Comparison;
  a: CompareSide;
  b: CompareSide;
  /** Unit index of each entry of `comparison.changes`. */
  changeUnits: number[];
}

/**
 * `report`: the engine's (engine/convert.ts): exact to a finer unit set; to a coarser one, every split unit.
 * `noun`: what the target unit set calls its units.
 */
export type ConvertResult = { ok: true; scenario: ScenarioV1; report: ConvertReport; noun: UnitNoun } | { ok: false; error: string };

export type CompareResult = { ok: true; view: CompareView } | { ok: false; error: string };

/**
 * What the map shows of a state, sent ahead of it (`EngineApi.mapStates`): `seq` is the state's own, whose full
 * `State` follows with the same `unitColour` and `borders`. After a refused edit that was sent ahead, the open
 * state's are sent again under its own seq.
 */
export interface MapState {
  seq: number;
  unitColour: Uint8Array;
  borders: Uint8Array;
}

export interface EngineApi {
  /**
   * Loads the bundle (an object, or a URL the worker fetches); `onProgress` gets the bytes as they arrive, then
   * a 'build' report between the steps that follow (each also tells the supervisor the worker is alive).
   */
  init(source: Bundle | string, onProgress?: (loaded: number, total: number, step?: 'download' | 'build') => void): Promise<Init>;
  /**
   * Opens a scenario: a baseline id, a scenario object or a scenario's JSON text (a share link), validated by the
   * engine (a bad one is refused with the reason). Undoable unless `reset` (a fresh session: the history starts here).
   */
  load(source: ScenarioSource, opts?: { reset?: boolean }): Promise<Result>;
  apply(cmd: Command): Promise<Result>;
  undo(): Promise<State>;
  redo(): Promise<State>;
  current(): Promise<State>;
  /**
   * Where the map's part of each new state (`MapState`) goes as soon as it is known, ahead of the state itself:
   * after an edit, undo or redo, the worker sends it before working out metrics, findings and labels.
   */
  mapStates(sink: (m: MapState) => void): Promise<void>;
  /** Opens a file's text (scenario JSON, assignments CSV, GeoJSON): undoable unless `reset`; a bad file changes nothing. */
  importFile(text: string, filename: string, opts?: { reset?: boolean }): Promise<Result>;
  /** For each item, null when it is a valid scenario for the loaded units, else why not (saved records are checked on load). */
  checkScenarios(items: readonly unknown[]): Promise<(string | null)[]>;
  exportGeoJson(level: ExportLevel): Promise<Download>;
  exportCsv(kind: CsvKind): Promise<Download>;
  exportScenario(): Promise<Download>;
  /** CCGs matching a name, ONS code or NHS code (exact codes first, then name matches). */
  findUnits(query: string, limit?: number): Promise<UnitHit[]>;
  /** Units with most of their people in this council (`tier` utla or lad): what "paint a council" assigns. */
  unitsInCouncil(tier: 'utla' | 'lad', code: string): Promise<string[]>;
  /** The built-in vintages 2019–2022 in order, with what changed at each step (engine/timeline.ts). */
  timeline(): Promise<TimelineStep[]>;
  /** Unit indices lying mostly inside a lon/lat box (engine/unitsInBox.ts): what the Box tool selects. */
  unitsInBox(box: LonLatBox): Promise<number[]>;
  unitInfo(i: number): Promise<UnitInfo>;
  /**
   * The open scenario converted to the unit set `unitSet` (engine/convert.ts): exactly to a finer one; to a
   * coarser one each unit where most of its people are, every split unit in the report. The worker fetches the
   * descriptor from `url` on first use (`onProgress`: bytes loaded and total, 0 when unknown, then 'build'). The
   * worker stays on its unit set: the caller saves the result and reopens the app on it.
   */
  convertTo(unitSet: string, url: string, onProgress?: (loaded: number, total: number, step?: 'download' | 'build') => void): Promise<ConvertResult>;
  /** Compares two options on the same CCGs; a refused option (other unit set, broken file) changes nothing. */
  compare(a: CompareSource, b: CompareSource): Promise<CompareResult>;
  /** The last comparison as CSV (engine/io/compareCsv.ts). */
  exportComparisonCsv(): Promise<Download>;
}

// --- Generate (workers/generate.worker.ts): one ReCom chain per worker. ---------------------------------------

/** Progress of a generation, reported between chunks of steps. */
export interface GenerateProgress extends Progress {
  elapsedMs: number;
  stepsPerSecond: number;
  /** Estimated time left at the current speed (null before the first chunk). */
  remainingMs: number | null;
  paused: boolean;
}

export interface GeneratedOption {
  score: number;
  /** Raw metrics in `METRICS` order (engine/generate/objectives.ts). */
  metrics: number[];
  /** Unit → system index of the starting scenario, for merging chains with `mergeResults`. */
  unitSystem: Uint16Array;
  scenario: ScenarioV1;
}

export interface GenerateOutcome {
  status: 'done' | 'cancelled';
  progress: GenerateProgress;
  /** Best distinct options, best first (empty without objectives). */
  options: GeneratedOption[];
  /** Ensemble columns in `METRICS` order (null when none was asked for). */
  ensemble: { every: number; columns: Float64Array[] } | null;
}

export interface GenerateApi {
  init(bundle: Bundle): Promise<void>;
  /** Runs to the end or until cancelled; `onProgress` is a comlink proxy called at most every `progressMs`. */
  start(scenario: ScenarioV1, options: GenerateOptions, onProgress?: (p: GenerateProgress) => void, progressMs?: number): Promise<GenerateOutcome>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  cancel(): Promise<void>;
}
