#!/usr/bin/env node
// The `footprints` command. It runs dist/cli.mjs, the command compiled to plain JavaScript by bin/build-cli.mjs at
// `npm ci` (the `prepare` script), and compiles it again here first if it is missing or any of its sources
// changed since (one stat per source). TypeScript is never transpiled per call.
import { pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import { CLI_FILE, compiledIsCurrent } from './compiled.mjs';

// `footprints … | head`: the reader went away; that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const argv = process.argv.slice(2);
if (!compiledIsCurrent()) {
  try {
    const { buildCli } = await import('./build-cli.mjs');
    const r = await buildCli();
    if (argv.includes('--verbose')) process.stderr.write(`footprints: compiled ${r.file} from ${r.sources} sources\n`);
  } catch (e) {
    // Without esbuild (an install without devDependencies) an existing compiled command still serves.
    const noCompiler = e?.code === 'ERR_MODULE_NOT_FOUND';
    if (!noCompiler || !existsSync(CLI_FILE)) {
      const hint = noCompiler ? ' (esbuild is missing: run npm ci)' : '';
      process.stderr.write(`footprints: could not compile the command${hint}: ${e?.message ?? e}\n`);
      process.exit(3);
    }
  }
}
const { main } = await import(pathToFileURL(CLI_FILE).href);
process.exitCode = await main(argv);
