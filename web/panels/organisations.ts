/**
 * Organisations (commissioning organisations: a CCG after mergers). A sortable, filterable table of every
 * organisation; tick several to merge them. Open one (click, Enter) to see its CCGs and to rename it, split it
 * back into its CCGs, split off the ticked CCGs, merge it with another, or move the map selection into it.
 * Every change is a command to the engine; the figures shown come from the engine's state.
 */
import type { Session } from '../state/session.ts';
import type { Actions } from '../state/actions.ts';
import type { OrganisationRow, State } from '../../workers/api.ts';
import { NO_GROUP } from '../../workers/api.ts';
import { h, fill } from '../dom.ts';
import { formatCount, formatShort, plural } from './format.ts';
import type { UnitNoun } from '../../engine/bundle.ts';
import { ccgCountText } from '../../engine/ccgCountText.ts';

export interface OrganisationsDeps {
  session: Session;
  actions: Actions;
  codes: readonly string[];
  names: readonly string[];
  nhsCodes: readonly string[];
  population: readonly number[];
  zoomToUnits(codes: string[]): void;
  /** What the units are called ("CCG", "LSOA"). */
  noun?: UnitNoun;
}

type Key = 'name' | 'population' | 'ccgs' | 'systems';

const COLUMNS: { key: Key; label: string; numeric: boolean; value: (o: OrganisationRow) => number | string }[] = [
  { key: 'name', label: 'Organisation', numeric: false, value: (o) => o.name },
  { key: 'population', label: 'Population', numeric: true, value: (o) => o.population },
  { key: 'ccgs', label: 'CCGs', numeric: true, value: (o) => o.ccgCount },
  { key: 'systems', label: 'Systems', numeric: true, value: (o) => o.systemCount },
];

type Show = 'all' | 'merged' | 'straddling';

export function mountOrganisations(el: HTMLElement, d: OrganisationsDeps): void {
  const { session, actions } = d;
  const noun = d.noun ?? { one: 'CCG', many: 'CCGs' };
  const unitIndex = new Map(d.codes.map((c, i) => [c, i]));
  let sortKey: Key = 'name';
  let ascending = true;
  /** Organisations ticked for merging, by id. */
  const ticked = new Set<string>();

  const count = h('p', { class: 'muted small', id: 'org-count', 'aria-live': 'polite' });
  const filter = h('input', { type: 'search', id: 'org-filter', class: 'grow', placeholder: 'Filter by name', 'aria-label': 'Filter organisations by name' });
  const show = h('select', { id: 'org-show', 'aria-label': 'Which organisations to list' },
    h('option', { value: 'all' }, 'All'), h('option', { value: 'merged' }, 'Merged (2+ CCGs)'), h('option', { value: 'straddling' }, 'Straddling systems'));
  const card = h('div', { id: 'org-card' });
  const mergeName = h('input', { type: 'text', id: 'org-merge-name', placeholder: 'Name of the merged organisation (blank: their names combined)', class: 'grow', 'aria-label': 'Name of the merged organisation' });
  const mergeBtn = h('button', { type: 'button', class: 'btn btn-primary', id: 'org-merge-ticked' }, 'Merge ticked');
  const untick = h('button', { type: 'button', class: 'btn btn-quiet', id: 'org-untick' }, 'Untick all');
  const tickedText = h('span', { class: 'small', id: 'org-ticked-text' });
  const bulk = h('div', { class: 'org-bulk', role: 'group', 'aria-label': 'Merge ticked organisations' }, tickedText, h('div', { class: 'field-row' }, mergeName, mergeBtn, untick));
  const newFromSel = h('button', { type: 'button', class: 'btn', id: 'org-new-from-selection' }, `New organisation from the selected ${noun.many}`);

  const table = h('table', { class: 'systems-table org-table', id: 'org-table' },
    h('caption', { class: 'sr-only' }, 'Commissioning organisations: population, CCGs, and how many systems their CCGs are in. Tick organisations to merge them; open one to see its CCGs.'));
  const thead = h('thead');
  const tbody = h('tbody');
  table.append(thead, tbody);
  const headRow = h('tr', {}, h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Tick to merge')));
  thead.append(headRow);
  const headers = COLUMNS.map((c) => {
    const th = h('th', { scope: 'col', class: c.numeric ? 'num' : '', title: c.key === 'systems' ? `Systems its ${noun.many} are in (more than one: it straddles systems)` : undefined },
      h('button', { type: 'button', class: 'sort', onclick: () => {
        if (sortKey === c.key) ascending = !ascending;
        else {
          sortKey = c.key;
          ascending = !c.numeric;
        }
        renderTable(true);
      } }, c.label));
    headRow.append(th);
    return th;
  });

  fill(el,
    h('h2', {}, 'Organisations'),
    h('p', { class: 'muted small' }, 'Commissioning organisations: a CCG, or CCGs merged into one. Tick two or more to merge them; open one to split it or see its CCGs.'),
    card,
    h('div', { class: 'field-row' }, filter, show),
    count,
    bulk,
    h('div', { class: 'table-wrap' }, table),
    h('div', { class: 'actions' }, newFromSel),
  );

  const open = (id: string) => session.activeOrganisation.set(id);
  const selectedCodes = () => session.selection.get().map((i) => d.codes[i]);
  const orgById = (st: State, id: string) => st.organisations.find((o) => o.id === id);
  const unitsOf = (st: State, id: string) => st.scenario.organisations.find((o) => o.id === id)?.units ?? [];

  mergeBtn.addEventListener('click', () => {
    const st = session.engine.get();
    if (!st) return;
    const ids = [...ticked].filter((id) => orgById(st, id));
    if (ids.length < 2) return;
    // The open organisation (when ticked) goes first, so it keeps its id and stays open.
    const active = session.activeOrganisation.get();
    if (active && ids.includes(active)) ids.sort((a, b) => (a === active ? -1 : b === active ? 1 : 0));
    const name = mergeName.value.trim();
    void actions.run({ op: 'mergeOrganisations', organisations: ids, ...(name ? { name } : {}) }).then((ok) => {
      if (!ok) return;
      ticked.clear();
      mergeName.value = '';
      open(ids[0]);
      renderTable(true);
      // The name (the planner's, or the engine's proposal) is ready to edit.
      const field = document.getElementById('org-name') as HTMLInputElement | null;
      field?.focus();
      field?.select();
    });
  });
  untick.addEventListener('click', () => {
    ticked.clear();
    renderTable(true);
  });
  newFromSel.addEventListener('click', () => {
    const units = selectedCodes();
    const st = session.engine.get();
    if (!units.length || !st) return;
    const name = units.length === 1 ? d.names[session.selection.get()[0]] : `New organisation ${st.organisations.length + 1}`;
    void actions.run({ op: 'newOrganisation', units, name }).then((ok) => {
      const s = session.engine.get();
      if (ok && s) open(s.scenario.organisations[s.scenario.organisations.length - 1].id);
    });
  });
  filter.addEventListener('input', () => renderTable(true));
  show.addEventListener('change', () => renderTable(true));

  let tableKey = '';
  let roving: string | null = null;
  // The table shows only `st.organisations`, which keeps its identity across states when no row changed
  // (workers/statePatch.ts): most edits then leave the 191 rows alone.
  let shownOrgs: unknown;
  let orgsVersion = 0;
  // While its tab is hidden, an edit only marks the table stale: no work for ~200 rows on the edit's frame.
  let stale = false;
  new MutationObserver(() => {
    if (!el.hidden && stale) renderTable(true);
  }).observe(el, { attributes: true, attributeFilter: ['hidden'] });
  function renderTable(force = false) {
    const st = session.engine.get();
    if (!st) return;
    if (el.hidden) {
      stale = true;
      return;
    }
    stale = false;
    for (const id of [...ticked]) if (!orgById(st, id)) ticked.delete(id);
    const active = session.activeOrganisation.get();
    if (st.organisations !== shownOrgs) {
      shownOrgs = st.organisations;
      orgsVersion++;
    }
    const key = `${orgsVersion}|${active}|${[...ticked].join(',')}`;
    if (!force && key === tableKey) return;
    tableKey = key;
    const q = filter.value.trim().toLowerCase();
    const which = show.value as Show;
    const rows = st.organisations.filter((o) =>
      (!q || o.name.toLowerCase().includes(q)) &&
      (which === 'all' || (which === 'merged' ? o.ccgCount > 1 : o.systemCount > 1)));
    const col = COLUMNS.find((c) => c.key === sortKey)!;
    rows.sort((a, b) => {
      const x = col.value(a), y = col.value(b);
      const dd = typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number);
      return (ascending ? dd : -dd) || a.name.localeCompare(b.name);
    });
    headers.forEach((th, k) => th.setAttribute('aria-sort', COLUMNS[k].key === sortKey ? (ascending ? 'ascending' : 'descending') : 'none'));
    const merged = st.organisations.filter((o) => o.ccgCount > 1).length;
    const straddling = st.organisations.filter((o) => o.systemCount > 1).length;
    count.textContent = `${plural(st.organisations.length, 'organisation')} · ${merged} merged · ${straddling} straddling systems${rows.length !== st.organisations.length ? ` · ${rows.length} shown` : ''}`;
    const focusedId = (document.activeElement as HTMLElement | null)?.closest?.('tr')?.getAttribute('data-org');
    const focusedTick = document.activeElement instanceof HTMLInputElement && document.activeElement.type === 'checkbox';
    fill(tbody, rows.map((o) => {
      // One tab stop for the table (roving tabindex); Space on a row ticks it, so the boxes need no tab stop.
      const tick = h('input', { type: 'checkbox', class: 'org-tick', tabindex: -1, 'aria-label': `Tick ${o.name} to merge`, checked: ticked.has(o.id) });
      tick.addEventListener('click', (e) => e.stopPropagation());
      tick.addEventListener('change', () => {
        if (tick.checked) ticked.add(o.id);
        else ticked.delete(o.id);
        renderBulk();
      });
      const tr = h('tr', { tabindex: -1, 'data-org': o.id, class: o.id === active ? 'active' : '', 'aria-selected': String(o.id === active) },
        h('td', { class: 'tick-cell' }, tick),
        h('th', { scope: 'row', class: 'sys-name' }, o.name),
        h('td', { class: 'num', 'data-population': o.population, title: `${formatCount(o.population)} people` }, formatShort(o.population)),
        h('td', { class: 'num' }, String(o.ccgCount)),
        h('td', { class: 'num' }, o.systemCount > 1 ? h('span', { class: 'flag flag-atypical', title: `Its ${noun.many} are in more than one system` }, `${o.systemCount} · straddles`) : String(o.systemCount)),
      );
      tr.addEventListener('click', () => open(o.id));
      tr.addEventListener('focus', () => {
        roving = o.id;
        for (const r of tbody.rows) r.tabIndex = r === tr ? 0 : -1;
      });
      tr.addEventListener('keydown', (e) => {
        if (e.target !== tr) return;
        if (e.key === 'Enter') {
          e.preventDefault();
          open(o.id);
        } else if (e.key === ' ') {
          e.preventDefault();
          tick.click();
        } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          ((e.key === 'ArrowDown' ? tr.nextElementSibling : tr.previousElementSibling) as HTMLElement | null)?.focus();
        }
      });
      return tr;
    }));
    const rowsEl = [...tbody.rows];
    const pick = rowsEl.find((r) => r.dataset.org === roving) ?? rowsEl.find((r) => r.dataset.org === active) ?? rowsEl[0];
    if (pick) pick.tabIndex = 0;
    if (focusedId) {
      const tr = tbody.querySelector<HTMLElement>(`tr[data-org="${CSS.escape(focusedId)}"]`);
      (focusedTick ? tr?.querySelector<HTMLElement>('input') : tr)?.focus();
    }
    renderBulk();
  }

  function renderBulk() {
    const n = ticked.size;
    tickedText.textContent = n === 0 ? 'Tick organisations in the table (Space on a row) to merge them.' : `${plural(n, 'organisation')} ticked${n < 2 ? ': tick at least one more to merge' : ''}.`;
    mergeBtn.disabled = n < 2;
    untick.disabled = n === 0;
  }

  let cardKey = '';
  function renderCard() {
    const st = session.engine.get();
    if (!st) return;
    const id = session.activeOrganisation.get();
    const o = id ? orgById(st, id) : undefined;
    if (id && !o) {
      session.activeOrganisation.set(null); // merged away or split: nothing to show
      return;
    }
    const sel = session.selection.get();
    const units = o ? unitsOf(st, o.id) : [];
    // Rebuilt only when what it shows changed (typing in it survives unrelated edits).
    const key = JSON.stringify([o, units, sel.filter((i) => !units.includes(d.codes[i])).length, o && st.organisations.length]);
    if (key === cardKey) return;
    cardKey = key;
    if (!o) {
      fill(card);
      return;
    }
    const members = units.map((c) => unitIndex.get(c)!).filter((i) => i !== undefined);
    const systemNames = [...new Set(members.map((i) => st.unitSystem[i]).filter((g) => g !== NO_GROUP).map((g) => st.systems[g].name))];
    const splitTicks = new Set<string>();
    const name = h('input', { type: 'text', value: o.name, id: 'org-name', class: 'grow', 'aria-label': 'Organisation name' });
    const rename = () => {
      const v = name.value.trim();
      if (v && v !== o.name) void actions.run({ op: 'renameOrganisation', organisation: o.id, name: v });
    };
    name.addEventListener('keydown', (e) => e.key === 'Enter' && rename());
    const splitOff = h('button', { type: 'button', class: 'btn', id: 'org-split-ticked', disabled: true }, `Split off ticked ${noun.many}`);
    const others = st.organisations.filter((x) => x.id !== o.id);
    const sameSystem = new Set(members.map((i) => st.unitSystem[i]));
    const near = others.filter((x) => unitsOf(st, x.id).some((c) => sameSystem.has(st.unitSystem[unitIndex.get(c)!]))).sort((a, b) => a.name.localeCompare(b.name));
    const far = others.filter((x) => !near.includes(x)).sort((a, b) => a.name.localeCompare(b.name));
    const mergeWith = h('select', { id: 'org-merge-with', 'aria-label': `Organisation to merge into ${o.name}`, class: 'grow' },
      h('option', { value: '' }, 'Merge with…'),
      near.length ? h('optgroup', { label: 'In the same system' }, near.map((x) => h('option', { value: x.id }, `${x.name} (${plural(x.ccgCount, 'CCG')})`))) : null,
      h('optgroup', { label: 'Elsewhere' }, far.map((x) => h('option', { value: x.id }, `${x.name} (${plural(x.ccgCount, 'CCG')})`))));
    const mergeOne = h('button', { type: 'button', class: 'btn', id: 'org-merge-btn' }, 'Merge');
    mergeOne.addEventListener('click', () => mergeWith.value && void actions.run({ op: 'mergeOrganisations', organisations: [o.id, mergeWith.value] }));

    const ccgList = h('ul', { class: 'org-ccgs', id: 'org-ccgs', 'aria-label': `${noun.many} of ${o.name}` }, members.map((i) => {
      const cb = h('input', { type: 'checkbox', id: `org-ccg-${d.codes[i]}`, disabled: members.length < 2 });
      cb.addEventListener('change', () => {
        if (cb.checked) splitTicks.add(d.codes[i]);
        else splitTicks.delete(d.codes[i]);
        splitOff.disabled = splitTicks.size === 0 || splitTicks.size === members.length;
        splitOff.textContent = splitTicks.size ? `Split off ${plural(splitTicks.size, `ticked ${noun.one}`, `ticked ${noun.many}`)}` : `Split off ticked ${noun.many}`;
      });
      const g = st.unitSystem[i];
      return h('li', {},
        h('label', { for: `org-ccg-${d.codes[i]}` }, cb, ' ', d.names[i]),
        h('span', { class: 'muted small' }, ` ${d.nhsCodes[i]} · ${formatShort(d.population[i])}${g !== NO_GROUP && systemNames.length > 1 ? ` · ${st.systems[g].name}` : ''}`));
    }));
    splitOff.addEventListener('click', () => {
      if (splitTicks.size && splitTicks.size < members.length) void actions.run({ op: 'splitOrganisation', organisation: o.id, groups: [[...splitTicks]] });
    });
    const selInOthers = sel.filter((i) => !members.includes(i)).length;

    fill(card, h('section', { class: 'card', 'aria-label': `Organisation ${o.name}` },
      h('div', { class: 'card-head' },
        h('h3', {}, 'Organisation: ', o.name, o.systemCount > 1 ? h('span', { class: 'flag flag-atypical' }, 'straddles systems') : null),
        h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'aria-label': 'Close the organisation', onclick: () => session.activeOrganisation.set(null) }, '✕ Close')),
      h('p', { class: 'small', id: 'org-summary' }, `${formatCount(o.population)} people · ${ccgCountText(o)} · in ${plural(systemNames.length, 'system')}: ${systemNames.join(', ')}`),
      ccgList,
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'btn', onclick: () => session.selection.set(members) }, `Select its ${noun.many}`),
        h('button', { type: 'button', class: 'btn', onclick: () => d.zoomToUnits(units) }, 'Zoom to'),
        h('button', { type: 'button', class: 'btn', id: 'org-split-all', disabled: members.length < 2, onclick: () => void actions.run({ op: 'splitOrganisation', organisation: o.id }) }, members.length < 2 ? `One ${noun.one}: nothing to split` : `Split into ${plural(members.length, noun.one, noun.many)}`),
        members.length > 1 ? splitOff : null,
      ),
      h('div', { class: 'field-row' }, mergeWith, mergeOne),
      h('div', { class: 'field-row' }, name, h('button', { type: 'button', class: 'btn', id: 'org-rename', onclick: rename }, 'Rename')),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'btn', id: 'org-move-selection', disabled: selInOthers === 0,
          title: `Move the ${noun.many} selected on the map into this organisation`,
          onclick: () => void actions.run({ op: 'moveUnitsToOrganisation', units: sel.map((i) => d.codes[i]), organisation: o.id }) },
        selInOthers ? `Move ${plural(selInOthers, `selected ${noun.one}`, `selected ${noun.many}`)} into it` : `Move selected ${noun.many} into it (select some on the map)`)),
    ));
  }

  session.engine.subscribe(() => {
    renderTable();
    renderCard();
  });
  session.activeOrganisation.subscribe((id) => {
    renderTable(true);
    renderCard();
    // After the frame, so the tab opened for it (main.ts) is showing.
    if (id) requestAnimationFrame(() => card.scrollIntoView({ block: 'nearest' }));
  });
  session.selection.subscribe(() => {
    renderCard();
    newFromSel.disabled = session.selection.get().length === 0;
  });
  newFromSel.disabled = true;
  renderBulk();
}
