/**
 * The words and numbers of a comparison, as the worker computed them: similarity, the CCGs that change (the same
 * numbers as the marks on the maps), findings that appear or disappear, both options' summaries and systems side
 * by side with the change. Labels come from the engine's COMPARED_SUMMARY / COMPARED_METRICS; nothing is
 * computed here but formatting. All text goes in as text.
 */
import { COMPARED_METRICS, COMPARED_SUMMARY, type Comparison, type Delta, type UnitChange } from '../../engine/compare.ts';
import type { Finding } from '../../engine/checks.ts';
import type { CompareView, Init } from '../../workers/api.ts';
import { h, fill } from '../dom.ts';
import { formatCount, formatShare, plural, pounds } from '../panels/format.ts';
import { mountTabs } from '../panels/tabs.ts';
import { unitIndexOf } from '../units.ts';

export type Level = 'systems' | 'organisations';

/** A changed CCG as the list shows it, numbered like its mark on the maps. */
export interface ListedChange {
  n: number;
  unit: number;
  change: UnitChange;
}

export function listedChanges(view: CompareView, level: Level): ListedChange[] {
  const out: ListedChange[] = [];
  view.comparison.changes.forEach((change, k) => {
    if (level === 'systems' ? change.systemMoved : change.organisationMoved) out.push({ n: out.length + 1, unit: view.changeUnits[k], change });
  });
  return out;
}

const MINUS = '\u2212';

/** A figure as planners read it; `key` is a COMPARED_* key. */
export function formatFigure(key: string, x: number | null): string {
  if (x === null) return '—';
  if (key.startsWith('coterminosity')) return formatShare(x);
  if (key === 'polsby_popper') return x.toFixed(3);
  if (key.endsWith('_gbp')) return pounds(x);
  return formatCount(x);
}

export function formatChange(key: string, d: number | null): string {
  if (d === null) return '—';
  const sign = d > 0 ? '+' : MINUS;
  const text = key.startsWith('coterminosity') ? `${(Math.abs(d) * 100).toFixed(1)} pts` : formatFigure(key, Math.abs(d));
  // A change too small to show at this precision reads as no change.
  return /[1-9]/.test(text) ? `${sign}${text}` : '0';
}

const changeClass = (d: number | null) => (d === null || Math.abs(d) < 1e-9 ? 'cmp-same' : 'cmp-changed');

export interface PanelDeps {
  init: Init;
  /** The planner picked a CCG in the list: focus it on the maps. */
  onFocusUnit(unit: number): void;
  /** The planner changed what the maps mark. */
  onLevel(level: Level, show: boolean): void;
}

export interface ComparePanel {
  /** `list` is listedChanges(view, level), computed once by the caller. */
  render(view: CompareView, level: Level, show: boolean, list: ListedChange[]): void;
}

export function mountComparePanel(el: HTMLElement, d: PanelDeps): ComparePanel {
  const indexOfCode = unitIndexOf(d.init.codes);
  const noun = d.init.unitNoun;
  const nameOf = (code: string) => d.init.names[indexOfCode(code)] ?? code;
  const similarity = h('div', { class: 'cmp-similarity', id: 'compare-similarity', role: 'region', 'aria-label': 'How alike the two options are' });
  const panels = { diff: h('div'), summary: h('div'), systems: h('div') };
  const tabsEl = h('div', { class: 'cmp-tabs' });
  fill(el, similarity, tabsEl);
  mountTabs(tabsEl, [
    { id: 'compare-diff', label: 'What changes', panel: panels.diff },
    { id: 'compare-summary', label: 'Summary', panel: panels.summary },
    { id: 'compare-systems', label: 'Systems', panel: panels.systems },
  ], 'Comparison');

  // What changes: level, the numbered list, findings.
  const levelSys = h('input', { type: 'radio', name: 'compare-level', id: 'compare-level-systems', value: 'systems', checked: true });
  const levelOrg = h('input', { type: 'radio', name: 'compare-level', id: 'compare-level-organisations', value: 'organisations' });
  const showMarks = h('input', { type: 'checkbox', id: 'compare-show-diff', checked: true });
  const levelSysText = h('span');
  const levelOrgText = h('span');
  const emitLevel = () => d.onLevel(levelOrg.checked ? 'organisations' : 'systems', showMarks.checked);
  for (const x of [levelSys, levelOrg, showMarks]) x.addEventListener('change', emitLevel);
  const movesTitle = h('h3', { id: 'compare-moves-title' });
  const moves = h('ol', { class: 'cmp-moves', id: 'compare-moves', 'aria-labelledby': 'compare-moves-title' });
  const findings = h('div', { id: 'compare-findings' });
  fill(panels.diff,
    h('fieldset', { class: 'cmp-level' },
      h('legend', {}, 'Changes marked on the maps'),
      h('label', { class: 'cmp-radio' }, levelSys, levelSysText),
      h('label', { class: 'cmp-radio' }, levelOrg, levelOrgText),
      h('label', { class: 'cmp-radio cmp-show' }, showMarks, 'Hatch, outline and number them'),
    ),
    movesTitle, moves, findings);

  // Systems: one figure at a time, chosen from the engine's list.
  const metric = h('select', { id: 'compare-metric' }, COMPARED_METRICS.map(([k, label]) => h('option', { value: k }, label)));
  const onlyChanged = h('input', { type: 'checkbox', id: 'compare-only-changed' });
  const systemsBody = h('tbody');
  const systemsHead = h('thead');
  let last: { view: CompareView; level: Level; show: boolean } | undefined;
  const rerender = () => last && renderSystems(last.view.comparison);
  metric.addEventListener('change', rerender);
  onlyChanged.addEventListener('change', rerender);
  fill(panels.systems,
    h('div', { class: 'field-row cmp-controls' },
      h('label', { for: 'compare-metric' }, 'Figure'), metric,
      h('label', { class: 'cmp-radio' }, onlyChanged, `Only systems that gain or lose ${noun.many}`)),
    h('p', { class: 'muted small' }, 'Systems of A are paired with the system of B that shares most of their population.'),
    h('div', { class: 'cmp-table-wrap' }, h('table', { class: 'cmp-table', id: 'compare-systems-table' }, systemsHead, systemsBody)));

  const summaryCaption = h('caption', { class: 'sr-only' });
  const summaryHead = h('thead');
  const summaryBody = h('tbody');
  fill(panels.summary, h('div', { class: 'cmp-table-wrap' }, h('table', { class: 'cmp-table', id: 'compare-summary-table' }, summaryCaption, summaryHead, summaryBody)));

  const sideHead = (side: 'a' | 'b', name: string) =>
    h('th', { scope: 'col', class: 'num', title: name }, h('span', { class: `cmp-side cmp-side-${side}` }, side.toUpperCase()));

  function renderSimilarity(c: Comparison) {
    const row = (label: string, s: Comparison['systems']['similarity'], id: string) =>
      h('div', { class: 'cmp-sim-row', id },
        h('span', { class: 'cmp-sim-label' }, label),
        h('strong', { class: 'cmp-sim-value' }, s.adjustedRand.toFixed(3)),
        h('span', { class: 'muted small' }, `adjusted Rand · VI ${s.normalisedVariationOfInformation.toFixed(3)}`));
    fill(similarity,
      h('div', { class: 'cmp-sim-head' }, 'Similarity'),
      row('Systems', c.systems.similarity, 'compare-similarity-systems'),
      row('Organisations', c.organisations.similarity, 'compare-similarity-organisations'),
      h('p', { class: 'muted small cmp-sim-note' },
        'Weighted by population: 1 means everyone is grouped with the same people in both options, 0 no more alike than chance (VI, variation of information: 0 = identical).'));
  }

  function renderMoves(view: CompareView, level: Level, list: ListedChange[]) {
    const c = view.comparison;
    const sysCount = c.systems.moved.length;
    const orgCount = c.organisations.moved.length;
    levelSysText.textContent = `System (${plural(sysCount, noun.one, noun.many)})`;
    levelOrgText.textContent = `Organisation (${plural(orgCount, noun.one, noun.many)})`;
    levelSys.checked = level === 'systems';
    levelOrg.checked = level === 'organisations';
    const diff = level === 'systems' ? c.systems : c.organisations;
    movesTitle.textContent = list.length
      ? `${plural(list.length, noun.one, noun.many)} ${list.length === 1 ? 'changes' : 'change'} ${level === 'systems' ? 'system' : 'organisation'} · ${formatCount(diff.movedPopulation)} people`
      : `No ${noun.one} changes ${level === 'systems' ? 'system' : 'organisation'}`;
    fill(moves, list.map(({ n, unit, change }) => {
      const [from, to] = level === 'systems' ? [change.systemA, change.systemB] : [change.organisationA, change.organisationB];
      const [alsoFrom, alsoTo, alsoMoved, alsoLabel] = level === 'systems'
        ? [change.organisationA, change.organisationB, change.organisationMoved, 'Organisation']
        : [change.systemA, change.systemB, change.systemMoved, 'System'];
      return h('li', { class: 'cmp-move-item' },
        h('button', {
          type: 'button', class: 'cmp-move', 'data-unit': change.unit, 'data-population': change.population,
          'aria-label': `${n}. ${change.name}, ${formatCount(change.population)} people, from ${from.name} to ${to.name}. Show on the maps.`,
          onclick: (e: MouseEvent) => {
            // The CCG shown on the maps (dashed outline there) is marked here too.
            for (const b of moves.querySelectorAll('[aria-current]')) b.removeAttribute('aria-current');
            (e.currentTarget as HTMLElement).setAttribute('aria-current', 'true');
            d.onFocusUnit(unit);
          },
        },
        h('span', { class: 'cmp-num', 'aria-hidden': 'true' }, n),
        h('span', { class: 'cmp-move-main' },
          h('span', { class: 'cmp-move-head' },
            h('span', { class: 'cmp-move-name' }, change.name),
            h('span', { class: 'cmp-move-pop' }, `${formatCount(change.population)} people`)),
          h('span', { class: 'cmp-move-path' },
            h('span', { class: 'cmp-from' }, from.name), h('span', { class: 'cmp-arrow', 'aria-hidden': 'true' }, ' → '), h('span', { class: 'cmp-to' }, to.name)),
          alsoMoved ? h('span', { class: 'cmp-move-also' }, `${alsoLabel}: ${alsoFrom.name} → ${alsoTo.name}`) : null)));
    }));
  }

  function renderFindings(c: Comparison) {
    const { appeared, disappeared, unchanged } = c.findings;
    const list = (items: Finding[], id: string) =>
      h('ul', { class: 'cmp-findings', id }, items.map((f) => h('li', { class: `sev-${f.severity}` }, h('span', { class: `sev sev-${f.severity}` }, f.severity), ' ', f.message)));
    fill(findings,
      h('h3', {}, 'Findings'),
      h('p', { class: 'small', id: 'compare-findings-counts' },
        `${plural(appeared.length, 'finding')} only in B, ${plural(disappeared.length, 'finding')} only in A, ${unchanged} in both.`),
      appeared.length ? h('details', {}, h('summary', {}, `Only in B (${appeared.length})`), list(appeared, 'compare-findings-appeared')) : null,
      disappeared.length ? h('details', {}, h('summary', {}, `Only in A, gone in B (${disappeared.length})`), list(disappeared, 'compare-findings-disappeared')) : null);
  }

  function renderSummary(c: Comparison) {
    summaryCaption.textContent = `Summary of option A (${c.a.name}) and option B (${c.b.name}), with the change from A to B`;
    fill(summaryHead, h('tr', {}, h('th', { scope: 'col' }, 'Figure'), sideHead('a', c.a.name), sideHead('b', c.b.name), h('th', { scope: 'col', class: 'num' }, 'Change')));
    const row = (key: string, label: string, x: Delta) =>
      h('tr', { 'data-figure': key, class: changeClass(x.delta) },
        h('th', { scope: 'row' }, label),
        h('td', { class: 'num cmp-a' }, formatFigure(key, x.a)),
        h('td', { class: 'num cmp-b' }, formatFigure(key, x.b)),
        h('td', { class: 'num cmp-delta' }, formatChange(key, x.delta)));
    fill(summaryBody,
      row('england_population', 'People (England)', { a: c.englandPopulation, b: c.englandPopulation, delta: 0 }),
      COMPARED_SUMMARY.map(([key, label]) => row(key, label, c.summary[key])));
  }

  function renderSystems(c: Comparison) {
    const key = metric.value as (typeof COMPARED_METRICS)[number][0];
    const label = COMPARED_METRICS.find(([k]) => k === key)![1];
    fill(systemsHead, h('tr', {},
      h('th', { scope: 'col' }, h('span', { class: 'cmp-side cmp-side-a' }, 'A'), ' system'),
      h('th', { scope: 'col' }, h('span', { class: 'cmp-side cmp-side-b' }, 'B'), ' system'),
      h('th', { scope: 'col', class: 'num' }, `${label}, A`),
      h('th', { scope: 'col', class: 'num' }, 'B'),
      h('th', { scope: 'col', class: 'num' }, 'Change')));
    const pairs = c.systemPairs.filter((p) => !onlyChanged.checked || p.left.length || p.joined.length || p.aId === null || p.bId === null);
    const ccgs = (sign: string, codes: string[], what: string) =>
      codes.length ? h('div', { class: 'small cmp-ccgs' }, h('span', { class: 'sr-only' }, what), `${sign} ${codes.map(nameOf).join(', ')}`) : null;
    fill(systemsBody, pairs.length ? pairs.map((p) => {
      const m = p.metrics[key];
      return h('tr', { 'data-a': p.aId ?? '', 'data-b': p.bId ?? '', class: p.left.length || p.joined.length ? 'cmp-changed' : 'cmp-same' },
        h('td', {}, p.aName ?? h('span', { class: 'muted' }, 'no partner in A'), ccgs(MINUS, p.left, 'CCGs that leave: ')),
        h('td', {}, p.bName ?? h('span', { class: 'muted' }, 'no partner in B'), ccgs('+', p.joined, 'CCGs that join: ')),
        h('td', { class: 'num' }, formatFigure(key, m.a)),
        h('td', { class: 'num' }, formatFigure(key, m.b)),
        h('td', { class: 'num cmp-delta' }, formatChange(key, m.delta)));
    }) : h('tr', {}, h('td', { colspan: 5, class: 'muted' }, 'No system gains or loses a CCG.')));
  }

  return {
    render(view, level, show, list) {
      last = { view, level, show };
      showMarks.checked = show;
      renderSimilarity(view.comparison);
      renderMoves(view, level, list);
      renderFindings(view.comparison);
      renderSummary(view.comparison);
      renderSystems(view.comparison);
    },
  };
}
