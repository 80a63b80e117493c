// Where the compiled command lives and whether it is current. Plain JavaScript, imported by bin/footprints.mjs on
// every call (so it stays tiny) and by bin/build-cli.mjs.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, URL } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI_FILE = join(ROOT, 'dist', 'cli.mjs');
// Every file the compiled command was made from, one line each: path (from ROOT), size, mtime.
export const SOURCES_FILE = join(ROOT, 'dist', 'cli.sources.json');

/** One line of the sources list; `missing` for a file that is gone. */
export function sourceLine(rel) {
  try {
    const s = statSync(join(ROOT, rel));
    return `${rel}\t${s.size}\t${s.mtimeMs}`;
  } catch {
    return `${rel}\tmissing`;
  }
}

/**
 * True when dist/cli.mjs exists and none of its sources changed size or mtime since it was made (a few dozen stat
 * calls). A changed import list always comes with a changed importing file, so the list itself cannot go stale.
 */
export function compiledIsCurrent() {
  let lines;
  try {
    lines = JSON.parse(readFileSync(SOURCES_FILE, 'utf8')).lines;
    statSync(CLI_FILE);
  } catch {
    return false;
  }
  return Array.isArray(lines) && lines.length > 0 && lines.every((l) => sourceLine(l.split('\t')[0]) === l);
}
