/**
 * "Split by council": the open scenario moves to the unit set of CCG parts (each 2019 CCG cut by the 2019
 * districts), converted exactly by the engine, so a CCG's parts can be assigned one by one. It goes through the
 * unit-set switch (unitSetSwitch.ts): saved as a new scenario beside the open one, which stays as it was, and the
 * app reopens on it with the split CCG's parts selected.
 */
import type { SwitchRequest } from './unitSetSwitch.ts';

export const PARTS_UNIT_SET = 'ccg-district-2019';

/** Splits unit `code` (a CCG) by council; resolves false, changing nothing, when the engine refuses. */
export function createSplitByCouncil(switchTo: (req: SwitchRequest) => Promise<boolean>): (code: string) => Promise<boolean> {
  return (code) => switchTo({
    to: PARTS_UNIT_SET,
    doing: 'split by council',
    name: (n) => `${n} (split by council)`,
    select: (s) => s.systems.flatMap((m) => m.units).filter((u) => u.startsWith(`${code}_`)),
  });
}
