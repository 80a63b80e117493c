/**
 * The bundle and the geography, loaded once per call and only by commands that need them. The bundle is made
 * current first (geodata/current.ts: a stat of every input against the stamp, milliseconds; the full check and a
 * rebuild, in a child process, only when something changed).
 */
import type { Bundle } from '../engine/bundle.ts';
import { Geography } from '../engine/geography.ts';
import { ensureBundle } from '../geodata/current.ts';
import { loadBundle } from '../geodata/load.ts';
import { SetupError } from './errors.ts';
import type { Reporter } from './report.ts';

export class Data {
  private bundleCache: Bundle | undefined;
  private geoCache: Geography | undefined;

  constructor(private readonly report: Reporter) {}

  bundle(): Bundle {
    if (this.bundleCache) return this.bundleCache;
    const t0 = performance.now();
    let checked: string;
    try {
      checked = ensureBundle((text) => this.report.info(text)).checked;
    } catch (e) {
      throw new SetupError((e as Error).message);
    }
    const t1 = performance.now();
    this.bundleCache = loadBundle();
    this.report.info(`bundle current (${checked === 'stamp' ? 'stamp' : 'full'} check ${(t1 - t0).toFixed(0)} ms), read in ${(performance.now() - t1).toFixed(0)} ms`);
    return this.bundleCache;
  }

  geography(): Geography {
    this.geoCache ??= Geography.fromBundle(this.bundle());
    return this.geoCache;
  }
}
