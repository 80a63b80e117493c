/**
 * JSON.parse for imported files: over the size or depth limits (jsonLimits.ts) → an ImportError saying so,
 * before parsing; a syntax error → an ImportError at its line and column.
 */
import { ImportError } from '../errors.ts';
import { findJsonSyntaxError } from './jsonError.ts';
import { JSON_LIMITS, jsonLimitProblem } from './jsonLimits.ts';

export function parseJsonForImport(text: string, prefix = '', maxChars: number = JSON_LIMITS.maxFileChars): unknown {
  const limit = jsonLimitProblem(text, maxChars);
  if (limit) throw new ImportError([limit], prefix);
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    const p = findJsonSyntaxError(text);
    const issue = p ? { line: p.line, column: p.column, message: `malformed JSON: ${p.message}` } : { message: 'malformed JSON' };
    throw new ImportError([issue], prefix);
  }
}
