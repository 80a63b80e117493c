/**
 * Groups of unit codes (systems, organisations, collaborations) compiled to unit indices.
 *
 * Layout: `unitToGroup[i]` is the group index of unit `i` (`UNASSIGNED` when no group holds it); `members[g]`
 * lists group `g`'s unit indices in ascending order; `groupIds[g]` is its id. Systems and organisations are
 * partitions, so `unitToGroup` says everything; collaborations overlap, so use `membersOf` for them and ignore
 * `unitToGroup`. Member lists are cached by the identity of the `units` array: scenario operations never mutate a
 * group and share untouched groups with their input, so an unchanged group costs one WeakMap lookup.
 */

export const UNASSIGNED = 0xffff;

export interface GroupUnits {
  id: string;
  units: readonly string[];
}

/** Shared and cached: treat as read-only. */
export interface Partition {
  /** Group index of each unit, `UNASSIGNED` (0xFFFF) when none. A unit listed twice keeps its first group. */
  unitToGroup: Uint16Array;
  groupIds: string[];
  /** Unit indices of each group, ascending. */
  members: Uint16Array[];
  /** Number of units in no group. */
  unassigned: number;
}

/** What compiling needs from a geography: satisfied by `Geography`. */
export interface UnitIndex {
  readonly n: number;
  indexOfCode(code: string): number;
}

export interface CompiledGroup {
  members: Uint16Array;
  /** The ascending member indices joined by ','; the cache key of everything derived from the group. */
  signature: string;
}

const compiledByGeo = new WeakMap<UnitIndex, WeakMap<readonly string[], CompiledGroup>>();

/** A group's ascending unit indices and signature, cached by the identity of its `units` array. */
export function compileGroup(units: readonly string[], geo: UnitIndex): CompiledGroup {
  let cache = compiledByGeo.get(geo);
  if (!cache) compiledByGeo.set(geo, (cache = new WeakMap()));
  let c = cache.get(units);
  if (c) return c;
  const idx = new Uint16Array(units.length);
  for (let k = 0; k < units.length; k++) {
    const i = geo.indexOfCode(units[k]);
    if (i < 0) throw new Error(`unknown unit code ${JSON.stringify(units[k])}`);
    idx[k] = i;
  }
  idx.sort();
  // Drop repeats (a validated scenario has none, but a signature must not depend on them).
  let m = 0;
  for (let k = 0; k < idx.length; k++) if (k === 0 || idx[k] !== idx[k - 1]) idx[m++] = idx[k];
  const members = m === idx.length ? idx : idx.slice(0, m);
  c = { members, signature: members.join(',') };
  cache.set(units, c);
  return c;
}

/** A stable key for a group's membership: equal keys, equal unit sets. */
export function signatureOf(units: readonly string[], geo: UnitIndex): string {
  return compileGroup(units, geo).signature;
}

/** Member lists of possibly overlapping groups (collaborations). */
export function membersOf(groups: readonly GroupUnits[], geo: UnitIndex): Uint16Array[] {
  return groups.map((g) => compileGroup(g.units, geo).members);
}

const partitionsByGeo = new WeakMap<UnitIndex, WeakMap<readonly GroupUnits[], Partition>>();

/** A partition with the member lists it was built from, and whether no unit is in two groups. */
interface Built {
  units: (readonly string[])[];
  p: Partition;
  exact: boolean;
}

/** The last few partitions built per geography, to patch the next one from (an edit changes a few groups). */
const RECENT = 4;
const recentByGeo = new WeakMap<UnitIndex, Built[]>();

function fresh(groups: readonly GroupUnits[], geo: UnitIndex, members: Uint16Array[]): Built {
  const unitToGroup = new Uint16Array(geo.n).fill(UNASSIGNED);
  let listed = 0;
  for (let g = 0; g < members.length; g++) {
    const m = members[g];
    listed += m.length;
    for (let k = 0; k < m.length; k++) if (unitToGroup[m[k]] === UNASSIGNED) unitToGroup[m[k]] = g;
  }
  let unassigned = 0;
  for (let i = 0; i < geo.n; i++) if (unitToGroup[i] === UNASSIGNED) unassigned++;
  const p = { unitToGroup, groupIds: groups.map((g) => g.id), members, unassigned };
  return { units: groups.map((g) => g.units), p, exact: listed === geo.n - unassigned };
}

/**
 * The partition patched from `base`, whose groups differ from `groups` only at `changed` positions: the old
 * members of those groups are cleared and the new ones set. Undefined when a unit would be in two groups (the
 * first group then wins, which only a full build decides).
 */
function patch(base: Built, groups: readonly GroupUnits[], geo: UnitIndex, members: Uint16Array[], changed: number[]): Built | undefined {
  const unitToGroup = base.p.unitToGroup.slice();
  let unassigned = base.p.unassigned;
  for (const g of changed) {
    const old = base.p.members[g];
    for (let k = 0; k < old.length; k++) unitToGroup[old[k]] = UNASSIGNED;
    unassigned += old.length;
  }
  for (const g of changed) {
    const m = members[g];
    for (let k = 0; k < m.length; k++) {
      if (unitToGroup[m[k]] !== UNASSIGNED) return undefined;
      unitToGroup[m[k]] = g;
    }
    unassigned -= m.length;
  }
  const p = { unitToGroup, groupIds: groups.map((g) => g.id), members, unassigned };
  return { units: groups.map((g) => g.units), p, exact: true };
}

/**
 * A partition (systems or organisations) as typed arrays, cached by the identity of the `groups` array (an
 * operation that changes systems leaves the organisations array as it was, so it is not compiled again). A new
 * groups array is patched from a recent partition with as many groups when most of its member lists are the
 * same arrays, so a reassignment costs the moved groups' sizes, not the number of units.
 */
export function partitionOf(groups: readonly GroupUnits[], geo: UnitIndex): Partition {
  let cache = partitionsByGeo.get(geo);
  if (!cache) partitionsByGeo.set(geo, (cache = new WeakMap()));
  const hit = cache.get(groups);
  if (hit) return hit;
  const members = membersOf(groups, geo);
  let recent = recentByGeo.get(geo);
  if (!recent) recentByGeo.set(geo, (recent = []));
  let base: Built | undefined;
  let changed: number[] = [];
  for (const b of recent) {
    if (!b.exact || b.units.length !== groups.length) continue;
    const diff: number[] = [];
    for (let g = 0; g < groups.length && 2 * diff.length <= groups.length; g++) if (b.units[g] !== groups[g].units) diff.push(g);
    if (2 * diff.length <= groups.length && (!base || diff.length < changed.length)) [base, changed] = [b, diff];
  }
  const built = (base && patch(base, groups, geo, members, changed)) ?? fresh(groups, geo, members);
  recent.unshift(built);
  if (recent.length > RECENT) recent.pop();
  cache.set(groups, built.p);
  return built.p;
}
