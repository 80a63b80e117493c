/**
 * Callouts for footprints too small to hold their label at the scale of England (London's five systems, the
 * Birmingham pair): their labels move out onto a ring around the group of small footprints they belong to,
 * joined to the footprint by a leader line, as printed NHS maps do. Positions are in lon/lat, so the same
 * layout serves every screen size; the map decides at which zoom it shows callouts instead of the labels in place.
 *
 * Small: area below `smallKm2`. Group: small footprints whose label anchors lie within `groupKm` of another in
 * the group (single linkage). A footprint alone in its group keeps its label in place. The column stands on the
 * side of the group away from the middle of all footprints, members in order from north to south.
 */
export interface CalloutOptions {
  smallKm2: number;
  groupKm: number;
  /** Distance of the column of callouts beyond the farthest member's anchor, east or west. */
  ringKm: number;
  /** Spacing of the callouts down the column. */
  stepKm: number;
}

export const CALLOUT_DEFAULTS: CalloutOptions = { smallKm2: 700, groupKm: 60, ringKm: 105, stepKm: 30 };

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
  // The side facing away from the other footprints: the callouts go where there are fewest labels (often the sea).
  const mx = anchors.reduce((t, a) => t + a[0], 0) / Math.max(n, 1);
  for (let g = 0; g < groups; g++) {
    const members = group.flatMap((x, k) => (x === g ? [k] : []));
    if (members.length < 2) continue;
    const cx = members.reduce((t, k) => t + anchors[k][0], 0) / members.length;
    const cy = members.reduce((t, k) => t + anchors[k][1], 0) / members.length;
    const cos = Math.cos((cy * Math.PI) / 180);
    const side = cx >= mx ? 1 : -1;
    const reach = Math.max(...members.map((k) => Math.abs(anchors[k][0] - cx) * cos * KM_PER_DEG));
    const x = cx + (side * (reach + opts.ringKm)) / (KM_PER_DEG * cos);
    // A column, north at the top as the footprints lie, so leader lines do not cross.
    const sorted = [...members].sort((a, b) => anchors[b][1] - anchors[a][1] || a - b);
    const step = opts.stepKm / KM_PER_DEG;
    sorted.forEach((k, j) => {
      out[k] = [x, cy + ((sorted.length - 1) / 2 - j) * step];
    });
  }
  return out;
}
