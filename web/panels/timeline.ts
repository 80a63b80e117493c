// The 2019–2022 timeline: a stepper over the built-in vintages with the engine's list of what changed at each step
// (engine/timeline.ts, through the worker). "Show on the maps" opens Compare with the previous step as A and this
// one as B: a view only, so the scenario being edited is never replaced.
import type { Engine } from '../../workers/client.ts';
import type { TimelineStep } from '../../engine/timeline.ts';
import type { OptionChoice } from '../compare/optionPicker.ts';
import { h, fill } from '../dom.ts';
import { formatCount } from './format.ts';

export interface TimelineDeps {
  engine: Engine;
  /** Opens Compare with these two options. */
  compare(b: OptionChoice, a: OptionChoice): void;
}

const choice = (s: TimelineStep): OptionChoice => ({ key: `baseline:${s.baseline}`, label: `${s.date}: ${s.name}`, source: { baseline: s.baseline } });

export function mountTimeline(el: HTMLElement, d: TimelineDeps): void {
  let steps: TimelineStep[] = [];
  let at = 0;
  const buttons = h('div', { class: 'timeline-steps', role: 'group', 'aria-label': 'Timeline steps' });
  const list = h('div', { id: 'timeline-changes', class: 'timeline-changes', role: 'region', 'aria-live': 'polite' });
  const show = h('button', { type: 'button', class: 'btn', id: 'timeline-show' }, 'Show on the maps');
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
        `${m.name} (${formatCount(m.population)} people): ${m.from} → ${m.to}`))));
  };

  fill(el, h('h2', {}, 'Timeline 2019–2022'), buttons, show, list);
  void d.engine.timeline().then((t) => {
    steps = t;
    render();
    el.dataset.ready = 'true';
  });
}
