/**
 * The bench's move of a few units on a system border, to a neighbouring system and back, alternately (rows d and
 * g of `npm run bench`, and movePhases.ts). `before` is untimed: it makes the next scenario and evicts the two
 * changed systems from the evaluator's caches. Their signatures (home and away) are worked out once, from other
 * copies of the scenarios, because working them out on the next scenario itself would compile its groups there
 * and leave that work out of the timed step. `step` evaluates the new scenario (metrics, summary, findings) and
 * dissolves the systems' footprints; it returns a number for the caller's sink, so nothing is optimised away.
 */
import type { Geography } from '../../engine/geography.ts';
import { Evaluator } from '../../engine/evaluate.ts';
import { signatureOf } from '../../engine/partition.ts';
import { assignUnits, type ScenarioV1 } from '../../engine/scenario.ts';

export interface MoveAndBack {
  before: () => void;
  step: () => number;
}

export function moveAndBack(geo: Geography, start: ScenarioV1, codes: readonly string[], away: string): MoveAndBack {
  const homeOf = (s: ScenarioV1) => s.systems.find((g) => g.units.includes(codes[0]))!.id;
  const home = homeOf(start);
  const changed = (s: ScenarioV1) => s.systems.filter((g) => g.id === home || g.id === away).map((g) => signatureOf([...g.units], geo));
  const signatures = { [home]: changed(start), [away]: changed(assignUnits(start, codes, away)) };
  const evaluator = new Evaluator(geo);
  evaluator.evaluate(start);
  evaluator.footprints('systems');
  let current = start;
  let next = start;
  return {
    before() {
      const to = homeOf(current) === home ? away : home;
      next = assignUnits(current, codes, to);
      evaluator.evict(signatures[to]);
    },
    step() {
      const ev = evaluator.evaluate(next);
      current = next;
      return ev.findings.length + evaluator.footprints('systems').length;
    },
  };
}
