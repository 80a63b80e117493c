// The 2019–2022 timeline: a stepper over the built-in vintages with the engine's list of what changed at each step
// (engine/timeline.ts). The lists are computed in the timeline's own worker, started the first time the panel is
// shown, on the coarsest unit set where every vintage is exact (the CCG parts: Glossop, West Birmingham), so a
// move names the part that moved and its people exactly; loading shows its progress. "Show on the maps" opens
// Compare with the previous step as A and this one as B, drawn on the map's units: where a step splits one of
// them the panel says so. A view only: the scenario being edited is never replaced.
import { proxy, wrap } from 'comlink';
import { unitSetFile, UNIT_SETS } from '../../engine/bundle.ts';
import type { TimelineStep } from '../../engine/timeline.ts';
import type { TimelineApi } from '../../workers/timeline.worker.ts';
import type { OptionChoice } from '../compare/optionPicker.ts';
import { h, fill } from '../dom.ts';
import { formatCount } from './format.ts';

export interface TimelineDeps {
  /** The unit set the map draws (the app's). */
  mapUnitSet: string;
  /** URL of a file of the app's data (geodata/dist). */
  asset(name: string): string;
  /** Opens Compare with these two options. */
  compare(b: OptionChoice, a: OptionChoice): void;
}

const choice = (s: TimelineStep): OptionChoice => ({ key: `baseline:${s.baseline}`, label: `${s.date}: ${s.name}`, source: { baseline: s.baseline } });
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

/** One line per unit of the map that a step splits: where the map draws it, where its people went. */
function splitNote(s: TimelineStep): HTMLElement | null {
  if (!s.mapSplits.length) return null;
  return h('div', { class: 'timeline-map-note', id: 'timeline-map-note' },
    h('p', { class: 'small' }, `The maps draw whole CCGs: ${s.mapSplits.length === 1 ? 'one CCG is' : `${s.mapSplits.length} CCGs are`} split at this step, each drawn in the group holding most of its people. The list above gives the parts exactly.`),
    h('ul', { class: 'small' }, s.mapSplits.map((x) => h('li', {},
      `${x.unitName}: ${x.parts.map((p) => `${formatCount(p.population)} in ${p.groupName}`).join(', ')}`))));
}

export function mountTimeline(el: HTMLElement, d: TimelineDeps): void {
  let steps: TimelineStep[] = [];
  let at = 0;
  const buttons = h('div', { class: 'timeline-steps', role: 'group', 'aria-label': 'Timeline steps' });
  const status = h('p', { class: 'muted small', id: 'timeline-status', role: 'status' });
  const list = h('div', { id: 'timeline-changes', class: 'timeline-changes', role: 'region', 'aria-live': 'polite' });
  const show = h('button', { type: 'button', class: 'btn', id: 'timeline-show', disabled: true }, 'Show on the maps');
  show.addEventListener('click', () => {
    const s = steps[at];
    if (s) d.compare(choice(s), choice(steps[Math.max(0, at - 1)]));
  });

  const render = () => {
    fill(buttons, steps.map((s, k) => h('button', {
      type: 'button', class: `btn btn-small${k === at ? ' btn-primary' : ''}`, id: `timeline-step-${k}`, 'aria-pressed': String(k === at),
      onclick: () => { at = k; render(); },
    }, s.date)));
    const s = steps[at];
    if (!s) return;
    const head = h('p', { class: 'timeline-head' }, `${s.date}: ${s.name} · ${s.systems} systems · ${s.organisations} organisations`);
    if (at === 0) {
      fill(list, head, h('p', { class: 'muted small' }, 'The starting point.'));
      return;
    }
    const prev = steps[at - 1];
    fill(list, head,
      h('h3', {}, `Since ${prev.date}: ${s.mergers.length} mergers, ${s.moves.length} moved system (${formatCount(s.peopleMoved)} people)`),
      h('ul', { class: 'timeline-mergers' }, s.mergers.map((m) => h('li', { 'data-org': m.into.id },
        `${m.into.name} (${formatCount(m.population)} people) ← ${m.from.map((f) => f.name).join(', ')}`))),
      h('ul', { class: 'timeline-moves' }, s.moves.map((m) => h('li', { 'data-unit': m.unit },
        `${m.name}, ${formatCount(m.population)} people: ${m.from} → ${m.to}`))),
      splitNote(s));
  };

  const start = async () => {
    status.textContent = 'Loading the timeline…';
    const worker = new Worker(new URL('../../workers/timeline.worker.ts', import.meta.url), { type: 'module', name: 'footprints-timeline' });
    try {
      const api = wrap<TimelineApi>(worker);
      const urls = Object.fromEntries(UNIT_SETS.map((id) => [id, d.asset(unitSetFile(id))]));
      steps = await api.steps(d.mapUnitSet, urls, proxy((unitSet: string, loaded: number, total: number) => {
        status.textContent = `Loading the timeline (${unitSet}): ${total ? `${mb(loaded)} of ${mb(total)} MB` : `${mb(loaded)} MB`}`;
      }));
      const s = steps[0];
      status.textContent = s ? `Changes counted on ${s.unitSet} units, where every step is exact.` : 'No vintages in this bundle.';
      show.disabled = false;
      render();
      el.dataset.ready = 'true';
    } catch (e) {
      status.textContent = `Could not load the timeline: ${e instanceof Error ? e.message : String(e)}`;
      started = false;
    } finally {
      worker.terminate();
    }
  };
  // Started the first time the panel is shown, never with the first map.
  let started = false;
  const maybeStart = () => {
    if (el.hidden || started) return;
    started = true;
    void start();
  };
  new MutationObserver(maybeStart).observe(el, { attributes: true, attributeFilter: ['hidden'] });

  fill(el, h('h2', {}, 'Timeline 2019–2022'), buttons, show, status, list);
  maybeStart();
}
