/**
 * The content hash of a data file: what a run's identity records instead of the file's path (so a study gives
 * the same run ids, seeds and numbers wherever its files are, and new ones when a file's contents change), and
 * what data.sha256 pins in a saved config.yaml. One function, for every place that hashes data.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';

/**
 * Hex sha256 of a file's bytes.
 * @throws InputError when the file cannot be read
 */
export function fileSha256(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown error';
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : code === 'EACCES' ? 'no permission to read it' : code;
    throw new InputError(`${path}: expected a readable data file, found ${why}`);
  }
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Checks that a file still holds the data a study pinned.
 * @throws InputError naming the study file, data.sha256 and both hashes when it does not
 */
export function checkPinnedHash(path: string, pinned: string, where: string): void {
  const actual = fileSha256(path);
  if (actual !== pinned) {
    throw new InputError(`${where}: data.sha256: expected ${path} to hold the data the study was run on (sha256 ${pinned}), found sha256 ${actual}: the file changed (restore it, or remove data.sha256 to run on the new contents)`);
  }
}
