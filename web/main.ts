/**
 * Footprints, the browser app: wires the engine worker, the map and the panels together. Data flows one way:
 * a gesture or key makes a command, the worker answers with a State, the map and panels paint it.
 */
import { startEngineWorker } from '../workers/client.ts';
import { createSupervisor } from '../workers/supervisor.ts';
import type { EngineHandle } from '../workers/supervisor.ts';
import type { Init, MapState, State } from '../workers/api.ts';
import { byId, h } from './dom.ts';
import { createSession, following, type Session } from './state/session.ts';
import { createActions } from './state/actions.ts';
import { createPersistence, type Persistence } from './state/persistence.ts';
import { createMapView, fitPadding } from './map/mapView.ts';
import { createPainter } from './map/paintState.ts';
import { paintSelection } from './map/selectionPaint.ts';
import { createOverlays } from './map/overlays.ts';
import { attachTools } from './map/tools.ts';
import { createZoomer } from './map/zoom.ts';
import { createUnitTip } from './map/unitTip.ts';
import { createNotices } from './panels/notices.ts';
import { createEngineStatus } from './panels/engineStatus.ts';
import { mountHeader } from './panels/header.ts';
import { mountSummary } from './panels/summary.ts';
import { mountTabs } from './panels/tabs.ts';
import { mountTimeline } from './panels/timeline.ts';
import { mountSystemsTable } from './panels/systemsTable.ts';
import { mountFindings } from './panels/findings.ts';
import { mountDetails } from './panels/details.ts';
import { mountSettings } from './panels/settings.ts';
import { mountCollaborations } from './panels/collaborations.ts';
import { mountOrganisations } from './panels/organisations.ts';
import { mountScenarios } from './panels/scenarios.ts';
import { mountFiles } from './panels/files.ts';
import { mountPictures } from './panels/pictures.ts';
import { mountSelectionBar } from './panels/selectionBar.ts';
import { mountMapToolbar } from './panels/mapToolbar.ts';
import { createSearch } from './panels/search.ts';
import { mountLegend } from './panels/legend.ts';
import { bindKeyboard } from './keyboard.ts';
import { unitIndexOf } from './units.ts';
import type { CompareHandle } from './compare/compareView.ts';
import { unitSetFile } from '../engine/bundle.ts';
import { COARSEST_UNIT_SET, openingUnitSet, takeSelectAfterOpen, unitSetLabel } from './state/unitSetChoice.ts';
import { loadingProgress } from './panels/loadingProgress.ts';
import { proxy } from 'comlink';
import { createSplitByCouncil } from './panels/splitByCouncil.ts';
import { createUnitSetSwitch } from './panels/unitSetSwitch.ts';
import { mountUnitSetPicker } from './panels/unitSetPicker.ts';
import { confirmConversion } from './panels/convertConfirm.ts';

const DEFAULT_BASELINE = 'stp-2019';

interface Painted {
  seq: number;
  /** When the first frame after the state was drawn (performance.now()). */
  at: number;
  /** When the state reached the painter. */
  appliedAt: number;
}

/**
 * Test faults, from the page's query string (`?engine-fault=…`), for the browser tests of engine failure:
 * `start`: the first engine worker throws at start; `start-always`: every one does; `terminate`: a call
 * unanswered for 3 s fails the worker (instead of 30 s), and `window.__footprintsFault.terminateWorker()`
 * terminates the current worker without telling the supervisor, as a browser killing it would.
 */
const FAULT = new URLSearchParams(location.search).get('engine-fault');

async function main() {
  const notify = createNotices(byId('notices'));
  const session = createSession();
  // Set once the panels exist: before that a restarted engine has no saved work to reopen.
  const late: { persistence?: Persistence; mapStates?: (m: MapState) => void } = {};
  let worker: EngineHandle | undefined;
  const status = createEngineStatus(byId('notices'), byId('loading'), () => supervisor.retry());
  const supervisor = createSupervisor({
    spawn: (generation) => (worker = startEngineWorker({ throwAtStart: FAULT === 'start-always' || (FAULT === 'start' && generation === 0) })),
    onDown: (reason, restarting) => status.down(reason, restarting),
    // The new worker reopens what was last saved; calls queued meanwhile reach it only after this.
    async restore(fresh) {
      if (late.mapStates) await fresh.mapStates(proxy(late.mapStates));
      const scenario = await late.persistence?.lastSavedScenario();
      if (!scenario) return;
      const r = await fresh.load({ scenario }, { reset: true });
      if (r.ok) session.engine.set(r.state);
      else notify.error(`The last saved scenario could not be reopened: ${r.error}`);
    },
    onRestored: () => {
      status.up(!!late.persistence);
      void late.persistence?.refresh();
    },
    stallMs: FAULT === 'terminate' ? 3000 : undefined,
  });
  if (FAULT) Object.defineProperty(window, '__footprintsFault', { value: Object.freeze({ terminateWorker: () => worker?.terminate() }) });
  const engine = supervisor.engine;
  const actions = createActions(engine, session.engine, notify);
  const asset = (name: string) => new URL(name, document.baseURI).href;

  // The unit set of the scenario to reopen (CCGs unless it was split): the worker loads only that one.
  const openingSet = await openingUnitSet();
  const bundleUrl = asset(unitSetFile(openingSet));
  const init: Init = await engine.init(bundleUrl, proxy(loadingProgress(byId('loading'), unitSetLabel(openingSet).many)));
  performance.mark('footprints:init'); // the worker has the bundle and sent the geometry (first-paint breakdown)
  const map = await createMapView(byId('map'), init, { revealOnLoad: false }); // the painter reveals it
  map.once('load', () => performance.mark('footprints:map-loaded')); // every source tiled and drawn
  let painted: Painted = { seq: 0, at: 0, appliedAt: 0 };
  let firstPaint = 0;
  const painter = createPainter(map, init.codes.length, (seq, at, appliedAt) => {
    painted = { seq, at, appliedAt };
    if (!firstPaint) firstPaint = at; // ms since navigation start
  });
  // Each edit's fills and borders reach the map ahead of the rest of its state (metrics, findings, labels).
  late.mapStates = (m) => painter.early(m);
  await engine.mapStates(late.mapStates);
  paintSelection(map, session.selection);
  const overlays = createOverlays(map, asset('overlays.json'));
  const zoomToUnits = createZoomer(map, init);
  session.engine.subscribe((st) => st && painter.apply(st));
  // The panels follow the engine's state a frame behind the map: a new state is painted first, and the tables,
  // summary and details take it in a task of their own once the map's frame has issued its draw calls, so their
  // DOM work (~10 ms here) never holds back the map's response to a click. Everything else sees states at once.
  // The first state reaches them at once: the page is laid out with it before England is fitted to the map.
  let panelsStarted = false;
  const panelSession: Session = {
    ...session,
    engine: following(session.engine, (run) => {
      if (panelsStarted) painter.afterFrame(run);
      else {
        panelsStarted = true;
        run();
      }
    }),
  };
  // Keep the active system valid across edits (a merged or emptied system disappears).
  session.engine.subscribe((st) => {
    const a = session.activeSystem.get();
    if (st && a && !st.systems.some((m) => m.id === a)) session.activeSystem.set(null);
  });

  const tip = createUnitTip({ map, session, names: init.names, population: init.population, anchors: init.anchors, noun: init.unitNoun });
  attachTools({ map, session, actions, engine, painter, overlays, notify, names: init.names, codes: init.codes, noun: init.unitNoun, tip });

  const persistence = createPersistence(session, actions, notify, (items) => engine.checkScenarios(items), init.unitSet);
  late.persistence = persistence;
  mountHeader(byId('scenario-title'), byId('header-actions'), { session: panelSession, actions, baselines: init.baselines, openBaseline: (id) => void persistence.openBaseline(id), lastSaved: persistence.lastSaved });
  const switchUnitSet = createUnitSetSwitch({ engine, persistence, notify, notices: byId('notices'), asset, confirm: confirmConversion });
  mountUnitSetPicker(byId('header-actions'), init.unitSet, switchUnitSet);
  mountSummary(byId('summary'), panelSession, actions, init.unitNoun);

  const details = mountDetails(byId('details'), { engine, session: panelSession, actions, zoomToUnits, codes: init.codes, notify, noun: init.unitNoun,
    splitByCouncil: init.unitSet === COARSEST_UNIT_SET ? createSplitByCouncil(switchUnitSet) : undefined });
  const pick = (i: number, add: boolean) => {
    const sel = session.selection.get();
    const next = add ? (sel.includes(i) ? sel : [...sel, i]) : [i];
    session.selection.set(next);
    zoomToUnits(next.map((k) => init.codes[k]));
    // The search is done with: the keys go back to the map (arrows, A, N), not into the box.
    if (!add) map.getCanvas().focus();
  };
  mountMapToolbar(byId('map-toolbar'), session, overlays, createSearch({
    engine, noun: init.unitNoun, pick,
    systems: () => session.engine.get()?.systems ?? [],
    openSystem: (id) => {
      details.showSystem(id);
      const g = session.engine.get()?.scenario.systems.find((s) => s.id === id);
      if (g) zoomToUnits(g.units);
      map.getCanvas().focus();
    },
  }), init.unitNoun);
  const bar = mountSelectionBar(byId('selection-bar'), panelSession, actions, init.names, init.codes, () => map.getCanvas().focus(), init.unitNoun);
  mountLegend(byId('legend'), panelSession, init.unitNoun);

  const panels = {
    systems: h('div'), findings: h('div'), organisations: h('div'), collaborations: h('div'), scenarios: h('div'), files: h('div'), settings: h('div'), generate: h('div'), timeline: h('div'),
  };
  const tabs = mountTabs(byId('tabs'), [
    { id: 'systems', label: 'Systems', panel: panels.systems },
    { id: 'findings', label: 'Findings', panel: panels.findings },
    { id: 'organisations', label: 'Organisations', panel: panels.organisations },
    { id: 'collaborations', label: 'Collaborations', panel: panels.collaborations },
    { id: 'scenarios', label: 'Scenarios', panel: panels.scenarios },
    { id: 'files', label: 'Files', panel: panels.files },
    { id: 'settings', label: 'Settings', panel: panels.settings },
    { id: 'generate', label: 'Generate', panel: panels.generate },
    { id: 'timeline', label: 'Timeline', panel: panels.timeline },
  ]);
  // Opening a system from the table shows and zooms to it; the assignment target changes only when chosen.
  mountSystemsTable(panels.systems, panelSession, (id) => {
    details.showSystem(id);
    const g = session.engine.get()?.scenario.systems.find((s) => s.id === id);
    if (g) zoomToUnits(g.units);
  }, init.unitNoun);
  const indexOfCode = unitIndexOf(init.codes);
  const selectUnits = (codes: string[]) => {
    session.selection.set(codes.map(indexOfCode).filter((i) => i >= 0));
    zoomToUnits(codes);
  };
  mountFindings(panels.findings, panelSession, selectUnits, (t) => tabs.setBadge('findings', t), init.unitNoun);
  mountOrganisations(panels.organisations, {
    session: panelSession, actions, codes: init.codes, names: init.names, nhsCodes: init.nhsCodes, population: init.population, zoomToUnits, noun: init.unitNoun,
  });
  session.activeOrganisation.subscribe((id) => id && tabs.select('organisations'));
  mountCollaborations(panels.collaborations, panelSession, actions, init.codes, (t) => tabs.setBadge('collaborations', t), init.unitNoun);
  mountScenarios(panels.scenarios, persistence, notify);
  mountFiles(panels.files, engine, session, actions, notify, byId('drop-zone'), persistence.importFile, init.unitNoun);
  mountPictures(panels.files, { map, session, init, notify });
  mountSettings(panels.settings, panelSession, actions);
  bindKeyboard(session, actions, bar, { map, anchors: init.anchors, neighbours: init.neighbours, noun: init.unitNoun });
  // The compare view loads on first use (it brings the engine's comparison labels along), then owns the button.
  const compareToggle = byId<HTMLButtonElement>('compare-open');
  let compareView: Promise<CompareHandle> | undefined;
  const loadCompare = () => (compareView ??= import('./compare/compareView.ts').then(({ mountCompare }) =>
    mountCompare({ toggle: compareToggle, root: byId('compare-view'), editor: byId('editor'), engine, init, persistence, session })));
  mountTimeline(panels.timeline, { mapUnitSet: init.unitSet, asset, compare: (b, a) => void loadCompare().then((c) => c.open(b, a)) });
  compareToggle.addEventListener('click', () => void (compareView ?? loadCompare().then((c) => c.open())));
  // The Generate panel (and its d3, topojson and engine code) loads after the first map, in its own chunk.
  void import('./panels/generate.ts').then(({ mountGenerate }) => mountGenerate(panels.generate, {
    session, persistence, notify, bundleUrl,
    compare: (scenario, label) => void loadCompare().then((c) => c.open({ key: 'generated', label, source: { scenario } })),
  }));

  await persistence.start(DEFAULT_BASELINE);
  // Last subscriber: marks when every panel has taken a state (the browser bench reads it; see paintState.ts).
  panelSession.engine.subscribe((st) => {
    if (!st) return;
    if (st.seq % 500 === 0) performance.clearMarks('footprints:panels');
    performance.mark('footprints:panels', { detail: { seq: st.seq } });
  });
  // Every panel is in place now (the tools above the map in narrow windows): fit England to the map's final size.
  map.resize();
  map.fitBounds(init.bbox, { padding: fitPadding(map.getContainer()), animate: false });
  // Reopened after "Split by council": the split CCG's parts are selected and shown.
  const toSelect = takeSelectAfterOpen().filter((c) => indexOfCode(c) >= 0);
  if (toSelect.length) selectUnits(toSelect);
  byId('loading').hidden = true;
  // The attribution starts folded behind its ⓘ button (MapLibre's compact mode), so it does not cover the south.
  document.querySelector<HTMLElement>('.maplibregl-ctrl-attrib.maplibregl-compact-show .maplibregl-ctrl-attrib-button')?.click();
  document.body.dataset.ready = 'true';

  // Read-only hook for the browser tests and the bench: state, geometry anchors, timing. Not an API.
  const hook = {
    get state(): State | null {
      return session.engine.get();
    },
    get selection() {
      return session.selection.get();
    },
    get activeSystem() {
      return session.activeSystem.get();
    },
    get painted() {
      return painted;
    },
    get firstPaintMs() {
      return firstPaint;
    },
    get lastSaved() {
      return persistence.lastSaved.get();
    },
    get currentScenarioId() {
      return persistence.currentId();
    },
    init,
    /** Screen position (CSS px, relative to the map canvas) of a unit's label anchor. */
    project(i: number) {
      const p = map.project(init.anchors[i]);
      return { x: p.x, y: p.y };
    },
    map,
    idle: () => actions.idle(),
    flush: () => persistence.flush(),
  };
  Object.defineProperty(window, '__footprints', { value: Object.freeze(hook), writable: false, configurable: false });
}

main().catch((e) => {
  console.error(e);
  const el = document.getElementById('loading');
  if (el) el.textContent = `Footprints could not start: ${e instanceof Error ? e.message : String(e)}`;
});
