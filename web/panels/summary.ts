// The scenario at a glance: counts, "typically one CCG per ICS", the band, money, conservation.
import type { Session } from '../state/session.ts';
import type { Actions } from '../state/actions.ts';
import { h, fill } from '../dom.ts';
import { formatCount, formatShort, pounds } from './format.ts';

export function mountSummary(el: HTMLElement, session: Session, actions: Actions): void {
  el.className = 'summary';
  el.setAttribute('aria-label', 'Scenario summary');
  el.setAttribute('role', 'region');
  const stat = (id: string, label: string, value: string, note = '') =>
    h('div', { class: 'stat', id: `stat-${id}` }, h('div', { class: 'stat-value' }, value), h('div', { class: 'stat-label' }, label), note ? h('div', { class: 'stat-note' }, note) : null);
  const perIcs = h('button', {
    type: 'button', class: 'btn btn-small', id: 'one-ccg-per-ics-all',
    title: 'Merge the CCGs of every system into one organisation',
    onclick: () => void actions.run({ op: 'oneOrganisationPerSystem', system: 'all' }),
  }, 'One CCG per ICS for all');
  session.engine.subscribe((st) => {
    if (!st) return;
    const s = st.summary;
    fill(el,
      h('div', { class: 'stats' },
        stat('systems', 'systems', formatCount(s.systems)),
        stat('organisations', 'organisations', formatCount(s.organisations)),
        stat('typical', 'typically one CCG per ICS', `${s.typicalSystems} of ${s.systems}`, s.atypicalSystems.length ? `${s.atypicalSystems.length} marked atypical` : ''),
        stat('band', `in band ${formatShort(s.band.min)}–${formatShort(s.band.max)}`, `${s.systemsInBand} of ${s.systems}`),
        stat('cost', `running cost at £${s.costPerHead}/head`, pounds(s.runningCost), `${s.accountableOfficers} AOs · ${s.governingBodies} governing bodies`),
      ),
      h('div', { class: 'summary-foot' },
        h('span', { id: 'summary-text', class: s.populationConserved ? 'ok' : 'bad' },
          `${formatCount(s.systemsTotal)} people in systems`, s.populationConserved ? ' ✓ England total' : ` ✗ England is ${formatCount(s.englandTotal)}`,
          s.unassignedUnits.systems ? ` · ${s.unassignedUnits.systems} CCGs in no system` : ''),
        perIcs,
      ),
    );
  });
}
