// What keeps start-up short (the time itself is measured by `npm run bench`, not asserted here): the command runs
// one compiled module without the data build, and tells a current bundle from a stale one by a stat stamp.
import { appendFileSync, cpSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { footprints, tempDir } from './run.ts';
import { bundleIsCurrent, inputLines, outputLines, writeStamp } from '../../geodata/current.ts';
import { DIST_DIR, REPO_ROOT } from '../../geodata/paths.ts';

describe('start-up', { timeout: 60_000 }, () => {
  it('the compiled command holds the engine but neither tsx nor the geodata build and its libraries', async () => {
    expect((await footprints(['baselines'], { cwd: tempDir() })).code).toBe(0);
    const sources = (JSON.parse(readFileSync(join(REPO_ROOT, 'dist', 'cli.sources.json'), 'utf8')).lines as string[]).map((l) => l.split('\t')[0]);
    expect(sources).toContain('bin/cli.ts');
    expect(sources).toContain('engine/evaluate.ts');
    const heavy = sources.filter((s) => /geodata\/(build|stale|options|icb|read)\.ts|node_modules\/(tsx|shapefile|proj4|topojson-server|@turf|d3)/.test(s));
    expect(heavy).toEqual([]);
  });

  it('the bundle stamp holds while nothing changes and fails on an edited, added or removed raw file or a rebuilt bundle', () => {
    const root = tempDir();
    const raw = join(root, 'raw');
    const dist = join(root, 'dist');
    mkdirSync(join(raw, 'sub'), { recursive: true });
    writeFileSync(join(raw, 'a.csv'), 'code,population\nE1,10\n');
    writeFileSync(join(raw, 'sub', 'b.json'), '{}');
    cpSync(DIST_DIR, dist, { recursive: true });
    rmSync(join(dist, 'stamp.json'), { force: true });
    expect(bundleIsCurrent(dist, raw)).toBe(false);
    const stamp = () => writeStamp([...inputLines(raw), ...outputLines(dist)], dist);

    stamp();
    expect(bundleIsCurrent(dist, raw)).toBe(true);
    appendFileSync(join(raw, 'a.csv'), 'E2,20\n');
    expect(bundleIsCurrent(dist, raw)).toBe(false);

    stamp();
    // Same size, new content: the modification time tells.
    writeFileSync(join(raw, 'sub', 'b.json'), '[]');
    utimesSync(join(raw, 'sub', 'b.json'), new Date(), new Date(Date.now() + 5_000));
    expect(bundleIsCurrent(dist, raw)).toBe(false);

    stamp();
    writeFileSync(join(raw, 'sub', 'c.json'), '{}');
    expect(bundleIsCurrent(dist, raw)).toBe(false);

    stamp();
    rmSync(join(raw, 'sub', 'c.json'));
    expect(bundleIsCurrent(dist, raw)).toBe(false);

    stamp();
    utimesSync(join(dist, 'bundle.json'), new Date(), new Date(Date.now() + 5_000));
    expect(bundleIsCurrent(dist, raw)).toBe(false);

    stamp();
    expect(bundleIsCurrent(dist, join(root, 'other-raw'))).toBe(false);
  });
});
