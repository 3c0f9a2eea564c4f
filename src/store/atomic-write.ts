/**
 * Whole-file writes that cannot lie: the new content goes to a temporary file beside the target (created
 * O_EXCL|O_NOFOLLOW, so nothing planted in the directory can redirect it), every byte is written and counted,
 * fsynced, read back and compared, and only then renamed over the target and the directory synced. A full disk,
 * a quota or a crash at any point leaves the old file whole; the temporary file is removed on failure.
 * See disk.ts for why this is not `write-file-atomic`.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, openSync, readFileSync, readSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { closeFd, openForWrite, removePath, renamePath, syncDir, syncFd, writeAll } from './disk.js';
import { isErrno, userFsError } from './fs-errors.js';
import { CHUNK_BYTES, ChunkedSink } from './chunked-sink.js';

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


/**
 * A file too large to hold in memory (runs.csv of a million runs), written piece by piece with the protocol
 * of writeFileAtomic: into a temporary file beside the target, fsynced, read back and only then renamed over
 * it. What is read back is compared by length and sha256 with what was written, instead of byte for byte
 * with a copy kept in memory. commit() or abort() must end it (abort in a finally: it is a no-op after commit).
 */
export class AtomicWriter {
  private readonly tmp: string;
  private fd: number | undefined;
  private readonly hash = createHash('sha256');
  private length = 0;
  private readonly out = new ChunkedSink((bytes) => {
    writeAll(this.fd!, bytes);
    this.hash.update(bytes);
    this.length += bytes.length;
  });
  private done = false;

  /** @throws as writeFileAtomic */
  constructor(private readonly path: string) {
    this.tmp = tempPathFor(path);
    this.guard(() => {
      this.fd = openForWrite(this.tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL);
    });
  }

  write(data: string | Uint8Array): void {
    this.guard(() => this.out.write(data));
  }

  /** Everything written: the target is replaced. @throws as writeFileAtomic (the target is then untouched) */
  commit(): void {
    this.guard(() => {
      this.out.flush();
      syncFd(this.fd!);
      closeFd(this.fd!);
      this.fd = undefined;
      const back = readBackHash(this.tmp);
      if (back.length !== this.length || back.sha256 !== this.hash.digest('hex')) throw Object.assign(new Error(`${this.tmp}: read back ${back.length} of ${this.length} bytes, or other bytes than written`), { code: 'EIO', path: this.tmp });
      renamePath(this.tmp, this.path);
      syncDir(dirname(this.path));
      this.done = true;
    });
  }

  /** Gives up: the temporary file is removed, the target untouched. */
  abort(): void {
    if (this.done) return;
    this.done = true;
    if (this.fd !== undefined) closeFd(this.fd);
    this.fd = undefined;
    removePath(this.tmp);
  }

  /** Runs a step; a failure removes the temporary file and becomes the one-line error writeFileAtomic gives. */
  private guard(step: () => void): void {
    try {
      step();
    } catch (err) {
      this.abort();
      if (isErrno(err) && err.path === this.tmp) err.path = this.path;
      throw userFsError(err, `writing ${basename(this.path)}`, `${this.path} was left as it was`) ?? err;
    }
  }
}

/** Replaces `path`, all or nothing, with what `produce` writes piece by piece (an AtomicWriter). */
export function writeFileAtomicFrom(path: string, produce: (write: (data: string | Uint8Array) => void) => void): void {
  const writer = new AtomicWriter(path);
  try {
    produce((data) => writer.write(data));
    writer.commit();
  } finally {
    writer.abort();
  }
}

/** Length and sha256 of a file, read in pieces (as writeFileAtomic reads back, with node:fs itself). */
function readBackHash(path: string): { length: number; sha256: string } {
  const fd = openSync(path, constants.O_RDONLY);
  try {
    const hash = createHash('sha256');
    const buf = Buffer.alloc(CHUNK_BYTES);
    let length = 0;
    for (let n = readSync(fd, buf, 0, buf.length, length); n > 0; n = readSync(fd, buf, 0, buf.length, length)) {
      hash.update(buf.subarray(0, n));
      length += n;
    }
    return { length, sha256: hash.digest('hex') };
  } finally {
    closeSync(fd);
  }
}
