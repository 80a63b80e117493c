/** Numbers as planners read them: 1,234,567 people, 1.23M, 85.2%. Locale-free so Node and browsers agree. */

/** 1234567 → "1,234,567" (rounded to a whole number). */
export function formatCount(n: number): string {
  const digits = Math.round(Math.abs(n)).toString();
  let s = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let k = s.length; k < digits.length; k += 3) s += `,${digits.slice(k, k + 3)}`;
  return n < 0 && digits !== '0' ? `-${s}` : s;
}

/** 1234567 → "1.23M", 412345 → "412k", 950 → "950". */
export function formatShort(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (a >= 1e4) return `${Math.round(n / 1e3)}k`;
  return formatCount(n);
}

/** (3, 'CCG') → "3 CCGs", (1, 'CCG part', 'CCG parts') → "1 CCG part". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** 0.8523 → "85.2%". */
export function formatShare(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
