// Collaborations: overlapping groupings with a kind, services and status; drawn as dotted outlines on the map.
import type { Session } from '../state/session.ts';
import type { Actions } from '../state/actions.ts';
import { COLLABORATION_KINDS, COLLABORATION_STATUSES } from '../../engine/scenario.ts';
import { h, fill } from '../dom.ts';
import { formatShort, plural } from './format.ts';

const words = (s: string) => s.replace(/-/g, ' ');

export function mountCollaborations(el: HTMLElement, session: Session, actions: Actions, codes: readonly string[], setBadge: (t: string) => void): void {
  const list = h('ul', { class: 'collabs', id: 'collab-list' });
  const name = h('input', { type: 'text', id: 'collab-name', placeholder: 'e.g. Kent and Medway joint committee', class: 'grow' });
  const kind = h('select', { id: 'collab-kind' }, COLLABORATION_KINDS.map((k) => h('option', { value: k }, words(k))));
  const status = h('select', { id: 'collab-status' }, COLLABORATION_STATUSES.map((k) => h('option', { value: k }, words(k))));
  const services = h('input', { type: 'text', id: 'collab-services', placeholder: 'services, comma separated', class: 'grow' });
  const form = h('form', { class: 'collab-form', 'aria-label': 'New collaboration from the selected CCGs' },
    h('h3', {}, 'New collaboration from the selected CCGs'),
    h('label', { for: 'collab-name' }, 'Name'), name,
    h('div', { class: 'field-row' }, h('label', { for: 'collab-kind' }, 'Kind'), kind, h('label', { for: 'collab-status' }, 'Status'), status),
    h('label', { for: 'collab-services' }, 'Services'), services,
    h('button', { type: 'submit', class: 'btn btn-primary' }, 'Add collaboration'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const units = session.selection.get().map((i) => codes[i]);
    void actions.run({
      op: 'addCollaboration',
      collaboration: { name: name.value.trim(), kind: kind.value as never, status: status.value as never, services: services.value.split(',').map((s) => s.trim()).filter(Boolean), units },
    }).then((ok) => ok && (name.value = ''));
  });
  fill(el, h('h2', {}, 'Collaborations'), h('p', { class: 'muted small' }, 'Groupings that cut across systems: shared accountable officers, joint committees … A CCG can be in several.'), list, form);

  session.engine.subscribe((st) => {
    if (!st) return;
    setBadge(st.collaborations.length ? String(st.collaborations.length) : '');
    fill(list, st.collaborations.length === 0 ? h('li', { class: 'muted' }, 'None yet.') : st.collaborations.map((m) => {
      const statusSel = h('select', { 'aria-label': `Status of ${m.name}` }, COLLABORATION_STATUSES.map((k) => h('option', { value: k }, words(k))));
      statusSel.value = m.status ?? 'possible';
      statusSel.addEventListener('change', () => void actions.run({ op: 'updateCollaboration', collaboration: m.id, patch: { status: statusSel.value as never } }));
      return h('li', { class: 'collab' },
        h('div', { class: 'collab-head' }, h('strong', {}, m.name), h('span', { class: 'pill' }, words(m.kind ?? ''))),
        h('div', { class: 'muted small' }, `${plural(m.ccgCount, 'CCG')} · ${formatShort(m.population)} · ${plural(m.organisationCount, 'organisation')}${m.services?.length ? ` · ${m.services.join(', ')}` : ''}`),
        h('div', { class: 'actions' }, statusSel,
          h('button', { type: 'button', class: 'btn btn-small', onclick: () => session.selection.set([...m.members]) }, 'Select CCGs'),
          h('button', { type: 'button', class: 'btn btn-small', onclick: () => {
            const units = session.selection.get().map((i) => codes[i]);
            if (units.length) void actions.run({ op: 'updateCollaboration', collaboration: m.id, patch: { units } });
          } }, 'Set to selection'),
          h('button', { type: 'button', class: 'btn btn-small btn-danger', onclick: () => void actions.run({ op: 'removeCollaboration', collaboration: m.id }) }, 'Remove')),
      );
    }));
  });
}
