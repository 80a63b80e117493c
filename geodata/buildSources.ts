/**
 * The source files whose code shapes the built bundle: every geodata/*.ts, and every engine module they reach
 * through relative imports (the bundle contract engine/bundle.ts, and engine/scenario.ts with what it imports: the
 * baselines carry its default settings, so a change there must rebuild them). Found by reading import lines, so
 * it costs a few file reads, and it stays light enough for the compiled CLI's stamp check.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'(\.{1,2}\/[^']+\.ts)'/g;

/** Absolute paths, sorted: geodata's own modules first, then the engine modules they depend on. */
export function buildSourceFiles(repoRoot: string): string[] {
  const geodata = join(repoRoot, 'geodata');
  const own = readdirSync(geodata)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => join(geodata, f));
  const engineRoot = join(repoRoot, 'engine');
  const seen = new Set<string>();
  const queue = [...own];
  while (queue.length) {
    const file = queue.pop()!;
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = resolve(dirname(file), m[1]);
      if (target.startsWith(engineRoot) && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return [...own, ...[...seen].sort()];
}
