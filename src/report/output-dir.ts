/**
 * The results directory. Never overwrites: a directory that already holds results is refused (unless the
 * caller resumes into it or forces a fresh start), so a second sweep cannot silently destroy the first.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';

/** results/<name>-YYYYMMDD-HHMMSS, in local time as users read it. */
export function defaultOutDir(name: string, now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return join('results', `${name}-${stamp}`);
}

/** Creates `dir` (and parents); refuses a directory that already has files in it. */
export function createFreshDir(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new InputError(`--out ${dir}: expected a new or empty results directory, found one with results in it (use --resume to continue it, or another --out)`);
  }
  mkdirSync(dir, { recursive: true });
}

/** Writes a whole file atomically (temp file + rename), so readers never see half of it. */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
