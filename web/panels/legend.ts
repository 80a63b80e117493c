// What the lines and fills mean, in words (information is never carried by colour alone).
import { h, fill } from '../dom.ts';

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
  );
}
