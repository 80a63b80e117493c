/**
 * `npm run geodata:if-missing`: rebuilds the bundle only when geodata/dist/bundle.json or overlays.json is missing,
 * unreadable, or carries another `version` / `inputsHash` than the current raw files, options and build code give
 * (hashing the raw files takes well under a second). Prints one line either way.
 *
 * `ensureBundle()` does the same synchronously for callers that cannot await (the CLI): the build itself is
 * asynchronous (shapefile reading), so it runs in a child Node process with tsx.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, summary } from './build.ts';
import { staleReason } from './stale.ts';
import { BUNDLE_FILE, DIST_DIR, REPO_ROOT } from './paths.ts';


export interface EnsureResult {
  rebuilt: boolean;
  /** Why it was rebuilt, or null when it was current. */
  reason: string | null;
}

/** Builds geodata/dist synchronously if it is missing or stale. Throws with the build's message if the build fails. */
export function ensureBundle(opts: { quiet?: boolean } = {}): EnsureResult {
  const reason = staleReason();
  if (reason === null) return { rebuilt: false, reason };
  if (!opts.quiet) console.error(`geodata: rebuilding (${reason})`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'geodata', 'build.ts')], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: opts.quiet ? 'pipe' : 'inherit',
  });
  if (r.status !== 0) throw new Error(`geodata build failed: ${(r.stderr ?? '').trim() || `exit code ${r.status}`}`);
  return { rebuilt: true, reason };
}

async function main(): Promise<void> {
  const reason = staleReason();
  if (reason === null) {
    console.log(`geodata: up to date (${join(DIST_DIR, BUNDLE_FILE)})`);
    return;
  }
  const r = await build();
  const line = summary(r);
  console.log(`geodata: rebuilt (${reason}): ${line[0].replace(/^geodata: /, '')}; ${line[line.length - 1].trim()}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
