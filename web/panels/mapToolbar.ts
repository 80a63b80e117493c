// Tools (radio group with shortcut letters), overlay toggles and the CCG search, floating over the map.
import type { Session, Tool } from '../state/session.ts';
import type { OverlayControl, OverlayKind } from '../map/overlays.ts';
import { h, fill } from '../dom.ts';
import type { UnitNoun } from '../../engine/bundle.ts';
import { withArticle } from '../../engine/article.ts';

const TOOLS: { id: Tool; label: string; key: string; help(noun: UnitNoun): string }[] = [
  { id: 'select', label: 'Select', key: 'V', help: (n) => `Click ${withArticle(n.one)} to select it; Shift-click adds; Shift-drag selects a box` },
  { id: 'box', label: 'Box', key: 'B', help: (n) => `Drag a box to select the ${n.many} mostly inside it` },
  { id: 'paint', label: 'Paint', key: 'P', help: (n) => `Click or drag across ${n.many} to assign them to the active system` },
  { id: 'council', label: 'Council', key: 'C', help: (n) => `Click an upper-tier council to assign the ${n.many} mostly inside it to the active system` },
];

export function mountMapToolbar(el: HTMLElement, session: Session, overlays: OverlayControl, search: HTMLElement, noun: UnitNoun): void {
  const radios = TOOLS.map((t) => {
    const input = h('input', { type: 'radio', name: 'tool', value: t.id, id: `tool-${t.id}`, checked: t.id === session.tool.get() });
    input.addEventListener('change', () => input.checked && session.tool.set(t.id));
    return h('label', { class: 'tool', for: `tool-${t.id}`, title: `${t.help(noun)} (${t.key})` }, input, h('span', {}, t.label), h('kbd', {}, t.key));
  });
  const toggle = (kind: OverlayKind, label: string) => {
    const box = h('input', { type: 'checkbox', id: `overlay-${kind}` });
    box.addEventListener('change', () => void overlays.set(kind, box.checked));
    return h('label', { class: 'overlay-toggle', for: `overlay-${kind}` }, box, label);
  };
  fill(el,
    search,
    h('fieldset', { class: 'tools' }, h('legend', { class: 'sr-only' }, 'Map tool'), radios),
    h('fieldset', { class: 'overlays' }, h('legend', {}, 'Overlays'), toggle('utla', 'Upper-tier councils'), toggle('lad', 'Districts'), toggle('regions', 'NHS regions')),
  );
  session.tool.subscribe((tool) => {
    for (const t of TOOLS) (document.getElementById(`tool-${t.id}`) as HTMLInputElement).checked = t.id === tool;
    if (tool === 'council' && !overlays.isVisible('utla')) {
      (document.getElementById('overlay-utla') as HTMLInputElement).checked = true;
      void overlays.set('utla', true);
    }
  });
}

export const TOOL_KEYS: Record<string, Tool> = Object.fromEntries(TOOLS.map((t) => [t.key.toLowerCase(), t.id]));
