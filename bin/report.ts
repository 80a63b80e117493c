/**
 * What the user sees besides the output: errors (one line each, or one JSON object each with `--format json`),
 * and progress lines only with `--verbose`. Quiet by default, so scripts see nothing on stderr when all went well.
 */
import { ImportError, ScenarioError, ScenarioValidationError } from '../engine/errors.ts';
import { InputError, type Where } from './errors.ts';

export interface ErrorRecord extends Where {
  message: string;
  code: string;
}

export class Reporter {
  /** Set once an input error has been reported: the call ends with exit code 1. */
  failed = false;

  constructor(
    readonly json: boolean,
    readonly verbose: boolean,
    private readonly stderr: (text: string) => void = (t) => process.stderr.write(t),
  ) {}

  /** A progress line, shown with --verbose only. */
  info(text: string): void {
    if (this.verbose) this.stderr(`footprints: ${text.trimEnd()}\n`);
  }

  /** A line the user should see whatever --verbose says (e.g. what a conversion had to decide). */
  notice(text: string): void {
    this.stderr(`footprints: ${text.trimEnd()}\n`);
  }

  /** One JSON document on a line of its own on stderr (a report beside output written to stdout). */
  jsonLine(doc: object): void {
    this.stderr(JSON.stringify(doc) + '\n');
  }

  /** Prints records as one line of text each, or one JSON object per line. */
  print(records: ErrorRecord[], text: string): void {
    if (this.json) for (const r of records) this.stderr(JSON.stringify(r) + '\n');
    else this.stderr(`footprints: ${text}\n`);
  }

  /**
   * Reports a bad input (`file` is the input as typed, if the error concerns one) and marks the call failed.
   * Returns false, reporting nothing, when `e` is not an input error: the caller rethrows it.
   */
  input(e: unknown, file?: string): boolean {
    const records = inputRecords(e, file);
    if (!records) return false;
    this.failed = true;
    const message = (e as Error).message;
    const name = file === '-' ? 'standard input' : file;
    this.print(records, name === undefined || message.includes(name) ? message : `${name}: ${message}`);
    return true;
  }
}

/** The structured form of an input error, one record per problem; null when `e` is no input error. */
export function inputRecords(e: unknown, file?: string): ErrorRecord[] | null {
  const at = (w: Where): Where => {
    const out: Where = {};
    const f = w.file ?? file;
    if (f !== undefined) out.file = f;
    if (w.line !== undefined) out.line = w.line;
    if (w.column !== undefined) out.column = w.column;
    if (w.field) out.field = w.field;
    return out;
  };
  if (e instanceof InputError) return [{ ...at(e.where), message: e.message, code: e.code }];
  if (e instanceof ImportError) {
    return e.issues.map((i) => ({ ...at({ line: i.line, column: i.column, field: i.path }), message: i.message, code: 'bad-file' }));
  }
  if (e instanceof ScenarioValidationError) {
    return e.issues.map((i) => ({ ...at({ field: i.path }), message: i.message, code: 'invalid-scenario' }));
  }
  if (e instanceof ScenarioError) return [{ ...at({ field: e.path }), message: e.message, code: e.code }];
  return null;
}
