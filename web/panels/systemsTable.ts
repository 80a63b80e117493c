/**
 * The systems table: one real <table> row per system, sortable by any column (buttons in the headers,
 * aria-sort says which). Population is shown against the band as a bar with the number beside it.
 * Rows are focusable: Enter or click makes the system the assignment target and zooms to it.
 */
import type { UnitNoun } from '../../engine/bundle.ts';
import { select } from 'd3';
import { bandPosition } from '../../engine/metrics.ts';
import type { GroupRow } from '../../workers/api.ts';
import type { Session } from '../state/session.ts';
import { h } from '../dom.ts';
import { formatCount, formatShare, formatShort, plural } from './format.ts';
import { PALETTE } from '../map/palette.ts';

interface Row {
  m: GroupRow;
  index: number;
  colour: number;
  findings: number;
  band: 'below' | 'in' | 'above';
}

type Key = 'name' | 'population' | 'ccgs' | 'orgs' | 'coterminosity' | 'findings';

const COLUMNS: { key: Key; label: string; numeric: boolean; value: (r: Row) => number | string }[] = [
  { key: 'name', label: 'System', numeric: false, value: (r) => r.m.name },
  { key: 'population', label: 'Population', numeric: true, value: (r) => r.m.population },
  { key: 'ccgs', label: 'CCGs', numeric: true, value: (r) => r.m.ccgCount },
  { key: 'orgs', label: 'Orgs', numeric: true, value: (r) => r.m.organisationCount },
  { key: 'coterminosity', label: 'Coterm.', numeric: true, value: (r) => r.m.coterminosityUtla },
  { key: 'findings', label: 'Findings', numeric: true, value: (r) => r.findings },
];

export function mountSystemsTable(el: HTMLElement, session: Session, onOpen: (systemId: string) => void, noun: UnitNoun = { one: 'CCG', many: 'CCGs' }): void {
  let sortKey: Key = 'name';
  let ascending = true;
  const table = h('table', { class: 'systems-table', id: 'systems-table' },
    h('caption', { class: 'sr-only' }, 'Systems with population against the band, CCGs, organisations, coterminosity with upper-tier councils and findings'),
  );
  const thead = h('thead');
  const tbody = h('tbody');
  table.append(thead, tbody);
  el.append(h('div', { class: 'table-wrap' }, table));

  const headRow = h('tr');
  thead.append(headRow);
  const headers = COLUMNS.map((c) => {
    const btn = h('button', { type: 'button', class: 'sort', onclick: () => {
      if (sortKey === c.key) ascending = !ascending;
      else {
        sortKey = c.key;
        ascending = !c.numeric;
      }
      render();
    } }, c.label);
    const th = h('th', { scope: 'col', class: c.numeric ? 'num' : '', title: c.key === 'coterminosity' ? 'Share of the population in upper-tier councils wholly inside the system' : undefined }, btn);
    headRow.append(th);
    return th;
  });

  /** One tab stop for the whole table (roving tabindex): the row last focused, else the target, else the first. */
  let roving: string | null = null;
  function setRoving() {
    const rows = [...tbody.rows];
    const pick = rows.find((tr) => tr.dataset.system === roving) ?? rows.find((tr) => tr.dataset.system === session.activeSystem.get()) ?? rows[0];
    for (const tr of rows) tr.tabIndex = tr === pick ? 0 : -1;
  }

  function render() {
    const st = session.engine.get();
    if (!st) return;
    const { min, max } = st.scenario.settings.band;
    const scaleMax = Math.max(max * 1.15, ...st.systems.map((m) => m.population));
    const rows: Row[] = st.systems.map((m, index) => ({
      m, index, colour: st.systemColour[index], findings: st.systemFindings[index],
      band: bandPosition(m.population, st.scenario.settings.band),
    }));
    const col = COLUMNS.find((c) => c.key === sortKey)!;
    rows.sort((a, b) => {
      const x = col.value(a), y = col.value(b);
      const d = typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number);
      return (ascending ? d : -d) || a.index - b.index;
    });
    headers.forEach((th, k) => th.setAttribute('aria-sort', COLUMNS[k].key === sortKey ? (ascending ? 'ascending' : 'descending') : 'none'));
    const active = session.activeSystem.get();

    select(tbody)
      .selectAll<HTMLTableRowElement, Row>('tr')
      .data(rows, (r) => r.m.id)
      .join((enter) => {
        const tr = enter.append('tr').attr('tabindex', -1);
        tr.on('focus', (_e, r) => {
          roving = r.m.id;
          setRoving();
        });
        tr.on('click', (_e, r) => onOpen(r.m.id));
        tr.on('keydown', (e: KeyboardEvent, r) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            onOpen(r.m.id);
          } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            const sib = (e.key === 'ArrowDown' ? (e.currentTarget as HTMLElement).nextElementSibling : (e.currentTarget as HTMLElement).previousElementSibling) as HTMLElement | null;
            sib?.focus();
          }
        });
        return tr;
      })
      .attr('data-system', (r) => r.m.id)
      .attr('aria-selected', (r) => String(r.m.id === active))
      .classed('active', (r) => r.m.id === active)
      .each(function (r) {
        const tr = this as HTMLTableRowElement & { __key?: string };
        // Rebuild a row only when what it shows changed: an edit touches two systems, not 42 rows.
        const isTarget = r.m.id === active;
        const key = [r.m.name, r.m.population, r.m.ccgCount, r.m.ccgParts, r.m.organisationCount, r.m.coterminosityUtla, r.findings, r.colour, r.m.locked, r.m.atypical, min, max, scaleMax, isTarget].join('|');
        if (tr.__key === key) return;
        tr.__key = key;
        const pct = (x: number) => `${Math.min(100, (x / scaleMax) * 100).toFixed(1)}%`;
        // The assignment target is said in words too, not only by the row's highlight.
        const flags = [isTarget ? 'target' : '', r.m.locked ? 'locked' : '', r.m.atypical ? 'atypical' : ''].filter(Boolean);
        tr.replaceChildren(
          h('th', { scope: 'row', class: 'sys-name' }, h('div', { class: 'sys-name-inner' },
            h('span', { class: 'swatch', style: `background:${PALETTE[r.colour] ?? '#eee'}`, 'aria-hidden': 'true' }),
            h('span', { class: 'sys-label' }, r.m.name,
            flags.map((f) => h('span', { class: `flag flag-${f}`, title: f === 'atypical' ? `Atypical: ${r.m.atypical}` : f === 'target' ? `Assigning and painting put ${noun.many} into this system` : `Locked: its ${noun.many} cannot move` },
              f === 'locked' ? '🔒 locked' : f === 'target' ? '✎ target' : 'atypical'))),
          )),
          h('td', { class: 'num pop-cell', 'data-population': r.m.population },
            h('div', { class: `pop-bar band-${r.band}`, 'aria-hidden': 'true' },
              h('span', { class: 'pop-band', style: `left:${pct(min)};width:calc(${pct(max)} - ${pct(min)})` }),
              h('span', { class: 'pop-fill', style: `width:${pct(r.m.population)}` }),
            ),
            h('span', { class: 'pop-text', title: `${formatCount(r.m.population)} people; ${r.band === 'in' ? 'within' : r.band} the band` }, formatShort(r.m.population)),
            r.band !== 'in' ? h('span', { class: 'band-flag' }, r.band === 'below' ? ' ▼ below band' : ' ▲ above band') : null,
          ),
          h('td', { class: 'num', title: r.m.ccgParts ? `${r.m.ccgParts} of these CCGs only in part` : undefined }, r.m.ccgParts ? `${r.m.ccgCount} (${r.m.ccgParts} in part)` : String(r.m.ccgCount)),
          h('td', { class: 'num' }, String(r.m.organisationCount)),
          h('td', { class: 'num' }, formatShare(r.m.coterminosityUtla)),
          h('td', { class: 'num' }, r.findings ? h('span', { class: 'badge', title: plural(r.findings, 'finding') }, String(r.findings)) : h('span', { class: 'muted' }, '0')),
        );
      });
    setRoving();
  }

  session.engine.subscribe(render);
  session.activeSystem.subscribe(render);
}
