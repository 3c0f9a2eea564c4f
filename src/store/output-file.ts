/**
 * Files the user names outside the results directory (--junit): checked before any run starts, so a path in
 * a missing folder costs a second, not the verdict of a whole sweep.
 */
import { accessSync, constants, lstatSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.js';

/** @throws InputError when `path` could not be written: its folder is missing or not writable, or it is a directory. */
export function checkOutputFile(path: string, flag: string): void {
  const folder = dirname(resolve(path));
  let isDir = false;
  try {
    isDir = statSync(folder).isDirectory();
  } catch {
    // missing: reported below
  }
  if (!isDir) throw new InputError(`${flag} ${path}: expected a file in an existing folder, found no folder ${folder}`);
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new InputError(`${flag} ${path}: expected a folder it may write in, found ${folder} not writable`);
  }
  try {
    if (lstatSync(path).isDirectory()) throw new InputError(`${flag} ${path}: expected a file, found a directory`);
  } catch (err) {
    if (err instanceof InputError) throw err;
  }
}
