/**
 * The unit set's descriptor and geography, loaded once per call and only by commands that need them. The bundle is
 * made current first (geodata/current.ts: a stat of every input against the stamp, milliseconds; the full check
 * and a rebuild, in a child process, only when something changed).
 *
 * Only the unit set asked for is read (`--units`, default ccg-2019, whose descriptor is the small first-load
 * bundle.json): the finer descriptors are tens of megabytes and stay out of the default path. `convert` reads a
 * second unit set through `geography(id)`.
 */
import { UNIT_SETS, type Bundle } from '../engine/bundle.ts';
import { Geography } from '../engine/geography.ts';
import { ensureBundle } from '../geodata/current.ts';
import { loadUnitSet } from '../geodata/load.ts';
import { SetupError } from './errors.ts';
import type { Reporter } from './report.ts';

export const DEFAULT_UNIT_SET = 'ccg-2019';

/** The unit sets `--units` accepts, in the order the build makes them (coarsest first). */
export const UNIT_SET_IDS: readonly string[] = UNIT_SETS;

export class Data {
  private checked = false;
  private readonly bundles = new Map<string, Bundle>();
  private readonly geos = new Map<string, Geography>();

  /** `unitSet` is the unit set of the call (`--units`), already checked against UNIT_SET_IDS. */
  constructor(
    private readonly report: Reporter,
    readonly unitSet: string = DEFAULT_UNIT_SET,
  ) {}

  bundle(id: string = this.unitSet): Bundle {
    const cached = this.bundles.get(id);
    if (cached) return cached;
    if (!this.checked) {
      const t0 = performance.now();
      let checked: string;
      try {
        checked = ensureBundle((text) => this.report.info(text)).checked;
      } catch (e) {
        throw new SetupError((e as Error).message);
      }
      this.checked = true;
      this.report.info(`bundle current (${checked === 'stamp' ? 'stamp' : 'full'} check ${(performance.now() - t0).toFixed(0)} ms)`);
    }
    const t1 = performance.now();
    let bundle: Bundle;
    try {
      bundle = loadUnitSet(id);
    } catch (e) {
      throw new SetupError((e as Error).message);
    }
    this.bundles.set(id, bundle);
    this.report.info(`unit set ${id} read in ${(performance.now() - t1).toFixed(0)} ms`);
    return bundle;
  }

  geography(id: string = this.unitSet): Geography {
    let geo = this.geos.get(id);
    if (!geo) this.geos.set(id, (geo = Geography.fromBundle(this.bundle(id))));
    return geo;
  }
}
