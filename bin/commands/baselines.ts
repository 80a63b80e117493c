import type { Command } from '../command.ts';
import { expectCount, oneOf, stringValue } from '../args.ts';
import { writeReported } from '../output.ts';

export const baselines: Command = {
  name: 'baselines',
  summary: 'the baseline scenarios in the bundle (use them as baseline:NAME)',
  help: `footprints baselines [--format text|json] [-o FILE]

Lists the baseline scenarios shipped in the bundle, one per line: baseline:NAME, the number of systems and of
organisations, and the name (tab-separated). --format json gives an array of {id, name, systems, organisations}.`,
  options: {},
  run(ctx) {
    expectCount(ctx.args, 0, 0, 'baselines');
    const format = oneOf(ctx.values.format, ['text', 'json'] as const, '--format', 'text');
    // Only the bundle's baselines are needed: no geography is built.
    const list = Object.entries(ctx.data.bundle().baselines).map(([id, s]) => ({
      id: `baseline:${id}`,
      name: s.name,
      systems: s.systems.length,
      organisations: s.organisations.length,
    }));
    const text =
      format === 'json'
        ? JSON.stringify(list, null, 2)
        : list.map((b) => `${b.id}\t${b.systems} systems\t${b.organisations} organisations\t${b.name}`).join('\n');
    writeReported(ctx, text, stringValue(ctx.values, 'output'));
  },
};
