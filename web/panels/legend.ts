// What the lines and fills mean, in words (information is never carried by colour alone): a colour key of the
// systems (the swatches the map fills with, named), and the lines of each overlay.
import { h, fill } from '../dom.ts';
import type { Session } from '../state/session.ts';
import type { UnitNoun } from '../../engine/bundle.ts';
import { shortName } from '../../engine/shortName.ts';
import { PALETTE } from '../map/palette.ts';

const keys = (noun: UnitNoun): [string, string][] => [
  ['?', 'show or hide this list'],
  ['/', 'find a unit or a system'],
  ['M', 'focus the map'],
  ['← ↑ → ↓', `next ${noun.one} that way (on the map)`],
  ['Shift + arrow', 'add it to the selection'],
  ['Enter', `select the ${noun.one} at the centre`],
  ['A', 'assign to… (then Enter)'],
  ['N', 'new system from the selection'],
  ['O', `open the selected ${noun.one}'s organisation`],
  ['V B P C', 'select, box, paint, council tool'],
  ['Esc', 'leave a text field; on the map, clear the selection'],
  ['Ctrl+Z', 'undo; Ctrl+Shift+Z redo'],
];

export function mountLegend(el: HTMLElement, session: Session, noun: UnitNoun): void {
  const item = (cls: string, label: string) => h('li', {}, h('span', { class: `key ${cls}`, 'aria-hidden': 'true' }), label);
  const systems = h('ul', { class: 'system-key', id: 'system-key', 'aria-label': 'System colours' });
  session.engine.subscribe((st) => {
    if (!st) return;
    const rows = st.systems.map((m, k) => ({ name: shortName(m.name), colour: PALETTE[st.systemColour[k]] ?? '#eee' })).sort((a, b) => a.name.localeCompare(b.name));
    fill(systems, rows.map((r) => h('li', {}, h('span', { class: 'swatch', style: `background:${r.colour}`, 'aria-hidden': 'true' }), r.name)));
  });
  fill(el,
    h('details', {},
      h('summary', {}, 'Key'),
      h('p', { class: 'key-head' }, 'Systems (fill)'),
      systems,
      h('p', { class: 'muted' }, 'Each system is named on the map, a small or crowded one beside it on a leader line; the colours only tell neighbours apart.'),
      h('p', { class: 'key-head' }, 'Lines'),
      h('ul', {},
        item('key-system', 'System border'),
        item('key-org', 'Organisation border'),
        item('key-ccg', `${noun.one} border`),
        item('key-callout', 'Leader line to a system’s name beside it'),
        item('key-collab', 'Collaboration (dotted)'),
        item('key-selected', `Selected ${noun.one}`),
      ),
      h('p', { class: 'key-head' }, 'Overlays (when on)'),
      h('ul', {},
        item('key-utla', 'Upper-tier council'),
        item('key-lad', 'District'),
        item('key-region', 'NHS region'),
      ),
    ),
    h('details', { class: 'keys-help' },
      h('summary', {}, 'Keyboard ', h('kbd', {}, '?')),
      h('dl', { class: 'shortcuts' },
        keys(noun).flatMap(([k, what]) => [h('dt', {}, k.split(' ').map((x) => (x === '/' || x === '?' || x.length > 1 || /[A-Z]/.test(x) ? h('kbd', {}, x) : x))), h('dd', {}, what)])),
    ),
  );
}
