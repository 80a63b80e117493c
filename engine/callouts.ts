/**
 * Callouts for footprints too small to hold their label at the scale of England (London's five systems, the
 * Birmingham pair): their labels move out onto a ring around the group of small footprints they belong to,
 * joined to the footprint by a leader line, as printed NHS maps do. Positions are in lon/lat, so the same
 * layout serves every screen size; the map decides at which zoom it shows callouts instead of the labels in place.
 *
 * Small: area below `smallKm2`. Group: small footprints whose label anchors lie within `groupKm` of another in
 * the group (single linkage). A footprint alone in its group keeps its label in place. Each member takes the
 * ring slot nearest its own bearing from the group's centre, slots evenly spaced, so leader lines do not cross.
 */
export interface CalloutOptions {
  smallKm2: number;
  groupKm: number;
  /** Distance of the ring beyond the farthest member's anchor. */
  ringKm: number;
}

export const CALLOUT_DEFAULTS: CalloutOptions = { smallKm2: 700, groupKm: 60, ringKm: 55 };

const KM_PER_DEG = 111.32;

/** Callout position `[lon, lat]` per footprint, or null where the label stays in place. */
export function callouts(
  anchors: readonly (readonly [number, number])[],
  areaKm2: ArrayLike<number>,
  opts: CalloutOptions = CALLOUT_DEFAULTS,
): ([number, number] | null)[] {
  const n = anchors.length;
  const out: ([number, number] | null)[] = new Array(n).fill(null);
  const small = anchors.map((_, k) => areaKm2[k] > 0 && areaKm2[k] < opts.smallKm2);
  const km = (a: readonly [number, number], b: readonly [number, number]) => {
    const c = Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
    return Math.hypot((a[0] - b[0]) * c, a[1] - b[1]) * KM_PER_DEG;
  };
  const group = new Array<number>(n).fill(-1);
  let groups = 0;
  for (let s = 0; s < n; s++) {
    if (!small[s] || group[s] >= 0) continue;
    group[s] = groups;
    const stack = [s];
    while (stack.length) {
      const a = stack.pop()!;
      for (let b = 0; b < n; b++) {
        if (small[b] && group[b] < 0 && km(anchors[a], anchors[b]) <= opts.groupKm) {
          group[b] = groups;
          stack.push(b);
        }
      }
    }
    groups++;
  }
  for (let g = 0; g < groups; g++) {
    const members = group.flatMap((x, k) => (x === g ? [k] : []));
    if (members.length < 2) continue;
    const cx = members.reduce((t, k) => t + anchors[k][0], 0) / members.length;
    const cy = members.reduce((t, k) => t + anchors[k][1], 0) / members.length;
    const cos = Math.cos((cy * Math.PI) / 180);
    const bearing = (k: number) => Math.atan2(anchors[k][1] - cy, (anchors[k][0] - cx) * cos);
    const reach = Math.max(...members.map((k) => km(anchors[k], [cx, cy])));
    const r = (reach + opts.ringKm) / KM_PER_DEG;
    const sorted = [...members].sort((a, b) => bearing(a) - bearing(b) || a - b);
    const step = (2 * Math.PI) / sorted.length;
    // The ring's rotation that puts each member's slot nearest its bearing (tried in 64 steps).
    let best = 0;
    let bestCost = Infinity;
    for (let t = 0; t < 64; t++) {
      const rot = (t / 64) * step;
      let cost = 0;
      sorted.forEach((k, j) => {
        const d = Math.abs(((bearing(k) - (rot + j * step - Math.PI)) % (2 * Math.PI) + 3 * Math.PI) % (2 * Math.PI) - Math.PI);
        cost += d * d;
      });
      if (cost < bestCost) [best, bestCost] = [rot, cost];
    }
    sorted.forEach((k, j) => {
      const a = best + j * step - Math.PI;
      out[k] = [cx + (r * Math.cos(a)) / cos, cy + r * Math.sin(a)];
    });
  }
  return out;
}
