/** JSON.parse for imported files: a syntax error becomes an ImportError at its line and column. */
import { ImportError } from '../errors.ts';
import { findJsonSyntaxError } from './jsonError.ts';

export function parseJsonForImport(text: string, prefix = ''): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    const p = findJsonSyntaxError(text);
    const issue = p ? { line: p.line, column: p.column, message: `malformed JSON: ${p.message}` } : { message: 'malformed JSON' };
    throw new ImportError([issue], prefix);
  }
}
