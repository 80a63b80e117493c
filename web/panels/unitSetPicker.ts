/**
 * The unit-set picker: "Units: CCGs · CCG parts (by council) · LSOAs", the open one pressed. Choosing another
 * converts the open scenario through the unit-set switch (unitSetSwitch.ts): exactly to a finer set, after a
 * confirm step listing every split unit to a coarser one; either way it opens as a new saved scenario beside the
 * open one, which stays as it was.
 */
import { UNIT_SETS } from '../../engine/bundle.ts';
import { h } from '../dom.ts';
import { unitSetLabel } from '../state/unitSetChoice.ts';
import type { SwitchRequest } from './unitSetSwitch.ts';

export function mountUnitSetPicker(el: HTMLElement, open: string, switchTo: (req: SwitchRequest) => Promise<boolean>): void {
  const buttons = UNIT_SETS.map((id) => {
    const b = h('button', {
      type: 'button', class: 'btn btn-small', 'data-unitset': id, 'aria-pressed': String(id === open),
      title: id === open ? `The open scenario is on ${unitSetLabel(id).many}` : `Convert the open scenario to ${unitSetLabel(id).many}, as a new saved scenario beside it`,
      onclick: () => {
        if (id === open) return;
        buttons.forEach((x) => (x.disabled = true));
        void switchTo({ to: id, doing: `convert to ${unitSetLabel(id).many}`, name: (n) => `${n.replace(/ \((split by council|on [^)]*)\)$/, '')} (on ${unitSetLabel(id).many})` })
          .finally(() => buttons.forEach((x) => (x.disabled = false)));
      },
    }, unitSetLabel(id).picker);
    return b;
  });
  el.append(h('div', { class: 'btn-group unitset-picker', id: 'unitset-picker', role: 'group', 'aria-label': 'Units' }, h('span', { class: 'unitset-picker-label' }, 'Units:'), buttons));
}
