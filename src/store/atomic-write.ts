/**
 * Whole-file writes that cannot lie: the new content goes to a temporary file beside the target (created
 * O_EXCL|O_NOFOLLOW, so nothing planted in the directory can redirect it), every byte is written and counted,
 * fsynced, read back and compared, and only then renamed over the target and the directory synced. A full disk,
 * a quota or a crash at any point leaves the old file whole; the temporary file is removed on failure.
 * See disk.ts for why this is not `write-file-atomic`.
 */
import { constants, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { closeFd, openForWrite, removePath, renamePath, syncDir, syncFd, writeAll } from './disk.js';
import { isErrno, userFsError } from './fs-errors.js';

/** Temporary files this module creates: `<name>.tmp-<pid>-<n>`; a crash may leave one, removed on the next open. */
export const TEMP_SUFFIX = /\.tmp-\d+-\d+$/;
let counter = 0;

export function tempPathFor(path: string): string {
  return join(dirname(path), `${basename(path)}.tmp-${process.pid}-${counter++}`);
}

/**
 * Replaces `path` with `text`, all or nothing.
 * @throws StorageError (disk full, quota, read-only, permission) or InputError (a path of the wrong kind)
 *   naming the file; the previous content of `path` is untouched.
 */
export function writeFileAtomic(path: string, text: string | Uint8Array): void {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text);
  const tmp = tempPathFor(path);
  try {
    const fd = openForWrite(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL);
    try {
      writeAll(fd, bytes);
      syncFd(fd);
    } finally {
      closeFd(fd);
    }
    // Read back what the disk holds: a short write must never be renamed over a complete file.
    const back = readFileSync(tmp);
    if (!back.equals(bytes)) throw Object.assign(new Error(`${tmp}: read back ${back.length} of ${bytes.length} bytes`), { code: 'EIO', path: tmp });
    renamePath(tmp, path); // replaces a symlink itself, never its target
    syncDir(dirname(path));
  } catch (err) {
    removePath(tmp);
    if (isErrno(err) && err.path === tmp) err.path = path; // the user knows the file, not our temporary name
    throw userFsError(err, `writing ${basename(path)}`, `${path} was left as it was`) ?? err;
  }
}
