/**
 * How many April 2019 CCGs a group touches, in words: "7 CCGs (1 in part)". On a unit set finer than the CCG a
 * group may hold only part of a CCG; `ccgParts` counts those (always 0 on ccg-2019, where this reads "7 CCGs").
 * Here "CCG" names the 2019 CCGs themselves, not the unit set's units.
 */
export function ccgCountText(m: { ccgCount: number; ccgParts: number }): string {
  const whole = `${m.ccgCount} ${m.ccgCount === 1 ? 'CCG' : 'CCGs'}`;
  return m.ccgParts > 0 ? `${whole} (${m.ccgParts} in part)` : whole;
}
