// The header: the scenario's name (editable), undo and redo with what they would do, and the baseline picker.
import type { Session } from '../state/session.ts';
import type { Actions } from '../state/actions.ts';
import type { BaselineInfo } from '../../workers/api.ts';
import { h, fill } from '../dom.ts';

export interface HeaderDeps {
  session: Session;
  actions: Actions;
  baselines: BaselineInfo[];
  /** Opens a baseline as a new saved scenario (the current one stays in the list). */
  openBaseline(id: string): void;
}

export function mountHeader(title: HTMLElement, bar: HTMLElement, d: HeaderDeps): void {
  const name = h('input', {
    id: 'scenario-name', class: 'scenario-name', type: 'text', 'aria-label': 'Scenario name', spellcheck: 'false',
    onchange: () => {
      const v = name.value.trim();
      const cur = d.session.engine.get()?.scenario.name;
      if (v && v !== cur) void d.actions.run({ op: 'describeScenario', name: v });
      else if (cur) name.value = cur;
    },
  });
  const based = h('span', { class: 'based-on' });
  fill(title, name, based);

  const undo = h('button', { type: 'button', id: 'undo', class: 'btn', onclick: () => void d.actions.undo() }, '↶ Undo');
  const redo = h('button', { type: 'button', id: 'redo', class: 'btn', onclick: () => void d.actions.redo() }, '↷ Redo');
  const picker = h('select', { id: 'baseline-picker', 'aria-label': 'Baseline to start from' },
    h('option', { value: '' }, 'Start from a baseline…'),
    d.baselines.map((b) => h('option', { value: b.id }, `${b.name} (${b.systems} systems, ${b.organisations} orgs)`)),
  );
  picker.addEventListener('change', () => {
    if (picker.value) d.openBaseline(picker.value);
    picker.value = '';
  });
  fill(bar, h('div', { class: 'btn-group', role: 'group', 'aria-label': 'History' }, undo, redo), picker);

  d.session.engine.subscribe((st) => {
    if (!st) return;
    if (document.activeElement !== name) name.value = st.scenario.name;
    based.textContent = st.scenario.basedOn ? `based on ${d.baselines.find((b) => b.id === st.scenario.basedOn)?.name ?? st.scenario.basedOn}` : '';
    undo.disabled = !st.history.canUndo;
    redo.disabled = !st.history.canRedo;
    undo.title = st.history.undoLabel ? `Undo: ${st.history.undoLabel} (Ctrl+Z)` : 'Nothing to undo';
    redo.title = st.history.redoLabel ? `Redo: ${st.history.redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo';
    undo.setAttribute('aria-label', undo.title);
    redo.setAttribute('aria-label', redo.title);
  });
}
