/** Command-line parsing on node:util parseArgs: the options every command takes, and usage checks (exit 2). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.ts';

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | undefined>;

/** Taken by every command. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  verbose: { type: 'boolean' },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  errors: { type: 'string' },
  units: { type: 'string' },
} as const satisfies Options;

export const COMMON_HELP = `Common options:
  -o, --output FILE   write to FILE (atomically) instead of standard output; - is standard output
  --format FORMAT     output format (see above); json and jsonl also make errors JSON
  --errors text|json  errors on stderr as text lines (default) or one JSON object per line
  --units UNITSET     the unit set: ccg-2019 (default, the 191 CCGs of April 2019), ccg-district-2019 (each CCG
                      cut by the 2019 districts) or lsoa-2011 (32,844 LSOAs); a scenario on another unit set is
                      refused (footprints convert moves it)
  --verbose           progress on stderr (quiet by default)
  -h, --help          this help`;

/** Parses a command's arguments; a parse failure (unknown flag, missing value) is a usage error. */
export function parseCommandArgs(argv: string[], options: Options): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
    return { values: values as Values, positionals };
  } catch (e) {
    // Node's own text goes on about '--' after its first sentence: keep the first.
    throw new UsageError((e as Error).message.replace(/^(.*?\.) .*$/s, '$1'));
  }
}

/** Whether errors should be JSON, read from the raw arguments so that even a usage error can be JSON. */
export function wantsJsonErrors(argv: readonly string[]): boolean {
  const value = (flag: string) => {
    let last: string | undefined;
    argv.forEach((a, k) => {
      if (a === flag) last = argv[k + 1];
      else if (a.startsWith(`${flag}=`)) last = a.slice(flag.length + 1);
    });
    return last;
  };
  const errors = value('--errors');
  if (errors !== undefined) return errors === 'json';
  const format = value('--format');
  return format === 'json' || format === 'jsonl';
}

export function oneOf<T extends string>(value: string | boolean | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not "${String(value)}"`);
  }
  return value as T;
}

export function stringValue(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** Checks the number of positional arguments. */
export function expectCount(args: readonly string[], min: number, max: number, what: string): void {
  if (args.length >= min && args.length <= max) return;
  const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
  throw new UsageError(`${what}: expected ${want} argument${/(^|[^0-9])1$/.test(want) ? '' : 's'}, got ${args.length}`);
}

/** `-` (standard input) can be read once only. */
export function checkStdinOnce(refs: readonly string[]): void {
  if (refs.filter((r) => r === '-').length > 1) throw new UsageError('- (standard input) can be given only once');
}
