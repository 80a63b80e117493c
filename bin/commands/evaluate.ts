import type { Command } from '../command.ts';
import { checkStdinOnce, expectCount, oneOf } from '../args.ts';
import { eachScenario } from '../inputs.ts';
import { BatchOutput } from '../output.ts';
import { evaluateScenario } from '../../engine/evaluate.ts';
import { evaluationCsv, evaluationJson } from '../../engine/io/evaluationOutput.ts';

export const evaluate: Command = {
  name: 'evaluate',
  summary: 'metrics and findings of one or more scenarios',
  help: `footprints evaluate SCENARIO... [--format json|jsonl|csv] [-o FILE]

Evaluates each scenario: the population, units, organisations, coterminosity, compactness and running costs of
every system, organisation and collaboration, and the findings (policy checks).

  --format json   (default) one scenario: its evaluation as one JSON object; several: a JSON array of them,
                  each with an "input" member naming the input as typed
  --format jsonl  one JSON object per line, each with "input"
  --format csv    one table: a leading "scenario" column (the input as typed), then a row per system,
                  organisation and collaboration ("level") and an "england" row per scenario

A bad input is reported on stderr by name and the others still run (exit code 1 at the end).

Examples:
  footprints evaluate baseline:stp-2019
  footprints evaluate scenarios/*.json scenarios/*.csv --format csv -o all.csv
  cat plan.json | footprints evaluate - --format jsonl`,
  options: {},
  run(ctx) {
    expectCount(ctx.args, 1, Infinity, 'evaluate');
    checkStdinOnce(ctx.args);
    const format = oneOf(ctx.values.format, ['json', 'jsonl', 'csv'] as const, '--format', 'json');
    const out = new BatchOutput(ctx, format, ctx.args.length === 1);
    eachScenario(ctx, ctx.args, (ref, scenario) => {
      const ev = evaluateScenario(ctx.data.geography(), scenario);
      out.add(ref, (f) => (f === 'csv' ? evaluationCsv(ev, ctx.data.bundle()) : evaluationJson(ev, ctx.data.bundle())));
    });
    out.write();
  },
};
