/**
 * The identity of a data file's content: a run trained on other rows is another run, so `--resume` after the
 * file changed must not reuse it. Generated data needs none: its generator's parameters are in the config.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { userFsError } from '../store/fs-errors.js';

/** First 16 hex digits of the sha256 of a file's bytes. @throws InputError when the file cannot be read. */
export function fileDataHash(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw userFsError(err, 'reading the data file (data.file)', '', true) ?? err;
  }
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}
