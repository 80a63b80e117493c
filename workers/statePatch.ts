/**
 * States cross the worker boundary as patches against the previous state the worker sent, so an edit clones
 * only what changed (typically two systems' metrics, a few labels, the findings and 191 colour bytes) instead of
 * every metric, label and the whole scenario. The main thread rebuilds the full `State` from its previous one:
 * whatever did not change keeps its object identity, so painters and panels can skip it with `===`.
 *
 * Encoding, recursively up to a small depth:
 * - the same value (by identity, or equal contents for typed arrays and arrays of primitives): `SAME`;
 * - an array of objects: one entry per element, the index of an equal element of the previous array (JSON
 *   equality, computed in the worker only; within the scenario, identity) or the new element itself, wrapped in a
 *   one-element array;
 * - a plain object: one entry per key (a key the previous object lacked is sent whole; a key the new one
 *   lacks is `ABSENT`);
 * - anything else: the value itself.
 * The worker keeps the previous state it sent; the main thread checks that each patch is against the state it
 * holds (`base`), so a lost or reordered patch is an error, never a silently wrong map.
 */
import type { State } from './api.ts';

export type Enc =
  | { s: 1 } // same
  | { x: 1 } // absent
  | { v: unknown } // whole value
  | { a: (number | [unknown])[] } // array by element
  | { o: Record<string, Enc> }; // object by key

export interface StatePatch {
  /** `seq` of the state this patch applies to (0: none, the patch is whole). */
  base: number;
  enc: Enc;
  /** Worker-side timings (ms) and size, for the browser bench. */
  meta: { engineMs: number; encodeMs: number };
}

const SAME: Enc = { s: 1 };
const ABSENT: Enc = { x: 1 };
const DEPTH = 3;

type TypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;
const isTyped = (v: unknown): v is TypedArray => ArrayBuffer.isView(v) && !(v instanceof DataView);
const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !isTyped(v);
const isPrimitive = (v: unknown) => v === null || typeof v !== 'object';

function sameTyped(a: TypedArray, b: TypedArray): boolean {
  if (a.constructor !== b.constructor || a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/**
 * Parts of a state whose objects are never rebuilt unchanged: the scenario (its operations share every group they
 * do not touch), so a new object there is a changed one and is sent without working out its JSON (at 32,844 LSOAs,
 * a changed group's unit list is tens of kB of text).
 */
const BY_IDENTITY = new Set(['scenario']);

/** An array by element: each element of `next` as the index of the first element of `prev` with the same key, or itself. */
function byElement(prev: readonly unknown[], next: readonly unknown[], key: (x: unknown) => unknown): Enc {
  const at = new Map<unknown, number>();
  prev.forEach((x, k) => {
    const t = key(x);
    if (!at.has(t)) at.set(t, k);
  });
  let same = prev.length === next.length;
  const a = next.map((x, k) => {
    const j = at.get(key(x));
    if (j === undefined) {
      same = false;
      return [x] as [unknown];
    }
    if (j !== k) same = false;
    return j;
  });
  return same ? SAME : { a };
}

const identity = (x: unknown) => x;

/** Worker side. `json` memoises JSON text per object (objects are immutable once sent). */
export function createEncoder() {
  const texts = new WeakMap<object, string>();
  const json = (v: unknown): string => {
    if (isPrimitive(v)) return JSON.stringify(v) ?? 'undefined';
    const o = v as object;
    let t = texts.get(o);
    if (t === undefined) texts.set(o, (t = JSON.stringify(o)));
    return t;
  };

  function enc(prev: unknown, next: unknown, depth: number, byIdentity = false): Enc {
    if (prev === next) return SAME;
    if (isTyped(next)) return isTyped(prev) && sameTyped(prev, next) ? SAME : { v: next.slice() };
    if (Array.isArray(next) && Array.isArray(prev) && depth > 0) {
      if (next.every(isPrimitive)) return prev.length === next.length && next.every((x, k) => x === prev[k]) ? SAME : { v: next };
      return byElement(prev, next, byIdentity ? identity : json);
    }
    if (isPlain(next) && isPlain(prev) && depth > 0) {
      const o: Record<string, Enc> = {};
      let same = true;
      for (const key of Object.keys(next)) {
        const e = key in prev ? enc(prev[key], next[key], depth - 1, byIdentity || (depth === DEPTH && BY_IDENTITY.has(key))) : { v: next[key] };
        if (e !== SAME) same = false;
        o[key] = e;
      }
      for (const key of Object.keys(prev)) {
        if (!(key in next)) {
          o[key] = ABSENT;
          same = false;
        }
      }
      return same ? SAME : { o };
    }
    return { v: next };
  }

  let last: State | undefined;
  return {
    /** The patch from the last state encoded to `next` (whole when there is none). */
    encode(next: State, engineMs = 0): StatePatch {
      const t0 = performance.now();
      const base = last?.seq ?? 0;
      const e = last ? enc(last, next, DEPTH) : { v: next };
      last = next;
      return { base, enc: e, meta: { engineMs, encodeMs: performance.now() - t0 } };
    },
    /** Forget the last state (a new bundle: the next patch is whole). */
    reset() {
      last = undefined;
    },
  };
}

function dec(prev: unknown, e: Enc): unknown {
  if ('s' in e) return prev;
  if ('v' in e) return e.v;
  if ('a' in e) {
    const p = prev as unknown[];
    return e.a.map((x) => (typeof x === 'number' ? p[x] : x[0]));
  }
  if ('o' in e) {
    const p = prev as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(p)) if (!(key in e.o)) out[key] = p[key];
    for (const [key, x] of Object.entries(e.o)) if (!('x' in x)) out[key] = dec(p[key], x);
    return out;
  }
  throw new Error('state patch: unknown encoding');
}

/** Main-thread side: the state `patch` describes, given the state it was made against. */
export function applyPatch(prev: State | null | undefined, patch: StatePatch): State {
  const have = prev?.seq ?? 0;
  if (patch.base !== 0 && patch.base !== have) throw new Error(`state patch against state ${patch.base}, but the last state received is ${have}`);
  return dec(patch.base === 0 ? undefined : prev, patch.enc) as State;
}

/** The typed arrays a patch carries (to transfer rather than copy). */
export function patchBuffers(e: Enc, out: ArrayBuffer[] = []): ArrayBuffer[] {
  // Only the copies made by the encoder: a whole state's arrays are still the encoder's `last`.
  if ('v' in e && isTyped(e.v) && e.v !== undefined) out.push(e.v.buffer as ArrayBuffer);
  else if ('o' in e) for (const x of Object.values(e.o)) patchBuffers(x, out);
  return out;
}
