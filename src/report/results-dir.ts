/**
 * The results directory: what a sweep writes (config.yaml, meta.json, runs.csv, history.csv, summary.csv)
 * and how an existing one is treated. Nothing is overwritten by accident: an existing directory is refused
 * unless the sweep resumes into it (--resume: finished runs are reused) or starts it over (--force, only in a
 * directory noise-sweep made: one with its meta.json). One writer at a time: the directory is locked
 * (store/lock.ts) before anything in it is read for writing or changed.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { TEMP_SUFFIX } from '../store/atomic-write.js';
import { makeDir, removePath } from '../store/disk.js';
import { asUserFsError } from '../store/fs-errors.js';
import { type DirLock, LOCK_NAME, lockResultsDir, OWNER_NAME } from '../store/lock.js';
import { checkRunsLog, checkRunsTable, type CurrentStudy } from './check-runs.js';
import { logRows, tornBytesOf } from './stream/csv-records.js';
import { type CsvTable, readCsvLog } from './runs-csv.js';

export { writeFileAtomic } from '../store/atomic-write.js';

/** Files a sweep writes; --force removes exactly these and nothing else the user keeps there. */
export const RESULT_FILES = ['config.yaml', 'meta.json', 'runs.csv', 'history.csv', 'summary.csv', 'summary.json', 'report.html', 'junit.xml'] as const;
/** Folders a sweep writes: runs/<run_id>/ holds the stdout, stderr and scratch folder of each run of a run: study. */
export const RESULT_DIRS = ['runs'] as const;
/** Our own bookkeeping in a results directory, which does not make it "hold results". */
const OWN_ENTRIES = new Set([LOCK_NAME, OWNER_NAME]);

/** What a results directory says about the sweep that wrote it. */
export interface StudyMeta {
  readonly tool: 'noise-sweep';
  /** 1: written before paired seeds (its studies are read as pairing: independent); 2: since. */
  readonly format: 1 | 2;
  readonly name: string;
  /** Hash of the full plan's run ids: shards of one study share it. */
  readonly studyHash: string;
  /** Config file as given, and the folder its relative paths resolve against. */
  readonly config: string;
  readonly baseDir: string;
  readonly set: readonly string[];
  readonly shard: { readonly index: number; readonly count: number } | null;
  /** sha256 (16 hex digits) of each data file the study read, by resolved path: part of its runs' identity. */
  readonly dataHashes?: Readonly<Record<string, string>>;
  /**
   * The engine numerics its runs were computed with (engine/numerics.ts); absent before 2026-12-07 and for a
   * study with run: (the user's program computes its numbers).
   */
  readonly numerics?: number;
}

/** results/<name>-YYYYMMDD-HHMMSS, in local time as users read it. */
export function defaultOutDir(name: string, now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return join('results', `${name}-${stamp}`);
}

function lstatOrUndefined(path: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** Refuses result files that are symlinks: writing through them could overwrite files outside the directory. */
function checkNoSymlinks(dir: string): void {
  for (const name of [...RESULT_FILES, ...RESULT_DIRS, OWNER_NAME]) {
    if (lstatOrUndefined(join(dir, name))?.isSymbolicLink()) throw new InputError(`--out ${dir}: expected ${name} to be a regular file, found a symbolic link (refusing to write through it)`);
  }
}

/**
 * --out itself must be a directory or nothing: a symlink there could lead writes (and --force's deletions)
 * anywhere, e.g. into a system directory when run as root; the user passes the real path instead.
 */
function checkOutPath(dir: string, label = `--out ${dir}`): boolean {
  const stat = lstatOrUndefined(dir);
  if (!stat) return false;
  if (stat.isSymbolicLink()) throw new InputError(`${label}: expected a directory, found a symbolic link to ${readlinkSync(dir)} (refusing to follow it; pass the directory itself)`);
  if (!stat.isDirectory()) throw new InputError(`${label}: expected a directory, found a file`);
  return true;
}

/** A results directory given to report: it must exist, as a directory (not a symlink, not a file). */
export function checkOutPathIsDir(dir: string): void {
  if (!checkOutPath(dir, dir)) throw new InputError(`${dir}: expected a results directory, found no such directory`);
}

export type DirMode = 'new' | 'resume' | 'force';

export interface OpenedDir {
  readonly dir: string;
  /**
   * The previous runs.csv's header when resuming (the file checked row by row, its torn last line already cut
   * off; its rows are streamed by whoever needs them), else null.
   */
  readonly previous: { readonly header: string[] } | null;
  readonly previousMeta: StudyMeta | null;
  /** Held until the command ends: release it in a finally. */
  readonly lock: DirLock;
}

/** Reads meta.json of a results directory, with one-line errors. */
export function readMeta(dir: string): StudyMeta {
  const path = join(dir, 'meta.json');
  let meta: StudyMeta;
  try {
    meta = JSON.parse(readFileSync(path, 'utf8')) as StudyMeta;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const found = code === 'ENOENT' ? 'no such file (is this a results directory?)' : code === 'EISDIR' ? 'a directory' : code === 'EACCES' ? 'a file it may not read (EACCES)' : code ? `an unreadable file (${code})` : 'invalid JSON';
    throw new InputError(`${path}: expected the meta.json a sweep writes, found ${found}`);
  }
  if (meta === null || typeof meta !== 'object' || meta.tool !== 'noise-sweep' || typeof meta.studyHash !== 'string') throw new InputError(`${path}: expected the meta.json a sweep writes, found another JSON file`);
  return meta;
}

/**
 * Reads a CSV log; a crash may have torn its last row, which is cut off the file so appends start on a clean
 * line (that run is simply done again). `check` runs before the cut: a file it refuses is left as it was.
 */
export function readLogCuttingTornLine(path: string, check?: (table: CsvTable) => void): CsvTable {
  const table = readCsvLog(path);
  check?.(table);
  if (table.tornBytes > 0) asUserFsError('cutting off its torn last line', () => truncateSync(path, statSync(path).size - table.tornBytes));
  return table;
}

/**
 * readLogCuttingTornLine for a log of any size: `check` streams it (nothing is held), then a torn last line is
 * cut off the file.
 */
export async function cutTornLine<T>(path: string, check: () => Promise<T>): Promise<T> {
  const checked = await check();
  const torn = tornBytesOf(path);
  if (torn > 0) asUserFsError('cutting off its torn last line', () => truncateSync(path, statSync(path).size - torn));
  return checked;
}

/** Entries of a directory that are results (anything but our lock), or [] when it does not exist. */
function entriesOf(dir: string, exists: boolean): string[] {
  return exists ? asUserFsError('listing it', () => readdirSync(dir)).filter((n) => !OWN_ENTRIES.has(n)) : [];
}

/**
 * The study about to run, as a resume checks a directory against it: its runs.csv must hold the study's metrics
 * for each finished run, and `checkMeta` (if any) may refuse its meta.json (throwing InputError).
 */
export interface ResumingStudy extends CurrentStudy {
  readonly checkMeta?: (meta: StudyMeta) => void;
}

/**
 * Opens (and locks) the results directory for a sweep, `command` being what the lock says holds it.
 * @param current the study about to run: a resumed directory is checked against it before anything in it changes
 * @throws InputError for a directory that may not be used so, LockHeld when another process writes to it,
 *   StorageError when it cannot be created.
 */
export async function openResultsDir(dir: string, mode: DirMode, command: string, current?: ResumingStudy): Promise<OpenedDir> {
  const exists = checkOutPath(dir);
  const entries = entriesOf(dir, exists);
  if (mode === 'resume' && (!exists || !entries.includes('runs.csv'))) throw new InputError(`--resume: expected ${dir} to hold a sweep's results (runs.csv), found ${exists ? 'no runs.csv' : 'no such directory'}`);
  if (mode === 'new' && entries.length > 0) {
    throw new InputError(`--out ${dir}: expected a new or empty results directory, found one with results in it (use --resume to continue it, --force to start over, or another --out)`);
  }
  const previousMeta = mode === 'resume' || (mode === 'force' && entries.length > 0) ? forceableMeta(dir, mode, entries) : null;
  // Before the lock, the removal of temp files and the cut of a torn line: a refused directory stays as it was.
  if (mode === 'resume' && previousMeta !== null) current?.checkMeta?.(previousMeta);
  if (exists) checkNoSymlinks(dir);
  asUserFsError('creating the results directory', () => makeDir(dir));
  const lock = await lockResultsDir(dir, command);
  try {
    // Under the lock, look again: another process may have written here between the first look and the lock.
    const now = entriesOf(dir, true);
    if (mode === 'new' && now.length > 0) throw new InputError(`--out ${dir}: expected a new or empty results directory, found ${now.join(', ')} written by another process meanwhile`);
    for (const name of now) if (TEMP_SUFFIX.test(name)) removePath(join(dir, name)); // left by a crash mid-write
    if (mode === 'force') for (const name of [...RESULT_FILES, ...RESULT_DIRS]) asUserFsError('removing it (--force)', () => removePath(join(dir, name)));
    let previous: { header: string[] } | null = null;
    if (mode === 'resume') {
      const runsPath = join(dir, 'runs.csv');
      previous = { header: await cutTornLine(runsPath, () => checkRunsLog(runsPath, current)) };
      const historyPath = join(dir, 'history.csv');
      if (existsSync(historyPath)) {
        await cutTornLine(historyPath, async () => {
          // Parsed through, as a CSV log: a file that is not one stops the resume before anything is written.
          for await (const _ of logRows(historyPath)) void _;
        });
      }
    }
    return { dir, previous, previousMeta, lock };
  } catch (err) {
    await lock.release();
    throw err;
  }
}

/** meta.json of a directory that --resume continues or --force may empty: it must be one noise-sweep made. */
function forceableMeta(dir: string, mode: DirMode, entries: readonly string[]): StudyMeta {
  if (mode === 'force' && !entries.includes('meta.json')) {
    throw new InputError(`--force: expected ${dir} to be a results directory noise-sweep made (with its meta.json), found ${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', ...' : ''}: --force deletes nothing it did not write; use another --out`);
  }
  return readMeta(dir);
}
