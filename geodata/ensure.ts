/**
 * `npm run geodata:if-missing`: rebuilds the bundle only when geodata/dist/bundle.json or overlays.json is missing,
 * unreadable, or carries another `version` / `inputsHash` than the current raw files, options and build code give
 * (stale.ts). Prints one line either way, then writes geodata/dist/stamp.json so that later callers can tell in
 * milliseconds that nothing has changed (current.ts; the CLI runs this file in a child process when the stamp
 * does not hold).
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, summary } from './build.ts';
import { staleReason } from './stale.ts';
import { inputLines, outputLines, writeStamp } from './current.ts';
import { BUNDLE_FILE, DIST_DIR } from './paths.ts';

async function main(): Promise<void> {
  // The inputs as they were before the check: a file edited during it makes the stamp fail next time.
  const inputs = inputLines();
  const reason = staleReason();
  if (reason === null) {
    console.log(`geodata: up to date (${join(DIST_DIR, BUNDLE_FILE)})`);
  } else {
    const r = await build();
    const line = summary(r);
    console.log(`geodata: rebuilt (${reason}): ${line[0].replace(/^geodata: /, '')}; ${line[line.length - 1].trim()}`);
  }
  writeStamp([...inputs, ...outputLines()]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
