/**
 * `footprints`: the engine, headless, for analysts.
 *
 *   footprints evaluate <scenario> [--format json|csv]
 *   footprints export <scenario> --level systems|organisations|collaborations|units [--format geojson|csv] [-o FILE]
 *   footprints export <scenario> --format scenario [-o FILE]
 *   footprints import <file.csv|file.geojson|file.json> [-o scenario.json]
 *   footprints compare <scenario> <scenario> [--format json|csv]
 *   footprints baselines
 *
 * A <scenario> is a file (scenario JSON, assignments CSV or GeoJSON) or `baseline:NAME`. Output goes to stdout
 * unless -o is given. Bad input: one message on stderr naming the line, field or feature; exit code 1.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { ScenarioV1 } from '../engine/scenario.ts';
import { Geography } from '../engine/geography.ts';
import { scenarioFromBaseline } from '../engine/scenario.ts';
import { importAny } from '../engine/io/geojsonImport.ts';
import { exportGeoJson } from '../engine/io/geojsonExport.ts';
import { exportAssignmentsCsv } from '../engine/io/csv.ts';
import { exportMetricsCsv } from '../engine/io/metricsCsv.ts';
import { evaluateScenario } from '../engine/evaluate.ts';
import { compareScenarios } from '../engine/compare.ts';
import { comparisonCsv } from '../engine/io/compareCsv.ts';
import { evaluationCsv, evaluationJson } from '../engine/io/evaluationOutput.ts';
import { withProvenance } from '../engine/io/provenance.ts';
import { ensureBundle } from '../geodata/ensure.ts';
import { loadBundle } from '../geodata/load.ts';
import { generateCommand } from './commands/generate.ts';

const USAGE = `footprints: NHS commissioning footprints on the CCGs of April 2019

  footprints evaluate <scenario> [--format json|csv]
  footprints export <scenario> --level systems|organisations|collaborations|units [--format geojson|csv] [-o FILE]
  footprints export <scenario> --format scenario [-o FILE]
  footprints import <file.csv|file.geojson|file.json> [-o scenario.json]
  footprints compare <scenario> <scenario> [--format json|csv]
  footprints baselines
  footprints generate <scenario> --steps N --seed S [--band MIN-MAX] [--objective NAME[=WEIGHT],…] [--chains K]
             [--lock ID,…] [--top K] [--keep-organisations] [--within-regions] -o best.json [--ensemble metrics.csv]

A <scenario> is a file or baseline:NAME (see footprints baselines).`;

/** An error whose message is the whole story for the user: printed without a stack trace. */
class UsageError extends Error {}

const LEVELS = ['systems', 'organisations', 'collaborations', 'units'] as const;
type Level = (typeof LEVELS)[number];

function geography(): Geography {
  ensureBundle({ quiet: true });
  return Geography.fromBundle(loadBundle());
}

function readScenario(geo: Geography, ref: string): ScenarioV1 {
  if (ref.startsWith('baseline:')) {
    const id = ref.slice('baseline:'.length);
    if (!geo.bundle.baselines[id]) {
      throw new UsageError(`unknown baseline "${id}"; the baselines are: ${Object.keys(geo.bundle.baselines).join(', ')}`);
    }
    return scenarioFromBaseline(geo.bundle, id);
  }
  let text: string;
  try {
    text = readFileSync(ref, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${ref}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return importAny(text, basename(ref), geo);
  } catch (e) {
    // Importers name the file by its base name; give the path as typed instead.
    const message = (e as Error).message;
    const name = basename(ref);
    throw new UsageError(message.startsWith(`${name}:`) ? `${ref}${message.slice(name.length)}` : `${ref}: ${message}`);
  }
}

function write(out: string, file: string | undefined): void {
  if (file) writeFileSync(file, out.endsWith('\n') ? out : out + '\n');
  else process.stdout.write(out.endsWith('\n') ? out : out + '\n');
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not "${value}"`);
  }
  return value as T;
}

function positionals(args: string[], count: number, command: string): string[] {
  if (args.length !== count) {
    throw new UsageError(`${command} takes ${count} argument${count === 1 ? '' : 's'}, got ${args.length}\n\n${USAGE}`);
  }
  return args;
}

function run(argv: string[]): void {
  const { values, positionals: rest } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      level: { type: 'string' },
      output: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...args] = rest;
  if (values.help || !command || command === 'help') {
    process.stdout.write(USAGE + '\n');
    return;
  }
  const out = values.output;

  switch (command) {
    case 'baselines': {
      positionals(args, 0, 'baselines');
      const geo = geography();
      const lines = Object.entries(geo.bundle.baselines).map(
        ([id, s]) => `baseline:${id}\t${s.systems.length} systems\t${s.organisations.length} organisations\t${s.name}`,
      );
      write(lines.join('\n'), out);
      return;
    }
    case 'evaluate': {
      const [ref] = positionals(args, 1, 'evaluate');
      const format = oneOf(values.format, ['json', 'csv'] as const, '--format', 'json');
      const geo = geography();
      const scenario = readScenario(geo, ref);
      const evaluation = evaluateScenario(geo, scenario);
      write(format === 'csv' ? evaluationCsv(evaluation, geo.bundle) : JSON.stringify(evaluationJson(evaluation, geo.bundle), null, 2), out);
      return;
    }
    case 'export': {
      const [ref] = positionals(args, 1, 'export');
      const format = oneOf(values.format, ['geojson', 'csv', 'scenario'] as const, '--format', 'geojson');
      const geo = geography();
      const scenario = readScenario(geo, ref);
      if (format === 'scenario') {
        if (values.level) throw new UsageError('--format scenario exports the whole scenario; drop --level');
        write(JSON.stringify(withProvenance(scenario, geo.bundle), null, 2), out);
        return;
      }
      if (!values.level) throw new UsageError(`export needs --level ${LEVELS.join('|')}`);
      const level = oneOf<Level>(values.level, LEVELS, '--level', 'systems');
      if (format === 'geojson') {
        write(JSON.stringify(exportGeoJson(geo, scenario, level)), out);
      } else if (level === 'units') {
        write(exportAssignmentsCsv(scenario, geo), out);
      } else {
        write(exportMetricsCsv(evaluateScenario(geo, scenario), level, geo.bundle), out);
      }
      return;
    }
    case 'import': {
      const [file] = positionals(args, 1, 'import');
      const geo = geography();
      const scenario = readScenario(geo, file);
      write(JSON.stringify(withProvenance(scenario, geo.bundle), null, 2), out);
      return;
    }
    case 'compare': {
      const [refA, refB] = positionals(args, 2, 'compare');
      const format = oneOf(values.format, ['json', 'csv'] as const, '--format', 'json');
      const geo = geography();
      const a = readScenario(geo, refA);
      const b = readScenario(geo, refB);
      let comparison;
      try {
        comparison = compareScenarios(geo, a, b);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      write(format === 'csv' ? comparisonCsv(comparison, geo.bundle) : JSON.stringify(withProvenance(comparison, geo.bundle), null, 2), out);
      return;
    }
    default:
      throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
  }
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'generate') {
    const io = { geography, readScenario, writeFile: (f: string, t: string) => writeFileSync(f, t), stdout: process.stdout, stderr: process.stderr };
    return generateCommand(argv.slice(1), { ...io, onInterrupt: (h: () => void) => (process.on('SIGINT', h), () => process.off('SIGINT', h)) });
  }
  try {
    run(argv);
    return 0;
  } catch (e) {
    // parseArgs reports unknown flags with a code; our own UsageErrors carry the full message. Anything else is a
    // bug: still one line, but say so.
    const err = e as Error & { code?: string };
    const known = e instanceof UsageError || err.code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`footprints: ${known ? err.message : `internal error: ${err.message}`}\n`);
    return 1;
  }
}
