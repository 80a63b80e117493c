/** Whether geodata/dist is current: same bundle version and same inputsHash as the raw files and options give now. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE_VERSION, UNIT_SETS, unitSetFile } from '../engine/bundle.ts';
import { BUILD_OPTIONS } from './options.ts';
import { hashInputs } from './provenance.ts';
import { BUNDLE_FILE, DIST_DIR, OVERLAYS_FILE, rawDir } from './paths.ts';

/** Why a rebuild is needed, or null when the built files are current. */
export function staleReason(dir = DIST_DIR, raw = rawDir()): string | null {
  const expected = hashInputs(raw, BUILD_OPTIONS).inputsHash;
  for (const file of [BUNDLE_FILE, OVERLAYS_FILE, ...UNIT_SETS.slice(1).map(unitSetFile)]) {
    const path = join(dir, file);
    if (!existsSync(path)) return `${file} missing`;
    let head: { version?: unknown; inputsHash?: unknown };
    try {
      head = JSON.parse(readFileSync(path, 'utf8')) as typeof head;
    } catch {
      return `${file} unreadable`;
    }
    if (head.version !== BUNDLE_VERSION) return `${file} has version ${String(head.version)}, expected ${BUNDLE_VERSION}`;
    if (head.inputsHash !== expected) return `${file} was built from other inputs, options or build code`;
  }
  return null;
}
