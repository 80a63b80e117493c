/**
 * Systems a generation leaves untouched: a checkbox per current system. Systems the scenario itself locks are
 * shown ticked and cannot be unticked here (the engine keeps them locked whatever the panel says).
 */
import type { SystemDef } from '../../engine/scenario.ts';
import { h, fill } from '../dom.ts';

export interface LockList {
  el: HTMLElement;
  update(systems: readonly SystemDef[]): void;
  /** Ids the planner ticked beyond the scenario's own locks. */
  chosen(): string[];
}

export function mountLockList(idPrefix: string): LockList {
  const picked = new Set<string>();
  let shown: readonly SystemDef[] = [];
  let shownKey = '';
  const list = h('ul', { class: 'gen-locks', id: `${idPrefix}-list` });
  const summary = h('summary', {}, 'Locked systems');
  const el = h('details', { class: 'gen-locks-box' }, summary, list);

  const render = () => {
    const own = shown.filter((s) => s.locked).length;
    const mine = shown.filter((s) => !s.locked && picked.has(s.id)).length;
    summary.textContent = `Locked systems (${own + mine} of ${shown.length}${own ? `; ${own} locked in the scenario` : ''})`;
    fill(list, shown.map((s, k) => {
      const id = `${idPrefix}-${k}`;
      const box = h('input', { type: 'checkbox', id, 'data-system': s.id, checked: !!s.locked || picked.has(s.id), disabled: !!s.locked });
      box.addEventListener('change', () => {
        if (box.checked) picked.add(s.id);
        else picked.delete(s.id);
        render();
      });
      return h('li', {}, box, h('label', { for: id }, s.name, s.locked ? ' (locked in the scenario)' : ''));
    }));
  };

  return {
    el,
    update(systems) {
      // Every edit brings new system objects; redraw only when the list itself changed.
      const key = systems.map((s) => `${s.id}\u0001${s.name}\u0001${s.locked ? 1 : 0}`).join('\u0002');
      shown = systems;
      if (key === shownKey) return;
      shownKey = key;
      // Forget systems that no longer exist.
      for (const id of [...picked]) if (!systems.some((s) => s.id === id)) picked.delete(id);
      render();
    },
    chosen: () => shown.filter((s) => !s.locked && picked.has(s.id)).map((s) => s.id),
  };
}
