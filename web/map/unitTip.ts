/**
 * What a unit is, in words, beside the pointer or the keyboard's place on the map: its name, population, system
 * and organisation, so a planner finds a unit by hovering (or stepping with the arrow keys) without opening it.
 */
import type { Map as MlMap } from 'maplibre-gl';
import type { Session } from '../state/session.ts';
import type { UnitNoun } from '../../engine/bundle.ts';
import { NO_GROUP } from '../../workers/api.ts';
import { formatCount } from '../panels/format.ts';
import { h, fill } from '../dom.ts';

export interface UnitTipDeps {
  map: MlMap;
  session: Session;
  names: readonly string[];
  population: readonly number[];
  anchors: readonly [number, number][];
  noun: UnitNoun;
}

export interface UnitTip {
  /** Shows unit `i` at a point (CSS px in the map's container); null hides it. */
  show(i: number | null, at?: { x: number; y: number }): void;
}

export function createUnitTip({ map, session, names, population, anchors, noun }: UnitTipDeps): UnitTip {
  const el = h('div', { id: 'unit-tip', class: 'unit-tip', role: 'status', 'aria-live': 'polite', hidden: true });
  map.getContainer().append(el);
  let shown: number | null = null;
  let lastAt: { x: number; y: number } | undefined;
  // What the tip says and where it is, as last written: a pointer resting on a unit (or a click on it) writes
  // nothing to the page, so it asks for no frame (each one costs the software compositor tens of ms here).
  let said = '';
  let placed = '';
  const row = (k: string, v: string) => h('div', { class: 'tip-row' }, h('span', { class: 'tip-key' }, k), h('span', {}, v));
  const tip: UnitTip = {
    show(i, at) {
      shown = i;
      lastAt = at;
      if (i === null) {
        if (!el.hidden) el.hidden = true;
        return;
      }
      const st = session.engine.get();
      const sg = st ? st.unitSystem[i] : NO_GROUP;
      const og = st ? st.unitOrganisation[i] : NO_GROUP;
      const system = st && sg !== NO_GROUP ? st.systems[sg].name : 'none';
      const organisation = st && og !== NO_GROUP ? st.organisations[og].name : 'none';
      const says = `${i}\n${system}\n${organisation}`;
      if (says !== said) {
        said = says;
        fill(el,
          h('div', { class: 'tip-name' }, names[i]),
          row('Population', formatCount(population[i])),
          row('System', system),
          row('Organisation', organisation),
        );
        el.dataset.unit = String(i);
        el.setAttribute('aria-label', `${noun.one} ${names[i]}`);
      }
      const p = at ?? map.project(anchors[i]);
      const { clientWidth: w, clientHeight: hgt } = map.getContainer();
      if (el.hidden) el.hidden = false;
      // Beside the point, turned inwards near the right or bottom edge, so it never leaves the map.
      const x = p.x + 14 + el.offsetWidth > w ? p.x - 14 - el.offsetWidth : p.x + 14;
      const y = p.y + 14 + el.offsetHeight > hgt ? p.y - 14 - el.offsetHeight : p.y + 14;
      const transform = `translate(${Math.max(0, x)}px, ${Math.max(0, y)}px)`;
      if (transform !== placed) el.style.transform = placed = transform;
    },
  };
  // From the keyboard: the unit the arrows moved to, while the map has the focus.
  const canvas = map.getCanvas();
  const fromKeyboard = () => {
    const sel = session.selection.get();
    if (document.activeElement === canvas && sel.length) tip.show(sel[sel.length - 1]);
    else if (document.activeElement === canvas) tip.show(null);
  };
  session.selection.subscribe(fromKeyboard);
  canvas.addEventListener('focus', fromKeyboard);
  canvas.addEventListener('blur', () => tip.show(null));
  // An edit may change the unit's system or organisation. Shown again in the next frame, after the map has drawn
  // the edit: placing the tip measures it, which would otherwise force a layout of the page between the state's
  // arrival and the map's frame (and a second one in that frame, once the panels have changed).
  let again = 0;
  session.engine.subscribe(() => {
    if (again || shown === null || el.hidden) return;
    again = requestAnimationFrame(() => {
      again = 0;
      if (shown !== null && !el.hidden) tip.show(shown, lastAt);
    });
  });
  return tip;
}
