/**
 * The results directory: what a sweep writes (config.yaml, meta.json, runs.csv, history.csv, summary.csv)
 * and how an existing one is treated. Nothing is overwritten by accident: an existing directory is refused
 * unless the sweep resumes into it (--resume: finished runs are reused) or starts it over (--force).
 */
import { constants, existsSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, truncateSync, writeSync, closeSync, fsyncSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { type CsvTable, readCsvLog } from './runs-csv.js';

/** Files a sweep writes; --force removes exactly these and nothing else the user keeps there. */
export const RESULT_FILES = ['config.yaml', 'meta.json', 'runs.csv', 'history.csv', 'summary.csv', 'summary.json', 'report.html', 'junit.xml'] as const;
/** Folders a sweep writes: runs/<run_id>/ holds the stdout, stderr and scratch folder of each run of a run: study. */
export const RESULT_DIRS = ['runs'] as const;

/** What a results directory says about the sweep that wrote it. */
export interface StudyMeta {
  readonly tool: 'noise-sweep';
  readonly format: 1;
  readonly name: string;
  /** Hash of the full plan's run ids: shards of one study share it. */
  readonly studyHash: string;
  /** Config file as given, and the folder its relative paths resolve against. */
  readonly config: string;
  readonly baseDir: string;
  readonly set: readonly string[];
  readonly shard: { readonly index: number; readonly count: number } | null;
}

/** results/<name>-YYYYMMDD-HHMMSS, in local time as users read it. */
export function defaultOutDir(name: string, now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return join('results', `${name}-${stamp}`);
}

/** Writes a whole file atomically (new temp file + rename), never through a symlink. */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  // O_EXCL|O_NOFOLLOW: the temp file is new, so nothing planted in the directory can redirect the write.
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path); // replaces a symlink itself, never its target
}

/** Refuses result files that are symlinks: writing through them could overwrite files outside the directory. */
function checkNoSymlinks(dir: string): void {
  for (const name of [...RESULT_FILES, ...RESULT_DIRS]) {
    const path = join(dir, name);
    if (existsSync(path) || lstatSafe(path)) {
      if (lstatSync(path).isSymbolicLink()) throw new InputError(`--out ${dir}: expected ${name} to be a regular file, found a symbolic link (refusing to write through it)`);
    }
  }
}

function lstatSafe(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

export type DirMode = 'new' | 'resume' | 'force';

export interface OpenedDir {
  readonly dir: string;
  /** The previous runs.csv when resuming (torn last line already cut off), else null. */
  readonly previous: CsvTable | null;
  readonly previousMeta: StudyMeta | null;
}

/** Reads meta.json of a results directory, with one-line errors. */
export function readMeta(dir: string): StudyMeta {
  const path = join(dir, 'meta.json');
  let meta: StudyMeta;
  try {
    meta = JSON.parse(readFileSync(path, 'utf8')) as StudyMeta;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: expected the meta.json a sweep writes, found ${code === 'ENOENT' ? 'no such file (is this a results directory?)' : 'invalid JSON'}`);
  }
  if (meta.tool !== 'noise-sweep' || typeof meta.studyHash !== 'string') throw new InputError(`${path}: expected the meta.json a sweep writes, found another JSON file`);
  return meta;
}

/**
 * Reads a CSV log; a crash may have torn its last row, which is cut off the file so appends start on a clean
 * line (that run is simply done again).
 */
export function readLogCuttingTornLine(path: string): CsvTable {
  const table = readCsvLog(path);
  if (table.tornBytes > 0) truncateSync(path, statSync(path).size - table.tornBytes);
  return table;
}

export function openResultsDir(dir: string, mode: DirMode): OpenedDir {
  const exists = existsSync(dir);
  if (exists && !lstatSync(dir).isDirectory() && !lstatSync(dir).isSymbolicLink()) throw new InputError(`--out ${dir}: expected a directory, found a file`);
  const hasFiles = exists && readdirSync(dir).length > 0;
  if (exists) checkNoSymlinks(dir);
  if (mode === 'resume') {
    if (!exists || !existsSync(join(dir, 'runs.csv'))) throw new InputError(`--resume: expected ${dir} to hold a sweep's results (runs.csv), found ${exists ? 'no runs.csv' : 'no such directory'}`);
    const meta = readMeta(dir);
    const previous = readLogCuttingTornLine(join(dir, 'runs.csv'));
    return { dir, previous, previousMeta: meta };
  }
  if (hasFiles && mode === 'new') {
    throw new InputError(`--out ${dir}: expected a new or empty results directory, found one with results in it (use --resume to continue it, --force to start over, or another --out)`);
  }
  if (hasFiles && mode === 'force') for (const name of [...RESULT_FILES, ...RESULT_DIRS]) rmSync(join(dir, name), { force: true, recursive: true });
  mkdirSync(dir, { recursive: true });
  return { dir, previous: null, previousMeta: null };
}
