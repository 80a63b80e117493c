/**
 * Search CCGs by name, ONS code (E38…) or NHS code (03Q): a combobox with a listbox of matches (the engine
 * finds them). Enter picks the highlighted one: it is selected (Shift+Enter adds) and the map zooms to it.
 */
import type { Engine } from '../../workers/client.ts';
import type { UnitHit } from '../../workers/api.ts';
import { h, fill } from '../dom.ts';

export function createSearch(engine: Engine, pick: (i: number, add: boolean) => void): HTMLElement {
  const input = h('input', {
    type: 'search', id: 'ccg-search', class: 'search-input', placeholder: 'Find a CCG: name, E38… or NHS code  ( / )',
    role: 'combobox', 'aria-expanded': 'false', 'aria-controls': 'ccg-search-results', 'aria-autocomplete': 'list', 'aria-label': 'Find a CCG by name, ONS code or NHS code', autocomplete: 'off',
  });
  const list = h('ul', { id: 'ccg-search-results', role: 'listbox', class: 'search-results', hidden: true, 'aria-label': 'Matching CCGs' });
  let hits: UnitHit[] = [];
  let active = 0;
  let query = 0;

  const render = () => {
    list.hidden = hits.length === 0;
    input.setAttribute('aria-expanded', String(hits.length > 0));
    fill(list, hits.map((u, k) => {
      const li = h('li', { role: 'option', id: `ccg-hit-${k}`, 'aria-selected': String(k === active), class: k === active ? 'active' : '' },
        h('span', { class: 'hit-name' }, u.name), h('span', { class: 'hit-codes' }, `${u.nhsCode} · ${u.code}`));
      li.addEventListener('mousedown', (e) => {
        e.preventDefault();
        choose(k, e.shiftKey);
      });
      return li;
    }));
    if (hits.length) input.setAttribute('aria-activedescendant', `ccg-hit-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const choose = (k: number, add: boolean) => {
    const u = hits[k];
    if (!u) return;
    pick(u.i, add);
    hits = [];
    input.value = '';
    render();
  };
  input.addEventListener('input', async () => {
    const q = ++query;
    const res = await engine.findUnits(input.value, 10);
    if (q !== query) return;
    hits = res;
    active = 0;
    render();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (hits.length) active = (active + (e.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length;
      render();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(active, e.shiftKey);
    } else if (e.key === 'Escape') {
      // A first Escape clears the search, a second leaves it (so single-key shortcuts work again).
      if (!input.value && !hits.length) input.blur();
      hits = [];
      input.value = '';
      render();
    }
  });
  input.addEventListener('blur', () => setTimeout(() => {
    hits = [];
    render();
  }, 150));
  return h('div', { class: 'search' }, input, list);
}
