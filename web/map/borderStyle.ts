/**
 * Which line each arc of the border mesh draws, by its feature state `b` (State.borders bits, 0..3): exactly one
 * of a white CCG line (b = 0: both sides in one organisation), a dashed organisation border (organisation only)
 * or a solid system border (the system bit, with or without the organisation bit, which it covers). A line not
 * drawn has width 0, which costs no fragments: on a machine without a usable GPU every line fragment costs.
 * Pure data (MapLibre style expressions), so tests can evaluate it with the style spec.
 *
 * The white lines and the system borders, both solid, are one layer (`solidArcLine`): each line layer on the mesh
 * costs every frame the vertices of all its arcs, drawn or not (at LSOA level 97,000 at zoom 12 and 850,000 at
 * England's scale, shaded in software without a GPU). The dashed organisation borders need a layer of their own
 * (`line-dasharray` cannot follow feature state).
 */
import { BORDER_ORGANISATION, BORDER_SYSTEM } from '../../workers/api.ts';

const ARC_BITS = ['coalesce', ['feature-state', 'b'], 0];

export type ArcLine = 'ccg' | 'organisation' | 'system';

const WHEN: Record<ArcLine, unknown[]> = {
  ccg: ['==', ARC_BITS, 0],
  organisation: ['==', ARC_BITS, BORDER_ORGANISATION],
  system: ['==', ['%', ARC_BITS, 2], BORDER_SYSTEM],
};

/** Widths at zoom 5 and 9 (interpolated between), 0 on arcs that are not this kind of border. */
export const ARC_WIDTHS: Record<ArcLine, readonly [number, number]> = {
  ccg: [0.4, 1.2],
  organisation: [0.9, 2],
  system: [1.8, 4],
};

/** The `line-width` expression of one kind of border on the mesh. */
export function arcLineWidth(kind: ArcLine): unknown[] {
  const [w5, w9] = ARC_WIDTHS[kind];
  return ['interpolate', ['linear'], ['zoom'], 5, ['case', WHEN[kind], w5, 0], 9, ['case', WHEN[kind], w9, 0]];
}

/** Colours of the solid lines: white CCG lines (slightly see-through), dark system borders. */
export const ARC_COLOURS = { ccg: 'rgba(255, 255, 255, 0.9)', system: '#1f2937' } as const;

/** `line-width` and `line-color` of the one layer drawing both solid kinds: the system border or the CCG line. */
export function solidArcLine(): { width: unknown[]; colour: unknown[] } {
  const at = (k: 0 | 1) => ['case', WHEN.system, ARC_WIDTHS.system[k], WHEN.ccg, ARC_WIDTHS.ccg[k], 0];
  return {
    width: ['interpolate', ['linear'], ['zoom'], 5, at(0), 9, at(1)],
    colour: ['case', WHEN.system, ARC_COLOURS.system, ARC_COLOURS.ccg],
  };
}
