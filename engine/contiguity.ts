/**
 * Connected components of a group of units in the adjacency graph (land borders and water links such as the
 * Isle of Wight ferry), by breadth-first search over the geography's CSR adjacency restricted to the group.
 */
import type { Geography } from './geography.ts';

interface Scratch {
  inGroup: Uint8Array;
  seen: Uint8Array;
  queue: Uint16Array;
}

const scratchOf = new WeakMap<Geography, Scratch>();

/**
 * Components as lists of unit indices, the most populous first (ties: lowest unit index first); within a
 * component units are ascending. `useWater` false ignores water links.
 */
export function componentsOf(geo: Geography, members: ArrayLike<number>, useWater = true): number[][] {
  let s = scratchOf.get(geo);
  if (!s) scratchOf.set(geo, (s = { inGroup: new Uint8Array(geo.n), seen: new Uint8Array(geo.n), queue: new Uint16Array(geo.n) }));
  const { inGroup, seen, queue } = s;
  for (let k = 0; k < members.length; k++) inGroup[members[k]] = 1;
  const out: { units: number[]; pop: number }[] = [];
  for (let k = 0; k < members.length; k++) {
    const root = members[k];
    if (seen[root]) continue;
    let head = 0;
    let tail = 0;
    queue[tail++] = root;
    seen[root] = 1;
    while (head < tail) {
      const i = queue[head++];
      for (let e = geo.adjOffsets[i]; e < geo.adjOffsets[i + 1]; e++) {
        const j = geo.adjNeighbours[e];
        if (inGroup[j] && !seen[j] && (useWater || !geo.adjIsWater[e])) {
          seen[j] = 1;
          queue[tail++] = j;
        }
      }
    }
    const units = Array.from(queue.subarray(0, tail)).sort((a, b) => a - b);
    let pop = 0;
    for (const i of units) pop += geo.population[i];
    out.push({ units, pop });
  }
  for (let k = 0; k < members.length; k++) inGroup[members[k]] = seen[members[k]] = 0;
  if (out.length > 1) out.sort((a, b) => b.pop - a.pop || a.units[0] - b.units[0]);
  return out.map((c) => c.units);
}
