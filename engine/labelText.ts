/**
 * What a system's label says and how large: the forms its text may take (best first), the type size for a view,
 * and each form's box. The map measures the text (`em`: a string's advance in ems, as its renderer lays it out)
 * and draws the form the placement (engine/labelPlacement.ts) chooses.
 *
 * Forms, best first: the short name (engine/shortName.ts) with its population line (and the counts line once
 * zoomed in), the same with county names abbreviated, then the name alone, abbreviated, and on wider lines. On a
 * small map (below the population line's zoom) names are always abbreviated.
 * The population is dropped only where there is no room for it: the hover tip and the systems table give it too.
 */
export interface LabelLine {
  text: string;
  /** Font scale against the label's type size. */
  scale: number;
}

export interface LabelTexts {
  short: string;
  abbreviated: string;
  population: string;
  counts: string;
}

/** Zooms from which the population line, then the counts line, are part of the label. */
export const POPULATION_ZOOM = 5.6;
export const COUNTS_ZOOM = 6.5;
export const LINE_HEIGHT = 1.1;
export const DETAIL_SCALE = 0.9;
/** Name wraps, in ems: narrow (in place) and wide (one line where it fits, for a label beside its footprint). */
const NARROW_EM = 7;
const MEDIUM_EM = 10;
const WIDE_EM = 16;
/** Room kept round the measured text on each side: MapLibre's box rounds glyph advances per glyph. */
export const LABEL_MARGIN = 2;

/**
 * Type size in px: 10 on a map at least 700 px on its shorter side (a laptop or larger window), 9 on a smaller one,
 * growing from zoom 6.5 to 13 px at zoom 8. Constant while a placement stands, so what MapLibre hit-tests (its box
 * at the size of the next whole zoom when the size is zoom-interpolated) is exactly what is drawn.
 */
export function labelTextSize(view: { width: number; height: number }, zoom: number): number {
  const base = Math.min(view.width, view.height) >= 700 ? 10 : 9;
  return Math.max(base, Math.min(13, 10 + (zoom - 6.5) * 2));
}

/** Greedy word wrap at `max` ems (a single long word keeps its own line). */
export function wrapWords(text: string, max: number, em: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && em(next) > max) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** The forms a label may take at `zoom`, best first, without repeats. */
export function labelForms(t: LabelTexts, zoom: number, em: (s: string) => number): LabelLine[][] {
  const detail: LabelLine[] = [
    ...(zoom >= POPULATION_ZOOM ? [{ text: t.population, scale: DETAIL_SCALE }] : []),
    ...(zoom >= COUNTS_ZOOM ? [{ text: t.counts, scale: DETAIL_SCALE }] : []),
  ];
  const name = (s: string, max: number): LabelLine[] => wrapWords(s, max, em).map((text) => ({ text, scale: 1 }));
  // Below the population line's zoom the map is small and crowded: county names abbreviated throughout.
  const small = zoom < POPULATION_ZOOM;
  const forms = [
    ...(detail.length ? [[...name(t.short, NARROW_EM), ...detail], [...name(t.abbreviated, NARROW_EM), ...detail]] : []),
    ...(small ? [] : [name(t.short, NARROW_EM)]),
    name(t.abbreviated, NARROW_EM),
    name(t.abbreviated, MEDIUM_EM),
    name(t.abbreviated, WIDE_EM),
  ];
  const seen = new Set<string>();
  return forms.filter((f) => {
    const key = f.map((l) => l.text).join('\n');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A form's box at type size `size`, margins included. */
export function formBox(lines: readonly LabelLine[], size: number, em: (s: string) => number): { w: number; h: number } {
  let w = 0, h = 0;
  for (const l of lines) {
    w = Math.max(w, em(l.text) * l.scale * size);
    h += LINE_HEIGHT * l.scale * size;
  }
  return { w: w + 2 * LABEL_MARGIN, h: h + 2 * LABEL_MARGIN };
}
