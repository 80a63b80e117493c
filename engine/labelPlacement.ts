/**
 * System labels placed without overlaps, in screen units (CSS pixels of the view they are drawn on). The map gives
 * each label's points (inside its footprint, best first), the boxes of its text forms (measured, margins included,
 * preferred first), its footprint's area on screen, the view and the boxes of the controls drawn over it; this
 * returns one placement per label: the form, the box, where the text is centred, and an optional leader line.
 *
 * Candidates, each with a price (a form's rank, a shift, a leader line and its length):
 *  1. in place: the box over one of its points, centred on it or shifted round it;
 *  2. near: on a ring round its first points, joined to the point by a leader line (12 directions at growing
 *     distances, at most `reachOf` the view);
 *  3. column: a cluster of footprints too small for their names (London's at England's view) gets a column beside
 *     it, one row per member in north-to-south order so the leader lines do not cross, as printed NHS maps set them;
 *  4. offshore: beside the land, west or east of all footprints, for a map too crowded to hold its labels.
 * A candidate whose box covers another footprint's first point is dropped (that label could neither sit there nor
 * be led from there), and one covering its other points is priced up.
 *
 * Greedy, most constrained first (the smallest footprint on screen first: it has the fewest places of its own), each
 * label taking its cheapest candidate clear of everything placed before it; a few rounds, each starting with the
 * labels the last one left without a place, keeping the best. Then a repair: a label still without a place tries
 * its candidates with the few labels in its way lifted and placed again, clear or by the same move one level down
 * (an ejection chain). Deterministic: the same input gives the same output. No annealing.
 *
 * "Clear" means: inside the view, off every control, no overlap with a placed box, its leader line through no
 * placed box or control and crossing no other leader line, and no placed leader line through its box.
 */

type Pt = readonly [number, number];
/** A box in view pixels: left, top, right, bottom. */
export type Rect = readonly [number, number, number, number];

/** One way to set a label's text; `w`, `h` include the margins kept round the text. */
export interface LabelForm {
  w: number;
  h: number;
}

export interface LabelInput {
  /** Points inside the footprint the label may cover or be led to, best first (at least one). */
  points: readonly Pt[];
  /** Its text forms, the preferred first (at least one). */
  forms: readonly LabelForm[];
  /** The footprint's area on screen, px² (the smallest is placed first). */
  area: number;
}

export interface View {
  width: number;
  height: number;
}

export interface Placement {
  /** Index into the label's `forms`. */
  form: number;
  box: [number, number, number, number];
  /** Where the text is centred (the box's centre). */
  at: [number, number];
  /** The footprint point the label covers or is led to. */
  point: [number, number];
  /** From `point` to the box's edge; null when the box covers `point`. */
  leader: [[number, number], [number, number]] | null;
  /** How the text's lines are justified: towards the leader line's end, else centred. */
  justify: 'center' | 'left' | 'right';
  /** True only when no clear place was found (the label is still drawn, at its least crowded candidate). */
  clash: boolean;
}

/** The longest leader line: a fifth of the view's smaller side, at least 120 px (a small map's crowded middle still reaches the sea). */
export const reachOf = (view: View): number => Math.max(0.2 * Math.min(view.width, view.height), 120);

/** Room kept between two boxes and between a leader line and a box. */
const GAP = 1;
/** Points tried in place, and points led from. */
const IN_PLACE_POINTS = 6;
/** Points round which the box is shifted every way (the others only sideways). */
const WIDE_SHIFT_POINTS = 6;
const LED_POINTS = 2;
/** Shifts of the box round a point in place, as shares of its width and height (centred first). */
const SHIFTS: readonly Pt[] = [[0, 0], [0.25, 0], [-0.25, 0], [0, 0.3], [0, -0.3], [0.4, 0.35], [-0.4, 0.35], [0.4, -0.35], [-0.4, -0.35]];
/** Leader lines: directions round the point (east first, clockwise on screen), gaps as shares of the reach. */
const DIRECTIONS = 12;
const GAPS = [0.06, 0.3, 0.6, 0.9];
/**
 * A footprint is too small for its label when the label's smallest form covers more than this many times its area;
 * two such footprints whose first points lie closer than `CLUSTER_PX` share a column.
 */
const SMALL_RATIO = 3;
const CLUSTER_PX = 60;
/** Offshore columns: their distance beyond the outermost points, and the rows tried round a label's height (in label heights). */
const OFFSHORE_PX = 8;
const OFFSHORE_DY = [0, -1, 1, -2, 2, -3, 3, -4, 4];
/** Prices: a point's rank, a form's rank, a shift off centre, a leader line (plus its length), a column row. */
const PRICE = { point: 4, form: 30, shift: 3, leader: 60, column: 50, cover: 45, small: 90 } as const;
/** Labels lifted together in the repair, and the candidates of a label the repair tries at most. */
const MAX_LIFTED = 4;
const REPAIR_TRIES = 80;
/** Repair passes at most. */
const REPAIR_PASSES = 3;
const REPAIR_DEPTH = 2;
/** Points of each footprint a candidate of another is priced for covering. */
const COVER_POINTS = 2;
/** Candidates looked at for the least crowded place of a label that has no clear one. */
const FALLBACK_TRIES = 200;
/** Side of the cells of the index of placed labels, px. */
const CELL = 40;
/** Greedy rounds at most, each starting with the labels the one before left without a place. */
const ROUNDS = 16;
const STALL = 4;

/** Offers candidate (form, box, point, leader, justify, price) for label k. */
type Add = (k: number, form: number, box: Rect, point: Pt, leader: readonly [Pt, Pt] | null, justify: Placement['justify'], price: number) => void;

interface Candidate {
  form: number;
  box: Rect;
  /** The box and leader line together: candidates whose extents are apart cannot clash. */
  extent: Rect;
  /** The grid cells `extent` spans: first and last column and row. */
  cells: readonly [number, number, number, number];
  point: Pt;
  leader: readonly [Pt, Pt] | null;
  justify: Placement['justify'];
  price: number;
}

const meets = (a: Rect, b: Rect) => a[0] < b[2] + GAP && b[0] < a[2] + GAP && a[1] < b[3] + GAP && b[1] < a[3] + GAP;

/** Whether segment p→q passes through box r grown by `pad` (Liang–Barsky clipping). */
export function segmentCrossesRect(p: Pt, q: Pt, r: Rect, pad = 0): boolean {
  const dx = q[0] - p[0], dy = q[1] - p[1];
  let t0 = 0, t1 = 1;
  // Each edge in turn: a = the direction's component across it, b = the start's distance inside it.
  for (let e = 0; e < 4; e++) {
    const a = e === 0 ? -dx : e === 1 ? dx : e === 2 ? -dy : dy;
    const b = e === 0 ? p[0] - r[0] + pad : e === 1 ? r[2] + pad - p[0] : e === 2 ? p[1] - r[1] + pad : r[3] + pad - p[1];
    if (a === 0) {
      if (b < 0) return false;
      continue;
    }
    const t = b / a;
    if (a < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 >= t1) return false;
  }
  return true;
}

const orient = (p: Pt, q: Pt, r: Pt) => (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
/** Whether two segments cross (touching at an end does not count). */
export function segmentsCross(a: readonly [Pt, Pt], b: readonly [Pt, Pt]): boolean {
  return orient(b[0], b[1], a[0]) * orient(b[0], b[1], a[1]) < 0 && orient(a[0], a[1], b[0]) * orient(a[0], a[1], b[1]) < 0;
}

const boxAround = (c: Pt, f: LabelForm): Rect => [c[0] - f.w / 2, c[1] - f.h / 2, c[0] + f.w / 2, c[1] + f.h / 2];
const inside = (r: Rect, p: Pt) => p[0] >= r[0] && p[0] <= r[2] && p[1] >= r[1] && p[1] <= r[3];

/**
 * In place, over one of its points. Priced up where the box would cover another footprint's first point (its label
 * could not be led from there) and where the box is far larger than the footprint (it would hide its neighbours).
 */
function inPlace(label: LabelInput, k0: number, add: Add): void {
  label.points.slice(0, IN_PLACE_POINTS).forEach((p, k) => {
    label.forms.forEach((f, form) => {
      const small = f.w * f.h > SMALL_RATIO * label.area ? PRICE.small : 0;
      // Every shift round the first points; the others centred or shifted sideways only.
      const shifts = k < WIDE_SHIFT_POINTS ? SHIFTS.length : 3;
      for (let s = 0; s < shifts; s++) {
        const box = boxAround([p[0] + SHIFTS[s][0] * f.w, p[1] + SHIFTS[s][1] * f.h], f);
        add(k0, form, box, p, null, 'center', k * PRICE.point + form * PRICE.form + (s ? PRICE.shift : 0) + small);
      }
    });
  });
}

/** The box on the ring round `p` at angle `a` and gap `d`: its nearest side faces the point, the leader line meets it there. */
function onRing(p: Pt, a: number, d: number, f: LabelForm): { box: Rect; end: Pt; justify: Placement['justify'] } {
  const c = Math.cos(a), s = Math.sin(a);
  const end: Pt = [p[0] + d * c, p[1] + d * s];
  if (Math.abs(c) >= 0.5) {
    const left = c > 0 ? end[0] : end[0] - f.w;
    return { box: [left, end[1] - f.h / 2, left + f.w, end[1] + f.h / 2], end, justify: c > 0 ? 'left' : 'right' };
  }
  const top = s > 0 ? end[1] : end[1] - f.h;
  return { box: [end[0] - f.w / 2, top, end[0] + f.w / 2, top + f.h], end, justify: 'center' };
}

function near(label: LabelInput, k0: number, reach: number, add: Add): void {
  label.points.slice(0, LED_POINTS).forEach((p, k) => {
    for (const g of GAPS) {
      const d = g * reach;
      for (let j = 0; j < DIRECTIONS; j++) {
        const a = (2 * Math.PI * j) / DIRECTIONS;
        label.forms.forEach((f, form) => {
          if (form > 0 && form < label.forms.length - 2) return; // beside the footprint: the full label or the name alone
          const { box, end, justify } = onRing(p, a, d, f);
          add(k0, form, box, p, [p, end], justify, PRICE.leader + d + k * PRICE.point + form * PRICE.form);
        });
      }
    }
  });
}

/**
 * Clusters of footprints too small for their labels: single linkage of their first points within CLUSTER_PX.
 * Returns each label's cluster (an index, or -1), for clusters of two or more.
 */
function clusters(labels: readonly LabelInput[]): number[] {
  const n = labels.length;
  const small = labels.map((l) => {
    const f = l.forms[l.forms.length - 1];
    return f.w * f.h > SMALL_RATIO * l.area;
  });
  const of = new Array<number>(n).fill(-1);
  let count = 0;
  for (let s = 0; s < n; s++) {
    if (!small[s] || of[s] >= 0) continue;
    const members = [s];
    of[s] = count;
    for (let q = 0; q < members.length; q++) {
      const a = labels[members[q]].points[0];
      for (let b = 0; b < n; b++) {
        if (small[b] && of[b] < 0 && Math.hypot(a[0] - labels[b].points[0][0], a[1] - labels[b].points[0][1]) <= CLUSTER_PX) {
          of[b] = count;
          members.push(b);
        }
      }
    }
    if (members.length < 2) of[s] = -1;
    else count++;
  }
  return of;
}

/**
 * A column beside each cluster, on both sides and at a few distances: row j holds the j-th member from the north,
 * so every member's leader line runs to its own row without crossing another. Candidates for every form, the row
 * height the tallest member's.
 */
function columns(labels: readonly LabelInput[], cluster: readonly number[], reach: number, add: Add): void {
  const ids = [...new Set(cluster.filter((c) => c >= 0))];
  for (const c of ids) {
    const members = cluster.flatMap((x, k) => (x === c ? [k] : [])).sort((a, b) => labels[a].points[0][1] - labels[b].points[0][1] || a - b);
    const pts = members.map((k) => labels[k].points[0]);
    const xmin = Math.min(...pts.map((p) => p[0])), xmax = Math.max(...pts.map((p) => p[0]));
    const cy = pts.reduce((t, p) => t + p[1], 0) / pts.length;
    const nForms = Math.min(...members.map((k) => labels[k].forms.length));
    for (let form = 0; form < nForms; form++) {
      const rowH = Math.max(...members.map((k) => labels[k].forms[form].h)) + GAP;
      const top = cy - (rowH * members.length) / 2;
      for (const g of [0.25, 0.45, 0.7]) {
        for (const side of [1, -1] as const) {
          const x = side > 0 ? xmax + g * reach : xmin - g * reach;
          members.forEach((k, j) => {
            const f = labels[k].forms[form];
            const y = top + j * rowH + rowH / 2;
            const left = side > 0 ? x : x - f.w;
            const box: Rect = [left, y - f.h / 2, left + f.w, y + f.h / 2];
            const end: Pt = [x, y];
            const p = labels[k].points[0];
            add(k, form, box, p, [p, end], side > 0 ? 'left' : 'right', PRICE.column + Math.hypot(end[0] - p[0], end[1] - p[1]) + form * PRICE.form);
          });
        }
      }
    }
  }
}

/** Whether candidate c clashes with a placed candidate o. */
function clashes(c: Candidate, o: Candidate): boolean {
  if (!meets(c.extent, o.extent)) return false;
  if (meets(c.box, o.box)) return true;
  if (o.leader && segmentCrossesRect(o.leader[0], o.leader[1], c.box, GAP)) return true;
  if (c.leader) {
    if (segmentCrossesRect(c.leader[0], c.leader[1], o.box, GAP)) return true;
    if (o.leader && segmentsCross(c.leader, o.leader)) return true;
  }
  return false;
}

/**
 * Beside the land: just west of the westernmost point of all footprints or east of the easternmost, at the label's
 * own height or a little above or below, for a map too crowded to hold its labels (England's middle in a small
 * window). The leader line runs out to the coast-side column, within the reach.
 */
function offshore(labels: readonly LabelInput[], reach: number, add: Add): void {
  let xmin = Infinity, xmax = -Infinity;
  for (const l of labels) for (const p of l.points) [xmin, xmax] = [Math.min(xmin, p[0]), Math.max(xmax, p[0])];
  labels.forEach((l, k) => {
    const p = l.points[0];
    for (let form = Math.max(0, l.forms.length - 2); form < l.forms.length; form++) {
      const f = l.forms[form];
      for (const side of [1, -1] as const) {
        const x = side > 0 ? xmax + OFFSHORE_PX : xmin - OFFSHORE_PX;
        for (const dy of OFFSHORE_DY) {
          const end: Pt = [x, p[1] + dy * f.h];
          const len = Math.hypot(end[0] - p[0], end[1] - p[1]);
          if (len > reach) continue;
          const left = side > 0 ? x : x - f.w;
          const box: Rect = [left, end[1] - f.h / 2, left + f.w, end[1] + f.h / 2];
          add(k, form, box, p, [p, end], side > 0 ? 'left' : 'right', PRICE.column + len + form * PRICE.form);
        }
      }
    }
  });
}

/** Places every label; `controls` are boxes over the map no label may touch. */
export function placeLabels(labels: readonly LabelInput[], view: View, controls: readonly Rect[] = []): Placement[] {
  const n = labels.length;
  const reach = reachOf(view);
  const cols = Math.ceil(view.width / CELL) + 1, rows = Math.ceil(view.height / CELL) + 1;
  const cell = (v: number, max: number) => Math.max(0, Math.min(max - 1, Math.floor(v / CELL)));
  // Other footprints' points: a candidate is priced up for each its box covers (that footprint's own label could no
  // longer sit there or be led from there).
  const own: Pt[] = [];
  const ownerOf: number[] = [];
  const firstOf: number[] = [];
  labels.forEach((l, k) => {
    firstOf.push(own.length);
    l.points.slice(0, COVER_POINTS).forEach((p) => (own.push(p), ownerOf.push(k)));
  });
  // The points by grid cell, so a box is tested against the few points near it.
  const pointsIn: number[][] = Array.from({ length: cols * rows }, () => []);
  own.forEach((p, q) => pointsIn[cell(p[1], rows) * cols + cell(p[0], cols)].push(q));
  const cands: Candidate[][] = labels.map(() => []);
  const kept: Candidate[] = new Array(n);
  /** Keeps a candidate clear of the fixed obstacles: inside the view, off the controls, its leader line too. */
  const add: Add = (k, form, box, point, leader, justify, price) => {
    const first = cands[k].length === 0 && !kept[k];
    const extent: Rect = leader
      ? [Math.min(box[0], leader[0][0], leader[1][0]), Math.min(box[1], leader[0][1], leader[1][1]), Math.max(box[2], leader[0][0], leader[1][0]), Math.max(box[3], leader[0][1], leader[1][1])]
      : box;
    let coversFirst = false;
    const x1 = cell(box[2], cols), y1 = cell(box[3], rows);
    for (let y = cell(box[1], rows); y <= y1; y++) {
      for (let x = cell(box[0], cols); x <= x1; x++) {
        for (const q of pointsIn[y * cols + x]) {
          if (ownerOf[q] !== k && inside(box, own[q])) {
            price += PRICE.cover;
            if (q === firstOf[ownerOf[q]]) coversFirst = true;
          }
        }
      }
    }
    const c: Candidate = { form, box, extent, cells: [cell(extent[0], cols), cell(extent[1], rows), cell(extent[2], cols), cell(extent[3], rows)], point, leader, justify, price };
    // The label's first candidate is kept aside even if off the frame, so no label is ever without one.
    if (first) kept[k] = c;
    if (coversFirst || box[0] < 0 || box[1] < 0 || box[2] > view.width || box[3] > view.height) return;
    for (const r of controls) if (meets(box, r) || (leader !== null && segmentCrossesRect(leader[0], leader[1], r))) return;
    cands[k].push(c);
  };
  labels.forEach((l, k) => {
    inPlace(l, k, add);
    near(l, k, reach, add);
  });
  columns(labels, clusters(labels), reach, add);
  offshore(labels, reach, add);
  for (let k = 0; k < n; k++) {
    if (!cands[k].length) cands[k].push(kept[k]);
    cands[k].sort((a, b) => a.price - b.price);
  }

  // The layout being built: each label's candidate, and a grid of CELL-px cells listing the placed labels whose
  // extent reaches each, so a candidate is tested against the few labels near it, not all of them.
  const chosen: (Candidate | null)[] = new Array<Candidate | null>(n).fill(null);
  const grid: number[][] = Array.from({ length: cols * rows }, () => []);
  const reset = () => {
    chosen.fill(null);
    for (const list of grid) list.length = 0;
  };
  const put = (j: number, c: Candidate | null) => {
    const old = chosen[j];
    if (old) {
      const [x0, y0, x1, y1] = old.cells;
      for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) {
        const list = grid[y * cols + x];
        list.splice(list.indexOf(j), 1);
      }
    }
    chosen[j] = c;
    if (c) {
      const [x0, y0, x1, y1] = c.cells;
      for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) grid[y * cols + x].push(j);
    }
  };
  // Labels already tested for the candidate at hand (a label spans several cells).
  const seen = new Int32Array(n).fill(-1);
  let stamp = 0;
  /** How many placed labels candidate c of label k clashes with, counting to `max` + 1 at most; their indices go to `out`. */
  const blockers = (c: Candidate, k: number, max: number, out?: number[]): number => {
    let count = 0;
    stamp++;
    const [x0, y0, x1, y1] = c.cells;
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        for (const j of grid[y * cols + x]) {
          if (j === k || seen[j] === stamp) continue;
          seen[j] = stamp;
          if (clashes(c, chosen[j]!)) {
            out?.push(j);
            if (++count > max) return count;
          }
        }
      }
    }
    return count;
  };
  const firstClear = (k: number): Candidate | null => {
    for (const c of cands[k]) if (blockers(c, k, 0) === 0) return c;
    return null;
  };
  /** Places labels in `order`, each at its first clear candidate; returns those left without one. */
  const greedy = (order: readonly number[]): number[] => {
    reset();
    const left: number[] = [];
    for (const k of order) {
      const c = firstClear(k);
      if (c) put(k, c);
      else left.push(k);
    }
    return left;
  };

  // Most constrained first; a label left without a place moves to the front of the order for the next round.
  let order = labels.map((_, k) => k).sort((a, b) => labels[a].area - labels[b].area || a - b);
  let unplaced = greedy(order);
  let best = { chosen: chosen.slice(), unplaced };
  for (let round = 1, stall = 0; round < ROUNDS && unplaced.length && stall < STALL; round++) {
    const failed = new Set(unplaced);
    order = [...unplaced, ...order.filter((k) => !failed.has(k))];
    unplaced = greedy(order);
    if (unplaced.length < best.unplaced.length) [best, stall] = [{ chosen: chosen.slice(), unplaced }, 0];
    else stall++;
  }
  if (unplaced !== best.unplaced) {
    // Back to the best round's layout (its grid is rebuilt from its choices).
    reset();
    best.chosen.forEach((c, j) => c && put(j, c));
    unplaced = best.unplaced;
  }

  // Repair: lift the few labels in the way of one of k's candidates, place k there, and the lifted ones again,
  // each at a clear place or, one level down, by the same move (an ejection chain of depth REPAIR_DEPTH). A failed
  // attempt restores the layout as it was.
  const restore = (saved: readonly (Candidate | null)[]) => {
    for (let j = 0; j < n; j++) if (chosen[j] !== saved[j]) put(j, null);
    for (let j = 0; j < n; j++) if (chosen[j] !== saved[j]) put(j, saved[j]);
  };
  const repair = (k: number, depth: number, fixed: Set<number>): boolean => {
    let tries = 0;
    for (const c of cands[k]) {
      const lifted: number[] = [];
      if (blockers(c, k, MAX_LIFTED, lifted) > MAX_LIFTED || lifted.some((j) => fixed.has(j))) continue;
      if (++tries > REPAIR_TRIES) break;
      const saved = chosen.slice();
      for (const j of lifted) put(j, null);
      put(k, c);
      fixed.add(k);
      let ok = true;
      for (const j of lifted) {
        const again = firstClear(j);
        if (again) put(j, again);
        else if (!(depth > 1 && repair(j, depth - 1, fixed))) {
          ok = false;
          break;
        }
      }
      fixed.delete(k);
      if (ok) return true;
      restore(saved);
    }
    return false;
  };
  for (let pass = 0; pass < REPAIR_PASSES && unplaced.length; pass++) {
    const left = unplaced.filter((k) => !repair(k, REPAIR_DEPTH, new Set()));
    if (left.length === unplaced.length) break;
    unplaced = left;
  }
  for (const k of unplaced) {
    // Nowhere clear: the candidate meeting the fewest labels, so the label is drawn all the same.
    let pick = cands[k][0];
    let fewest = Infinity;
    for (const c of cands[k].slice(0, FALLBACK_TRIES)) {
      const m = blockers(c, k, Math.min(fewest, n));
      if (m < fewest) [pick, fewest] = [c, m];
    }
    put(k, { ...pick, price: Infinity });
  }

  return chosen.map((c) => {
    const b = c!.box;
    return {
      form: c!.form,
      box: [b[0], b[1], b[2], b[3]],
      at: [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2],
      point: [c!.point[0], c!.point[1]],
      leader: c!.leader ? [[c!.leader[0][0], c!.leader[0][1]], [c!.leader[1][0], c!.leader[1][1]]] : null,
      justify: c!.justify,
      clash: c!.price === Infinity,
    };
  });
}

/** Whether a placement's box covers its own point when it has no leader line (a check the tests share). */
export const coversPoint = (p: Placement): boolean => p.leader !== null || inside(p.box, p.point);

const samePt = (a: Pt, b: Pt) => Math.abs(a[0] - b[0]) < 0.01 && Math.abs(a[1] - b[1]) < 0.01;

/**
 * The placements `prev` kept for new inputs of the same labels in the same view and controls, when each label
 * still has the point it was placed for and, with its form's box resized about the same centre (in place only: a
 * led label's box must keep its size), every label is still clear, as `placeLabels` means it. An edit that changes
 * a population figure or two then moves no label and costs no placement (tens of ms on a busy main thread); null
 * when anything else changed, and the labels are placed afresh.
 */
export function keepPlacement(prev: readonly Placement[], labels: readonly LabelInput[], view: View, controls: readonly Rect[] = []): Placement[] | null {
  if (prev.length !== labels.length || prev.some((p) => p.clash)) return null;
  const next: Placement[] = [];
  for (let k = 0; k < labels.length; k++) {
    const p = prev[k], l = labels[k];
    const f = l.forms[p.form];
    if (!f || !l.points.some((q) => samePt(q, p.point))) return null;
    const b = boxAround(p.at, f);
    if (p.leader && (Math.abs(b[2] - b[0] - (p.box[2] - p.box[0])) > 0.01 || Math.abs(b[3] - b[1] - (p.box[3] - p.box[1])) > 0.01)) return null;
    const box: Placement['box'] = [b[0], b[1], b[2], b[3]];
    if (!p.leader && !inside(box, p.point)) return null;
    if (box[0] < 0 || box[1] < 0 || box[2] > view.width || box[3] > view.height) return null;
    if (controls.some((c) => meets(box, c) || (p.leader && segmentCrossesRect(p.leader[0], p.leader[1], c)))) return null;
    next.push({ ...p, box });
  }
  for (let a = 0; a < next.length; a++) {
    for (let b = 0; b < next.length; b++) {
      if (a === b) continue;
      const pa = next[a], pb = next[b];
      if (a < b && meets(pa.box, pb.box)) return null;
      if (inside(pa.box, labels[b].points[0])) return null;
      if (pa.leader && segmentCrossesRect(pa.leader[0], pa.leader[1], pb.box)) return null;
      if (a < b && pa.leader && pb.leader && segmentsCross(pa.leader, pb.leader)) return null;
    }
  }
  return next;
}
