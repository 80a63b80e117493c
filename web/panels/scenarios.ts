// Saved scenarios (IndexedDB): open, rename, duplicate, delete (with Undo). The open one is marked and cannot be
// deleted.
import type { Notify } from '../state/actions.ts';
import type { Persistence } from '../state/persistence.ts';
import { h, fill } from '../dom.ts';

const when = (t: number) => new Date(t).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

export function mountScenarios(el: HTMLElement, p: Persistence, notify: Notify): void {
  // Deleting asks nothing: it says what went and offers it back.
  const remove = async (id: string) => {
    const rec = await p.remove(id);
    if (rec) notify.info(`Deleted the saved scenario "${rec.name}".`, { label: 'Undo', run: () => void p.restore(rec) });
  };
  const list = h('ul', { class: 'scenarios', id: 'scenario-list' });
  fill(el, h('h2', {}, 'Saved in this browser'),
    h('p', { class: 'muted small' }, 'Every change is saved automatically. Start a new scenario from a baseline with the picker at the top.'), list);
  const render = () => {
    const cur = p.currentId();
    fill(list, p.saved.get().map((rec) => {
      const isCur = rec.id === cur;
      const name = h('input', { type: 'text', value: rec.name, 'aria-label': `Name of saved scenario ${rec.name}`, class: 'grow' });
      name.addEventListener('change', () => name.value.trim() && void p.rename(rec.id, name.value.trim()));
      return h('li', { class: `scenario ${isCur ? 'current' : ''}`, 'aria-current': isCur ? 'true' : undefined, 'data-id': rec.id, 'data-name': rec.name },
        h('div', { class: 'field-row' }, name, isCur ? h('span', { class: 'pill' }, 'open') : null),
        h('div', { class: 'muted small' }, `${rec.scenario.systems.length} systems · ${rec.scenario.organisations.length} orgs · saved ${when(rec.updated)}`),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'btn btn-small', disabled: isCur, onclick: () => void p.openSaved(rec.id) }, 'Open'),
          h('button', { type: 'button', class: 'btn btn-small', onclick: () => void p.duplicate(rec.id) }, 'Duplicate'),
          h('button', { type: 'button', class: 'btn btn-small btn-danger', disabled: isCur, onclick: () => void remove(rec.id), 'aria-label': `Delete ${rec.name}` }, 'Delete')),
      );
    }));
  };
  p.saved.subscribe(render);
}
