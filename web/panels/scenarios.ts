// Saved scenarios (IndexedDB): open, rename, duplicate, delete (with Undo). The open one is marked and cannot be
// deleted. Records that cannot be opened are listed apart as damaged, with why, their content as a JSON file to
// download, and a delete (with Undo); they never stop the list or the app.
import type { Notify } from '../state/actions.ts';
import type { Persistence } from '../state/persistence.ts';
import type { DamagedRecord } from '../state/savedRecords.ts';
import { recordText } from '../state/savedRecords.ts';
import { download } from './files.ts';
import { h, fill } from '../dom.ts';

const when = (t: number) => (t > 0 ? new Date(t).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : 'at an unknown time');
const fileSafe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'record';

export function mountScenarios(el: HTMLElement, p: Persistence, notify: Notify): void {
  // Deleting asks nothing: it says what went and offers it back.
  const remove = async (id: IDBValidKey, label: string) => {
    const rec = await p.remove(id);
    if (rec) notify.info(`Deleted the saved scenario "${label}".`, { label: 'Undo', run: () => void p.restore(rec) });
  };
  const list = h('ul', { class: 'scenarios', id: 'scenario-list' });
  const damagedList = h('ul', { class: 'scenarios damaged', id: 'damaged-list' });
  const damagedBox = h('section', { id: 'damaged-scenarios', hidden: true },
    h('h2', {}, 'Damaged, cannot be opened'),
    h('p', { class: 'muted small' }, 'These records in this browser are not readable scenarios. Download one to keep or repair it; the others open as usual.'),
    damagedList);
  fill(el, h('h2', {}, 'Saved in this browser'),
    h('p', { class: 'muted small' }, 'Every change is saved automatically. Start a new scenario from a baseline with the picker at the top.'), list, damagedBox);
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
          h('button', { type: 'button', class: 'btn btn-small btn-danger', disabled: isCur, onclick: () => void remove(rec.id, rec.name), 'aria-label': `Delete ${rec.name}` }, 'Delete')),
      );
    }));
  };
  const renderDamaged = (recs: DamagedRecord[]) => {
    damagedBox.hidden = recs.length === 0;
    fill(damagedList, recs.map((rec, k) =>
      h('li', { class: 'scenario damaged', 'data-key': rec.key === null ? undefined : String(rec.key) },
        h('div', { class: 'field-row' }, h('span', { class: 'grow damaged-name' }, rec.label), h('span', { class: 'pill pill-warn' }, 'damaged')),
        h('div', { class: 'muted small damaged-reason' }, rec.reason),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'btn btn-small damaged-download', onclick: () => download({ filename: `damaged-${fileSafe(rec.label)}-${k + 1}.json`, mime: 'application/json', text: recordText(rec.raw) }) }, 'Download as JSON'),
          rec.key === null ? null : h('button', { type: 'button', class: 'btn btn-small btn-danger', onclick: () => void remove(rec.key!, rec.label), 'aria-label': `Delete the damaged record ${rec.label}` }, 'Delete')),
      )));
  };
  p.saved.subscribe(render);
  p.damaged.subscribe(renderDamaged);
}
