/**
 * The border mesh's three line layers, evaluated with MapLibre's own style-spec evaluator: every arc state draws
 * exactly one line, the one its bits call for, and the widths follow the zoom.
 */
import { describe, expect, it } from 'vitest';
import { createPropertyExpression, latest } from '@maplibre/maplibre-gl-style-spec';
import { ARC_WIDTHS, arcLineWidth, type ArcLine } from '../../web/map/borderStyle.ts';
import { BORDER_ORGANISATION, BORDER_SYSTEM } from '../../workers/api.ts';

const KINDS: ArcLine[] = ['ccg', 'organisation', 'system'];
const spec = (latest as unknown as { paint_line: Record<string, unknown> }).paint_line['line-width'];

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
