/**
 * States cross the worker boundary as patches against the previous state the worker sent, so an edit clones
 * only what changed (typically two systems' metrics, a few labels, the findings and 191 colour bytes) instead of
 * every metric, label and the whole scenario. The main thread rebuilds the full `State` from its previous one:
 * whatever did not change keeps its object identity, so painters and panels can skip it with `===`.
 *
 * Encoding, recursively up to a small depth:
 * - the same value (by identity, or equal contents for typed arrays and arrays of primitives): `SAME`;
 * - a typed array of the same kind and length with few elements changed (an edit's colours, systems and border
 *   bits: a handful of 32,844 units or 98,288 arcs at LSOA level): the changed indices and their values, so neither
 *   side copies, clones or collects the whole array for them;
 * - an array of objects: one entry per element, the index of an equal element of the previous array (equal data,
 *   in place first, then by JSON text, computed in the worker only; within the scenario, identity) or the new
 *   element itself, wrapped in a one-element array;
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
  | { at: Uint32Array; to: TypedArray } // typed array: the elements at indices `at` are now `to`
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
type TypedCtor = new (n: number) => TypedArray;
const isTyped = (v: unknown): v is TypedArray => ArrayBuffer.isView(v) && !(v instanceof DataView);
const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !isTyped(v);
const isPrimitive = (v: unknown) => v === null || typeof v !== 'object';

/** At most this share of a typed array's elements changed: sent as changes, else whole. */
const SPARSE_SHARE = 1 / 8;

/** `next` against `prev` of the same kind and length: SAME, its changed elements, or null when many changed. */
function typedChanges(prev: TypedArray, next: TypedArray): Enc | null {
  const limit = Math.floor(next.length * SPARSE_SHARE);
  const at: number[] = [];
  const size = next.BYTES_PER_ELEMENT;
  // Compared a 32-bit word at a time where the arrays allow (one monomorphic loop over a quarter of the bytes'
  // count for the colours and border bits), element by element only inside a word that differs.
  const words = size <= 4 && next.byteLength % 4 === 0 && prev.byteOffset % 4 === 0 && next.byteOffset % 4 === 0;
  const per = words ? 4 / size : 1;
  const a = words ? new Uint32Array(prev.buffer, prev.byteOffset, prev.byteLength / 4) : prev;
  const b = words ? new Uint32Array(next.buffer, next.byteOffset, next.byteLength / 4) : next;
  for (let w = 0; w < b.length; w++) {
    if (a[w] === b[w]) continue;
    for (let k = w * per; k < (w + 1) * per; k++) {
      if (prev[k] === next[k]) continue;
      if (at.length === limit) return null;
      at.push(k);
    }
  }
  if (!at.length) return SAME;
  const to = new (next.constructor as TypedCtor)(at.length);
  at.forEach((k, j) => (to[j] = next[k]));
  return { at: Uint32Array.from(at), to };
}

/**
 * Parts of a state whose objects are never rebuilt unchanged: the scenario (its operations share every group they
 * do not touch), so a new object there is a changed one and is sent without working out its JSON (at 32,844 LSOAs,
 * a changed group's unit list is tens of kB of text).
 */
const BY_IDENTITY = new Set(['scenario']);

/**
 * An array by element: each element of `next` as the index of an equal element of `prev`, or itself. Elements are
 * first matched in place (`equal`: most of an edit's findings, organisations and labels are where they were), and
 * only the rest through `key` (JSON text): at LSOA level a finding lists thousands of units, and working out the
 * text of every finding after every edit cost more than the rest of the patch.
 */
function byElement(prev: readonly unknown[], next: readonly unknown[], equal: (a: unknown, b: unknown) => boolean, key: (x: unknown) => unknown): Enc {
  const a: (number | [unknown])[] = new Array(next.length);
  const matched = new Uint8Array(prev.length);
  const rest: number[] = [];
  for (let k = 0; k < next.length; k++) {
    if (k < prev.length && equal(prev[k], next[k])) {
      a[k] = k;
      matched[k] = 1;
    } else rest.push(k);
  }
  if (!rest.length && prev.length === next.length) return SAME;
  if (rest.length) {
    const at = new Map<unknown, number>();
    prev.forEach((x, k) => {
      if (matched[k]) return;
      const t = key(x);
      if (!at.has(t)) at.set(t, k);
    });
    for (const k of rest) a[k] = at.get(key(next[k])) ?? [next[k]];
  }
  return { a };
}

/**
 * Deep equality of plain data as sent (objects, arrays, typed arrays, primitives). Stricter than equal JSON text
 * (a key set to `undefined` counts, NaN is never equal), which can only make a patch send more, never less.
 */
function sameData(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x)) {
    if (!Array.isArray(y) || x.length !== y.length) return false;
    for (let k = 0; k < x.length; k++) if (!sameData(x[k], y[k])) return false;
    return true;
  }
  if (isTyped(x) || isTyped(y)) {
    if (!isTyped(x) || !isTyped(y) || x.constructor !== y.constructor || x.length !== y.length) return false;
    for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return false;
    return true;
  }
  if (Array.isArray(y)) return false;
  const kx = Object.keys(x);
  if (kx.length !== Object.keys(y).length) return false;
  const ox = x as Record<string, unknown>, oy = y as Record<string, unknown>;
  for (const k of kx) if (!(k in oy) || !sameData(ox[k], oy[k])) return false;
  return true;
}

const identity = (x: unknown) => x;
const same = (a: unknown, b: unknown) => a === b;

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
    if (isTyped(next)) {
      const kindOf = isTyped(prev) && prev.constructor === next.constructor && prev.length === next.length;
      return (kindOf && typedChanges(prev, next)) || { v: next.slice() };
    }
    if (Array.isArray(next) && Array.isArray(prev) && depth > 0) {
      if (next.every(isPrimitive)) return prev.length === next.length && next.every((x, k) => x === prev[k]) ? SAME : { v: next };
      return byIdentity ? byElement(prev, next, same, identity) : byElement(prev, next, sameData, json);
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
  if ('at' in e) {
    const out = (prev as TypedArray).slice();
    for (let j = 0; j < e.at.length; j++) out[e.at[j]] = e.to[j];
    return out;
  }
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
  else if ('at' in e) out.push(e.at.buffer as ArrayBuffer, e.to.buffer as ArrayBuffer);
  else if ('o' in e) for (const x of Object.values(e.o)) patchBuffers(x, out);
  return out;
}
