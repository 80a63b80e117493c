/**
 * Fill colours for systems: Paul Tol's "light" scheme, made for areas carrying labels and distinguishable with
 * the common colour-vision deficiencies. The worker picks indices so neighbours differ; names and borders carry
 * the information too (never colour alone).
 */
import { PALETTE_SIZE } from '../../workers/api.ts';

export const PALETTE: readonly string[] = ['#77AADD', '#EE8866', '#EEDD88', '#FFAABB', '#99DDFF', '#44BB99', '#BBCC33', '#AAAA00'];
export const UNASSIGNED_FILL = '#f2f2f2';

if (PALETTE.length < PALETTE_SIZE) throw new Error('palette shorter than PALETTE_SIZE');

/** A `fill-color` expression reading the palette index from feature state `c`. */
export function fillByColourIndex(): unknown[] {
  const stops: (number | string)[] = [];
  PALETTE.slice(0, PALETTE_SIZE).forEach((c, k) => stops.push(k, c));
  return ['match', ['coalesce', ['feature-state', 'c'], 255], ...stops, UNASSIGNED_FILL];
}
