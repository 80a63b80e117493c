#!/usr/bin/env node
// Compiles the `footprints` command into dist/cli.mjs: bin/cli.ts, the engine and the libraries it uses, bundled by
// esbuild into one ES module, so a call runs plain JavaScript and never transpiles TypeScript. Run by the
// `prepare` script (npm ci, npm install) and by bin/footprints.mjs when dist/cli.mjs is missing or any of its
// sources changed. Beside it, dist/cli.sources.json lists those sources with their size and mtime.
//
// The geodata build (turf, proj4, shapefile, …) is not in the bundle: when the data bundle is stale the command
// runs geodata/ensure.ts in a child process (geodata/current.ts). dist/ sits one level below the repository, as
// geodata/ does, so geodata/paths.ts finds the repository root from import.meta.url in the bundle too.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { CLI_FILE, ROOT, SOURCES_FILE, sourceLine } from './compiled.mjs';

function writeAtomic(path, data) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

export async function buildCli() {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['bin/cli.ts'],
    outfile: CLI_FILE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    metafile: true,
    sourcemap: 'linked',
    logLevel: 'silent',
  });
  mkdirSync(dirname(CLI_FILE), { recursive: true });
  // The map first, the module, then the list: a reader that sees the new list sees the new module.
  for (const f of [...result.outputFiles].sort((a, b) => (a.path.endsWith('.map') ? -1 : b.path.endsWith('.map') ? 1 : 0))) {
    writeAtomic(f.path, f.contents);
  }
  const sources = [...Object.keys(result.metafile.inputs), 'bin/build-cli.mjs', 'bin/compiled.mjs'].sort();
  writeAtomic(SOURCES_FILE, JSON.stringify({ lines: sources.map(sourceLine) }));
  return { file: CLI_FILE, sources: sources.length, bytes: result.outputFiles.find((f) => f.path === CLI_FILE).contents.length };
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const t0 = performance.now();
  const r = await buildCli();
  console.log(`footprints: compiled ${join('dist', 'cli.mjs')} from ${r.sources} sources (${(r.bytes / 1024).toFixed(0)} KB) in ${(performance.now() - t0).toFixed(0)} ms`);
}
