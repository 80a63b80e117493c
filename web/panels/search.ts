/**
 * Search CCGs by name, ONS code (E38…) or NHS code (03Q): a combobox with a listbox of matches (the engine
 * finds them). Enter picks the highlighted one: it is selected (Shift+Enter adds) and the map zooms to it. Enter
 * typed before the engine has answered for the text in the box waits for that answer, so a fast typist never gets
 * the first match of what they had typed so far.
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
  /** Number of the latest query, and of the one whose matches are shown. */
  let query = 0;
  let shown = 0;
  /** The engine's matches for the text typed last. */
  let latest: Promise<UnitHit[]> = Promise.resolve([]);
  /** An Enter typed before the engine answered is still waiting to pick. */
  let picking = false;

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
  const clear = () => {
    shown = ++query; // a search still on its way is for text that is gone
    hits = [];
    input.value = '';
    render();
  };
  const choose = (k: number, add: boolean) => {
    const u = hits[k];
    if (!u) return;
    pick(u.i, add);
    clear();
  };
  input.addEventListener('input', () => {
    const q = ++query;
    latest = engine.findUnits(input.value, 10);
    void latest.then((res) => {
      if (q !== query) return;
      hits = res;
      active = 0;
      shown = q;
      render();
    });
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (hits.length) active = (active + (e.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length;
      render();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const add = e.shiftKey;
      if (shown === query) choose(active, add);
      else {
        // Keys act in the order typed: this Enter picks the first match of the text it followed, even when Escape
        // or more typing comes before the engine's answer (which would otherwise cancel it).
        const q = query;
        picking = true;
        void latest.then((res) => {
          picking = false;
          if (!res[0]) return;
          pick(res[0].i, add);
          if (query === q) clear();
        });
      }
    } else if (e.key === 'Escape') {
      // A first Escape clears the search, a second leaves it (so single-key shortcuts work again). After an Enter
      // still waiting to pick, the box is as good as cleared, so Escape leaves it, as it would once the pick is made.
      if (picking || (!input.value && !hits.length)) input.blur();
      clear();
    }
  });
  input.addEventListener('blur', () => setTimeout(() => {
    hits = [];
    render();
  }, 150));
  return h('div', { class: 'search' }, input, list);
}
