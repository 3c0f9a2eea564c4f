/**
 * The few file-system calls that write results, in one place, so every write checks its byte count and a test
 * can make the disk fail (ENOSPC, EDQUOT, EROFS, EACCES, EIO) after a chosen number of bytes or at a chosen call,
 * without root and without a real full disk (CI cannot mount a tmpfs). Everything that writes into a results
 * directory goes through here; reads stay with node:fs.
 *
 * Why not `write-file-atomic` (which STYLE.md suggests): it follows a symlink at the target and writes to what it
 * points at (we refuse to write through one), issues a single fs.write without checking how many bytes it wrote,
 * does not fsync the directory after its rename, and offers no seam to inject a failing disk. atomic-write.ts
 * builds the same temp-file-then-rename protocol on these calls instead.
 */
import { closeSync, constants, fsyncSync, ftruncateSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';

/** A failure a test asks the disk to produce. */
export interface DiskFault {
  /** errno code to raise: 'ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EIO'. */
  readonly code: string;
  /** Writes succeed until this many bytes (counted over the matching files) have been written; the write that crosses it is short. */
  readonly afterBytes?: number;
  /** Only calls on paths matching this fail (default: every path). */
  readonly path?: RegExp;
  /** Which calls fail: 'write' (default), or 'open' / 'rename' / 'mkdir' as well. */
  readonly calls?: readonly DiskCall[];
}

type DiskCall = 'write' | 'open' | 'rename' | 'mkdir' | 'fsync' | 'read';

let fault: DiskFault | null = null;
let written = 0;
/** Calls made since the process started, for tests that count fsyncs (a figure that, unlike time, is stable). */
const counts = { writes: 0, fsyncs: 0 };

export function diskCounts(): Readonly<typeof counts> {
  return { ...counts };
}
const fdPaths = new Map<number, string>();

/** Makes later calls fail as `f` says (null: the disk works again). For tests; the byte count restarts. */
export function injectDiskFault(f: DiskFault | null): void {
  fault = f;
  written = 0;
}

function fails(call: DiskCall, path: string): boolean {
  if (!fault || !(fault.calls ?? ['write']).includes(call)) return false;
  return !fault.path || fault.path.test(path);
}

function errnoError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(`${code}: injected failure, ${syscall} '${path}'`);
  err.code = code;
  err.syscall = syscall;
  err.path = path;
  return err;
}

/** Adds the path to an errno error that lacks it (writeSync on an fd names none), so messages can name the file. */
function withPath(err: unknown, path: string): never {
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e === 'object' && e.path === undefined) e.path = path;
  throw e;
}

/** Opens a file for writing; `flags` from node:fs constants. O_NOFOLLOW is always added. */
export function openForWrite(path: string, flags: number, mode = 0o644): number {
  if (fails('open', path)) throw errnoError(fault!.code, 'open', path);
  try {
    const fd = openSync(path, flags | constants.O_NOFOLLOW, mode);
    fdPaths.set(fd, path);
    return fd;
  } catch (err) {
    return withPath(err, path);
  }
}

/**
 * Writes every byte of `data` at the file's current position (or appends), looping over short writes as
 * write(2) allows; a write that makes no progress or fails throws an errno error naming the file.
 */
export function writeAll(fd: number, data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const path = fdPaths.get(fd) ?? `fd ${fd}`;
  const counted = fails('write', path);
  let offset = 0;
  while (offset < bytes.length) {
    let chunk = bytes.length - offset;
    if (fault?.afterBytes === undefined && counted) throw errnoError(fault!.code, 'write', path);
    if (fault?.afterBytes !== undefined && counted) {
      const room = fault.afterBytes - written;
      if (room <= 0) throw errnoError(fault.code, 'write', path);
      chunk = Math.min(chunk, room); // a short write, as a nearly full disk gives
    }
    let n: number;
    try {
      n = writeSync(fd, bytes, offset, chunk);
    } catch (err) {
      return withPath(err, path);
    }
    if (n <= 0) throw errnoError('ENOSPC', 'write', path);
    counts.writes++;
    if (counted) written += n;
    offset += n;
  }
}

export function syncFd(fd: number): void {
  const path = fdPaths.get(fd) ?? `fd ${fd}`;
  if (fails('fsync', path)) throw errnoError(fault!.code, 'fsync', path);
  try {
    fsyncSync(fd);
    counts.fsyncs++;
  } catch (err) {
    withPath(err, path);
  }
}

/** A results file's bytes (errno errors name the file). */
export function readBytes(path: string): Buffer {
  if (fails('read', path)) throw errnoError(fault!.code, 'open', path);
  try {
    return readFileSync(path);
  } catch (err) {
    return withPath(err, path);
  }
}

/** Opens a results file for reading, for a stream over it (errno errors name the file; a 'read' fault applies). */
export function openForRead(path: string): number {
  if (fails('read', path)) throw errnoError(fault!.code, 'open', path);
  try {
    return openSync(path, constants.O_RDONLY);
  } catch (err) {
    return withPath(err, path);
  }
}

/** Cuts a file back to `size` bytes (undoing a partial append: needs no free space). */
export function truncateFd(fd: number, size: number): void {
  ftruncateSync(fd, size);
}

export function sizeOf(fd: number): number {
  return fstatSync(fd).size;
}

export function closeFd(fd: number): void {
  fdPaths.delete(fd);
  closeSync(fd);
}

export function renamePath(from: string, to: string): void {
  if (fails('rename', to)) throw errnoError(fault!.code, 'rename', to);
  try {
    renameSync(from, to);
  } catch (err) {
    withPath(err, to);
  }
}

export function makeDir(path: string): void {
  if (fails('mkdir', path)) throw errnoError(fault!.code, 'mkdir', path);
  try {
    mkdirSync(path, { recursive: true });
  } catch (err) {
    withPath(err, path);
  }
}

/** Flushes a directory's entries (a rename is durable only once its directory is synced). */
export function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY);
    fsyncSync(fd);
  } catch {
    // Some file systems (and Windows) cannot open or fsync a directory; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function removePath(path: string): void {
  rmSync(path, { force: true, recursive: true });
}
