/**
 * Scenario inputs as typed on the command line: a file (scenario JSON, assignments CSV, GeoJSON), `-` for standard
 * input, or `baseline:NAME`. Each is read into a validated scenario or fails with an error naming it.
 */
import { basename } from 'node:path';
import type { ScenarioV1 } from '../engine/scenario.ts';
import { scenarioFromBaseline } from '../engine/scenario.ts';
import { importAny } from '../engine/io/geojsonImport.ts';
import { ScenarioValidationError } from '../engine/errors.ts';
import { InputError } from './errors.ts';
import { readInput } from './io.ts';
import type { Context } from './command.ts';

export const BASELINE_PREFIX = 'baseline:';

/** How an input is named in messages: the path as typed, `standard input` for `-`. */
export const shownName = (ref: string): string => (ref === '-' ? 'standard input' : ref);

/**
 * Reads `ref` on the unit set `unitSet` (default: the call's `--units`). A scenario file naming another unit set is
 * refused, with the command that converts it: silently converting could place people in another system.
 */
export function readScenario(ctx: Context, ref: string, unitSet: string = ctx.data.unitSet): ScenarioV1 {
  if (ref.startsWith(BASELINE_PREFIX)) {
    const id = ref.slice(BASELINE_PREFIX.length);
    const bundle = ctx.data.bundle(unitSet);
    if (!Object.prototype.hasOwnProperty.call(bundle.baselines, id)) {
      throw new InputError(`unknown baseline "${id}"; the baselines on ${unitSet} are: ${Object.keys(bundle.baselines).join(', ')}`, 'unknown-baseline', { file: ref });
    }
    return scenarioFromBaseline(bundle, id);
  }
  return readScenarioText(ctx, ref, readInput(ref), unitSet);
}

/** A file's text read as a scenario on `unitSet`; errors name `ref` as typed. */
export function readScenarioText(ctx: Context, ref: string, text: string, unitSet: string): ScenarioV1 {
  // Standard input has no extension: the importer tells JSON from CSV by the first character.
  const name = ref === '-' ? '' : basename(ref);
  try {
    return importAny(text, name, ctx.data.geography(unitSet));
  } catch (e) {
    if (e instanceof ScenarioValidationError && e.issues.some((i) => /(^|\.)unitSet$/.test(i.path) && i.message.includes('another unit set'))) {
      e.message += ` (use --units with its unit set, or convert it: footprints convert ${ref} --units ${unitSet} -o FILE)`;
    }
    // Importers name the file by its base name; give the path as typed instead (the error keeps its issues).
    const err = e as Error;
    if (name && err.message.startsWith(`${name}:`)) err.message = `${ref}${err.message.slice(name.length)}`;
    else err.message = `${shownName(ref)}: ${err.message}`;
    throw err;
  }
}

/**
 * Runs `fn` on each input's scenario in order. An input error (unreadable or invalid file, or `fn` failing on bad
 * input) is reported by the input's name and the next input runs; the call then ends with exit code 1.
 */
export function eachScenario(ctx: Context, refs: readonly string[], fn: (ref: string, scenario: ScenarioV1, index: number) => void): void {
  for (const [index, ref] of refs.entries()) {
    try {
      const scenario = readScenario(ctx, ref);
      fn(ref, scenario, index);
      ctx.report.info(`${shownName(ref)}: done`);
    } catch (e) {
      if (!ctx.report.input(e, ref)) throw e;
    }
  }
}
