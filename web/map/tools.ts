/**
 * Pointer tools on the map. Each turns gestures into selections or commands; none reads the scenario from the
 * map (STYLE.md 7): unit → system comes from the last engine state.
 * - select: click selects a CCG, shift-click adds or removes; shift-drag selects a box;
 * - box: drag selects a box (shift adds);
 * - paint: click or drag across CCGs assigns them to the active system (one command, one undo step per stroke);
 * - council: click an upper-tier council to assign the CCGs mostly inside it to the active system.
 */
import type { UnitNoun } from '../../engine/bundle.ts';
import type { Map as MlMap, MapMouseEvent, PointLike } from 'maplibre-gl';
import { selectFromAnswer, type Session } from '../state/session.ts';
import type { Actions, Notify } from '../state/actions.ts';
import type { Engine } from '../../workers/client.ts';
import { NO_GROUP } from '../../workers/api.ts';
import { LAYERS } from './mapView.ts';
import type { Painter } from './paintState.ts';
import type { OverlayControl } from './overlays.ts';
import { plural } from '../panels/format.ts';
import { unitIndexOf } from '../units.ts';
import type { UnitTip } from './unitTip.ts';
import { outlines } from './outlines.ts';

export interface ToolDeps {
  map: MlMap;
  session: Session;
  actions: Actions;
  engine: Engine;
  painter: Painter;
  overlays: OverlayControl;
  notify: Notify;
  /** Unit names, for messages. */
  names: readonly string[];
  codes: readonly string[];
  /** What the units are called ("CCG", "LSOA"), for the notices. */
  noun: UnitNoun;
  /** Says what the unit under the pointer is. */
  tip?: UnitTip;
}

const unitAt = (map: MlMap, point: PointLike): number | null => {
  const f = map.queryRenderedFeatures(point, { layers: [LAYERS.unitsFill] })[0];
  return f && typeof f.id === 'number' ? f.id : null;
};

export function attachTools(d: ToolDeps): void {
  const { map, session } = d;
  const indexOfCode = unitIndexOf(d.codes);
  const canvas = map.getCanvasContainer();
  let hovered: number | null = null;
  let hoveredCouncil: number | null = null;

  const setHover = (i: number | null) => {
    if (i === hovered) return;
    hovered = i;
    outlines(map).set('hover', i === null ? [] : [i]);
  };

  const activeTarget = (): { id: string; index: number; colour: number } | null => {
    const st = session.engine.get();
    const id = session.activeSystem.get();
    if (!st || !id) return null;
    const index = st.systems.findIndex((s) => s.id === id);
    return index < 0 ? null : { id, index, colour: st.systemColour[index] };
  };

  const needTarget = () => {
    const t = activeTarget();
    if (!t) d.notify.error('Choose a system to assign to first (the "Assign to" list, or press A).');
    return t;
  };

  // --- box selection -------------------------------------------------------------------------------------------
  let box: { start: { x: number; y: number }; el: HTMLDivElement; additive: boolean } | null = null;
  const pos = (e: MouseEvent) => {
    const r = canvas.getBoundingClientRect();
    return { x: e.clientX - r.left - canvas.clientLeft, y: e.clientY - r.top - canvas.clientTop };
  };
  const onBoxMove = (e: MouseEvent) => {
    if (!box) return;
    const p = pos(e);
    const { start, el } = box;
    Object.assign(el.style, {
      left: `${Math.min(start.x, p.x)}px`, top: `${Math.min(start.y, p.y)}px`,
      width: `${Math.abs(p.x - start.x)}px`, height: `${Math.abs(p.y - start.y)}px`,
    });
  };
  const onBoxUp = async (e: MouseEvent) => {
    document.removeEventListener('mousemove', onBoxMove);
    document.removeEventListener('mouseup', onBoxUp);
    if (!box) return;
    const p = pos(e);
    const { start, el, additive } = box;
    el.remove();
    box = null;
    map.dragPan.enable();
    if (Math.abs(p.x - start.x) < 3 && Math.abs(p.y - start.y) < 3) return;
    // The engine decides what lies mostly inside; the map only turns the box's corners into lon/lat.
    const a = map.unproject([start.x, start.y]);
    const b = map.unproject([p.x, p.y]);
    // A selection made while the engine answers (Escape, a click) wins: the box is then dropped, not applied late.
    const ids = await selectFromAnswer(session.selection, d.engine.unitsInBox([Math.min(a.lng, b.lng), Math.min(a.lat, b.lat), Math.max(a.lng, b.lng), Math.max(a.lat, b.lat)]),
      (found, before) => (additive ? [...before, ...found.filter((i) => !before.includes(i))] : found));
    if (!ids) return;
    d.notify.info(`${plural(ids.length, d.noun.one, d.noun.many)} in the box selected.`);
  };

  // --- paint strokes -------------------------------------------------------------------------------------------
  // The first CCG of a stroke is previewed only if the stroke lasts (a drag, or a held button): a plain click
  // is answered by the worker within a frame or two, and an extra preview frame would only delay that answer
  // where frames are slow (software GL). Later CCGs of a drag are previewed at once.
  let stroke: { target: { id: string; index: number; colour: number }; units: Set<number>; pending: number | null; timer: ReturnType<typeof setTimeout> | undefined } | null = null;
  const FIRST_PREVIEW_DELAY_MS = 50;
  const flushPending = () => {
    if (!stroke || stroke.pending === null) return;
    clearTimeout(stroke.timer);
    d.painter.preview(stroke.pending, stroke.target.colour);
    stroke.pending = null;
  };
  const addToStroke = (i: number | null) => {
    if (!stroke || i === null || stroke.units.has(i)) return;
    const st = session.engine.get();
    const sys = st && st.unitSystem[i] !== NO_GROUP ? st.systems[st.unitSystem[i]] : undefined;
    if (sys?.locked && sys.id !== stroke.target.id) return; // a locked system keeps its CCGs
    const first = stroke.units.size === 0;
    stroke.units.add(i);
    if (first) {
      stroke.pending = i;
      stroke.timer = setTimeout(flushPending, FIRST_PREVIEW_DELAY_MS);
      return;
    }
    flushPending();
    d.painter.preview(i, stroke.target.colour);
  };
  const endStroke = () => {
    if (!stroke) return;
    clearTimeout(stroke.timer);
    const { target, units } = stroke;
    stroke = null;
    const st = session.engine.get();
    const moving = [...units].filter((i) => !st || st.unitSystem[i] === NO_GROUP || st.systems[st.unitSystem[i]].id !== target.id);
    if (moving.length === 0) {
      if (st) d.painter.apply(st);
      return;
    }
    void d.actions.run({ op: 'assignUnits', units: moving.map((i) => d.codes[i]), system: target.id }).then((ok) => {
      if (!ok && session.engine.get()) d.painter.apply(session.engine.get()!);
    });
  };

  map.on('mousedown', (e: MapMouseEvent) => {
    const tool = session.tool.get();
    const oe = e.originalEvent;
    if (oe.button !== 0) return;
    if (tool === 'box' || (tool === 'select' && oe.shiftKey)) {
      e.preventDefault();
      map.dragPan.disable();
      const el = document.createElement('div');
      el.className = 'box-select';
      canvas.append(el);
      box = { start: pos(oe), el, additive: oe.shiftKey || tool === 'select' };
      document.addEventListener('mousemove', onBoxMove);
      document.addEventListener('mouseup', onBoxUp);
    } else if (tool === 'paint') {
      const target = needTarget();
      if (!target) return;
      // preventDefault keeps the map from panning with this drag; switching drag-pan off instead would change the
      // canvas container's class, and so ask for a page frame, at every click.
      e.preventDefault();
      d.painter.hold(); // no map frame for the click itself (MapLibre asks for one on mouseup): the state's comes
      stroke = { target, units: new Set(), pending: null, timer: undefined };
      addToStroke(unitAt(map, e.point));
      document.addEventListener('mouseup', endStroke, { once: true });
    }
  });

  map.on('mousemove', (e: MapMouseEvent) => {
    const i = unitAt(map, e.point);
    setHover(i);
    d.tip?.show(i, e.point);
    if (stroke) addToStroke(i);
    const tool = session.tool.get();
    if (tool === 'council' && map.getLayer('utla-fill')) {
      const f = map.queryRenderedFeatures(e.point, { layers: ['utla-fill'] })[0];
      const k = f && typeof f.id === 'number' ? f.id : null;
      if (k !== hoveredCouncil) {
        if (hoveredCouncil !== null) map.setFeatureState({ source: 'utla', id: hoveredCouncil }, { hover: false });
        hoveredCouncil = k;
        if (k !== null) map.setFeatureState({ source: 'utla', id: k }, { hover: true });
      }
    }
    canvas.style.cursor = tool === 'paint' ? 'crosshair' : tool === 'box' ? 'crosshair' : i !== null ? 'pointer' : '';
  });
  map.on('mouseout', () => {
    setHover(null);
    d.tip?.show(null);
  });

  map.on('click', async (e: MapMouseEvent) => {
    const tool = session.tool.get();
    const oe = e.originalEvent;
    if (tool === 'select' && !oe.shiftKey) {
      const i = unitAt(map, e.point);
      session.selection.set(i === null ? [] : [i]);
    } else if (tool === 'select' && oe.shiftKey) {
      const i = unitAt(map, e.point);
      if (i === null) return;
      const sel = session.selection.get();
      session.selection.set(sel.includes(i) ? sel.filter((x) => x !== i) : [...sel, i]);
    } else if (tool === 'council') {
      const target = needTarget();
      if (!target) return;
      await d.overlays.ensureCouncils();
      const f = map.queryRenderedFeatures(e.point, { layers: ['utla-fill'] })[0];
      if (!f) return;
      const { code, name } = f.properties as { code: string; name: string };
      const units = await d.engine.unitsInCouncil('utla', code);
      if (units.length === 0) {
        d.notify.info(`No ${d.noun.one} has most of its people in ${name}.`);
        return;
      }
      // Say what moved, not what was asked: the CCGs already in the target stay where they are.
      const before = session.engine.get();
      const systemName = before?.systems.find((m) => m.id === target.id)?.name ?? target.id;
      const already = before ? units.filter((u) => before.systems[before.unitSystem[indexOfCode(u)]]?.id === target.id).length : 0;
      if (already === units.length) {
        d.notify.info(`Nothing moved: the ${plural(units.length, d.noun.one, d.noun.many)} mostly in ${name} ${units.length === 1 ? 'is' : 'are'} already in ${systemName}.`);
        session.selection.set(units.map(indexOfCode));
        return;
      }
      const ok = await d.actions.run({ op: 'assignUnits', units, system: target.id });
      if (ok) {
        const moved = units.length - already;
        const rest = already ? `; ${already} ${already === 1 ? 'was' : 'were'} already in it` : '';
        d.notify.info(`Moved ${plural(moved, d.noun.one, d.noun.many)} mostly in ${name} to ${systemName}${rest}.`);
        session.selection.set(units.map(indexOfCode));
      }
    }
  });
}
