// Accessible tabs (WAI-ARIA tabs pattern): arrow keys move between tabs, each panel is a tabpanel.
import { h, fill } from '../dom.ts';

export interface Tab {
  id: string;
  label: string;
  panel: HTMLElement;
}

export function mountTabs(el: HTMLElement, tabs: Tab[], label = 'Panels'): { select(id: string): void; setBadge(id: string, text: string): void } {
  const buttons = tabs.map((t, k) =>
    h('button', { type: 'button', role: 'tab', id: `tab-${t.id}`, 'aria-controls': `panel-${t.id}`, 'aria-selected': k === 0 ? 'true' : 'false', tabindex: k === 0 ? 0 : -1, class: 'tab' },
      h('span', {}, t.label), h('span', { class: 'tab-badge', id: `tab-badge-${t.id}` })),
  );
  const panels = tabs.map((t, k) => {
    t.panel.id = `panel-${t.id}`;
    t.panel.setAttribute('role', 'tabpanel');
    t.panel.setAttribute('aria-labelledby', `tab-${t.id}`);
    t.panel.classList.add('tabpanel');
    t.panel.hidden = k !== 0;
    return t.panel;
  });
  const select = (id: string, focus = false) => {
    tabs.forEach((t, k) => {
      const on = t.id === id;
      buttons[k].setAttribute('aria-selected', String(on));
      buttons[k].tabIndex = on ? 0 : -1;
      panels[k].hidden = !on;
      if (on && focus) buttons[k].focus();
    });
  };
  buttons.forEach((b, k) => {
    b.addEventListener('click', () => select(tabs[k].id));
    b.addEventListener('keydown', (e) => {
      const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (!d) return;
      e.preventDefault();
      select(tabs[(k + d + tabs.length) % tabs.length].id, true);
    });
  });
  fill(el, h('div', { class: 'tablist', role: 'tablist', 'aria-label': label }, buttons), panels);
  return {
    select: (id) => select(id, false),
    setBadge: (id, text) => {
      const b = document.getElementById(`tab-badge-${id}`);
      if (b) b.textContent = text;
    },
  };
}
