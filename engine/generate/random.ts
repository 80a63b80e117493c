/**
 * The generator's random numbers: pure-rand's xoroshiro128+ (32-bit integer arithmetic only, so the same seed
 * gives the same stream in every JavaScript engine) with its unbiased integer distribution.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';

export type Rng = ReturnType<typeof xoroshiro128plus>;

/** A generator for `seed` (an integer; only its low 32 bits count). Chain `c` of a run jumps `c` times. */
export function seededRng(seed: number, chain = 0): Rng {
  const rng = xoroshiro128plus(seed | 0);
  // Each jump moves 2^64 draws on: chains of one run never share a stretch of the stream.
  for (let c = 0; c < chain; c++) rng.jump();
  return rng;
}

/** A uniform integer in [0, n). */
export function below(rng: Rng, n: number): number {
  return uniformInt(rng, 0, n - 1);
}
