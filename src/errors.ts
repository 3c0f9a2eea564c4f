/**
 * Error classes that carry the process exit code. bin.ts maps them; nothing else calls process.exit.
 * 0 ok, 1 an `expect:` bound was violated, 2 bad input (config, CSV, flags, results files, paths), 3 some runs
 * failed, 4 results could not be written (disk full, quota, read-only, no permission), 70 a bug.
 */
export class SweepError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad input from the user: one line naming the file, the key, what was expected and what was found. */
export class InputError extends SweepError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** Builds the one-line message of an InputError from its parts, so every message has the same shape. */
export function inputError(file: string | undefined, key: string | undefined, expected: string, found?: unknown): InputError {
  const where = [file, key].filter((s) => s !== undefined && s !== '').join(': ');
  const got = found === undefined ? '' : `, found ${describe(found)}`;
  return new InputError(`${where ? where + ': ' : ''}expected ${expected}${got}`);
}

/** A short, single-line rendering of a found value for error messages. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `[${value.map(describe).join(', ')}]`.slice(0, 80);
  if (typeof value === 'object') return `{${Object.keys(value as object).join(', ')}}`.slice(0, 80);
  return String(value);
}

/** Some `expect:` bounds were violated (after every result was written). */
export class BoundsViolated extends SweepError {
  constructor(message: string) {
    super(message, 1);
  }
}

/** Some runs failed (recorded in runs.csv); the sweep itself completed. */
export class RunsFailed extends SweepError {
  constructor(message: string) {
    super(message, 3);
  }
}

/**
 * The results directory could not be written: the disk or quota is full, the file system is read-only, or
 * permission is missing. Exit 4 (not 1, which CI reads as "the model got worse", nor 70, a bug): every run
 * finished before it is in runs.csv and `--resume` completes the study once the cause is fixed.
 */
export class StorageError extends SweepError {
  constructor(message: string) {
    super(message, 4);
  }
}

/** Another process holds the results directory's lock (exit 2: the user pointed two writers at one --out). */
export class LockHeld extends InputError {}

/** The sweep was stopped by a signal after writing what was done: 130 for SIGINT, 143 for SIGTERM. */
export class Interrupted extends SweepError {
  constructor(message: string, signal: 'SIGINT' | 'SIGTERM') {
    super(message, signal === 'SIGINT' ? 130 : 143);
  }
}
