/**
 * Errors the engine throws on bad input. Each carries structured locations so the UI can point at the culprit;
 * the `message` is the human summary. Nothing is half-applied when one of these is thrown: operations and
 * importers build a new scenario and only return it when it is whole.
 */

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
    super(message);
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
/** How many problems the summary message spells out. */
const SUMMARY_ISSUES = 3;

export function formatIssue(issue: ValidationIssue | ImportIssue): string {
  const line = 'line' in issue ? issue.line : undefined;
  const column = 'column' in issue && issue.column !== undefined ? `, column ${issue.column}` : '';
  const where = line !== undefined ? `line ${line}${column}` : issue.path;
  return where ? `${where}: ${issue.message}` : issue.message;
}

function summarise(prefix: string, issues: readonly (ValidationIssue | ImportIssue)[]): string {
  const shown = issues.slice(0, SUMMARY_ISSUES).map(formatIssue).join('; ');
  const more = issues.length > SUMMARY_ISSUES ? ` (and ${issues.length - SUMMARY_ISSUES} more)` : '';
  return `${prefix}${shown}${more}`;
}

/** A scenario file (JSON) is not a valid `footprints/scenario@1` for this geography. */
export class ScenarioValidationError extends Error {
  readonly issues: ValidationIssue[];

  constructor(issues: ValidationIssue[], prefix = '') {
    super(summarise(prefix, issues));
    this.name = 'ScenarioValidationError';
    this.issues = issues;
  }
}

/** A CSV or GeoJSON file could not be turned into a scenario. */
export class ImportError extends Error {
  readonly issues: ImportIssue[];

  constructor(issues: ImportIssue[], prefix = '') {
    super(summarise(prefix, issues));
    this.name = 'ImportError';
    this.issues = issues;
  }
}
