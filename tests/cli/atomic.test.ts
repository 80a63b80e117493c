// Output files are written atomically: a failed write (a full disk, a missing folder, a folder in the way) leaves
// an existing file exactly as it was and no temporary file behind, and says which path and why, in words.
import { closeSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../bin/io.ts';
import { footprints, tempDir } from './run.ts';

const PRECIOUS = 'the planner’s earlier export\n';

describe('atomic writes', { timeout: 60_000 }, () => {
  it('a full disk (writes going to /dev/full): ENOSPC in words, the existing file untouched, no temporary file', () => {
    const dir = tempDir();
    const target = join(dir, 'out.geojson');
    writeFileSync(target, PRECIOUS);
    const full = openSync('/dev/full', 'w');
    try {
      // The kernel's own ENOSPC: every data write of the atomic writer goes to /dev/full.
      const diskFull = { write: (_fd: number, data: Buffer, offset: number, length: number) => writeSync(full, data, offset, length) };
      expect(() => writeFileAtomic(target, 'x'.repeat(100_000), diskFull)).toThrow(`cannot write ${target}: the disk is full`);
    } finally {
      closeSync(full);
    }
    expect(readFileSync(target, 'utf8')).toBe(PRECIOUS);
    expect(readdirSync(dir)).toEqual(['out.geojson']);
  });

  it('a successful write replaces the file whole', () => {
    const dir = tempDir();
    const target = join(dir, 'out.csv');
    writeFileSync(target, PRECIOUS);
    writeFileAtomic(target, 'a,b\n1,2\n');
    expect(readFileSync(target, 'utf8')).toBe('a,b\n1,2\n');
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  it('the real command on a full disk: exit 1, one line naming the path and "the disk is full", the old file intact', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'out.geojson'), PRECIOUS);
    // Preloaded into the command's process: file writes (not stdout/stderr) go to /dev/full.
    const preload = join(dir, 'disk-full.mjs');
    writeFileSync(
      preload,
      `import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const full = fs.openSync('/dev/full', 'w');
const write = fs.writeSync;
fs.writeSync = (fd, ...rest) => write(fd > 2 ? full : fd, ...rest);
syncBuiltinESMExports();
`,
    );
    const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${pathToFileURL(preload).href}` };
    const r = await footprints(['export', 'baseline:icb-2022', '--level', 'systems', '-o', 'out.geojson'], { cwd: dir, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^footprints: baseline:icb-2022: cannot write out\.geojson: the disk is full\n$/);
    expect(readFileSync(join(dir, 'out.geojson'), 'utf8')).toBe(PRECIOUS);
    expect(readdirSync(dir).sort()).toEqual(['disk-full.mjs', 'out.geojson']);
  });

  it('a folder that does not exist, and a folder in the way: the path and the cause in words, exit 1', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'taken'));
    const missing = await footprints(['baselines', '-o', 'no/such/folder/list.txt'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('footprints: cannot write no/such/folder/list.txt: no such file or folder\n');
    const inTheWay = await footprints(['evaluate', 'baseline:stp-2019', '-o', 'taken'], { cwd: dir });
    expect(inTheWay.code).toBe(1);
    expect(inTheWay.stderr).toBe('footprints: cannot write taken: it is a folder, not a file\n');
    expect(readdirSync(dir)).toEqual(['taken']);
    expect(readdirSync(join(dir, 'taken'))).toEqual([]);
  });
});
