/**
 * The Generate panel: ReCom chains from the scenario being edited, under the planner's constraints and toward
 * their weighted objectives, run in generate workers (generateRun.ts) so editing never waits. Shows progress,
 * the best options as small maps (each opened as a new saved scenario or compared with the current one) and the
 * ensemble's histograms with the current scenario placed among the generated plans.
 *
 * The root's `data-status` (idle, running, paused, cancelled, done, error) is what the browser tests wait on.
 */
import type { Bundle } from '../../engine/bundle.ts';
import type { ScenarioV1 } from '../../engine/scenario.ts';
import { Geography } from '../../engine/geography.ts';
import { METRICS, OBJECTIVES, type ObjectiveName, type Weights } from '../../engine/generate/objectives.ts';
import { scenarioMetrics } from '../../engine/generate/toScenario.ts';
import type { GeneratedOption } from '../../workers/api.ts';
import type { Session } from '../state/session.ts';
import type { Persistence } from '../state/persistence.ts';
import type { Notify } from '../state/actions.ts';
import { h, fill } from '../dom.ts';
import { formatCount, formatShare, plural } from './format.ts';
import { createGeneratePool, spareCores, type GeneratePool, type RunOptions, type RunProgress, type RunResult } from './generateRun.ts';
import { createMapDrawer, type MapDrawer } from './generateMaps.ts';
import { histogram, percentileWords, METRIC_VIEW } from './generateHistograms.ts';
import { mountLockList } from './generateLocks.ts';

export interface GenerateDeps {
  session: Session;
  persistence: Persistence;
  notify: Notify;
  bundleUrl: string;
  /** Opens the compare view with the scenario being edited as A and this scenario as B. */
  compare(scenario: ScenarioV1, label: string): void;
}

type Status = 'idle' | 'running' | 'paused' | 'cancelled' | 'done' | 'error';

const OBJECTIVE_LABELS: Record<ObjectiveName, string> = {
  coterminosity: 'Coterminosity with councils',
  band: 'Systems in the band',
  regions: 'Fewest NHS region crossings',
  compactness: 'Compactness',
  moved: 'Fewest people moved',
  'one-organisation': 'One organisation per system',
};
const DEFAULT_WEIGHTS: Weights = { coterminosity: 1, band: 1 };

const numberInput = (id: string, value: number, attrs: Record<string, number> = {}) =>
  h('input', { type: 'number', id, value, class: 'num-input', ...attrs });
const field = (id: string, label: string, input: HTMLElement) => h('div', { class: 'gen-field' }, h('label', { for: id }, label), input);
const checkbox = (id: string, label: string) => {
  const input = h('input', { type: 'checkbox', id });
  return { input, el: h('div', { class: 'gen-check' }, input, h('label', { for: id }, label)) };
};

function duration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  const s = Math.ceil(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

export function mountGenerate(el: HTMLElement, d: GenerateDeps): void {
  const bandMin = numberInput('gen-band-min', 0, { min: 0, step: 10000 });
  const bandMax = numberInput('gen-band-max', 0, { min: 0, step: 10000 });
  // The band follows the scenario's settings until the planner types their own.
  let bandEdited = false;
  [bandMin, bandMax].forEach((i) => i.addEventListener('input', () => (bandEdited = true)));
  // The number of systems: from = to (the scenario's count) is fixed; a range lets merges and splits change it.
  const countMin = numberInput('gen-systems-min', 0, { min: 1, step: 1 });
  const countMax = numberInput('gen-systems-max', 0, { min: 1, step: 1 });
  let countEdited = false;
  [countMin, countMax].forEach((i) => i.addEventListener('input', () => (countEdited = true)));
  const locks = mountLockList('gen-lock');
  const keepOrgs = checkbox('gen-keep-orgs', 'Keep organisations whole');
  const withinRegions = checkbox('gen-within-regions', 'Keep each system within one NHS region');
  const weights = OBJECTIVES.map((o) => numberInput(`gen-w-${o}`, DEFAULT_WEIGHTS[o] ?? 0, { min: 0, step: 0.5 }));
  const steps = numberInput('gen-steps', 20000, { min: 1, step: 1000 });
  const seed = numberInput('gen-seed', 1, { min: 0, step: 1 });
  const chains = numberInput('gen-chains', spareCores(), { min: 1, max: 16, step: 1 });
  const top = numberInput('gen-top', 4, { min: 1, max: 12, step: 1 });
  const every = numberInput('gen-every', 10, { min: 1, step: 1 });

  const startBtn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'gen-start' }, 'Generate');
  const pauseBtn = h('button', { type: 'button', class: 'btn', id: 'gen-pause', 'aria-pressed': 'false', disabled: true }, 'Pause');
  const cancelBtn = h('button', { type: 'button', class: 'btn', id: 'gen-cancel', disabled: true }, 'Cancel');

  const statusText = h('p', { id: 'gen-status', role: 'status', class: 'gen-status' }, 'Not started.');
  const error = h('p', { id: 'gen-error', role: 'alert', class: 'import-error', hidden: true });
  const bar = h('progress', { id: 'gen-bar', max: 1, value: 0, 'aria-label': 'Generation progress' });
  const figure = (id: string, label: string) => {
    const dd = h('dd', { id });
    return { dd, el: h('div', {}, h('dt', {}, label), dd) };
  };
  const figs = {
    steps: figure('gen-progress-steps', 'Steps'),
    speed: figure('gen-progress-speed', 'Steps/s'),
    best: figure('gen-progress-best', 'Best score'),
    left: figure('gen-progress-left', 'Time left'),
  };
  const progressEl = h('section', { id: 'gen-progress', class: 'gen-progress', 'aria-label': 'Progress', hidden: true },
    bar, h('dl', { class: 'gen-figures' }, Object.values(figs).map((f) => f.el)));
  const optionsEl = h('section', { id: 'gen-options', class: 'gen-options', 'aria-label': 'Best options' });
  const ensembleEl = h('section', { id: 'gen-ensemble', class: 'gen-ensemble', 'aria-label': 'Where the current scenario sits' });

  // The engine checks the figures and names the field it refuses; the browser's step rules would block silently.
  const form = h('form', { class: 'gen-form', id: 'gen-form', 'aria-label': 'Generate options', novalidate: true },
    h('h2', {}, 'Generate options'),
    h('p', { class: 'muted small' }, 'ReCom chains redraw the systems of the scenario being edited; each chain runs in its own worker, so you can keep editing.'),
    h('fieldset', {}, h('legend', {}, 'Constraints'),
      h('div', { class: 'gen-row' }, field('gen-band-min', 'Band minimum (people)', bandMin), field('gen-band-max', 'Band maximum (people)', bandMax)),
      h('div', { class: 'gen-row', role: 'group', 'aria-label': 'Number of systems' },
        field('gen-systems-min', 'Number of systems: from', countMin), field('gen-systems-max', 'to', countMax)),
      locks.el, keepOrgs.el, withinRegions.el),
    h('fieldset', {}, h('legend', {}, 'Objectives (weights; 0 leaves one out)'),
      h('div', { class: 'gen-grid' }, OBJECTIVES.map((o, j) => field(`gen-w-${o}`, OBJECTIVE_LABELS[o], weights[j])))),
    h('fieldset', {}, h('legend', {}, 'Run'),
      h('div', { class: 'gen-grid' },
        field('gen-steps', 'Steps per chain', steps), field('gen-seed', 'Seed', seed), field('gen-chains', 'Chains', chains),
        field('gen-top', 'Options to keep', top), field('gen-every', 'Record every n-th plan', every))),
    h('div', { class: 'gen-buttons' }, startBtn, pauseBtn, cancelBtn),
  );
  fill(el, h('div', { class: 'gen-panel', id: 'gen-panel', 'data-status': 'idle' }, form, statusText, error, progressEl, optionsEl, ensembleEl));
  const root = el.firstElementChild as HTMLElement;

  d.session.engine.subscribe((st) => {
    if (!st) return;
    locks.update(st.scenario.systems);
    if (!bandEdited) {
      bandMin.value = String(st.scenario.settings.band.min);
      bandMax.value = String(st.scenario.settings.band.max);
    }
    if (!countEdited) countMin.value = countMax.value = String(st.scenario.systems.length);
  });
  const st0 = d.session.engine.get();
  if (st0) {
    locks.update(st0.scenario.systems);
    bandMin.value = String(st0.scenario.settings.band.min);
    bandMax.value = String(st0.scenario.settings.band.max);
    countMin.value = countMax.value = String(st0.scenario.systems.length);
  }

  let status: Status = 'idle';
  const setStatus = (s: Status, text: string) => {
    status = s;
    root.dataset.status = s;
    statusText.textContent = text;
    const live = s === 'running' || s === 'paused';
    startBtn.disabled = live;
    pauseBtn.disabled = !live;
    cancelBtn.disabled = !live;
    pauseBtn.textContent = s === 'paused' ? 'Resume' : 'Pause';
    pauseBtn.setAttribute('aria-pressed', String(s === 'paused'));
  };

  const showProgress = (p: RunProgress) => {
    bar.max = Math.max(1, p.total);
    bar.value = p.steps;
    figs.steps.dd.textContent = `${formatCount(p.steps)} of ${formatCount(p.total)}`;
    figs.steps.dd.dataset.value = String(p.steps);
    figs.speed.dd.textContent = formatCount(p.stepsPerSecond);
    figs.best.dd.textContent = p.bestScore === null ? '–' : p.bestScore.toFixed(3);
    figs.left.dd.textContent = status === 'paused' ? 'paused' : duration(p.remainingMs);
  };

  // The bundle, its Geography and the maps are built on the first run; the workers are kept for the next.
  let loaded: Promise<{ bundle: Bundle; geo: Geography; draw: MapDrawer; pool: GeneratePool }> | undefined;
  const load = () => (loaded ??= (async () => {
    const bundle: Bundle = await (await fetch(d.bundleUrl)).json();
    const geo = Geography.fromBundle(bundle);
    return { bundle, geo, draw: createMapDrawer(bundle, geo), pool: createGeneratePool(bundle) };
  })());

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (status === 'running' || status === 'paused') return;
    void run();
  });
  pauseBtn.addEventListener('click', async () => {
    const { pool } = await load();
    if (status === 'running') {
      pool.pause();
      setStatus('paused', 'Paused.');
      figs.left.dd.textContent = 'paused';
    } else if (status === 'paused') {
      pool.resume();
      setStatus('running', 'Running…');
    }
  });
  cancelBtn.addEventListener('click', async () => {
    if (status !== 'running' && status !== 'paused') return;
    setStatus('cancelled', 'Cancelled.');
    (await load()).pool.cancel();
  });

  async function run() {
    const st = d.session.engine.get();
    if (!st) return;
    const start = st.scenario;
    error.hidden = true;
    const blank = [bandMin, bandMax, countMin, countMax, ...weights, steps, seed, chains, top, every].find((i) => i.value.trim() === '' || !Number.isFinite(Number(i.value)));
    if (blank) {
      setStatus('error', 'Not generated.');
      error.textContent = `${document.querySelector(`label[for="${blank.id}"]`)?.textContent ?? blank.id}: enter a number.`;
      error.hidden = false;
      blank.focus();
      return;
    }
    const band = { min: Number(bandMin.value), max: Number(bandMax.value) };
    // Checked by the engine in the worker (problem.ts checkSystemCount), whose message is shown as it is.
    const systemCount = { min: Number(countMin.value), max: Number(countMax.value) };
    const objectives: Weights = {};
    OBJECTIVES.forEach((o, j) => {
      const w = Number(weights[j].value);
      if (w > 0) objectives[o] = w;
    });
    const options: RunOptions = {
      seed: Number(seed.value),
      steps: Number(steps.value),
      band,
      systemCount,
      lock: locks.chosen(),
      keepOrganisations: keepOrgs.input.checked,
      withinRegions: withinRegions.input.checked,
      objectives,
      top: Math.max(1, Math.floor(Number(top.value))),
      ensembleEvery: Math.max(1, Math.floor(Number(every.value))),
    };
    const k = Math.max(1, Math.min(16, Math.floor(Number(chains.value)) || 1));
    setStatus('running', 'Starting the workers…');
    fill(optionsEl);
    fill(ensembleEl);
    progressEl.hidden = false;
    showProgress({ steps: 0, total: k * options.steps, stepsPerSecond: 0, remainingMs: null, bestScore: null, recorded: 0, chains: k, chainsDone: 0 });
    try {
      const { geo, draw, pool } = await load();
      if (status === 'running') setStatus('running', `Running ${plural(k, 'chain')} on ${plural(Math.min(k, pool.workers), 'worker')}…`);
      const running = pool.run(start, options, k, showProgress);
      // Pause or Cancel pressed while the workers were starting: pass it on now that the run exists.
      if (status === 'paused') pool.pause();
      else if (status === 'cancelled') pool.cancel();
      const result = await running;
      showProgress(result.progress);
      const cancelled = result.status === 'cancelled' || status === 'cancelled';
      setStatus(cancelled ? 'cancelled' : 'done', cancelled
        ? `Cancelled after ${formatCount(result.progress.steps)} steps; the best options found so far are below.`
        : `Done: ${formatCount(result.progress.steps)} steps in ${plural(k, 'chain')}.`);
      showOptions(result, start, draw);
      showEnsemble(result, start, geo, band, systemCount.min < systemCount.max);
    } catch (e) {
      setStatus('error', 'Not generated.');
      error.textContent = e instanceof Error ? e.message : String(e);
      error.hidden = false;
    }
  }

  function showOptions(result: RunResult, start: ScenarioV1, draw: MapDrawer) {
    if (!result.options.length) {
      fill(optionsEl, h('p', { class: 'muted' }, 'No options: set a weight above 0 on at least one objective to optimise.'));
      return;
    }
    const items = result.options.map((o, r) => optionCard(o, r, start, draw));
    fill(optionsEl, h('h3', {}, 'Best options'), h('ol', { class: 'gen-option-list' }, items));
  }

  function optionCard(o: GeneratedOption, r: number, start: ScenarioV1, draw: MapDrawer) {
    const name = `${start.name} (generated, option ${r + 1})`;
    const scenario: ScenarioV1 = { ...o.scenario, name };
    const m = o.metrics;
    const k = scenario.systems.length;
    const open = h('button', { type: 'button', class: 'btn btn-small gen-open', 'aria-label': `Open option ${r + 1} as a new saved scenario` }, 'Open as new scenario');
    open.addEventListener('click', async () => {
      open.disabled = true;
      const ok = await d.persistence.openAsNew(scenario);
      open.disabled = false;
      if (ok) d.notify.info(`Opened "${name}" as a new saved scenario; "${start.name}" is still in your saved scenarios.`);
    });
    const compare = h('button', { type: 'button', class: 'btn btn-small gen-compare', 'aria-label': `Compare option ${r + 1} with the scenario being edited` }, 'Compare');
    compare.addEventListener('click', () => d.compare(scenario, `Generated: option ${r + 1}`));
    return h('li', { class: 'gen-option', 'data-rank': r + 1, 'data-score': o.score, 'data-systems': k },
      draw(scenario, `Option ${r + 1}: map of its ${k} systems`),
      h('div', { class: 'gen-option-text' },
        h('p', { class: 'gen-option-title' }, `Option ${r + 1}`, h('span', { class: 'gen-score' }, ` score ${o.score.toFixed(3)}`)),
        h('ul', { class: 'gen-metrics small' },
          h('li', {}, `Coterminosity ${formatShare(m[0])}`),
          h('li', {}, `${m[1]} of ${k} systems in the band`),
          h('li', {}, `${plural(m[2], 'system')} crossing a region`),
          h('li', {}, `${formatCount(m[4])} people moved`),
          h('li', {}, `${m[5]} of ${k} systems one organisation`)),
        h('div', { class: 'gen-option-buttons' }, open, compare)));
  }

  function showEnsemble(result: RunResult, start: ScenarioV1, geo: Geography, band: { min: number; max: number }, countVaried: boolean) {
    const e = result.ensemble;
    if (!e || e.columns[0].length === 0) return;
    let current: Float64Array;
    try {
      current = scenarioMetrics(geo, start, band);
    } catch (err) {
      fill(ensembleEl, h('p', { class: 'import-error' }, `The current scenario could not be placed: ${err instanceof Error ? err.message : String(err)}`));
      return;
    }
    const n = e.columns[0].length;
    fill(ensembleEl,
      h('h3', {}, 'Where the current scenario sits'),
      h('p', { class: 'muted small' }, `Among ${formatCount(n)} plans recorded every ${plural(e.every, 'step')} of plain ReCom chains (no objective steering them) from "${start.name}". The line marks the current scenario.`),
      // The number of systems has a histogram only when it could vary (with a fixed count it is one bar).
      METRICS.map((metric, j) => (metric === 'systems' && !countVaried ? null : h('figure', { class: 'gen-hist-figure', 'data-metric': metric },
        h('figcaption', {}, h('span', { class: 'gen-hist-title' }, METRIC_VIEW[metric].title), ' ',
          h('span', { class: 'gen-percentile' }, `${METRIC_VIEW[metric].format(current[j])}: ${percentileWords(metric, e.columns[j], current[j])}`)),
        histogram(metric, e.columns[j], current[j])))));
  }
}
