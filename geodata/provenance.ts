/**
 * Input hashes: every raw file the build reads is hashed, the 326 LSOA TopoJSON files are checked against
 * lsoa-2011/SHA256SUMS, and `inputsHash` covers all file hashes plus the build options (ensure.ts recomputes it
 * cheaply to decide whether a rebuild is needed).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceRecord } from '../engine/bundle.ts';
import { readText, sha256, sha256File } from './read.ts';
import { S, LSOA_TOPO_DIR, LSOA_TOPO_SUMS } from './sources.ts';
import { fail } from './checks.ts';

export interface InputHashes {
  sources: SourceRecord[];
  /** sha256 of every file read, by path relative to the raw folder (LSOA files included). */
  files: Map<string, string>;
  inputsHash: string;
}

export function hashInputs(rawDir: string, options: unknown): InputHashes {
  const files = new Map<string, string>();
  const missing = Object.values(S)
    .map((d) => d.file)
    .filter((f) => !existsSync(join(rawDir, f)));
  if (missing.length) fail('raw files present', `missing in ${rawDir}: ${missing.join(', ')}`);
  const sources: SourceRecord[] = Object.values(S).map((d) => {
    const sha = sha256File(join(rawDir, d.file));
    files.set(d.file, sha);
    return { ...d, sha256: sha };
  });

  // The LSOA boundary set: every file must match the list of sums shipped beside it.
  const listed = new Map(
    readText(join(rawDir, LSOA_TOPO_SUMS))
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => {
        const [sha, name] = l.trim().split(/\s+\*?/);
        return [name, sha] as const;
      }),
  );
  const present = readdirSync(join(rawDir, LSOA_TOPO_DIR)).filter((f) => f.endsWith('.json')).sort();
  const bad: string[] = [];
  for (const name of present) {
    const sha = sha256File(join(rawDir, LSOA_TOPO_DIR, name));
    files.set(`${LSOA_TOPO_DIR}/${name}`, sha);
    if (listed.get(name) !== sha) bad.push(name);
  }
  const unlisted = [...listed.keys()].filter((n) => !present.includes(n));
  if (bad.length || unlisted.length) fail(`LSOA boundary files match ${LSOA_TOPO_SUMS}`, `mismatched: ${bad.join(', ') || 'none'}; missing: ${unlisted.join(', ') || 'none'}`);

  const keys = [...files.keys()].sort();
  const inputsHash = sha256(JSON.stringify({ files: keys.map((k) => [k, files.get(k)]), options }));
  return { sources, files, inputsHash };
}
