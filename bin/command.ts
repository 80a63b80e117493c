/**
 * One command of the `footprints` tool. A new command is one file in bin/commands/ exporting a Command, plus its
 * line in the list in bin/cli.ts.
 */
import type { Options, Values } from './args.ts';
import type { Data } from './data.ts';
import type { Reporter } from './report.ts';

export interface Context {
  /** The positional arguments after the command's name. */
  args: string[];
  /** Parsed options: the common ones (args.ts) and the command's own. */
  values: Values;
  data: Data;
  report: Reporter;
}

export interface Command {
  name: string;
  /** One line for `footprints --help`. */
  summary: string;
  /** The whole of `footprints NAME --help`, without the common options. */
  help: string;
  /** Options besides the common ones. */
  options: Options;
  /**
   * Does the work; input errors go to ctx.report (the batch carries on), usage errors are thrown. A long command
   * (generate) returns a promise. A number returned is the exit code the command chose (generate after Ctrl+C).
   */
  run(ctx: Context): void | number | Promise<void | number>;
}
