import type { Command } from '../command.ts';
import { checkStdinOnce, expectCount, oneOf, stringValue } from '../args.ts';
import { eachScenario, readScenario } from '../inputs.ts';
import { BatchOutput } from '../output.ts';
import { compareScenarios } from '../../engine/compare.ts';
import { withProvenance } from '../../engine/io/provenance.ts';
import { comparisonCsv } from '../../engine/io/compareCsv.ts';

export const compare: Command = {
  name: 'compare',
  summary: 'what moved between two scenarios, or between one reference and many',
  help: `footprints compare SCENARIO_A SCENARIO_B [--format json|jsonl|csv] [-o FILE]
footprints compare --against REFERENCE SCENARIO... [--format json|jsonl|csv] [-o FILE]

Compares scenario B with scenario A: the units that moved, the from→to population matrix, systems matched by
overlap, similarity scores and the change of every metric. With --against, each SCENARIO is compared with the
one REFERENCE (a file, - or baseline:NAME), which is read once.

  --against REF   the reference (A) for every scenario given
  --format json   (default) one comparison: one JSON object; several: a JSON array, each with "input"
  --format jsonl  one JSON object per line, each with "input"
  --format csv    one table with a leading "scenario" column (the compared input as typed)

A bad scenario is reported on stderr by name and the others still run (exit code 1 at the end); a bad reference
stops the call (exit code 1).

Examples:
  footprints compare baseline:stp-2019 baseline:icb-2022
  footprints compare --against baseline:stp-2019 plans/*.json --format csv -o changes.csv`,
  options: { against: { type: 'string' } },
  run(ctx) {
    const against = stringValue(ctx.values, 'against');
    if (against === undefined) expectCount(ctx.args, 2, 2, 'compare (or give --against REFERENCE)');
    else expectCount(ctx.args, 1, Infinity, 'compare --against');
    const reference = against ?? ctx.args[0];
    const others = against === undefined ? ctx.args.slice(1) : ctx.args;
    checkStdinOnce([reference, ...others]);
    const format = oneOf(ctx.values.format, ['json', 'jsonl', 'csv'] as const, '--format', 'json');
    let a;
    try {
      a = readScenario(ctx, reference);
    } catch (e) {
      if (ctx.report.input(e, reference)) return;
      throw e;
    }
    const out = new BatchOutput(ctx, format, others.length === 1);
    eachScenario(ctx, others, (ref, b) => {
      const c = compareScenarios(ctx.data.geography(), a, b);
      out.add(ref, (f) => (f === 'csv' ? comparisonCsv(c, ctx.data.bundle()) : withProvenance(c, ctx.data.bundle())));
    });
    out.write();
  },
};
