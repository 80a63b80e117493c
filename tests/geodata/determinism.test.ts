/** Two builds from the same raw files give the same bytes; and they agree with the dist bundle's inputs hash. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../../geodata/build.ts';
import { staleReason } from '../../geodata/stale.ts';
import { loadBundle, loadOverlays } from '../../geodata/load.ts';

describe('build determinism', () => {
  it('writes byte-identical bundle.json, overlays.json and the finer unit sets twice', async () => {
    const dirs = [mkdtempSync(join(tmpdir(), 'geodata-a-')), mkdtempSync(join(tmpdir(), 'geodata-b-'))];
    try {
      const results = [];
      for (const outDir of dirs) results.push(await build({ outDir }));
      for (const file of ['bundle.json', 'overlays.json', 'unitset-ccg-district-2019.json', 'unitset-lsoa-2011.json']) {
        const [a, c] = dirs.map((d) => readFileSync(join(d, file)));
        expect(a.length).toBeGreaterThan(100_000);
        expect(a.equals(c), file).toBe(true);
      }
      expect(results[0].bundle.inputsHash).toBe(results[1].bundle.inputsHash);
      // The LSOA topology (mapshaper on 32,844 polygons) takes ~80 s of CPU; wall time on a shared 2-core machine more.
      expect(results[0].ms).toBeLessThan(900_000);

      // ensure.ts's staleness test: current after a build, stale when the hash or a file differs.
      expect(staleReason(dirs[0])).toBeNull();
      expect(loadBundle(dirs[0]).inputsHash).toBe(results[0].bundle.inputsHash);
      const overlays = loadOverlays(dirs[0]);
      writeFileSync(join(dirs[0], 'overlays.json'), JSON.stringify({ ...overlays, inputsHash: 'x' }));
      expect(staleReason(dirs[0])).toMatch(/overlays.json was built from other inputs/);
      rmSync(join(dirs[0], 'bundle.json'));
      expect(staleReason(dirs[0])).toBe('bundle.json missing');
      expect(() => loadBundle(dirs[0])).toThrow(/run npm run geodata/);
    } finally {
      dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
    }
  }, 2_400_000);
});
