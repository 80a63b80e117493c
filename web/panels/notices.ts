// Messages to the planner: errors stay until dismissed (role=alert), information fades (role=status).
import type { Notify } from '../state/actions.ts';
import { h } from '../dom.ts';

export function createNotices(el: HTMLElement): Notify {
  const add = (kind: 'info' | 'error', message: string) => {
    const item = h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' },
      h('span', { class: 'notice-text' }, message),
      h('button', { type: 'button', class: 'notice-close', 'aria-label': 'Dismiss message', onclick: () => item.remove() }, '×'),
    );
    el.append(item);
    while (el.children.length > 4) el.firstElementChild?.remove();
    if (kind === 'info') setTimeout(() => item.remove(), 4500);
  };
  return { info: (m) => add('info', m), error: (m) => add('error', m) };
}
