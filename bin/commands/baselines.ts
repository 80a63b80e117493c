import type { Command } from '../command.ts';
import { expectCount, oneOf, stringValue } from '../args.ts';
import { writeReported } from '../output.ts';
import { formatCount } from '../../engine/format.ts';

export const baselines: Command = {
  name: 'baselines',
  summary: 'the baseline scenarios on a unit set (use them as baseline:NAME)',
  help: `footprints baselines [--units UNITSET] [--format text|json] [-o FILE]

Lists the baseline scenarios on the unit set (default ccg-2019), one per line: baseline:NAME, the number of
systems and of organisations, and the name (tab-separated). A baseline that cannot be exact on the unit set (ICB
2022 on whole CCGs) is followed by one indented line per unit it splits, with the people in each part.
--format json gives an array of {id, name, systems, organisations, exact, splits}.

Examples:
  footprints baselines
  footprints baselines --units ccg-district-2019 --format json`,
  options: {},
  run(ctx) {
    expectCount(ctx.args, 0, 0, 'baselines');
    const format = oneOf(ctx.values.format, ['text', 'json'] as const, '--format', 'text');
    // Only the descriptor's baselines are needed: no geography is built.
    const bundle = ctx.data.bundle();
    const list = Object.entries(bundle.baselines).map(([id, s]) => {
      const splits = bundle.baselineSplits?.[id] ?? [];
      return { id: `baseline:${id}`, name: s.name, systems: s.systems.length, organisations: s.organisations.length, exact: splits.length === 0, splits };
    });
    const text =
      format === 'json'
        ? JSON.stringify(list, null, 2)
        : list
            .flatMap((b) => [
              `${b.id}\t${b.systems} systems\t${b.organisations} organisations\t${b.name}${b.exact ? '' : `\tnot exact on ${bundle.unitSet}: ${b.splits.length} ${b.splits.length === 1 ? bundle.noun.one : bundle.noun.many} split`}`,
              ...b.splits.map((u) => `  ${u.unitName} (${u.unit}): ${u.parts.map((p, k) => `${formatCount(p.population)} in ${p.groupName}${k === 0 ? ' (placed there)' : ''}`).join(', ')}`),
            ])
            .join('\n');
    writeReported(ctx, text, stringValue(ctx.values, 'output'));
  },
};
