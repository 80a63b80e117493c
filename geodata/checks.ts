/** Loud failure helpers: every failed check throws an Error naming the check and the offending codes or files. */

export class GeodataCheckError extends Error {
  readonly check: string;
  constructor(check: string, detail: string) {
    super(`geodata check "${check}" failed: ${detail}`);
    this.name = 'GeodataCheckError';
    this.check = check;
  }
}

export function fail(check: string, detail: string): never {
  throw new GeodataCheckError(check, detail);
}

const list = (codes: string[], max = 40) =>
  codes.length <= max ? codes.join(', ') : `${codes.slice(0, max).join(', ')} … (${codes.length} in all)`;

/** Fails unless `actual` holds exactly the codes of `expected` (lists the missing and the unexpected codes). */
export function requireSameCodes(check: string, expected: Iterable<string>, actual: Iterable<string>): void {
  const e = new Set(expected);
  const a = new Set(actual);
  const missing = [...e].filter((c) => !a.has(c)).sort();
  const extra = [...a].filter((c) => !e.has(c)).sort();
  if (missing.length || extra.length) {
    fail(check, [missing.length ? `missing ${list(missing)}` : '', extra.length ? `unexpected ${list(extra)}` : ''].filter(Boolean).join('; '));
  }
}

export function requireCount(check: string, actual: number, expected: number, what: string): void {
  if (actual !== expected) fail(check, `expected ${expected} ${what}, found ${actual}`);
}

/** Fails listing every key whose two values differ. */
export function requireEqualBy(check: string, keys: Iterable<string>, a: (k: string) => number, b: (k: string) => number, labels = ['a', 'b']): void {
  const bad: string[] = [];
  for (const k of keys) if (a(k) !== b(k)) bad.push(`${k} (${labels[0]} ${a(k)} ≠ ${labels[1]} ${b(k)})`);
  if (bad.length) fail(check, list(bad, 20));
}

