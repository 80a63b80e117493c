/**
 * `footprints`: the engine, headless, for analysts. This file dispatches to one module per command in
 * bin/commands/; a new command is a file there and a line in COMMANDS.
 *
 * Exit codes: 0 all went well; 1 bad input (a file missing, unreadable, malformed or invalid, an output that
 * could not be written; in a batch the other inputs still ran); 2 usage (unknown command or flag, wrong arguments:
 * nothing was read); 3 the bundle could not be made current, or a bug in footprints; 130 generate stopped by
 * Ctrl+C (its best plans so far written).
 *
 * bin/footprints.mjs runs this compiled into dist/cli.mjs (bin/build-cli.mjs).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from './command.ts';
import { COMMON_HELP, expectCount, oneOf, parseCommandArgs, wantsJsonErrors } from './args.ts';
import { Data, DEFAULT_UNIT_SET, UNIT_SET_IDS } from './data.ts';
import { EXIT, SetupError, UsageError } from './errors.ts';
import { Reporter } from './report.ts';
import { baselines } from './commands/baselines.ts';
import { convertCommand } from './commands/convert.ts';
import { evaluate } from './commands/evaluate.ts';
import { compare } from './commands/compare.ts';
import { exportCommand } from './commands/export.ts';
import { importCommand } from './commands/import.ts';
import { generate } from './commands/generate.ts';
import { BUNDLE_FILE, DIST_DIR, REPO_ROOT } from '../geodata/paths.ts';

const COMMANDS: readonly Command[] = [evaluate, compare, exportCommand, importCommand, convertCommand, baselines, generate];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `footprints: NHS commissioning footprints on the CCGs of April 2019 or finer unit sets (--units)

Usage: footprints COMMAND [options] ARGUMENTS
       footprints COMMAND --help | footprints --help | footprints --version

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

A SCENARIO is a file (scenario JSON, assignments CSV or GeoJSON), - for standard input, or baseline:NAME
(see footprints baselines). Several scenarios run in one call.

Exit codes: 0 ok; 1 bad input (reported by name, the other inputs still run); 2 usage; 3 the bundle could not
be built, or a bug; 130 generate stopped by Ctrl+C (the best plans so far written).`;
}

/** `footprints 0.1.0 (bundle inputs <sha256>)`: the package and the data this call would use. */
function version(json: boolean): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  let inputsHash: string | null = null;
  try {
    inputsHash = (JSON.parse(readFileSync(join(DIST_DIR, BUNDLE_FILE), 'utf8')) as { inputsHash?: string }).inputsHash ?? null;
  } catch {
    // Not built yet: say so rather than build it for a version query.
  }
  if (json) return JSON.stringify({ version: pkg.version, bundleInputsHash: inputsHash });
  return `footprints ${pkg.version} (bundle inputs ${inputsHash ?? 'not built yet: the first command builds it'})`;
}

function run(argv: string[], report: Reporter, out: (text: string) => void): number | Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--version') {
    const { values, positionals } = parseCommandArgs(rest, {});
    expectCount(positionals, 0, 0, '--version');
    out(version(oneOf(values.format, ['text', 'json'] as const, '--format', 'text') === 'json') + '\n');
    return EXIT.ok;
  }
  if (first === undefined || first === '--help' || first === '-h') {
    out(usage() + '\n');
    return EXIT.ok;
  }
  if (first === 'help') {
    const cmd = rest.length ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    if (rest.length && !cmd) throw new UsageError(`unknown command "${rest[0]}"; the commands are: ${COMMANDS.map((c) => c.name).join(', ')}`);
    out((cmd ? `${cmd.help}\n\n${COMMON_HELP}` : usage()) + '\n');
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (!command) {
    const what = first.startsWith('-') ? `give a command before options (got ${first})` : `unknown command "${first}"`;
    throw new UsageError(`${what}; the commands are: ${COMMANDS.map((c) => c.name).join(', ')}`);
  }
  const { values, positionals } = parseCommandArgs(rest, command.options);
  if (values.help) {
    out(`${command.help}\n\n${COMMON_HELP}\n`);
    return EXIT.ok;
  }
  const units = oneOf(values.units, UNIT_SET_IDS, '--units', DEFAULT_UNIT_SET);
  const ctx = { args: positionals, values, report, data: new Data(report, units) };
  const exitCode = (chosen: number | void) => (typeof chosen === 'number' ? chosen : report.failed ? EXIT.badInput : EXIT.ok);
  const result = command.run(ctx);
  return result instanceof Promise ? result.then(exitCode) : exitCode(result);
}

/** One line for what went wrong, and the exit code it means. */
function failure(e: unknown, argv: string[], report: Reporter): number {
  const err = e as Error;
  if (e instanceof UsageError) {
    const command = COMMANDS.find((c) => c.name === argv[0]);
    const hint = command ? `footprints ${command.name} --help` : 'footprints --help';
    report.print([{ message: err.message, code: 'usage' }], `${err.message} (see ${hint})`);
    return EXIT.usage;
  }
  if (e instanceof SetupError) {
    report.print([{ message: err.message, code: 'setup' }], err.message);
    return EXIT.failed;
  }
  if (report.input(e)) return EXIT.badInput;
  // A bug: still one line, but say so (with --verbose, the stack).
  report.print([{ message: err?.message ?? String(e), code: 'internal' }], `internal error (a bug in footprints): ${err?.message ?? String(e)}`);
  report.info(err?.stack ?? '');
  return EXIT.failed;
}

/** Runs a call; a promise only for a command that runs asynchronously (generate). */
export function main(argv: string[]): number | Promise<number> {
  const report = new Reporter(wantsJsonErrors(argv), argv.includes('--verbose'));
  try {
    const code = run(argv, report, (text) => process.stdout.write(text));
    return code instanceof Promise ? code.catch((e: unknown) => failure(e, argv, report)) : code;
  } catch (e) {
    return failure(e, argv, report);
  }
}
