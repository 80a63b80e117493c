/**
 * Node loader for the built bundle, used by tests, the bench and the CLI. The browser fetches the same files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unitSetFile, type Bundle, type Overlays } from '../engine/bundle.ts';
import { BUNDLE_FILE, DIST_DIR, OVERLAYS_FILE, rawDir } from './paths.ts';

export { rawDir };

function readDist<T>(file: string, dir: string): T {
  const path = join(dir, file);
  if (!existsSync(path)) throw new Error(`${path} is missing: run npm run geodata`);
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** Reads geodata/dist/bundle.json (or `dir`/bundle.json). Throws "run npm run geodata" if it is absent. */
export function loadBundle(dir: string = DIST_DIR): Bundle {
  return readDist<Bundle>(BUNDLE_FILE, dir);
}

/** Reads geodata/dist/overlays.json (or `dir`/overlays.json). Throws "run npm run geodata" if it is absent. */
export function loadOverlays(dir: string = DIST_DIR): Overlays {
  return readDist<Overlays>(OVERLAYS_FILE, dir);
}

/** Reads the descriptor of a unit set from geodata/dist (`ccg-2019` is bundle.json). */
export function loadUnitSet(id: string, dir: string = DIST_DIR): Bundle {
  return readDist<Bundle>(unitSetFile(id), dir);
}
