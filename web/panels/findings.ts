// Findings, most severe first; each is a button that zooms to the CCGs concerned and selects them.
import type { UnitNoun } from '../../engine/bundle.ts';
import type { Session } from '../state/session.ts';
import { h, fill } from '../dom.ts';

const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', info: 'Note' } as const;

export function mountFindings(el: HTMLElement, session: Session, zoomToUnits: (codes: string[]) => void, setBadge: (text: string) => void, noun: UnitNoun = { one: 'CCG', many: 'CCGs' }): void {
  const list = h('ol', { class: 'findings', id: 'findings-list' });
  const filterSel = h('select', { 'aria-label': 'Show findings of severity' },
    h('option', { value: 'all' }, 'All severities'), h('option', { value: 'error' }, 'Errors'), h('option', { value: 'warning' }, 'Warnings'), h('option', { value: 'info' }, 'Notes'));
  filterSel.addEventListener('change', render);
  el.append(h('div', { class: 'panel-head' }, h('h2', {}, 'Findings'), filterSel), list);

  let shownKey = '';
  function render() {
    const st = session.engine.get();
    if (!st) return;
    const key = filterSel.value + '\n' + st.findings.map((f) => f.message).join('\n');
    if (key === shownKey) return;
    shownKey = key;
    const errors = st.findings.filter((f) => f.severity === 'error').length;
    const warnings = st.findings.filter((f) => f.severity === 'warning').length;
    setBadge(String(st.findings.length));
    const shown = st.findings.filter((f) => filterSel.value === 'all' || f.severity === filterSel.value);
    fill(list, shown.length === 0 ? h('li', { class: 'muted' }, 'No findings.') : shown.map((f) =>
      h('li', { class: `finding sev-${f.severity}` },
        h('button', { type: 'button', class: 'finding-btn', onclick: () => zoomToUnits(f.units), title: `Zoom to and select the ${noun.many} concerned` },
          h('span', { class: `sev sev-${f.severity}` }, SEVERITY_LABEL[f.severity]),
          h('span', { class: 'finding-text' }, f.message),
        ),
      )));
    list.setAttribute('aria-label', `${st.findings.length} findings: ${errors} errors, ${warnings} warnings`);
  }
  session.engine.subscribe(render);
}
