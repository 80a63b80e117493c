/**
 * Borders between groups, like topojson-client's `mesh` with the filter "the two sides differ": the arcs whose
 * left and right units belong to different groups, for drawing thick system borders over thin unit borders.
 */
import type { MultiLineString, Position } from 'geojson';
import { topologyIndex, type TopologyIndex } from './topologyIndex.ts';
import { UNASSIGNED } from './partition.ts';
import type { Geography } from './geography.ts';

export interface BorderOptions {
  /** Also include arcs with a unit on one side only (coast, England's edge). Default false. */
  exterior?: boolean;
}

/** Indices of the arcs separating different groups (an unassigned unit counts as a group of its own). */
export function borderArcs(ix: TopologyIndex, unitToGroup: ArrayLike<number>, opts: BorderOptions = {}): Int32Array {
  const out = new Int32Array(ix.nArcs);
  let m = 0;
  for (let a = 0; a < ix.nArcs; a++) {
    const l = ix.arcLeft[a];
    const r = ix.arcRight[a];
    if (l < 0 || r < 0) {
      if (opts.exterior && (l >= 0 || r >= 0)) out[m++] = a;
      continue;
    }
    const gl = unitToGroup[l];
    const gr = unitToGroup[r];
    if (gl !== gr || (gl === UNASSIGNED && l !== r)) out[m++] = a;
  }
  return out.slice(0, m);
}

/** The borders as a GeoJSON MultiLineString, one line per arc (≤ 6 decimals). */
export function borderMesh(geo: Geography, unitToGroup: ArrayLike<number>, opts: BorderOptions = {}): MultiLineString {
  const ix = topologyIndex(geo);
  const arcs = borderArcs(ix, unitToGroup, opts);
  const coordinates: Position[][] = [];
  for (const a of arcs) {
    const line: Position[] = [];
    for (let p = ix.arcOffsets[a]; p < ix.arcOffsets[a + 1]; p++) line.push([ix.arcXY[2 * p], ix.arcXY[2 * p + 1]]);
    coordinates.push(line);
  }
  return { type: 'MultiLineString', coordinates };
}
