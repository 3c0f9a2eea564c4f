/**
 * One writer per results directory. proper-lockfile takes the lock with mkdir (atomic on local disks and on
 * NFS, where SLURM users keep results) and keeps it fresh by touching its mtime; a lock whose mtime is older
 * than STALE_MS is stale (its holder died on any host) and is taken over. Beside the lock, `.sweep.lock.json`
 * says who holds it (pid, host, command, since), so a second writer gets one line naming the first. On the
 * same host a holder whose pid is gone (kill -9) is known dead at once, and its lock is recovered after
 * DEAD_HOLDER_STALE_MS instead of waiting the full STALE_MS.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { LockHeld } from '../errors.js';
import { writeFileAtomic } from './atomic-write.js';
import { removePath } from './disk.js';
import { userFsError } from './fs-errors.js';

/** The lock's own directory and the note about its holder, inside the results directory. */
export const LOCK_NAME = '.sweep.lock';
export const OWNER_NAME = '.sweep.lock.json';
/**
 * A lock not refreshed for a minute is stale. Long, because the main thread refreshes it between runs and an
 * inline run (--inline) may hold the thread for many seconds; a dead holder on this host is found sooner.
 */
const STALE_MS = 60_000;
const UPDATE_MS = 10_000;
/** proper-lockfile's smallest stale threshold: enough for a dead holder's last refresh to age past it. */
const DEAD_HOLDER_STALE_MS = 2_000;

export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  readonly since: string;
}

export interface DirLock {
  /** Set when the lock was lost (its mtime could not be refreshed, or another process took it over). */
  lost(): Error | undefined;
  release(): Promise<void>;
}

function readOwner(dir: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, OWNER_NAME), 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by another user
  }
}

function describeOwner(owner: LockOwner | undefined): string {
  if (!owner) return 'another process (its .sweep.lock.json is missing)';
  return `pid ${owner.pid} on ${owner.host} (${owner.command}), since ${owner.since}`;
}

/**
 * Takes the lock of results directory `dir` (which must exist) for `command`.
 * @throws LockHeld (exit 2) naming the holder when another live process has it.
 */
export async function lockResultsDir(dir: string, command: string): Promise<DirLock> {
  let lost: Error | undefined;
  const options = (stale: number, retries: number) => ({
    lockfilePath: join(dir, LOCK_NAME),
    realpath: false,
    stale,
    update: UPDATE_MS,
    retries: retries > 0 ? { retries, minTimeout: 250, maxTimeout: 500 } : 0,
    onCompromised: (err: Error) => {
      lost = new LockHeld(`${join(dir, LOCK_NAME)}: the results directory's lock was lost (${err.message}); another process may be writing to ${dir}`);
    },
  });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, options(STALE_MS, 0));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw userFsError(err, 'taking the results directory\'s lock') ?? err;
    const owner = readOwner(dir);
    const deadHere = owner !== undefined && owner.host === hostname() && owner.pid !== process.pid && !alive(owner.pid);
    if (!deadHere) throw new LockHeld(`${dir}: expected no other writer, found the lock held by ${describeOwner(owner)}; wait for it to finish, or use another --out`);
    // Its holder was killed (kill -9, OOM killer, power cut): take the lock over once its last refresh ages.
    try {
      release = await lockfile.lock(dir, options(DEAD_HOLDER_STALE_MS, 20));
    } catch {
      throw new LockHeld(`${dir}: expected no other writer, found the lock held by ${describeOwner(readOwner(dir))}; wait for it to finish, or use another --out`);
    }
  }
  const me: LockOwner = { pid: process.pid, host: hostname(), command, since: new Date().toISOString() };
  writeFileAtomic(join(dir, OWNER_NAME), JSON.stringify(me) + '\n');
  return {
    lost: () => lost,
    async release() {
      removePath(join(dir, OWNER_NAME));
      await release().catch(() => undefined); // already released or compromised: nothing more to free
    },
  };
}
