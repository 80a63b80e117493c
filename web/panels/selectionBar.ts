/**
 * What is selected and what to do with it: assign to the active system ("Assign to", A then Enter), a new
 * system from the selection (N), merge the systems or organisations the selection touches, clear (Esc).
 */
import type { Session } from '../state/session.ts';
import type { Actions } from '../state/actions.ts';
import { NO_GROUP } from '../../workers/api.ts';
import { h, fill } from '../dom.ts';
import { plural } from './format.ts';
import type { UnitNoun } from '../../engine/bundle.ts';
import { withArticle } from '../../engine/article.ts';

export interface SelectionBar {
  assign(): void;
  newSystem(): void;
  focusAssign(): void;
}

/** `noun`: what the units are called (the unit set's descriptor), for the selection's words. */
export function mountSelectionBar(el: HTMLElement, session: Session, actions: Actions, names: readonly string[], codes: readonly string[], done: () => void = () => undefined, noun: UnitNoun = { one: 'CCG', many: 'CCGs' }): SelectionBar {
  el.setAttribute('role', 'region');
  el.setAttribute('aria-label', 'Selection');
  const text = h('div', { class: 'sel-text', id: 'selection-text', 'aria-live': 'polite' });
  const target = h('select', { id: 'assign-to', 'aria-label': 'Assign to system (also the paint colour)', title: 'Active system: selection is assigned and the paint tool paints into it (A)' });
  const assignBtn = h('button', { type: 'button', class: 'btn btn-primary', id: 'assign-btn', title: `Assign the selected ${noun.many} to the active system (Enter in the list)` }, 'Assign');
  const newName = h('input', { type: 'text', id: 'new-system-name', placeholder: 'New system name', 'aria-label': 'Name of a new system made from the selection', size: 16 });
  const newBtn = h('button', { type: 'button', class: 'btn', id: 'new-system-btn', title: `Make a new system of the selected ${noun.many} (N)` }, 'New system');
  const mergeSys = h('button', { type: 'button', class: 'btn', id: 'merge-systems-btn', title: `Merge the systems the selected ${noun.many} are in` }, 'Merge systems');
  const mergeOrg = h('button', { type: 'button', class: 'btn', id: 'merge-orgs-btn', title: `Merge the organisations of the selected ${noun.many} into one` }, 'Merge orgs');
  const clear = h('button', { type: 'button', class: 'btn btn-quiet', id: 'clear-selection', title: 'Clear the selection (Esc)' }, 'Clear');

  fill(el, text,
    h('div', { class: 'sel-actions' },
      h('label', { class: 'inline-label', for: 'assign-to' }, 'Assign to'), target, assignBtn,
      h('span', { class: 'sep', 'aria-hidden': 'true' }),
      newName, newBtn, mergeSys, mergeOrg, clear));

  const selectedCodes = () => session.selection.get().map((i) => codes[i]);
  const groupsOfSelection = (which: 'system' | 'organisation') => {
    const st = session.engine.get();
    if (!st) return [];
    const arr = which === 'system' ? st.unitSystem : st.unitOrganisation;
    const list = which === 'system' ? st.systems : st.organisations;
    return [...new Set(session.selection.get().map((i) => arr[i]).filter((g) => g !== NO_GROUP))].map((g) => list[g].id);
  };

  const api: SelectionBar = {
    assign() {
      const id = session.activeSystem.get();
      const units = selectedCodes();
      if (!id || units.length === 0) return;
      void actions.run({ op: 'assignUnits', units, system: id });
    },
    newSystem() {
      const units = selectedCodes();
      if (units.length === 0) return;
      const st = session.engine.get();
      const name = newName.value.trim() || `New system ${(st?.systems.length ?? 0) + 1}`;
      void actions.run({ op: 'newSystem', units, name }).then((ok) => {
        if (!ok) return;
        newName.value = '';
        const s = session.engine.get();
        const made = s?.scenario.systems[s.scenario.systems.length - 1];
        if (made) session.activeSystem.set(made.id);
      });
    },
    focusAssign: () => target.focus(),
  };

  assignBtn.addEventListener('click', api.assign);
  newBtn.addEventListener('click', api.newSystem);
  newName.addEventListener('keydown', (e) => e.key === 'Enter' && api.newSystem());
  target.addEventListener('change', () => session.activeSystem.set(target.value || null));
  target.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      session.activeSystem.set(target.value || null);
      api.assign();
      // Chosen: the keys go back to the map, so a later M or N is a shortcut, not a new target by type-ahead.
      done();
    }
  });
  mergeSys.addEventListener('click', () => {
    const ids = groupsOfSelection('system');
    if (ids.length >= 2) void actions.run({ op: 'mergeSystems', systems: ids });
  });
  mergeOrg.addEventListener('click', () => {
    const ids = groupsOfSelection('organisation');
    if (ids.length < 2) return;
    // The merged organisation takes the engine's proposed name; it opens with that name ready to edit.
    void actions.run({ op: 'mergeOrganisations', organisations: ids }).then((ok) => {
      if (!ok) return;
      session.activeOrganisation.set(ids[0]);
      const name = document.getElementById('org-name') as HTMLInputElement | null;
      name?.focus();
      name?.select();
    });
  });
  clear.addEventListener('click', () => session.selection.set([]));

  let optionsKey = '';
  const renderOptions = () => {
    const st = session.engine.get();
    if (!st) return;
    const active = session.activeSystem.get();
    const key = st.systems.map((m) => `${m.id}:${m.name}:${m.locked ?? ''}`).join('|');
    if (key === optionsKey) {
      target.value = active && st.systems.some((m) => m.id === active) ? active : '';
      return;
    }
    optionsKey = key;
    const sorted = [...st.systems].sort((a, b) => a.name.localeCompare(b.name));
    fill(target, h('option', { value: '' }, '— choose a system —'), sorted.map((m) => h('option', { value: m.id }, `${m.name}${m.locked ? ' (locked)' : ''}`)));
    target.value = active && st.systems.some((m) => m.id === active) ? active : '';
  };
  /** " · in Kent and Medway" (or " · in 2 systems"), so the selection is described in words, not only by outline. */
  const systemsText = (sel: readonly number[]) => {
    const st = session.engine.get();
    if (!st) return '';
    const ids = [...new Set(sel.map((i) => st.unitSystem[i]).filter((g) => g !== NO_GROUP))];
    return ids.length === 1 ? ` · in ${st.systems[ids[0]].name}` : ids.length > 1 ? ` · in ${ids.length} systems` : '';
  };
  const renderText = () => {
    const sel = session.selection.get();
    const n = sel.length;
    text.textContent = n === 0
      ? `No ${noun.one} selected. Click ${withArticle(noun.one)} (Shift adds, Shift-drag selects a box) or search.`
      : `${plural(n, noun.one, noun.many)} selected: ${sel.slice(0, 3).map((i) => names[i]).join(', ')}${n > 3 ? ` and ${n - 3} more` : ''}${systemsText(sel)}`;
    const has = n > 0;
    assignBtn.disabled = !has || !session.activeSystem.get();
    newBtn.disabled = !has;
    mergeSys.disabled = groupsOfSelection('system').length < 2;
    mergeOrg.disabled = groupsOfSelection('organisation').length < 2;
    clear.disabled = !has;
  };
  session.engine.subscribe(() => {
    renderOptions();
    renderText();
  });
  session.activeSystem.subscribe(() => {
    renderOptions();
    renderText();
  });
  session.selection.subscribe(renderText);
  renderText();
  return api;
}
