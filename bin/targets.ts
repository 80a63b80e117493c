/**
 * Where each input's file goes when a command writes one file per input (export, import).
 *
 * One input: standard output, or the file given with -o (or, if -o is a folder, the derived name inside it).
 * Several inputs: -o must name a folder (made if missing); each file is named after its input: the input's file
 * name without its extension (`baseline:NAME` gives NAME, `-` gives `stdin`), then `.` and the kind and extension,
 * e.g. `north.systems.geojson`, `north.units.csv`, `north.scenario.json`.
 */
import { mkdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { UsageError } from './errors.ts';
import { fileError } from './files.ts';
import { BASELINE_PREFIX } from './inputs.ts';

/** The start of the derived file name for an input. */
export function stemOf(ref: string): string {
  if (ref === '-') return 'stdin';
  if (ref.startsWith(BASELINE_PREFIX)) return ref.slice(BASELINE_PREFIX.length);
  const base = basename(ref);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

const isFolder = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/**
 * The target of each input, in order (undefined: standard output). `suffix` is the kind and extension, e.g.
 * `systems.geojson`. Throws a UsageError for a combination that cannot work (several inputs to one file, two inputs
 * with the same derived name) before anything is read, and an InputError if the folder cannot be made.
 */
export function targetsFor(refs: readonly string[], output: string | undefined, suffix: string, command: string): (string | undefined)[] {
  const several = refs.length > 1;
  if (output === undefined || output === '-') {
    if (several) throw new UsageError(`${command} of several inputs writes one file each: give -o FOLDER`);
    return [undefined];
  }
  const folderMode = several || output.endsWith('/') || isFolder(output);
  if (!folderMode) return [output];
  const targets = refs.map((r) => join(output, `${stemOf(r)}.${suffix}`));
  const seen = new Map<string, string>();
  refs.forEach((r, k) => {
    const other = seen.get(targets[k]);
    if (other !== undefined) throw new UsageError(`${other} and ${r} would both be written to ${targets[k]}; rename one of them`);
    seen.set(targets[k], r);
  });
  try {
    mkdirSync(output, { recursive: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`-o ${output} is a file; several inputs need a folder`);
    throw fileError('write', output, e);
  }
  return targets;
}
