/**
 * Search units by name, ONS code (E38…) or NHS code (03Q), and systems by name: a combobox with a listbox of
 * matches (the engine finds the units); "no match" is said, not left blank. A system found opens it. Enter picks
 * the highlighted one: it is selected (Shift+Enter adds) and the map zooms to it. Keys act in the order typed: an
 * Enter typed before the engine has answered picks the first match of the text it followed, even when Escape or
 * more typing comes before the answer.
 */
import type { Engine } from '../../workers/client.ts';
import type { UnitHit } from '../../workers/api.ts';
import type { UnitNoun } from '../../engine/bundle.ts';
import { normaliseKey } from '../../engine/geography.ts';
import { h, fill } from '../dom.ts';
import { withArticle } from '../../engine/article.ts';

export interface SearchDeps {
  engine: Engine;
  noun: UnitNoun;
  /** The systems of the open scenario, to find by name. */
  systems(): readonly { id: string; name: string }[];
  pick(i: number, add: boolean): void;
  openSystem(id: string): void;
}

type Hit = UnitHit | { system: string; name: string };
const MAX_SYSTEMS = 4;

export function createSearch({ engine, noun, systems, pick, openSystem }: SearchDeps): HTMLElement {
  const input = h('input', {
    type: 'search', id: 'ccg-search', class: 'search-input', placeholder: `Find ${withArticle(noun.one)} or system: name or code  ( / )`,
    role: 'combobox', 'aria-expanded': 'false', 'aria-controls': 'ccg-search-results', 'aria-autocomplete': 'list', 'aria-label': `Find ${withArticle(noun.one)} by name or code, or a system by name`, autocomplete: 'off',
  });
  const list = h('ul', { id: 'ccg-search-results', role: 'listbox', class: 'search-results', hidden: true, 'aria-label': `Matching ${noun.many} and systems` });
  const none = h('p', { id: 'ccg-search-none', class: 'search-none', role: 'status', hidden: true });
  let hits: Hit[] = [];
  let active = 0;
  /** Number of the latest query, and of the one whose matches are shown. */
  let query = 0;
  let shown = 0;
  /** The engine's matches for the text typed last. */
  let latest: Promise<Hit[]> = Promise.resolve([]);

  const render = () => {
    list.hidden = hits.length === 0;
    input.setAttribute('aria-expanded', String(hits.length > 0));
    const q = input.value.trim();
    none.hidden = hits.length > 0 || !q || shown !== query;
    none.textContent = none.hidden ? '' : `No ${noun.one} or system matches “${q}”.`;
    fill(list, hits.map((u, k) => {
      const li = h('li', { role: 'option', id: `ccg-hit-${k}`, 'aria-selected': String(k === active), class: k === active ? 'active' : '' },
        h('span', { class: 'hit-name' }, u.name), h('span', { class: 'hit-codes' }, 'system' in u ? 'system' : `${u.nhsCode} · ${u.code}`));
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
    clear();
    if ('system' in u) openSystem(u.system);
    else pick(u.i, add);
  };
  input.addEventListener('input', () => {
    const q = ++query;
    const key = normaliseKey(input.value);
    const sys: Hit[] = key ? systems().filter((m) => normaliseKey(m.name).includes(key)).slice(0, MAX_SYSTEMS).map((m) => ({ system: m.id, name: m.name })) : [];
    latest = engine.findUnits(input.value, 10).then((res) => [...sys, ...res]);
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
        void latest.then((res) => {
          const u = res[0];
          if (!u) return;
          if (query === q) clear();
          if ('system' in u) openSystem(u.system);
          else pick(u.i, add);
        });
      }
    } else if (e.key === 'Escape') {
      // Escape clears the search; the keyboard handler then takes the focus out of the box (web/keyboard.ts), and
      // the selection stays as it was. An Enter still waiting for the engine's answer is not cancelled by it.
      clear();
    }
  });
  input.addEventListener('blur', () => setTimeout(() => {
    hits = [];
    render();
  }, 150));
  return h('div', { class: 'search' }, input, list, none);
}
