import type { Command, Context } from '../command.ts';
import { checkStdinOnce, expectCount, oneOf, stringValue } from '../args.ts';
import { UNIT_SET_IDS } from '../data.ts';
import { InputError } from '../errors.ts';
import { BASELINE_PREFIX, readScenario, readScenarioText, shownName } from '../inputs.ts';
import { readInput, writeOutput } from '../io.ts';
import { targetsFor } from '../targets.ts';
import { convert, type ConvertReport, type ConvertSplit } from '../../engine/convert.ts';
import { formatCount } from '../../engine/format.ts';
import { withProvenance } from '../../engine/io/provenance.ts';
import { LEGACY_UNIT_SET, scenarioUnitSet } from '../../engine/io/validate.ts';
import { UNIT_SETS } from '../../engine/bundle.ts';

/** Baselines are exact on the finest unit set, so a baseline converts from there unless --from says otherwise. */
const FINEST = UNIT_SETS[UNIT_SETS.length - 1];

/**
 * The unit set a file is on: the `unitSet` a scenario JSON (or our GeoJSON export's scenario) names; files that
 * name none (assignments CSV, foreign GeoJSON, scenarios saved before unit sets) are on ccg-2019.
 */
function unitSetOfText(text: string): string {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return LEGACY_UNIT_SET; // CSV, or broken JSON that the importer will report precisely
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return LEGACY_UNIT_SET;
  const obj = json as Record<string, unknown>;
  const member = obj.footprints as { scenario?: unknown } | undefined;
  const scenario = 'schema' in obj ? obj : typeof member === 'object' && member !== null && typeof member.scenario === 'object' ? member.scenario : obj.scenario;
  if (typeof scenario !== 'object' || scenario === null) return LEGACY_UNIT_SET;
  const id = scenarioUnitSet(scenario as { unitSet?: unknown });
  // An unknown unit set is left to the validator, which names it.
  return typeof id === 'string' && UNIT_SET_IDS.includes(id) ? id : LEGACY_UNIT_SET;
}

/** A split unit's line: the same unit split the same way at several levels is one line. */
interface SplitLine {
  unit: string;
  unitName: string;
  levels: ConvertSplit['level'][];
  parts: ConvertSplit['parts'];
}

function splitLines(report: ConvertReport): SplitLine[] {
  const byKey = new Map<string, SplitLine>();
  for (const s of report.splits) {
    const key = `${s.unit}\u0000${s.parts.map((p) => `${p.groupName}\u0000${p.population}`).join('\u0000')}`;
    const line = byKey.get(key);
    if (line) line.levels.push(s.level);
    else byKey.set(key, { unit: s.unit, unitName: s.unitName, levels: [s.level], parts: s.parts });
  }
  return [...byKey.values()];
}

const partsText = (parts: ConvertSplit['parts']) => parts.map((p) => `${formatCount(p.population)} in ${p.groupName}`).join(', ');

function reportConversion(ctx: Context, ref: string, report: ConvertReport, json: boolean): void {
  if (json) {
    ctx.report.jsonLine({ input: ref, ...report });
    return;
  }
  for (const l of splitLines(report)) {
    const total = l.parts.reduce((a, p) => a + p.population, 0);
    // A collaboration keeps a unit when most of its people are in it; systems and organisations take it whole.
    const placed = l.levels.length === 1 && l.levels[0] === 'collaborations' ? (2 * l.parts[0].population > total ? 'kept in it' : 'left out of it') : `placed in ${l.parts[0].groupName}`;
    ctx.report.notice(`${shownName(ref)}: ${l.unitName} (${l.unit}) is split in ${l.levels.join(' and ')}: ${partsText(l.parts)}; ${placed}`);
  }
}

export const convertCommand: Command = {
  name: 'convert',
  summary: 'a scenario moved to another unit set (exact to a finer one, every split reported to a coarser one)',
  help: `footprints convert SCENARIO... --units UNITSET [--from UNITSET] [--strict] [--format text|json] [-o FILE|FOLDER]

Converts each scenario to the unit set --units and writes it as scenario JSON. To a finer unit set the conversion
is exact: each unit's pieces go where it was. To a coarser one each unit goes where most of its people are, and
every unit whose people were in several groups is reported on standard error, one line each with the people in
each group (--format json: one JSON report per input instead). With --strict a conversion that is not exact is
refused (exit code 1) naming the split units, and nothing is written.

A file is read on the unit set it names (files that name none are on ccg-2019); baseline:NAME is read on
lsoa-2011, where every baseline is exact. --from UNITSET reads the input on that unit set instead.

One input goes to standard output or to -o FILE; several need -o FOLDER (made if missing), each written as
FOLDER/NAME.scenario.json.

Examples:
  footprints convert plan.json --units lsoa-2011 -o plan-lsoa.json
  footprints convert baseline:icb-2022 --units ccg-2019 -o icb-2022-ccg.json
  footprints convert plan-lsoa.json --units ccg-2019 --strict -o plan.json`,
  options: { from: { type: 'string' }, strict: { type: 'boolean' } },
  run(ctx) {
    expectCount(ctx.args, 1, Infinity, 'convert');
    checkStdinOnce(ctx.args);
    const format = oneOf(ctx.values.format, ['text', 'json'] as const, '--format', 'text');
    const fromFlag = ctx.values.from === undefined ? undefined : oneOf(ctx.values.from, UNIT_SET_IDS, '--from', LEGACY_UNIT_SET);
    const strict = ctx.values.strict === true;
    const targets = targetsFor(ctx.args, stringValue(ctx.values, 'output'), 'scenario.json', 'convert');
    const to = ctx.data.unitSet;
    for (const [k, ref] of ctx.args.entries()) {
      try {
        let from: string;
        let scenario;
        if (ref.startsWith(BASELINE_PREFIX)) {
          from = fromFlag ?? FINEST;
          scenario = readScenario(ctx, ref, from);
        } else {
          const text = readInput(ref);
          from = fromFlag ?? unitSetOfText(text);
          scenario = readScenarioText(ctx, ref, text, from);
        }
        const result = convert(scenario, ctx.data.geography(from), ctx.data.geography(to));
        const { report } = result;
        if (strict && !report.exact) {
          const units = [...new Map(report.splits.map((s) => [s.unit, s])).values()];
          const noun = ctx.data.bundle(to).noun;
          throw new InputError(
            `cannot convert exactly from ${from} to ${to} (--strict): ${units.length} ${units.length === 1 ? noun.one : noun.many} would be split: ${units.map((s) => `${s.unitName} (${s.unit}) ${s.parts.map((p) => formatCount(p.population)).join(' + ')}`).join('; ')}`,
            'not-exact',
            { file: ref },
          );
        }
        reportConversion(ctx, ref, report, format === 'json');
        writeOutput(JSON.stringify(withProvenance(result.scenario, ctx.data.bundle(to)), null, 2), targets[k]);
        ctx.report.info(`${shownName(ref)}: converted from ${from} to ${to}${report.exact ? ', exactly' : ''}`);
      } catch (e) {
        if (!ctx.report.input(e, ref)) throw e;
      }
    }
  },
};
