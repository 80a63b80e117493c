/**
 * The border mesh's three line layers, evaluated with MapLibre's own style-spec evaluator: every arc state draws
 * exactly one line, the one its bits call for, and the widths follow the zoom.
 */
import { describe, expect, it } from 'vitest';
import { createPropertyExpression, latest } from '@maplibre/maplibre-gl-style-spec';
import { ARC_COLOURS, ARC_WIDTHS, arcLineWidth, solidArcLine, type ArcLine } from '../../web/map/borderStyle.ts';
import { BORDER_ORGANISATION, BORDER_SYSTEM } from '../../workers/api.ts';

const KINDS: ArcLine[] = ['ccg', 'organisation', 'system'];
const paintLine = (latest as unknown as { paint_line: Record<string, unknown> }).paint_line;
const spec = paintLine['line-width'];

/** A line paint expression as MapLibre evaluates it, by zoom and the arc's bits. */
function evaluator(expression: unknown[], property: 'line-width' | 'line-color') {
  const parsed = createPropertyExpression(expression, property, paintLine[property] as never);
  if (parsed.result !== 'success') throw new Error(`${property}: ${parsed.value.map((e) => e.message).join('; ')}`);
  const ex = parsed.value;
  return (zoom: number, b: number | undefined) =>
    ex.evaluate({ zoom } as never, { type: 'LineString', properties: {}, geometry: [] } as never, b === undefined ? {} : { b });
}

function widthOf(kind: ArcLine) {
  const parsed = createPropertyExpression(arcLineWidth(kind), 'line-width', spec as never);
  if (parsed.result !== 'success') throw new Error(`${kind}: ${parsed.value.map((e) => e.message).join('; ')}`);
  const ex = parsed.value;
  return (zoom: number, b: number | undefined) =>
    ex.evaluate({ zoom } as never, { type: 'LineString', properties: {}, geometry: [] } as never, b === undefined ? {} : { b });
}

describe('border mesh line widths', () => {
  const width = Object.fromEntries(KINDS.map((k) => [k, widthOf(k)])) as Record<ArcLine, ReturnType<typeof widthOf>>;
  const expected = (b: number): ArcLine =>
    b & BORDER_SYSTEM ? 'system' : b & BORDER_ORGANISATION ? 'organisation' : 'ccg';

  it('draws exactly the one line each arc state calls for, at every zoom', () => {
    for (const b of [0, BORDER_SYSTEM, BORDER_ORGANISATION, BORDER_SYSTEM | BORDER_ORGANISATION]) {
      for (const zoom of [4, 5, 6.5, 9, 12]) {
        const drawn = KINDS.filter((k) => width[k](zoom, b) > 0);
        expect(drawn, `b=${b} zoom ${zoom}`).toEqual([expected(b)]);
      }
    }
  });

  it('an arc with no state yet is a CCG border', () => {
    expect(width.ccg(7, undefined)).toBeGreaterThan(0);
    expect(width.organisation(7, undefined)).toBe(0);
    expect(width.system(7, undefined)).toBe(0);
  });

  it('widths grow with the zoom: the zoom-5 width up to zoom 5, the zoom-9 width from zoom 9, linear between', () => {
    for (const k of KINDS) {
      const b = k === 'system' ? BORDER_SYSTEM : k === 'organisation' ? BORDER_ORGANISATION : 0;
      const [w5, w9] = ARC_WIDTHS[k];
      expect(width[k](4, b)).toBeCloseTo(w5);
      expect(width[k](7, b)).toBeCloseTo((w5 + w9) / 2);
      expect(width[k](11, b)).toBeCloseTo(w9);
    }
  });
});

describe('the one layer of solid lines (white unit lines and system borders)', () => {
  const width = evaluator(solidArcLine().width, 'line-width');
  const colour = evaluator(solidArcLine().colour, 'line-color');
  const single = Object.fromEntries(KINDS.map((k) => [k, widthOf(k)])) as Record<ArcLine, ReturnType<typeof widthOf>>;

  it('draws the system border or the unit line exactly as their own expressions do, and nothing on an organisation border', () => {
    for (const b of [undefined, 0, BORDER_SYSTEM, BORDER_ORGANISATION, BORDER_SYSTEM | BORDER_ORGANISATION]) {
      for (const zoom of [4, 5, 6.5, 9, 12]) {
        expect(width(zoom, b), `b=${b} zoom ${zoom}`).toBeCloseTo(single.system(zoom, b) + single.ccg(zoom, b));
      }
    }
    expect(width(7, BORDER_ORGANISATION)).toBe(0);
  });

  it('is dark on system borders and white elsewhere', () => {
    const css = (c: { r: number; g: number; b: number; a: number }) => [c.r, c.g, c.b, c.a].map((x) => Math.round(x * 255));
    const dark = css(colour(7, BORDER_SYSTEM) as never);
    expect(css(colour(7, BORDER_SYSTEM | BORDER_ORGANISATION) as never)).toEqual(dark);
    expect(dark).toEqual([0x1f, 0x29, 0x37, 255]);
    expect(css(colour(7, 0) as never)[0]).toBe(Math.round(0.9 * 255)); // white at 0.9, premultiplied
    expect(ARC_COLOURS.ccg).toMatch(/255, 255, 255/);
  });
});
