/** The output of a command over several inputs, in the format asked for, written once at the end. */
import type { Context } from './command.ts';
import { stringValue } from './args.ts';
import { writeOutput } from './io.ts';
import { csvWithScenarioColumn, jsonDocument, jsonLines } from './tables.ts';

export type TableFormat = 'json' | 'jsonl' | 'csv';

/**
 * Collects each input's result (CSV text for --format csv, else an object), then writes them as one document.
 * Results are kept as their output form, not as evaluations, so a batch of hundreds stays small in memory.
 */
export class BatchOutput {
  private readonly parts: { input: string; value: object | string }[] = [];

  constructor(
    private readonly ctx: Context,
    private readonly format: TableFormat,
    private readonly single: boolean,
  ) {}

  /** `result` gives the CSV text or the object, as `format` asks. */
  add(input: string, result: (format: TableFormat) => object | string): void {
    this.parts.push({ input, value: result(this.format) });
  }

  /** Writes to -o or standard output; nothing at all when no input could be read (no empty file left behind). */
  write(): void {
    if (this.parts.length === 0) return;
    const text =
      this.format === 'csv'
        ? csvWithScenarioColumn(this.parts.map((p) => ({ input: p.input, csv: p.value as string })))
        : this.format === 'jsonl'
          ? jsonLines(this.parts as { input: string; value: object }[])
          : jsonDocument(this.parts as { input: string; value: object }[], this.single);
    writeReported(this.ctx, text, stringValue(this.ctx.values, 'output'));
  }
}

/** Writes `text` to `target` (standard output when undefined or `-`); a failure is reported as an input error. */
export function writeReported(ctx: Context, text: string, target: string | undefined): void {
  try {
    writeOutput(text, target);
  } catch (e) {
    if (!ctx.report.input(e)) throw e;
  }
}
