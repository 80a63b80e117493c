// Planner settings: the population band for systems, the running-cost allowance per head and the fixed costs of
// each organisation's governing body and accountable officer (planner assumptions; defaults in engine/runningCosts.ts).
import type { Session } from '../state/session.ts';
import type { Actions } from '../state/actions.ts';
import { COST_PER_HEAD_PRESETS } from '../../engine/scenario.ts';
import { h, fill } from '../dom.ts';

const PRESET_NOTES: Record<number, string> = { 25: '2013/14', 22.07: '2016/17', 21.46: 'expected 2020/21' };

export function mountSettings(el: HTMLElement, session: Session, actions: Actions): void {
  const min = h('input', { type: 'number', id: 'band-min', min: 0, step: 10000, class: 'num-input' });
  const max = h('input', { type: 'number', id: 'band-max', min: 0, step: 10000, class: 'num-input' });
  const cost = h('input', { type: 'number', id: 'cost-per-head', min: 0.01, step: 0.01, class: 'num-input' });
  const gbCost = h('input', { type: 'number', id: 'governing-body-cost', min: 0, step: 1000, class: 'num-input' });
  const aoCost = h('input', { type: 'number', id: 'accountable-officer-cost', min: 0, step: 1000, class: 'num-input' });
  const presets = COST_PER_HEAD_PRESETS.map((p) =>
    h('button', { type: 'button', class: 'btn btn-small', onclick: () => { cost.value = String(p); } }, `£${p} (${PRESET_NOTES[p] ?? ''})`));
  const apply = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Apply settings');
  const form = h('form', { class: 'settings', 'aria-label': 'Settings' },
    h('h2', {}, 'Settings'),
    h('fieldset', {}, h('legend', {}, 'Population band for systems (people)'),
      h('label', { for: 'band-min' }, 'Minimum'), min, h('label', { for: 'band-max' }, 'Maximum'), max),
    h('fieldset', {}, h('legend', {}, 'Running-cost allowance (£ per head)'),
      h('label', { for: 'cost-per-head' }, '£ per head'), cost, h('div', { class: 'presets', role: 'group', 'aria-label': 'Presets' }, presets)),
    h('fieldset', {}, h('legend', {}, 'Fixed costs per organisation (£ a year, your assumptions)'),
      h('label', { for: 'governing-body-cost' }, 'Governing body'), gbCost, h('label', { for: 'accountable-officer-cost' }, 'Accountable officer'), aoCost),
    apply,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void actions.run({ op: 'updateSettings', patch: { band: { min: Number(min.value), max: Number(max.value) }, costPerHead: Number(cost.value),
      governingBodyCost: Number(gbCost.value), accountableOfficerCost: Number(aoCost.value) } });
  });
  fill(el, form);
  session.engine.subscribe((st) => {
    if (!st || el.contains(document.activeElement)) return;
    min.value = String(st.scenario.settings.band.min);
    max.value = String(st.scenario.settings.band.max);
    cost.value = String(st.scenario.settings.costPerHead);
    gbCost.value = String(st.scenario.settings.governingBodyCost);
    aoCost.value = String(st.scenario.settings.accountableOfficerCost);
  });
}
