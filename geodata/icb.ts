/**
 * ICB July 2022 membership. There is no official LSOA → ICB 2022 lookup, so each LSOA 2011 (BGC boundaries,
 * WGS84 TopoJSON per 2011 district) is placed by an interior point in the ICB 2022 BUC polygons (BNG →
 * WGS84). BUC generalisation (500 m) puts some border LSOAs in the wrong ICB, so LSOAs are not used one by one:
 * a CCG 2021 with ≥ 99% of its people (LSOA populations) in one ICB goes wholly to that ICB; otherwise each of its
 * pieces by LAD 2019 with ≥ 97% in one ICB goes wholly to that ICB (ICBs were drawn from whole council areas);
 * only what is left keeps the LSOA-level placement.
 */
import { join } from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { readShapefile } from './read.ts';
import { S, LSOA_TOPO_DIR } from './sources.ts';
import { forEachLsoa } from './lsoaFiles.ts';
import { mapGeometry, bngToWgs84 } from './project.ts';
import { fail, requireCount, requireSameCodes } from './checks.ts';
import type { Lookups } from './lookups.ts';

/** A CCG 2021 × LAD 2019 piece with at least this share of its people in one ICB goes wholly to it. */
export const ICB_WHOLE_SHARE = 0.97;
/**
 * A CCG 2021 with at least this share in one ICB goes wholly to it before pieces are looked at. It is stricter
 * than the piece rule because a 97% rule at CCG level would swallow real moves of a small part (East
 * Northamptonshire's 1.9% of NHS Cambridgeshire and Peterborough CCG went to Northamptonshire ICB), while pieces
 * of large CCGs can fall just below 97% through BUC artefacts alone (Hammersmith and Fulham in North West London).
 */
export const ICB_WHOLE_CCG21_SHARE = 0.99;

type Poly = Feature<Polygon | MultiPolygon>;

export interface IcbPlacement {
  icb: { code: string[]; name: string[] };
  /** ICB index of each LSOA (in `Lookups.lsoa` order), after the CCG21 rule. */
  lsoaIcb: number[];
  /** CCG21s kept split at LSOA level, with their population by ICB. */
  splitCcg21: { code: string; name: string; shares: { icb: string; pop: number }[] }[];
  /** LSOAs whose interior point fell outside every ICB polygon (coast) and went to the nearest one. */
  nearestFallback: string[];
  /** Number of LSOAs moved by the CCG21 / piece rules (border LSOAs misplaced by the BUC generalisation). */
  movedByRule: number;
  /** CCG21 × LAD19 pieces (`CCG21 LAD19`) left split at LSOA level (none expected). */
  lsoaLevel: string[];
}

/** Population by ICB of each group of LSOAs. */
function sharesBy(lk: Lookups, icbOf: number[], pop: Map<string, number>, key: (r: Lookups['lsoa'][number]) => string): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  lk.lsoa.forEach((r, i) => {
    const k = key(r);
    const m = out.get(k) ?? new Map<number, number>();
    m.set(icbOf[i], (m.get(icbOf[i]) ?? 0) + pop.get(r.code)!);
    out.set(k, m);
  });
  return out;
}

/** Groups with at least `share` of their people in one ICB, mapped to that ICB. */
function majority(shares: Map<string, Map<number, number>>, share: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, m] of shares) {
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    const [top, pop] = [...m.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
    if (pop / total >= share) out.set(k, top);
  }
  return out;
}

/** A point strictly inside the feature: the centroid if inside, else the middle of the widest scanline interval. */
export function interiorPoint(f: Poly): Position {
  const c = turf.centroid(f).geometry.coordinates;
  if (turf.booleanPointInPolygon(c, f, { ignoreBoundary: true })) return c;
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  const largest = polys.map((p) => ({ p, a: turf.area(turf.polygon(p)) })).sort((x, y) => y.a - x.a)[0].p;
  const ys = largest[0].map((q) => q[1]);
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  for (const t of [0.5, 0.37, 0.63, 0.25, 0.75, 0.1, 0.9]) {
    const y = y0 + t * (y1 - y0);
    const xs: number[] = [];
    for (const ring of largest) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [a, b] = [ring[i], ring[i + 1]];
        if (a[1] <= y !== b[1] <= y) xs.push(a[0] + ((y - a[1]) / (b[1] - a[1])) * (b[0] - a[0]));
      }
    }
    xs.sort((p, q) => p - q);
    let best: Position | null = null;
    let width = 0;
    for (let i = 0; i + 1 < xs.length; i += 2) {
      if (xs[i + 1] - xs[i] > width) {
        width = xs[i + 1] - xs[i];
        best = [(xs[i] + xs[i + 1]) / 2, y];
      }
    }
    if (best && turf.booleanPointInPolygon(best, f, { ignoreBoundary: true })) return best;
  }
  return turf.pointOnFeature(f).geometry.coordinates;
}

export async function readIcb2022(rawDir: string): Promise<{ code: string[]; name: string[]; polys: Poly[] }> {
  const fc = await readShapefile(join(rawDir, S.icb22Shp.file));
  requireCount('ICB 2022', fc.features.length, 42, `features in ${S.icb22Shp.file}`);
  const sorted = [...fc.features].sort((a, b) => (a.properties!.ICB22CD < b.properties!.ICB22CD ? -1 : 1));
  return {
    code: sorted.map((f) => f.properties!.ICB22CD as string),
    name: sorted.map((f) => f.properties!.ICB22NM as string),
    polys: sorted.map((f) => ({ type: 'Feature', properties: {}, geometry: mapGeometry(f.geometry as Polygon | MultiPolygon, bngToWgs84) })),
  };
}

/** Interior points of every LSOA of the per-district TopoJSON files, by LSOA code. */
export function lsoaInteriorPoints(rawDir: string): Map<string, Position> {
  const points = new Map<string, Position>();
  forEachLsoa(rawDir, (code, f) => points.set(code, interiorPoint(f as Poly)));
  return points;
}

export async function placeIcb2022(rawDir: string, lk: Lookups, lsoaPop: Map<string, number>): Promise<IcbPlacement> {
  const icb = await readIcb2022(rawDir);
  const boxes = icb.polys.map((p) => turf.bbox(p));
  const points = lsoaInteriorPoints(rawDir);
  requireSameCodes(`LSOA codes of ${LSOA_TOPO_DIR} vs the LSOA lookup`, lk.lsoa.map((r) => r.code), points.keys());

  const nearestFallback: string[] = [];
  const pointIcb = lk.lsoa.map((r) => {
    const p = points.get(r.code)!;
    for (let k = 0; k < icb.polys.length; k++) {
      const b = boxes[k];
      if (p[0] < b[0] || p[0] > b[2] || p[1] < b[1] || p[1] > b[3]) continue;
      if (turf.booleanPointInPolygon(p, icb.polys[k])) return k;
    }
    // Coastal LSOAs: the BGC coastline reaches further out than the ultra-generalised ICB coastline.
    nearestFallback.push(r.code);
    let best = -1;
    let bestD = Infinity;
    icb.polys.forEach((poly, k) => {
      const d = Math.abs(turf.pointToPolygonDistance(p, poly as Feature<Polygon | MultiPolygon>, { units: 'meters' }));
      if (d < bestD) [best, bestD] = [k, d];
    });
    return best;
  });

  // Decide per CCG 2021, then per CCG 2021 × LAD 2019 piece (the 2022 boundary changes moved whole council
  // areas: Glossop = High Peak, West Birmingham = Birmingham, East Northamptonshire …), then per LSOA.
  const pieceOf = (r: Lookups['lsoa'][number]) => `${r.ccg21} ${r.lad19}`;
  const ccgShares = sharesBy(lk, pointIcb, lsoaPop, (r) => r.ccg21);
  const pieceShares = sharesBy(lk, pointIcb, lsoaPop, pieceOf);
  const wholeCcg = majority(ccgShares, ICB_WHOLE_CCG21_SHARE);
  const wholePiece = majority(pieceShares, ICB_WHOLE_SHARE);
  const lsoaIcb = lk.lsoa.map((r, i) => wholeCcg.get(r.ccg21) ?? wholePiece.get(pieceOf(r)) ?? pointIcb[i]);
  const movedByRule = lsoaIcb.filter((k, i) => k !== pointIcb[i]).length;

  const finalShares = sharesBy(lk, lsoaIcb, lsoaPop, (r) => r.ccg21);
  const splitCcg21: IcbPlacement['splitCcg21'] = [...finalShares.keys()]
    .sort()
    .filter((code) => finalShares.get(code)!.size > 1)
    .map((code) => ({
      code,
      name: lk.ccg21.get(code)!.name,
      shares: [...finalShares.get(code)!.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([k, pop]) => ({ icb: icb.code[k], pop })),
    }));
  const lsoaLevel = [...pieceShares.keys()].filter((p) => !wholeCcg.has(p.split(' ')[0]) && !wholePiece.has(p)).sort();
  const unused = icb.code.filter((_, k) => !lsoaIcb.includes(k));
  if (unused.length) fail('every ICB 2022 receives LSOAs', `no LSOA in ${unused.join(', ')}`);
  return { icb: { code: icb.code, name: icb.name }, lsoaIcb, splitCcg21, nearestFallback, movedByRule, lsoaLevel };
}
