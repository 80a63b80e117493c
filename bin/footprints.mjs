#!/usr/bin/env node
// The `footprints` command. The engine is TypeScript; tsx (installed by `npm ci`) loads it without a build step.
import { register } from 'tsx/esm/api';

// `footprints … | head`: the reader went away; that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

register();
const { main } = await import('./cli.ts');
process.exitCode = await main(process.argv.slice(2));
