/**
 * Which Chromium the browser tests and the browser bench drive, in this order:
 *   1. `CHROMIUM_PATH`, if set (an error if it is not an executable file: a path asked for is never swapped);
 *   2. Debian's `/usr/bin/chromium` (`apt-get install chromium`), if installed;
 *   3. the headless Chromium shipped inside the npm package `@sparticuz/chromium` (a devDependency, so `npm ci`
 *      brings it with no download step): brotli-compressed in the package, unpacked once per version into
 *      `$TMPDIR/footprints-chromium-<version>`.
 * The shipped build links only glibc, libgcc_s, libexpat, NSS and NSPR; the package carries Amazon Linux builds of
 * the last three (al2023.tar.br), which are put on its library path so a machine without Debian's libnss3 still
 * runs it, and Open Sans, which its font configuration adds to the system's fonts (if any).
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

/** Debian's Chromium, the second choice. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export interface ChromiumBinary {
  path: string;
  /** Where it came from, for messages. */
  source: 'CHROMIUM_PATH' | 'debian' | '@sparticuz/chromium';
  /** Environment for the browser process (the shipped build's libraries and fonts), or undefined to inherit. */
  env?: Record<string, string>;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export async function findChromium(): Promise<ChromiumBinary> {
  const asked = process.env.CHROMIUM_PATH;
  if (asked) {
    if (!isExecutable(asked)) throw new Error(`CHROMIUM_PATH=${asked} is not an executable file`);
    return { path: asked, source: 'CHROMIUM_PATH' };
  }
  if (isExecutable(DEBIAN_CHROMIUM)) return { path: DEBIAN_CHROMIUM, source: 'debian' };
  return shippedChromium();
}

let shipped: Promise<ChromiumBinary> | undefined;

/** The package's Chromium, unpacked on first use (once per process; across processes the unpack is atomic). */
function shippedChromium(): Promise<ChromiumBinary> {
  shipped ??= unpackShipped();
  return shipped;
}

async function unpackShipped(): Promise<ChromiumBinary> {
  const require = createRequire(import.meta.url);
  let entry: string;
  try {
    entry = require.resolve('@sparticuz/chromium');
  } catch {
    throw new Error(`no Chromium: ${DEBIAN_CHROMIUM} is not installed and @sparticuz/chromium is missing (run npm ci, or set CHROMIUM_PATH)`);
  }
  const pkgDir = dirname(dirname(entry));
  const version = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  const dir = join(tmpdir(), `footprints-chromium-${version}`);
  if (!existsSync(join(dir, 'chromium'))) {
    // The package unpacks into os.tmpdir() and trusts whatever is already there, so two test files starting at
    // once could launch a half-written binary: unpack into a private folder in a child process, then rename it.
    const staging = `${dir}.partial-${process.pid}-${Date.now()}`;
    const script = [
      `import c, { inflate } from ${JSON.stringify(entry)};`,
      'await c.executablePath();',
      `await inflate(${JSON.stringify(join(pkgDir, 'bin', 'al2023.tar.br'))});`,
    ].join('\n');
    try {
      mkdirSync(staging, { recursive: true });
      await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, TMPDIR: staging } });
      writeFileSync(join(staging, 'fonts.conf'), fontsConf(dir));
      renameSync(staging, dir);
    } catch (e) {
      rmSync(staging, { recursive: true, force: true });
      // Another process finished first: use its copy.
      if (!existsSync(join(dir, 'chromium'))) throw new Error(`could not unpack @sparticuz/chromium ${version} into ${dir}: ${(e as Error).message}`, { cause: e });
    }
  }
  const libs = join(dir, 'al2023', 'lib');
  return {
    path: join(dir, 'chromium'),
    source: '@sparticuz/chromium',
    env: {
      ...(process.env as Record<string, string>),
      LD_LIBRARY_PATH: [libs, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      FONTCONFIG_FILE: join(dir, 'fonts.conf'),
    },
  };
}

/** The system's font configuration if there is one, plus the fonts the package ships (its own fonts.conf names /tmp/fonts). */
function fontsConf(dir: string): string {
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${dir}/fonts/fonts</dir>
  <cachedir>${dir}/fonts-cache</cachedir>
</fontconfig>
`;
}
