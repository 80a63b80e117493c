/**
 * Keyboard shortcuts. Undo/redo work everywhere except inside text fields (which keep their own undo).
 *
 * On the map (focus it with M, or Tab to it): the arrow keys move the selection to the neighbouring CCG in that
 * direction (Shift+arrow adds it to the selection), Enter or Space selects the CCG at the centre when nothing is
 * selected; with nothing selected the arrows pan as usual. So a planner can pick CCGs, then press A to assign
 * them, without a mouse. The neighbours come from the bundle's adjacency (Init.neighbours).
 */
import type { Map as MlMap } from 'maplibre-gl';
import type { Session } from './state/session.ts';
import type { Actions } from './state/actions.ts';
import type { SelectionBar } from './panels/selectionBar.ts';
import { TOOL_KEYS } from './panels/mapToolbar.ts';
/** Input types that take typed text (a radio, checkbox or button does not: shortcuts work there). */
const TEXT_INPUTS = new Set(['text', 'search', 'number', 'email', 'url', 'tel', 'password', 'date', 'time', '']);

/**
 * True when the key goes into a text field, which keeps its letters. A select counts too: typing a name there
 * picks an option (type-ahead), so its letters must not become shortcuts.
 */
export function inTextField(target: EventTarget | null): boolean {
  const t = target as HTMLElement | null;
  if (!t || !t.tagName) return false;
  if (t.isContentEditable || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT') return true;
  return t.tagName === 'INPUT' && TEXT_INPUTS.has(((t as HTMLInputElement).getAttribute('type') ?? '').toLowerCase());
}
import { NO_GROUP } from '../workers/api.ts';
import type { UnitNoun } from '../engine/bundle.ts';

export interface MapKeys {
  map: MlMap;
  /** `[lon, lat]` label anchor of each unit. */
  anchors: readonly [number, number][];
  neighbours: readonly (readonly number[])[];
  /** What the units are called (the unit set's descriptor). */
  noun: UnitNoun;
}

const DIRECTIONS: Record<string, [number, number]> = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };

/**
 * The unit to move to from `from` in direction `dir` (east/north unit vector): the neighbour whose anchor lies
 * most nearly that way, else the nearest unit within 60° of it. -1 when there is none.
 */
export function stepTo(from: number, dir: [number, number], anchors: readonly [number, number][], neighbours: readonly (readonly number[])[]): number {
  const [x0, y0] = anchors[from];
  const k = Math.cos((y0 * Math.PI) / 180);
  const score = (j: number) => {
    const dx = (anchors[j][0] - x0) * k, dy = anchors[j][1] - y0;
    const len = Math.hypot(dx, dy) || 1;
    return { cos: (dx * dir[0] + dy * dir[1]) / len, len };
  };
  let best = -1, bestCos = 0.35;
  for (const j of neighbours[from] ?? []) {
    const s = score(j);
    if (s.cos > bestCos) [best, bestCos] = [j, s.cos];
  }
  if (best >= 0) return best;
  let bestLen = Infinity;
  for (let j = 0; j < anchors.length; j++) {
    if (j === from) continue;
    const s = score(j);
    if (s.cos > 0.5 && s.len < bestLen) [best, bestLen] = [j, s.len];
  }
  return best;
}

/** Moves the focus out of a field: to the map when there is one. */
function leaveField(el: HTMLElement, mapKeys?: MapKeys): void {
  if (mapKeys) mapKeys.map.getCanvas().focus();
  else el.blur();
}

export function bindKeyboard(session: Session, actions: Actions, bar: SelectionBar, mapKeys?: MapKeys): void {
  window.addEventListener('keydown', (e) => {
    const mod = e.ctrlKey || e.metaKey;
    const field = inTextField(e.target);
    const typing = field && (e.target as HTMLElement).tagName !== 'SELECT';
    if (mod && !typing && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      void (e.shiftKey ? actions.redo() : actions.undo());
      return;
    }
    if (mod && !typing && e.key.toLowerCase() === 'y') {
      e.preventDefault();
      void actions.redo();
      return;
    }
    if (e.key === 'Escape' && field && !mod) {
      // Esc leaves a text field (its own handler may first clear it) and never clears the selection.
      if (!e.defaultPrevented) leaveField(e.target as HTMLElement, mapKeys);
      return;
    }
    if (mod || e.altKey || field) return;
    const k = e.key.toLowerCase();
    if (e.key === '?') {
      // The list of shortcuts, in the map's key.
      const help = document.querySelector<HTMLDetailsElement>('details.keys-help');
      if (help) {
        e.preventDefault();
        help.open = !help.open;
        help.querySelector('summary')?.focus();
      }
    } else if (e.key === '/') {
      e.preventDefault();
      document.getElementById('ccg-search')?.focus();
    } else if (e.key === 'Escape') {
      session.selection.set([]);
    } else if (k === 'a') {
      e.preventDefault();
      bar.focusAssign();
    } else if (k === 'n') {
      e.preventDefault();
      bar.newSystem();
    } else if (k === 'o') {
      // Open the organisation of the CCG selected last (the organisations panel shows its CCGs, split, merge).
      const st = session.engine.get();
      const sel = session.selection.get();
      const g = st && sel.length ? st.unitOrganisation[sel[sel.length - 1]] : NO_GROUP;
      if (st && g !== NO_GROUP) {
        e.preventDefault();
        session.activeOrganisation.set(st.organisations[g].id);
      }
    } else if (k === 'm' && mapKeys) {
      e.preventDefault();
      mapKeys.map.getCanvas().focus();
    } else if (k in TOOL_KEYS) {
      session.tool.set(TOOL_KEYS[k]);
    }
  });
  if (mapKeys) bindMapKeys(session, mapKeys);
}

function bindMapKeys(session: Session, { map, anchors, neighbours, noun }: MapKeys): void {
  const canvas = map.getCanvas();
  canvas.setAttribute('aria-label', `Map of England's ${noun.many}. Arrow keys move between neighbouring ${noun.many} once one is selected; Shift+arrow adds; Enter selects the ${noun.one} at the centre.`);
  const nearestToCentre = () => {
    const c = map.getCenter();
    const k = Math.cos((c.lat * Math.PI) / 180);
    let best = -1, d = Infinity;
    anchors.forEach(([x, y], j) => {
      const dd = ((x - c.lng) * k) ** 2 + (y - c.lat) ** 2;
      if (dd < d) [best, d] = [j, dd];
    });
    return best;
  };
  const reveal = (i: number) => {
    const p = map.project(anchors[i]);
    const { clientWidth: w, clientHeight: h } = canvas;
    const margin = 80;
    if (p.x < margin || p.y < margin || p.x > w - margin || p.y > h - margin) map.easeTo({ center: anchors[i], duration: 250 });
  };
  // Capture on the container, before MapLibre's own keyboard handler (which pans with the arrows).
  map.getContainer().addEventListener('keydown', (e) => {
    if (e.target !== canvas || e.ctrlKey || e.metaKey || e.altKey) return;
    const sel = session.selection.get();
    if ((e.key === 'Enter' || e.key === ' ') && sel.length === 0) {
      e.preventDefault();
      e.stopPropagation();
      const i = nearestToCentre();
      if (i >= 0) session.selection.set([i]);
      return;
    }
    const dir = DIRECTIONS[e.key];
    if (!dir || sel.length === 0) return;
    e.preventDefault();
    e.stopPropagation();
    const from = sel[sel.length - 1];
    const to = stepTo(from, dir, anchors, neighbours);
    if (to < 0) return;
    session.selection.set(e.shiftKey ? [...sel.filter((x) => x !== to), to] : [to]);
    reveal(to);
  }, true);
}
