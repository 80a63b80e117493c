/**
 * The border mesh as static features plus per-edit bits: every arc between two different units is one feature
 * of `Init.arcs` (drawn once), and each state says which arcs are system / organisation borders
 * (`State.borders`). An edit then repaints borders by feature state instead of re-tiling a rebuilt mesh.
 * Same rule as engine/borderMesh.ts `borderArcs`: the two sides differ (an unassigned unit is its own group).
 */
import type { Feature, FeatureCollection, LineString, Position } from 'geojson';
import type { TopologyIndex } from '../engine/topologyIndex.ts';
import { UNASSIGNED } from '../engine/partition.ts';
import { BORDER_ORGANISATION, BORDER_SYSTEM } from './api.ts';

export interface MeshArcs {
  /** Topology arc index of each mesh arc. */
  arc: Int32Array;
  left: Int32Array;
  right: Int32Array;
}

/** The arcs with a (different) unit on each side. */
export function meshArcs(ix: TopologyIndex): MeshArcs {
  const out: number[] = [];
  for (let a = 0; a < ix.nArcs; a++) {
    const l = ix.arcLeft[a];
    const r = ix.arcRight[a];
    if (l >= 0 && r >= 0 && l !== r) out.push(a);
  }
  const arc = Int32Array.from(out);
  return { arc, left: arc.map((a) => ix.arcLeft[a]), right: arc.map((a) => ix.arcRight[a]) };
}

export function meshFeatures(ix: TopologyIndex, m: MeshArcs): FeatureCollection<LineString, Record<string, never>> {
  const features: Feature<LineString, Record<string, never>>[] = [];
  for (let k = 0; k < m.arc.length; k++) {
    const a = m.arc[k];
    const coordinates: Position[] = [];
    for (let p = ix.arcOffsets[a]; p < ix.arcOffsets[a + 1]; p++) coordinates.push([ix.arcXY[2 * p], ix.arcXY[2 * p + 1]]);
    features.push({ type: 'Feature', id: k, geometry: { type: 'LineString', coordinates }, properties: {} });
  }
  return { type: 'FeatureCollection', features };
}

const differ = (g: ArrayLike<number>, l: number, r: number) => g[l] !== g[r] || g[l] === UNASSIGNED;

/** The BORDER_SYSTEM / BORDER_ORGANISATION bits of mesh arc `k`. */
const bitsOf = (m: MeshArcs, k: number, unitSystem: ArrayLike<number>, unitOrganisation: ArrayLike<number>) =>
  (differ(unitSystem, m.left[k], m.right[k]) ? BORDER_SYSTEM : 0) | (differ(unitOrganisation, m.left[k], m.right[k]) ? BORDER_ORGANISATION : 0);

/** BORDER_SYSTEM / BORDER_ORGANISATION bits per mesh arc. */
export function borderBits(m: MeshArcs, unitSystem: ArrayLike<number>, unitOrganisation: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(m.arc.length);
  for (let k = 0; k < out.length; k++) out[k] = bitsOf(m, k, unitSystem, unitOrganisation);
  return out;
}

/**
 * `borderBits` kept up to date as units move: only the arcs round units whose system or organisation changed are
 * worked out again (at 32,844 LSOAs an edit touches a few hundred of 98,288 arcs). Returns a new array each time
 * (states own theirs: they are transferred away).
 */
export class BorderBitsTracker {
  /** Mesh arcs round each unit (CSR). */
  private readonly offsets: Int32Array;
  private readonly arcs: Int32Array;
  private bits: Uint8Array | undefined;
  private system: Uint16Array<ArrayBufferLike> = new Uint16Array(0);
  private organisation: Uint16Array<ArrayBufferLike> = new Uint16Array(0);

  constructor(private readonly m: MeshArcs, n: number) {
    const count = new Int32Array(n + 1);
    for (let k = 0; k < m.arc.length; k++) {
      count[m.left[k] + 1]++;
      count[m.right[k] + 1]++;
    }
    for (let i = 0; i < n; i++) count[i + 1] += count[i];
    this.offsets = count;
    this.arcs = new Int32Array(count[n]);
    const fill = count.slice(0, n);
    for (let k = 0; k < m.arc.length; k++) {
      this.arcs[fill[m.left[k]]++] = k;
      this.arcs[fill[m.right[k]]++] = k;
    }
  }

  update(unitSystem: Uint16Array, unitOrganisation: Uint16Array): Uint8Array {
    const n = this.offsets.length - 1;
    if (!this.bits || this.system.length !== n) {
      this.bits = borderBits(this.m, unitSystem, unitOrganisation);
    } else {
      const { m, bits } = this;
      for (let i = 0; i < n; i++) {
        if (this.system[i] === unitSystem[i] && this.organisation[i] === unitOrganisation[i]) continue;
        for (let p = this.offsets[i]; p < this.offsets[i + 1]; p++) bits[this.arcs[p]] = bitsOf(m, this.arcs[p], unitSystem, unitOrganisation);
      }
    }
    // Kept as they are: callers hand over arrays no one writes into afterwards (a transferred one reads as empty
    // here, and the next update starts afresh).
    this.system = unitSystem;
    this.organisation = unitOrganisation;
    return this.bits.slice();
  }
}
