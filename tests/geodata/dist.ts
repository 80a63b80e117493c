/** Test helper: makes sure geodata/dist is built from the current raw files and code, then loads it. */
import { build } from '../../geodata/build.ts';
import { loadBundle, loadOverlays } from '../../geodata/load.ts';
import { staleReason } from '../../geodata/stale.ts';
import type { Bundle, Overlays } from '../../engine/bundle.ts';

export async function distBundle(): Promise<{ bundle: Bundle; overlays: Overlays }> {
  if (staleReason() !== null) await build();
  return { bundle: loadBundle(), overlays: loadOverlays() };
}
