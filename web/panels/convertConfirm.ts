/**
 * The confirm step of a conversion to a coarser unit set: before anything changes, the planner reads every unit
 * that would be split (the engine's convert report: the people of the unit in each group, most first, the unit
 * going to the first) and chooses to go ahead or not. Nothing is lost either way: a conversion opens as a new
 * record beside the finer one.
 */
import type { ConvertReport } from '../../engine/convert.ts';
import type { UnitNoun } from '../../engine/bundle.ts';
import { h } from '../dom.ts';
import { formatCount, plural } from './format.ts';

/** `noun`: what the target unit set calls its units. */
export function confirmConversion(report: ConvertReport, noun: UnitNoun, targetLabel: string): Promise<boolean> {
  const units = new Set(report.splits.map((s) => s.unit)).size;
  return new Promise((resolve) => {
    const done = (go: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(go);
    };
    const dialog = h('dialog', { id: 'unitset-confirm', class: 'unitset-confirm', 'aria-labelledby': 'unitset-confirm-title' },
      h('h2', { id: 'unitset-confirm-title' }, `Convert to ${targetLabel}?`),
      h('p', {}, `Each ${noun.one} goes where most of its people are. ${plural(units, noun.one, noun.many)} ${units === 1 ? 'is' : 'are'} split today, so these people would move with the rest of their ${noun.one}. `,
        'The scenario open now stays saved as it is; the conversion opens as a new scenario beside it.'),
      h('ul', { id: 'unitset-splits', class: 'unitset-splits' }, report.splits.map((s) => h('li', { 'data-unit': s.unit, 'data-level': s.level },
        h('strong', {}, `${s.unitName} (${s.unit})`), ` in ${s.level}: `,
        s.parts.map((p, k) => `${k ? ', ' : ''}${formatCount(p.population)} ${p.group ? `in ${p.groupName}` : p.groupName}${k === 0 && s.level !== 'collaborations' ? ' (goes there)' : ''}`).join('')))),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'btn btn-primary', id: 'unitset-confirm-go', onclick: () => done(true) }, `Convert and open on ${targetLabel}`),
        h('button', { type: 'button', class: 'btn', id: 'unitset-confirm-cancel', onclick: () => done(false) }, 'Cancel')),
    );
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      done(false);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
