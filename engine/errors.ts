/**
 * Errors the engine throws on bad input. Each carries structured locations so the UI can point at the culprit;
 * the `message` is the human summary. Nothing is half-applied when one of these is thrown: operations and
 * importers build a new scenario and only return it when it is whole.
 *
 * Every message is one line of at most MAX_MESSAGE_CHARS: values echoed from the input go through `quoted` (cut
 * with an ellipsis), and the constructors cut whatever is still too long, keeping the start that names the line,
 * field or feature.
 */

/** Longest message an error carries, and longest issue line: a notice over the map or one line on a terminal. */
export const MAX_MESSAGE_CHARS = 300;
/** Longest input value echoed inside a message. */
export const MAX_ECHO_CHARS = 60;

/** `text` cut to `max` characters, the cut marked with an ellipsis; line breaks become spaces (one line). */
export function clip(text: string, max = MAX_MESSAGE_CHARS): string {
  const line = text.replace(/[\r\n]+/g, ' ');
  if (line.length <= max) return line;
  // Do not split a surrogate pair: a lone half would print as a replacement character.
  let end = max - 1;
  const code = line.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${line.slice(0, end)}…`;
}

/** An input value as a message shows it: JSON-quoted (strings in double quotes), cut to `max` characters. */
export function quoted(value: unknown, max = MAX_ECHO_CHARS): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value); // BigInt or a cycle: not from JSON, but say something rather than throw
  }
  return clip(text, max);
}

/** Why an operation refused its arguments. */
export type ScenarioErrorCode =
  | 'unknown-unit'
  | 'unknown-system'
  | 'unknown-organisation'
  | 'unknown-collaboration'
  | 'unknown-baseline'
  | 'locked'
  | 'duplicate-id'
  | 'invalid-argument'
  | 'different-unit-sets';

/** A scenario operation (engine/scenario.ts) was given arguments it cannot apply. */
export class ScenarioError extends Error {
  readonly code: ScenarioErrorCode;
  /** The argument at fault, e.g. `units[2]` or `band.min`, when there is one. */
  readonly path?: string;

  constructor(code: ScenarioErrorCode, message: string, path?: string) {
    super(clip(message));
    this.name = 'ScenarioError';
    this.code = code;
    if (path !== undefined) this.path = path;
  }
}

/** One problem in a scenario file, at a JSON path such as `systems[3].units[7]` (empty for the whole file). */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** One problem in an imported file: at a 1-based line (CSV), at a JSON path (GeoJSON), or in the whole file. */
export interface ImportIssue {
  line?: number;
  /** 1-based, with `line`, when the problem is at one character (JSON syntax). */
  column?: number;
  path?: string;
  message: string;
}

/** How many problems are collected before giving up: enough to fix a file in one pass, not a wall of text. */
export const MAX_ISSUES = 20;
/** How many problems the summary message spells out at most (fewer when they would not fit in one line). */
const SUMMARY_ISSUES = 3;
/** Longest path kept in an issue: paths may hold property names taken from the file. */
const MAX_PATH_CHARS = 120;

export function formatIssue(issue: ValidationIssue | ImportIssue): string {
  const line = 'line' in issue ? issue.line : undefined;
  const column = 'column' in issue && issue.column !== undefined ? `, column ${issue.column}` : '';
  const where = line !== undefined ? `line ${line}${column}` : issue.path;
  return clip(where ? `${where}: ${issue.message}` : issue.message);
}

/** The issue with its path and message cut so that `formatIssue` shows it whole. */
function bounded<I extends ValidationIssue | ImportIssue>(issue: I): I {
  const out = { ...issue };
  if (out.path !== undefined) out.path = clip(out.path, MAX_PATH_CHARS);
  out.message = clip(out.message);
  return out;
}

function summarise(prefix: string, issues: readonly (ValidationIssue | ImportIssue)[]): string {
  const head = clip(prefix, MAX_ECHO_CHARS + 40);
  let shown = '';
  let count = 0;
  for (const issue of issues.slice(0, SUMMARY_ISSUES)) {
    const next = (count === 0 ? '' : `${shown}; `) + formatIssue(issue);
    // The first issue always shows (cut if need be); later ones only when they fit with the "(and n more)" tail.
    if (count > 0 && head.length + next.length + 20 > MAX_MESSAGE_CHARS) break;
    shown = next;
    count++;
  }
  const more = issues.length > count ? ` (and ${issues.length - count} more)` : '';
  const room = MAX_MESSAGE_CHARS - head.length - more.length;
  return `${head}${clip(shown, room)}${more}`;
}

/** A scenario file (JSON) is not a valid `footprints/scenario@1` for this geography. */
export class ScenarioValidationError extends Error {
  readonly issues: ValidationIssue[];

  constructor(issues: ValidationIssue[], prefix = '') {
    const list = issues.map(bounded);
    super(summarise(prefix, list));
    this.name = 'ScenarioValidationError';
    this.issues = list;
  }
}

/** A CSV or GeoJSON file could not be turned into a scenario. */
export class ImportError extends Error {
  readonly issues: ImportIssue[];

  constructor(issues: ImportIssue[], prefix = '') {
    const list = issues.map(bounded);
    super(summarise(prefix, list));
    this.name = 'ImportError';
    this.issues = list;
  }
}
