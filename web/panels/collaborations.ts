/**
 * Collaborations: overlapping groupings with a kind, the services they cover and a status; drawn as dotted
 * outlines on the map. Each can be edited after it is made: name, kind, status and services (one command,
 * one undo step), and its CCGs (add or remove the map selection, or set them to it). Items are rebuilt only
 * when their own data changed, so typing in one survives edits elsewhere.
 */
import type { Session } from '../state/session.ts';
import type { Actions } from '../state/actions.ts';
import type { GroupMetrics } from '../../engine/metrics.ts';
import type { CollaborationDef, CollaborationPatch } from '../../engine/scenario.ts';
import { COLLABORATION_KINDS, COLLABORATION_STATUSES } from '../../engine/scenario.ts';
import { h, fill } from '../dom.ts';
import { formatShort, plural } from './format.ts';
import { unitIndexOf } from '../units.ts';
import { ccgCountText } from '../../engine/ccgCountText.ts';
import type { UnitNoun } from '../../engine/bundle.ts';

const words = (s: string) => s.replace(/-/g, ' ');
const parseServices = (text: string) => [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))];
const STATUS_MARK: Record<string, string> = { 'in-place': '● in place', planned: '◐ planned', possible: '○ possible' };

export function mountCollaborations(el: HTMLElement, session: Session, actions: Actions, codes: readonly string[], setBadge: (t: string) => void, noun: UnitNoun = { one: 'CCG', many: 'CCGs' }): void {
  const list = h('ul', { class: 'collabs', id: 'collab-list' });
  const name = h('input', { type: 'text', id: 'collab-name', placeholder: 'e.g. Kent and Medway joint committee', class: 'grow' });
  const kind = h('select', { id: 'collab-kind' }, COLLABORATION_KINDS.map((k) => h('option', { value: k }, words(k))));
  const status = h('select', { id: 'collab-status' }, COLLABORATION_STATUSES.map((k) => h('option', { value: k }, words(k))));
  const services = h('input', { type: 'text', id: 'collab-services', placeholder: 'services, comma separated (e.g. stroke, mental health)', class: 'grow' });
  const selText = h('p', { class: 'muted small', id: 'collab-selection-text' });
  const addBtn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'collab-add' }, 'Add collaboration');
  const form = h('form', { class: 'collab-form', 'aria-label': `New collaboration from the selected ${noun.many}` },
    h('h3', {}, `New collaboration from the selected ${noun.many}`),
    selText,
    h('label', { for: 'collab-name' }, 'Name'), name,
    h('div', { class: 'field-row' }, h('label', { for: 'collab-kind' }, 'Kind'), kind, h('label', { for: 'collab-status' }, 'Status'), status),
    h('label', { for: 'collab-services' }, 'Services'), services,
    h('div', {}, addBtn),
  );
  const selectedCodes = () => session.selection.get().map((i) => codes[i]);
  const indexOfCode = unitIndexOf(codes);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const units = selectedCodes();
    void actions.run({
      op: 'addCollaboration',
      collaboration: { name: name.value.trim(), kind: kind.value as never, status: status.value as never, services: parseServices(services.value), units },
    }).then((ok) => {
      if (!ok) return;
      name.value = '';
      services.value = '';
    });
  });
  fill(el, h('h2', {}, 'Collaborations'),
    h('p', { class: 'muted small' }, `Groupings that cut across systems and organisations: shared accountable officers, joint committees, lead commissioners … A ${noun.one} can be in several.`),
    list, form);

  const renderForm = () => {
    const n = session.selection.get().length;
    selText.textContent = n ? `${plural(n, noun.one, noun.many)} selected on the map will form it.` : `Select ${noun.many} on the map first (click, Shift-click, box, or search).`;
    addBtn.disabled = n === 0;
  };

  const items = new Map<string, { key: string; li: HTMLElement }>();
  const openEditors = new Set<string>();

  function item(c: CollaborationDef, m: GroupMetrics | undefined): HTMLElement {
    const idp = `collab-${c.id}`;
    const nameIn = h('input', { type: 'text', value: c.name, id: `${idp}-name`, class: 'grow' });
    const kindSel = h('select', { id: `${idp}-kind` }, COLLABORATION_KINDS.map((k) => h('option', { value: k }, words(k))));
    kindSel.value = c.kind;
    const statusSel = h('select', { id: `${idp}-status` }, COLLABORATION_STATUSES.map((k) => h('option', { value: k }, words(k))));
    statusSel.value = c.status;
    const servicesIn = h('input', { type: 'text', value: c.services.join(', '), id: `${idp}-services`, class: 'grow', placeholder: 'comma separated' });
    const save = h('button', { type: 'submit', class: 'btn btn-primary btn-small', id: `${idp}-save` }, 'Save changes');
    const editForm = h('form', { class: 'collab-edit', 'aria-label': `Edit ${c.name}` },
      h('label', { for: `${idp}-name` }, 'Name'), nameIn,
      h('div', { class: 'field-row' }, h('label', { for: `${idp}-kind` }, 'Kind'), kindSel, h('label', { for: `${idp}-status` }, 'Status'), statusSel),
      h('label', { for: `${idp}-services` }, 'Services'), servicesIn,
      h('div', {}, save),
    );
    editForm.addEventListener('submit', (e) => {
      e.preventDefault();
      const patch: CollaborationPatch = {};
      const n = nameIn.value.trim();
      if (n !== c.name) patch.name = n;
      if (kindSel.value !== c.kind) patch.kind = kindSel.value as CollaborationDef['kind'];
      if (statusSel.value !== c.status) patch.status = statusSel.value as CollaborationDef['status'];
      const sv = parseServices(servicesIn.value);
      if (sv.join('\n') !== c.services.join('\n')) patch.services = sv;
      if (Object.keys(patch).length) void actions.run({ op: 'updateCollaboration', collaboration: c.id, patch });
    });
    const editor = h('details', { class: 'collab-editor', open: openEditors.has(c.id) }, h('summary', {}, 'Edit name, kind, status, services'), editForm);
    editor.addEventListener('toggle', () => (editor.open ? openEditors.add(c.id) : openEditors.delete(c.id)));

    const members = new Set(c.units);
    const membership = (mode: 'add' | 'remove' | 'set') => {
      const sel = selectedCodes();
      if (!sel.length) return;
      const units = mode === 'set' ? sel : mode === 'add' ? [...c.units, ...sel.filter((u) => !members.has(u))] : c.units.filter((u) => !sel.includes(u));
      if (units.length === 0) return; // a collaboration keeps at least one CCG (Delete removes it)
      void actions.run({ op: 'updateCollaboration', collaboration: c.id, patch: { units } });
    };
    const sel = selectedCodes();
    const toAdd = sel.filter((u) => !members.has(u)).length;
    const toRemove = sel.filter((u) => members.has(u)).length;
    const figures = m ? `${ccgCountText(m)} · ${formatShort(m.population)} people · ${plural(m.organisationCount, 'organisation')}` : plural(c.units.length, noun.one, noun.many);
    return h('li', { class: 'collab', 'data-collab': c.id, 'aria-label': c.name },
      h('div', { class: 'collab-head' }, h('strong', { class: 'collab-title' }, c.name), h('span', { class: 'pill' }, words(c.kind))),
      h('div', { class: 'small' }, h('span', { class: `status status-${c.status}` }, STATUS_MARK[c.status] ?? c.status), c.services.length ? ` · ${c.services.join(', ')}` : ' · no services listed'),
      h('div', { class: 'muted small' }, figures),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'btn btn-small', onclick: () => session.selection.set(c.units.map(indexOfCode).filter((i) => i >= 0)) }, `Select its ${noun.many}`),
        h('button', { type: 'button', class: 'btn btn-small', id: `${idp}-add-sel`, disabled: toAdd === 0, onclick: () => membership('add') }, toAdd ? `Add ${plural(toAdd, `selected ${noun.one}`, `selected ${noun.many}`)}` : 'Add selected'),
        h('button', { type: 'button', class: 'btn btn-small', id: `${idp}-remove-sel`, disabled: toRemove === 0 || toRemove === c.units.length,
          title: toRemove === c.units.length ? `That would leave it with no ${noun.one}: delete it instead` : undefined,
          onclick: () => membership('remove') }, toRemove && toRemove < c.units.length ? `Remove ${plural(toRemove, `selected ${noun.one}`, `selected ${noun.many}`)}` : 'Remove selected'),
        h('button', { type: 'button', class: 'btn btn-small', id: `${idp}-set-sel`, disabled: sel.length === 0, onclick: () => membership('set') }, 'Set to selection'),
        h('button', { type: 'button', class: 'btn btn-small btn-danger', id: `${idp}-remove`, onclick: () => void actions.run({ op: 'removeCollaboration', collaboration: c.id }) }, 'Delete')),
      editor,
    );
  }

  function render() {
    const st = session.engine.get();
    if (!st) return;
    const defs = st.scenario.collaborations;
    setBadge(defs.length ? String(defs.length) : '');
    renderForm();
    if (defs.length === 0) {
      items.clear();
      fill(list, h('li', { class: 'muted' }, `None yet. Select ${noun.many} on the map, then fill in the form below.`));
      return;
    }
    const metrics = new Map(st.collaborations.map((m) => [m.id, m]));
    const sel = selectedCodes();
    const kids: HTMLElement[] = [];
    for (const c of defs) {
      const m = metrics.get(c.id);
      const inSel = sel.filter((u) => c.units.includes(u)).length;
      const key = JSON.stringify([c, m && [m.population, m.ccgCount, m.organisationCount], sel.length, inSel]);
      let it = items.get(c.id);
      if (!it || it.key !== key) {
        const li = item(c, m);
        // Keep focus where it was when the item is rebuilt.
        const focusId = it?.li.contains(document.activeElement) ? (document.activeElement as HTMLElement).id : '';
        it = { key, li };
        items.set(c.id, it);
        if (focusId) queueMicrotask(() => document.getElementById(focusId)?.focus());
      }
      kids.push(it.li);
    }
    for (const id of [...items.keys()]) if (!defs.some((c) => c.id === id)) items.delete(id);
    if (kids.length !== list.children.length || kids.some((k, j) => list.children[j] !== k)) list.replaceChildren(...kids);
  }
  session.engine.subscribe(render);
  session.selection.subscribe(render);
  renderForm();
}
