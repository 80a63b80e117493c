/**
 * Ensembles: the metrics of every `every`-th plan of a plain ReCom chain (no objective steering it), in one
 * column per metric, so a planner's scenario can be placed among thousands of generated plans.
 *
 * Layout: `columns[m][r]` is metric `m` (in `METRICS` order) of recorded plan `r`, `r < count`; `steps[r]` is the
 * chain step it was recorded at. Capacity is fixed up front; recording allocates nothing.
 */
import { METRICS, type MetricName } from './objectives.ts';

export class Ensemble {
  readonly every: number;
  readonly capacity: number;
  readonly columns: Float64Array[];
  readonly steps: Float64Array;
  count = 0;

  constructor(capacity: number, every: number) {
    this.every = Math.max(1, Math.floor(every));
    this.capacity = Math.max(0, Math.floor(capacity));
    this.columns = METRICS.map(() => new Float64Array(this.capacity));
    this.steps = new Float64Array(this.capacity);
  }

  /** Records `metrics` when `step` is a multiple of `every` and there is room. */
  offer(step: number, metrics: Float64Array): void {
    if (step % this.every !== 0 || this.count >= this.capacity) return;
    const r = this.count++;
    for (let m = 0; m < this.columns.length; m++) this.columns[m][r] = metrics[m];
    this.steps[r] = step;
  }

  values(metric: MetricName): Float64Array {
    return this.columns[METRICS.indexOf(metric)].subarray(0, this.count);
  }
}

export interface Percentile {
  /** Recorded plans with a lower value, an equal value, and in all. */
  below: number;
  equal: number;
  count: number;
  /** below / count: "more coterminous than 93 % of 10,000 generated plans" reads 0.93. */
  share: number;
}

/** Where `value` sits among `values`. */
export function percentileOf(values: ArrayLike<number>, value: number): Percentile {
  let below = 0;
  let equal = 0;
  for (let r = 0; r < values.length; r++) {
    if (values[r] < value) below++;
    else if (values[r] === value) equal++;
  }
  return { below, equal, count: values.length, share: values.length ? below / values.length : 0 };
}
