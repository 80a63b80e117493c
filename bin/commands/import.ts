import type { Command } from '../command.ts';
import { checkStdinOnce, expectCount, oneOf, stringValue } from '../args.ts';
import { eachScenario } from '../inputs.ts';
import { writeOutput } from '../io.ts';
import { targetsFor } from '../targets.ts';
import { withProvenance } from '../../engine/io/provenance.ts';

export const importCommand: Command = {
  name: 'import',
  summary: 'an assignments CSV or a GeoJSON as scenario JSON, one file per input',
  help: `footprints import FILE... [-o FILE|FOLDER]

Reads each file (an assignments CSV with a unit code column and system / organisation columns, a GeoJSON of units
with a group property or of systems, or a scenario JSON) and writes the scenario JSON, checked against the bundle.

One input goes to standard output or to -o FILE; several need -o FOLDER (made if missing), each written as
FOLDER/NAME.scenario.json where NAME is the input's file name without its extension (- gives stdin). A bad file
is reported on stderr by name and the others are still written (exit code 1 at the end).

Examples:
  footprints import assignments.csv -o my-scenario.json
  footprints import drafts/*.csv -o scenarios/`,
  options: {},
  run(ctx) {
    expectCount(ctx.args, 1, Infinity, 'import');
    checkStdinOnce(ctx.args);
    oneOf(ctx.values.format, ['json'] as const, '--format', 'json');
    const targets = targetsFor(ctx.args, stringValue(ctx.values, 'output'), 'scenario.json', 'import');
    eachScenario(ctx, ctx.args, (_ref, scenario, k) => writeOutput(JSON.stringify(withProvenance(scenario, ctx.data.bundle()), null, 2), targets[k]));
  },
};
