/**
 * Connected components of a group of units in the adjacency graph (land borders and water links such as the
 * Isle of Wight ferry), by breadth-first search over the geography's CSR adjacency restricted to the group.
 */
import type { Geography } from './geography.ts';

interface Scratch {
  inGroup: Uint8Array;
  /** Per unit: 1 + the index of the component it was reached in (0 = not yet). */
  component: Int32Array;
  queue: Uint16Array;
}

const scratchOf = new WeakMap<Geography, Scratch>();

/**
 * Components as lists of unit indices, the most populous first (ties: lowest unit index first); within a
 * component units are ascending. `useWater` false ignores water links.
 */
export function componentsOf(geo: Geography, members: ArrayLike<number>, useWater = true): number[][] {
  let s = scratchOf.get(geo);
  if (!s) scratchOf.set(geo, (s = { inGroup: new Uint8Array(geo.n), component: new Int32Array(geo.n), queue: new Uint16Array(geo.n) }));
  const { inGroup, component, queue } = s;
  let ascending = true;
  for (let k = 0; k < members.length; k++) {
    inGroup[members[k]] = 1;
    if (k > 0 && members[k] <= members[k - 1]) ascending = false;
  }
  const sizes: number[] = [];
  for (let k = 0; k < members.length; k++) {
    const root = members[k];
    if (component[root]) continue;
    const label = sizes.length + 1;
    let head = 0;
    let tail = 0;
    queue[tail++] = root;
    component[root] = label;
    while (head < tail) {
      const i = queue[head++];
      for (let e = geo.adjOffsets[i]; e < geo.adjOffsets[i + 1]; e++) {
        const j = geo.adjNeighbours[e];
        if (inGroup[j] && !component[j] && (useWater || !geo.adjIsWater[e])) {
          component[j] = label;
          queue[tail++] = j;
        }
      }
    }
    sizes.push(tail);
  }
  // Units in member order fall into their components in ascending order when the members are ascending (as
  // compiled groups are); otherwise each component is sorted.
  const out = sizes.map((n) => new Array<number>(n));
  const fill = new Array<number>(sizes.length).fill(0);
  for (let k = 0; k < members.length; k++) {
    const i = members[k];
    const c = component[i] - 1;
    if (c >= 0) {
      out[c][fill[c]++] = i;
      component[i] = 0;
    }
    inGroup[i] = 0;
  }
  if (!ascending) for (const units of out) units.sort((a, b) => a - b);
  if (out.length < 2) return out;
  const pops = out.map((units) => {
    let pop = 0;
    for (const i of units) pop += geo.population[i];
    return pop;
  });
  const order = out.map((_, c) => c).sort((a, b) => pops[b] - pops[a] || out[a][0] - out[b][0]);
  return order.map((c) => out[c]);
}
