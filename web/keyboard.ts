// Keyboard shortcuts. Undo/redo work everywhere except inside text fields (which keep their own undo).
import type { Session } from './state/session.ts';
import type { Actions } from './state/actions.ts';
import type { SelectionBar } from './panels/selectionBar.ts';
import { TOOL_KEYS } from './panels/mapToolbar.ts';
import { isTyping } from './dom.ts';

export function bindKeyboard(session: Session, actions: Actions, bar: SelectionBar): void {
  window.addEventListener('keydown', (e) => {
    const mod = e.ctrlKey || e.metaKey;
    const typing = isTyping(e) && (e.target as HTMLElement).tagName !== 'SELECT';
    if (mod && !typing && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      void (e.shiftKey ? actions.redo() : actions.undo());
      return;
    }
    if (mod && !typing && e.key.toLowerCase() === 'y') {
      e.preventDefault();
      void actions.redo();
      return;
    }
    if (mod || e.altKey || isTyping(e)) return;
    const k = e.key.toLowerCase();
    if (e.key === '/') {
      e.preventDefault();
      document.getElementById('ccg-search')?.focus();
    } else if (e.key === 'Escape') {
      session.selection.set([]);
    } else if (k === 'a') {
      e.preventDefault();
      bar.focusAssign();
    } else if (k === 'n') {
      e.preventDefault();
      bar.newSystem();
    } else if (k in TOOL_KEYS) {
      session.tool.set(TOOL_KEYS[k]);
    }
  });
}
