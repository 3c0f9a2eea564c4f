/**
 * File-system errors a user can cause, as one line naming the file and the cause: a full disk or quota, a
 * read-only file system or a missing permission (StorageError, exit 4), or a path of the wrong kind (a
 * directory where a file belongs, a file where a directory belongs, a symlink loop: InputError, exit 2).
 * Anything else stays what it is (a bug, exit 70).
 */
import { InputError, StorageError, SweepError } from '../errors.js';

/** errno codes of a disk that cannot take the write, and what to tell the user about each. */
const STORAGE: Record<string, string> = {
  ENOSPC: 'disk full (ENOSPC)',
  EDQUOT: 'disk quota exceeded (EDQUOT)',
  EROFS: 'read-only file system (EROFS)',
  EACCES: 'permission denied (EACCES)',
  EPERM: 'operation not permitted (EPERM)',
  EIO: 'input/output error (EIO)',
  EFBIG: 'file too large (EFBIG)',
  EMFILE: 'too many open files (EMFILE)',
};

/** errno codes of a path that is not what it should be. */
const PATHS: Record<string, string> = {
  ENOENT: 'no such file or directory (ENOENT)',
  ENOTDIR: 'a path component is a file, not a directory (ENOTDIR)',
  EISDIR: 'a directory where a file was expected (EISDIR)',
  ELOOP: 'a symbolic link where a file was expected (ELOOP)',
  EEXIST: 'already exists (EEXIST)',
  ENAMETOOLONG: 'name too long (ENAMETOOLONG)',
  ENOTEMPTY: 'directory not empty (ENOTEMPTY)',
};

export function isErrno(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string';
}

/**
 * The user-facing error for a failed file-system call, or undefined when `err` is not one a user can cause.
 * `doing` says what was being done ("writing runs.csv", "reading it"), `after` what the user should know next.
 * A file that cannot be read is bad input (exit 2) whatever the cause; a disk that cannot take a write is a
 * StorageError (exit 4).
 */
export function userFsError(err: unknown, doing: string, after = '', reading = false): SweepError | undefined {
  if (err instanceof SweepError) return err;
  if (!isErrno(err)) return undefined;
  const path = err.path ?? (err as { dest?: string }).dest ?? 'a file';
  const tail = after ? `; ${after}` : '';
  const storage = STORAGE[err.code!];
  if (storage && reading) return new InputError(`${path}: expected a file it can read, found ${storage}`);
  if (storage) return new StorageError(`${path}: ${storage} while ${doing}${tail}`);
  const kind = PATHS[err.code!];
  if (kind) return new InputError(`${path}: ${kind} while ${doing}${tail}`);
  return undefined;
}

/** Runs `f`; a file-system error a user can cause becomes its one-line SweepError. */
export function asUserFsError<T>(doing: string, f: () => T, after = ''): T {
  try {
    return f();
  } catch (err) {
    throw userFsError(err, doing, after, doing.startsWith('reading') || doing.startsWith('listing')) ?? err;
  }
}
