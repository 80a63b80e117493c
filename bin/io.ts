/**
 * Reading inputs and writing outputs. `-` is standard input or standard output.
 *
 * Files are written atomically: the text goes to a temporary file in the same folder (so the rename cannot cross
 * disks), is flushed to the disk, and only then renamed over the target. A failure at any point (a full disk, a
 * folder that does not exist, no permission) removes the temporary file and leaves an existing target exactly as
 * it was; the error names the path and the cause in words.
 */
import { closeSync, fchmodSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileError } from './files.ts';

/** The system calls the atomic write uses; tests swap `write` to meet a real full disk (/dev/full). */
export interface WriteCalls {
  write: (fd: number, data: Buffer, offset: number, length: number) => number;
}

const SYSTEM: WriteCalls = { write: (fd, data, offset, length) => writeSync(fd, data, offset, length) };

function existingMode(path: string): number | undefined {
  try {
    const s = statSync(path);
    return s.isFile() ? s.mode & 0o7777 : undefined;
  } catch {
    return undefined;
  }
}

/** Writes `text` to `path` atomically; throws an InputError naming `path` and the cause. */
export function writeFileAtomic(path: string, text: string, calls: WriteCalls = SYSTEM): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o666);
    // A replaced file keeps its permissions.
    const mode = existingMode(path);
    if (mode !== undefined) fchmodSync(fd, mode);
    const data = Buffer.from(text, 'utf8');
    for (let done = 0; done < data.length; ) done += calls.write(fd, data, done, data.length - done);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // Already failing: the write error is the one to report.
      }
    }
    try {
      unlinkSync(tmp);
    } catch {
      // Never created (e.g. the folder does not exist).
    }
    throw fileError('write', path, e);
  }
}

/** Text ends with exactly one newline, as line-based tools expect. */
export const withNewline = (text: string): string => (text.endsWith('\n') ? text : text + '\n');

/** Writes to standard output when `target` is undefined or `-`, else atomically to the file. */
export function writeOutput(text: string, target: string | undefined): void {
  if (target === undefined || target === '-') process.stdout.write(withNewline(text));
  else writeFileAtomic(target, withNewline(text));
}

/** The text of a file, or of standard input for `-`; throws an InputError naming the path and the cause. */
export function readInput(path: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (e) {
    throw fileError('read', path, e);
  }
}
