/**
 * Code → unit index (the code's position in init.codes), -1 for a code that is not there, as `codes.indexOf`
 * gives it. One Map per codes array, built on first use and shared by every caller.
 */
const indices = new WeakMap<readonly string[], ReadonlyMap<string, number>>();

export function unitIndexOf(codes: readonly string[]): (code: string) => number {
  let byCode = indices.get(codes);
  if (!byCode) {
    const m = new Map<string, number>();
    // The first position wins, as with indexOf.
    codes.forEach((c, i) => {
      if (!m.has(c)) m.set(c, i);
    });
    indices.set(codes, m);
    byCode = m;
  }
  const found = byCode;
  return (code) => found.get(code) ?? -1;
}
