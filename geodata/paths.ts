/** Where the raw inputs and the built bundle live. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder of package.json). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The raw data folder: $FOOTPRINTS_RAW, else `<repo>/../shared/geodata/raw` (in CI the clone has shared/ beside it). */
export function rawDir(): string {
  const env = process.env.FOOTPRINTS_RAW;
  return env && env.trim() ? resolve(env) : resolve(REPO_ROOT, '..', 'shared', 'geodata', 'raw');
}

export const DIST_DIR = resolve(REPO_ROOT, 'geodata', 'dist');
export const BUNDLE_FILE = 'bundle.json';
export const OVERLAYS_FILE = 'overlays.json';
