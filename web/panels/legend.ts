// What the lines and fills mean, in words (information is never carried by colour alone).
import { h, fill } from '../dom.ts';

const KEYS: [string, string][] = [
  ['?', 'show or hide this list'],
  ['/', 'find a CCG'],
  ['M', 'focus the map'],
  ['← ↑ → ↓', 'next CCG that way (on the map)'],
  ['Shift + arrow', 'add it to the selection'],
  ['Enter', 'select the CCG at the centre'],
  ['A', 'assign to… (then Enter)'],
  ['N', 'new system from the selection'],
  ['O', "open the selected CCG's organisation"],
  ['V B P C', 'select, box, paint, council tool'],
  ['Esc', 'clear the selection'],
  ['Ctrl+Z', 'undo; Ctrl+Shift+Z redo'],
];

export function mountLegend(el: HTMLElement): void {
  const item = (cls: string, label: string) => h('li', {}, h('span', { class: `key ${cls}`, 'aria-hidden': 'true' }), label);
  fill(el,
    h('details', {},
      h('summary', {}, 'Key'),
      h('ul', {},
        item('key-system', 'System border'),
        item('key-org', 'Organisation border'),
        item('key-ccg', 'CCG border'),
        item('key-collab', 'Collaboration (dotted)'),
        item('key-selected', 'Selected CCG'),
        item('key-utla', 'Upper-tier council'),
        item('key-region', 'NHS region'),
      ),
      h('p', { class: 'muted' }, 'Fill colours only tell neighbouring systems apart; each system is labelled.'),
    ),
    h('details', { class: 'keys-help' },
      h('summary', {}, 'Keyboard ', h('kbd', {}, '?')),
      h('dl', { class: 'shortcuts' },
        KEYS.flatMap(([k, what]) => [h('dt', {}, k.split(' ').map((x) => (x === '/' || x === '?' || x.length > 1 || /[A-Z]/.test(x) ? h('kbd', {}, x) : x))), h('dd', {}, what)])),
    ),
  );
}
