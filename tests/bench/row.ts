/** One row of the bench's table and of artifacts/bench.json: a figure with its budget (pass null: comparison only). */
export interface BenchRow {
  name: string;
  runs: number;
  medianMs: number;
  p95Ms: number;
  budget: string;
  pass: boolean | null;
}
