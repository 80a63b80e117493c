/**
 * Whether geodata/dist is current, answered in milliseconds, for callers that run often (the CLI).
 *
 * The full check (stale.ts) hashes every raw file, 47 MB, which costs a third of a second or more, and imports the
 * build's modules (turf, proj4, shapefile). Instead, after a full check has found the bundle current (or rebuilt
 * it), `npm run geodata:if-missing` (ensure.ts) writes geodata/dist/stamp.json: one line per file with its size and
 * modification time, for every file under the raw folder, the build's own sources (geodata/*.ts and
 * the engine modules they import: buildSources.ts, the files options.ts hashes) and the two built files. While every line is unchanged the bundle
 * is still current. Any difference (an edited, added or deleted file, a rebuild, another $FOOTPRINTS_RAW) sends the
 * caller back to the full check. Like make and git's index, this trusts (size, mtime): a rewrite that keeps both
 * is not noticed.
 *
 * This module imports nothing from the build, so the CLI can bundle it without the build's dependencies.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { BUNDLE_FILE, DIST_DIR, OVERLAYS_FILE, REPO_ROOT, rawDir } from './paths.ts';
import { buildSourceFiles } from './buildSources.ts';

export const STAMP_FILE = 'stamp.json';

interface Stamp {
  lines: string[];
}

function fileLine(path: string): string {
  const s = statSync(path, { throwIfNoEntry: false });
  return s ? `${path}\t${s.size}\t${s.mtimeMs}` : `${path}\tmissing`;
}

/**
 * Every file under `dir`, depth first, names in code-unit order so the list is the same on every machine. Paths
 * are joined by hand: path.join's normalisation was a third of the check's time, and `dir` is already absolute.
 */
function walk(dir: string, out: string[]): string[] {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const path = `${dir}${sep}${e.name}`;
    if (e.isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

/** Size and mtime of every input of the build: the raw folder and the build's sources. */
export function inputLines(raw = rawDir()): string[] {
  const code = buildSourceFiles(REPO_ROOT);
  let rawFiles: string[];
  try {
    rawFiles = walk(raw, []);
  } catch {
    rawFiles = [raw];
  }
  return [...rawFiles, ...code].map(fileLine);
}

/** Size and mtime of the built files. */
export function outputLines(dist = DIST_DIR): string[] {
  return [BUNDLE_FILE, OVERLAYS_FILE].map((f) => fileLine(join(dist, f)));
}

/** Records `lines` (inputs as seen before the full check, outputs after it) as the state known to be current. */
export function writeStamp(lines: string[], dist = DIST_DIR): void {
  const path = join(dist, STAMP_FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ lines } satisfies Stamp));
  renameSync(tmp, path);
}

/** True when nothing the bundle depends on has changed since the last full check found it current. */
export function bundleIsCurrent(dist = DIST_DIR, raw = rawDir()): boolean {
  let stamp: Stamp;
  try {
    stamp = JSON.parse(readFileSync(join(dist, STAMP_FILE), 'utf8')) as Stamp;
  } catch {
    return false;
  }
  const now = [...inputLines(raw), ...outputLines(dist)];
  return Array.isArray(stamp.lines) && stamp.lines.length === now.length && now.every((l, k) => l === stamp.lines[k]);
}

/**
 * Makes sure geodata/dist is current: the stamp when it holds, else the full check (and a rebuild if needed) in a
 * child Node process through tsx, since the build is asynchronous and lives in devDependencies. Throws with the
 * build's own message when it fails. `log` receives the child's progress lines (the CLI passes them on with
 * --verbose only).
 */
export function ensureBundle(log?: (text: string) => void): { checked: 'stamp' | 'full' } {
  if (bundleIsCurrent()) return { checked: 'stamp' };
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'geodata', 'ensure.ts')], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (log && r.stdout) log(r.stdout);
  if (r.status !== 0) {
    const why = (r.stderr ?? '').trim() || (r.error ? r.error.message : `exit code ${r.status}`);
    throw new Error(`the geodata bundle could not be built: ${why}`);
  }
  return { checked: 'full' };
}
