/**
 * Details of the selected CCG (from the engine: codes, population, later vintages, councils) and of a system
 * (the selected CCG's, else the active one) with the system's actions: make it the assignment target, rename,
 * lock, mark atypical with a reason, one CCG per ICS, merge with another system; and the organisation's.
 */
import type { Engine } from '../../workers/client.ts';
import { selectFromAnswer, type Session } from '../state/session.ts';
import type { Actions } from '../state/actions.ts';
import type { GroupRow, UnitInfo } from '../../workers/api.ts';
import { NO_GROUP } from '../../workers/api.ts';
import { h, fill } from '../dom.ts';
import { formatCount, formatShare, formatShort, plural, pounds } from './format.ts';
import { unitIndexOf } from '../units.ts';
import type { UnitNoun } from '../../engine/bundle.ts';
import { ccgCountText } from '../../engine/ccgCountText.ts';
import { withArticle } from '../../engine/article.ts';

export interface DetailsDeps {
  engine: Engine;
  session: Session;
  actions: Actions;
  zoomToUnits(codes: string[]): void;
  /** ONS code of each unit (unit index → code). */
  codes: readonly string[];
  notify?: { info(message: string): void };
  /** What the units are called ("CCG", "CCG part"). */
  noun?: UnitNoun;
  /** Moves the scenario to CCG parts (a CCG's council pieces become separately assignable); absent when there already. */
  splitByCouncil?(code: string): Promise<boolean>;
}

const row = (k: string, v: string | Node) => h('div', { class: 'kv' }, h('dt', {}, k), h('dd', {}, v));

export interface Details {
  /** Shows a system's card (the systems table opens one); the assignment target stays as it is. */
  showSystem(id: string): void;
}

export function mountDetails(el: HTMLElement, d: DetailsDeps): Details {
  const { session, actions } = d;
  const indexOfCode = unitIndexOf(d.codes);
  const noun = d.noun ?? { one: 'CCG', many: 'CCGs' };
  el.className = 'details';
  // The details can be folded away, to give the panels above the room.
  const body = h('div', { id: 'details-body' });
  const toggle = h('button', { type: 'button', class: 'details-toggle', id: 'details-toggle', 'aria-expanded': 'true', 'aria-controls': 'details-body' }, '▾ Details');
  toggle.addEventListener('click', () => {
    const open = body.hidden;
    body.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = `${open ? '▾' : '▸'} Details`;
    el.classList.toggle('folded', !open);
  });
  fill(el, toggle, body);
  el.setAttribute('role', 'region');
  el.setAttribute('aria-label', 'Details');
  let token = 0;
  /** Which the planner picked last: a CCG (map, search) or a system (table, "Assign to"). */
  let lastTouched: 'unit' | 'system' = 'unit';
  /** The system opened last (table, "Assign to"), shown until a CCG is picked. */
  let opened: string | null = null;
  let shownKey = '';

  function systemCard(m: GroupRow, index: number): HTMLElement {
    const st = session.engine.get()!;
    const isActive = session.activeSystem.get() === m.id;
    const name = h('input', { type: 'text', value: m.name, 'aria-label': 'System name', class: 'grow' });
    const reason = h('input', { type: 'text', value: m.atypical ?? '', placeholder: 'Reason it keeps several organisations', 'aria-label': 'Atypical reason', class: 'grow', id: 'atypical-reason' });
    const others = [...st.systems].filter((s) => s.id !== m.id).sort((a, b) => a.name.localeCompare(b.name));
    const mergeWith = h('select', { 'aria-label': 'System to merge into this one' }, h('option', { value: '' }, 'Merge with…'), others.map((s) => h('option', { value: s.id }, s.name)));
    const findings = st.findings.filter((f) => f.ids.includes(m.id));
    return h('section', { class: 'card', 'aria-label': `System ${m.name}` },
      h('h3', {}, 'System: ', m.name, m.locked ? h('span', { class: 'flag flag-locked' }, '🔒 locked') : null, m.atypical ? h('span', { class: 'flag flag-atypical' }, 'atypical') : null),
      h('dl', { class: 'kvs' },
        row('Population', `${formatCount(m.population)} (${formatShort(m.population)})`),
        row('CCGs · organisations', `${ccgCountText(m)} · ${plural(m.organisationCount, 'organisation')}`),
        row('Coterminosity', `${formatShare(m.coterminosityUtla)} upper-tier · ${formatShare(m.coterminosityLad)} district`),
        row('Councils split', m.splitUtla.length ? m.splitUtla.slice(0, 4).map((c) => `${c.name} ${formatShare(c.share)}`).join('; ') + (m.splitUtla.length > 4 ? ` and ${m.splitUtla.length - 4} more` : '') : 'none'),
        row('NHS regions', m.regionNames.join(', ')),
        row('Contiguity', m.components === 1 ? 'one piece' : `${m.components} pieces`),
        row('Running cost', `${pounds(m.runningCost)} · ${plural(m.accountableOfficers, 'AO')}`),
        m.atypical ? row('Atypical because', m.atypical) : null,
      ),
      findings.length ? h('ul', { class: 'mini-findings' }, findings.map((f) => h('li', { class: `sev-${f.severity}` }, f.message))) : null,
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: `btn ${isActive ? 'btn-on' : ''}`, 'aria-pressed': String(isActive), onclick: () => session.activeSystem.set(m.id) }, isActive ? 'Active target ✓' : 'Make active target'),
        h('button', { type: 'button', class: 'btn', onclick: () => d.zoomToUnits([...m.members].map((i) => d.codes[i])) }, 'Zoom to'),
        h('button', { type: 'button', class: 'btn', onclick: () => session.selection.set([...m.members]) }, `Select its ${noun.many}`),
        h('button', { type: 'button', class: 'btn', id: 'lock-btn', onclick: () => void actions.run({ op: 'setLocked', system: m.id, locked: !m.locked }) }, m.locked ? 'Unlock' : 'Lock'),
        h('button', { type: 'button', class: 'btn', id: 'one-ccg-per-ics-system', disabled: m.organisationCount === 1 && !st.findings.some((f) => f.code === 'organisation-straddles-systems' && f.ids.includes(m.id)), onclick: () => void actions.run({ op: 'oneOrganisationPerSystem', system: m.id }) }, 'One CCG per ICS here'),
      ),
      h('div', { class: 'field-row' }, name, h('button', { type: 'button', class: 'btn', onclick: () => name.value.trim() && void actions.run({ op: 'renameSystem', system: m.id, name: name.value.trim() }) }, 'Rename')),
      h('div', { class: 'field-row' }, reason,
        h('button', { type: 'button', class: 'btn', id: 'atypical-btn', title: 'Mark the system atypical: it may keep several organisations, for this reason',
          onclick: () => reason.value.trim() ? void actions.run({ op: 'setAtypical', system: m.id, reason: reason.value.trim() }) : reason.focus() }, m.atypical ? 'Change reason' : 'Mark atypical'),
        m.atypical ? h('button', { type: 'button', class: 'btn btn-quiet', id: 'atypical-clear', onclick: () => void actions.run({ op: 'setAtypical', system: m.id, reason: null }) }, 'Clear') : null),
      h('div', { class: 'field-row' }, mergeWith,
        h('button', { type: 'button', class: 'btn', onclick: () => mergeWith.value && void actions.run({ op: 'mergeSystems', systems: [m.id, mergeWith.value] }) }, 'Merge')),
      h('p', { class: 'muted small' }, `Colour ${st.systemColour[index] + 1}`),
    );
  }

  async function selectCouncil(code: string, name: string) {
    // A selection made while the engine answers (Escape, a click, a search) wins: the council's is then dropped.
    const units = await selectFromAnswer(session.selection, d.engine.unitsInCouncil('utla', code), (codes) => codes.map(indexOfCode).filter((i) => i >= 0));
    if (!units) return;
    d.zoomToUnits(units);
    d.notify?.info(`${plural(session.selection.get().length, noun.one, noun.many)} with most of their people in ${name} selected: press A to assign them to a system.`);
  }

  function unitCard(u: UnitInfo): HTMLElement {
    const st = session.engine.get()!;
    const og = st.unitOrganisation[u.i];
    const org = og !== NO_GROUP ? st.organisations[og] : undefined;
    return h('section', { class: 'card', 'aria-label': `${noun.one} ${u.name}` },
      h('h3', {}, u.name),
      h('dl', { class: 'kvs' },
        row('Codes', `${u.nhsCode} · ${u.code}`),
        row('Population (mid-2018)', formatCount(u.population)),
        // Known per CCG only (practices register with a CCG, not a part of one): absent on finer unit sets.
        Number.isFinite(u.gpPractices) ? row('GP practices · patients', `${formatCount(u.gpPractices)} · ${formatCount(u.registeredPatients)}`) : null,
        row('System', u.system?.name ?? 'none'),
        row('Organisation', org
          ? h('span', {}, `${org.name} (${ccgCountText(org)}${org.systemCount > 1 ? `, straddles ${org.systemCount} systems` : ''}) `,
            h('button', { type: 'button', class: 'btn btn-small', id: 'open-org-btn', onclick: () => session.activeOrganisation.set(org.id) }, 'Open'))
          : 'none'),
        row('STP 2019 · region', `${u.stp2019} · ${u.region}`),
        row('Became', `${u.ccg2020} (2020) → ${u.ccg2021} (2021) → ${u.icb2022} (ICB 2022)`),
        row('Upper-tier councils', u.utla.slice(0, 3).map((c) => `${c.name} ${formatShare(c.share)}`).join('; ')),
        row('Districts', u.lad.slice(0, 4).map((c) => `${c.name} ${formatShare(c.share)}`).join('; ') + (u.lad.length > 4 ? ` and ${u.lad.length - 4} more` : '')),
        u.collaborations.length ? row('Collaborations', u.collaborations.map((c) => c.name).join(', ')) : null,
      ),
      h('div', { class: 'actions' },
        // Painting a council from the keyboard: select the CCGs mostly inside it, then assign them (A).
        u.utla.slice(0, 2).map((c) => h('button', { type: 'button', class: 'btn btn-small', 'data-council': c.code, onclick: () => void selectCouncil(c.code, c.name) }, `Select ${noun.many} mostly in ${c.name}`)),
        d.splitByCouncil && u.lad.length > 1
          ? h('button', { type: 'button', class: 'btn btn-small', id: 'split-by-council-btn', title: `Cut ${u.name} along its ${u.lad.length} districts, so each part can go to its own system`,
            onclick: (e: Event) => {
              (e.currentTarget as HTMLButtonElement).disabled = true;
              void d.splitByCouncil!(u.code).finally(() => ((e.target as HTMLButtonElement).disabled = false));
            } }, 'Split by council')
          : null,
        org && org.ccgCount > 1
          ? h('button', { type: 'button', class: 'btn btn-small', id: 'split-org-btn', onclick: () => void actions.run({ op: 'splitOrganisation', organisation: org.id }) }, `Split ${org.name} into its ${noun.many}`)
          : null,
      ),
    );
  }

  async function render() {
    const st = session.engine.get();
    if (!st) return;
    const mine = ++token;
    const sel = session.selection.get();
    const last = sel.length ? sel[sel.length - 1] : -1;
    const info = last >= 0 ? await d.engine.unitInfo(last) : null;
    if (mine !== token) return;
    const now = session.engine.get()!;
    // The system shown: the one just opened (table, "Assign to"), else the selected CCG's.
    const activeIndex = now.systems.findIndex((m) => m.id === (opened ?? session.activeSystem.get()));
    const sysIndex = last >= 0 && !(lastTouched === 'system' && activeIndex >= 0) ? now.unitSystem[last] : activeIndex;
    const sys = sysIndex >= 0 && sysIndex !== NO_GROUP ? now.systems[sysIndex] : undefined;
    // Skip the rebuild when nothing shown changed (most edits touch other systems).
    const og = last >= 0 ? now.unitOrganisation[last] : NO_GROUP;
    const org = og !== NO_GROUP ? now.organisations[og] : undefined;
    const key = JSON.stringify([info, sys && { ...sys, members: undefined }, org, session.activeSystem.get(), sys && now.systemColour[sysIndex], sys && now.findings.filter((f) => f.ids.includes(sys.id)).map((f) => f.message)]);
    if (key === shownKey && body.childElementCount > 0) return;
    shownKey = key;
    fill(body,
      info ? unitCard(info) : null,
      sys ? systemCard(sys, sysIndex) : null,
      !info && !sys ? h('p', { class: 'muted' }, `Select ${withArticle(noun.one)} on the map, or a system in the table, to see its details here.`) : null,
    );
  }
  session.engine.subscribe(render);
  session.selection.subscribe(() => {
    lastTouched = 'unit';
    void render();
  });
  session.activeSystem.subscribe((id) => {
    lastTouched = 'system';
    opened = id;
    void render();
  });
  return {
    showSystem(id) {
      lastTouched = 'system';
      opened = id;
      void render();
    },
  };
}
