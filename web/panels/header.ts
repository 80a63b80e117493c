// The header: the scenario's name (editable), undo and redo with what they would do, and the baseline picker.
import type { Session } from '../state/session.ts';
import type { Actions } from '../state/actions.ts';
import type { BaselineInfo } from '../../workers/api.ts';
import type { Signal } from '../state/signal.ts';
import { h, fill } from '../dom.ts';

export interface HeaderDeps {
  session: Session;
  actions: Actions;
  baselines: BaselineInfo[];
  /** Opens a baseline as a new saved scenario (the current one stays in the list). */
  openBaseline(id: string): void;
  /** The last autosave, shown as "Saved 21:58" so the planner knows the work is kept. */
  lastSaved?: Signal<{ updated: number } | null>;
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
  const saved = h('span', { class: 'saved-at', id: 'saved-at', title: 'Every change is saved in this browser (IndexedDB)' });
  // Edits said in words for screen readers ("Done: assign NHS Leeds CCG to …"), politely.
  const announce = h('span', { class: 'sr-only', id: 'edit-announcer', 'aria-live': 'polite' });
  fill(title, name, based, saved, announce);
  let depth = -1;
  d.lastSaved?.subscribe((rec) => {
    saved.textContent = rec ? `✓ Saved ${new Date(rec.updated).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}` : '';
  });

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
    const h2 = st.history;
    if (depth >= 0 && h2.depth > depth && h2.undoLabel) announce.textContent = `Done: ${h2.undoLabel}`;
    else if (depth >= 0 && h2.depth < depth) announce.textContent = h2.redoLabel ? `Undone: ${h2.redoLabel}` : 'Undone';
    depth = h2.depth;
    based.textContent = st.scenario.basedOn ? `based on ${d.baselines.find((b) => b.id === st.scenario.basedOn)?.name ?? st.scenario.basedOn}` : '';
    undo.disabled = !st.history.canUndo;
    redo.disabled = !st.history.canRedo;
    undo.title = st.history.undoLabel ? `Undo: ${st.history.undoLabel} (Ctrl+Z)` : 'Nothing to undo';
    redo.title = st.history.redoLabel ? `Redo: ${st.history.redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo';
    undo.setAttribute('aria-label', undo.title);
    redo.setAttribute('aria-label', redo.title);
  });
}
