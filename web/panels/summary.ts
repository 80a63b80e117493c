// The scenario at a glance: counts, "typically one CCG per ICS", the band, money, conservation.
// Built once; a state only rewrites the texts that changed, so an edit repaints what it changed (text rasterised
// in software where there is no GPU) and the keyboard focus stays on the button it pressed.
import type { UnitNoun } from '../../engine/bundle.ts';
import type { Session } from '../state/session.ts';
import type { Actions } from '../state/actions.ts';
import { h, fill } from '../dom.ts';
import { formatCount, formatShort, pounds } from './format.ts';

/** Sets a node's text only when it differs. */
const setText = (el: HTMLElement, text: string) => {
  if (el.textContent !== text) el.textContent = text;
};

interface Stat {
  el: HTMLElement;
  set(value: string, label: string, note?: string): void;
}

function stat(id: string): Stat {
  const value = h('div', { class: 'stat-value' });
  const label = h('div', { class: 'stat-label' });
  const note = h('div', { class: 'stat-note' });
  const el = h('div', { class: 'stat', id: `stat-${id}` }, value, label, note);
  return {
    el,
    set(v, l, n = '') {
      setText(value, v);
      setText(label, l);
      setText(note, n);
      note.hidden = !n;
    },
  };
}

export function mountSummary(el: HTMLElement, session: Session, actions: Actions, noun: UnitNoun = { one: 'CCG', many: 'CCGs' }): void {
  el.className = 'summary';
  el.setAttribute('aria-label', 'Scenario summary');
  el.setAttribute('role', 'region');
  const perIcs = h('button', {
    type: 'button', class: 'btn btn-small', id: 'one-ccg-per-ics-all',
    title: 'Merge the CCGs of every system into one organisation',
    onclick: () => void actions.run({ op: 'oneOrganisationPerSystem', system: 'all' }),
  }, 'One CCG per ICS for all');
  const stats = { systems: stat('systems'), organisations: stat('organisations'), typical: stat('typical'), band: stat('band'), cost: stat('cost') };
  const total = h('span', { id: 'summary-text' });
  let built = false;
  session.engine.subscribe((st) => {
    if (!st) return;
    if (!built) {
      built = true;
      fill(el, h('div', { class: 'stats' }, Object.values(stats).map((s) => s.el)), h('div', { class: 'summary-foot' }, total, perIcs));
    }
    const s = st.summary;
    stats.systems.set(formatCount(s.systems), 'systems');
    stats.organisations.set(formatCount(s.organisations), 'organisations');
    stats.typical.set(`${s.typicalSystems} of ${s.systems}`, 'typically one CCG per ICS', s.atypicalSystems.length ? `${s.atypicalSystems.length} marked atypical` : '');
    stats.band.set(`${s.systemsInBand} of ${s.systems}`, `in band ${formatShort(s.band.min)}–${formatShort(s.band.max)}`);
    const change = st.costChange;
    const saving = change && change.runningCost !== 0
      ? ` · ${change.runningCost < 0 ? 'saves' : 'costs'} ${pounds(Math.abs(change.runningCost))} a year against ${change.against}`
      : '';
    stats.cost.set(pounds(s.runningCost), `running costs a year: £${s.costPerHead}/head + fixed`,
      `${pounds(s.allowance)} allowance + ${pounds(s.fixedCosts)} for ${s.governingBodies} governing bodies and ${s.accountableOfficers} AOs${saving}`);
    total.className = s.populationConserved ? 'ok' : 'bad';
    setText(total, `${formatCount(s.systemsTotal)} people in systems${s.populationConserved ? ' ✓ England total' : ` ✗ England is ${formatCount(s.englandTotal)}`}${
      s.unassignedUnits.systems ? ` · ${s.unassignedUnits.systems} ${s.unassignedUnits.systems === 1 ? noun.one : noun.many} in no system` : ''}`);
  });
}
