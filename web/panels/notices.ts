// Messages to the planner: errors stay until dismissed or until the next action succeeds (role=alert), information
// fades (role=status). They sit over the map, never over the summary (styles.css). A message
// with an action (Undo) stays longer, never fades while the keyboard focus is in it, and takes the focus, so the
// action is one key away for a keyboard user whose button has just gone (a deleted list item).
// A message is a line, not a document: whatever a file or link put in it, it shows at most MAX_NOTICE characters,
// with any one long value (an echoed header, a pasted blob) cut to LONG_VALUE.
import type { NoticeAction, Notify } from '../state/actions.ts';
import { h } from '../dom.ts';

const FADE_MS = 4500;
const FADE_WITH_ACTION_MS = 10_000;
export const MAX_NOTICE = 300;
const LONG_VALUE = 60;

/** The message as shown: long unbroken values cut, then the whole cut to MAX_NOTICE characters. */
export function shortenMessage(message: string): string {
  const cut = (s: string, n: number) => {
    if (s.length <= n) return s;
    const t = s.slice(0, n - 1);
    return `${/[\uD800-\uDBFF]$/.test(t) ? t.slice(0, -1) : t}…`; // never half a surrogate pair
  };
  const short = message.replace(/\S{61,}/g, (v) => cut(v, LONG_VALUE));
  return short.length <= MAX_NOTICE ? short : cut(short, MAX_NOTICE);
}

export function createNotices(el: HTMLElement): Notify {
  const add = (kind: 'info' | 'error', message: string, action?: NoticeAction) => {
    const button = action
      ? h('button', { type: 'button', class: 'btn btn-small notice-action', onclick: () => {
        item.remove();
        action.run();
      } }, action.label)
      : null;
    const item = h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' },
      h('span', { class: 'notice-text' }, shortenMessage(message)),
      button,
      h('button', { type: 'button', class: 'notice-close', 'aria-label': 'Dismiss message', onclick: () => item.remove() }, '×'),
    );
    el.append(item);
    while (el.children.length > 4) el.firstElementChild?.remove();
    if (kind === 'info') {
      const fade = () => (item.contains(document.activeElement) ? setTimeout(fade, 1000) : item.remove());
      setTimeout(fade, action ? FADE_WITH_ACTION_MS : FADE_MS);
    }
    button?.focus();
  };
  return {
    info: (m, action) => add('info', m, action),
    error: (m) => add('error', m),
    clearErrors: () => el.querySelectorAll('.notice-error').forEach((n) => n.remove()),
  };
}
