/** File errors in words: the path and the cause, never a bare errno code or a stack. */
import { InputError } from './errors.ts';

const CAUSES: Record<string, string> = {
  ENOENT: 'no such file or folder',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  EROFS: 'the file system is read-only',
  EEXIST: 'it already exists',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open',
  EIO: 'an input/output error from the disk',
  EBUSY: 'the file is busy',
  ETXTBSY: 'the file is busy',
  ELOOP: 'too many symbolic links',
  EXDEV: 'the temporary file is on another disk',
  EFBIG: 'the file is too large',
  EINVAL: 'the operating system refused it (invalid argument)',
  EAGAIN: 'the resource is temporarily unavailable',
};

/** "the disk is full" for ENOSPC; the system's own text for codes not listed. */
export function causeInWords(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code && CAUSES[err.code]) return CAUSES[err.code];
  // Node's messages read "ENOSPC: no space left on device, write": keep the words after the code.
  const m = /^[A-Z]+: ([^,]+)/.exec(err?.message ?? '');
  return m ? m[1] : String(err?.message ?? e);
}

/** An InputError for a failed read or write of `path` (`-` is standard input or output). */
export function fileError(verb: 'read' | 'write', path: string, e: unknown): InputError {
  const shown = path === '-' ? (verb === 'read' ? 'standard input' : 'standard output') : path;
  const code = (e as NodeJS.ErrnoException)?.code ?? 'EIO';
  return new InputError(`cannot ${verb} ${shown}: ${causeInWords(e)}`, code, { file: path });
}
