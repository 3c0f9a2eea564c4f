/**
 * `sweep data circles|moons`: write a generated dataset as an x1,x2,y CSV file, the same rows a study with
 * that `data:` block trains on (before the train/test split), so it can be plotted or fed to other tools.
 */
import { writeFile } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import { makeCircles } from '../data/circles.js';
import { makeMoons } from '../data/moons.js';
import { inputError, InputError } from '../errors.js';

export interface DataOptions {
  readonly generator: 'circles' | 'moons';
  /** Number of rows (default 100, as in a study's `data:` block). */
  readonly samples?: number;
  /** Standard deviation of the Gaussian noise (default 0.1). */
  readonly noise?: number;
  /** random_state (default 1). */
  readonly seed?: number;
  /** circles only: inner radius over outer radius, in (0, 1) (default 0.8). */
  readonly factor?: number;
  /** Output CSV path; an existing file is never overwritten. */
  readonly out: string;
}

/** Writes the dataset; numbers are printed in full (shortest round-trip form), so loading the file gives the same doubles. */
export async function dataCommand(opts: DataOptions): Promise<void> {
  const samples = opts.samples ?? 100;
  const noise = opts.noise ?? 0.1;
  const seed = opts.seed ?? 1;
  if (!Number.isInteger(samples) || samples < 2) throw inputError(undefined, '--samples', 'a whole number of at least 2', samples);
  if (!(noise >= 0 && Number.isFinite(noise))) throw inputError(undefined, '--noise', 'a number >= 0', noise);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw inputError(undefined, '--seed', 'a whole number from 0 to 4294967295', seed);
  if (opts.generator === 'moons' && opts.factor !== undefined) throw inputError(undefined, '--factor', 'no --factor for moons (it is the circles\' inner/outer ratio)', opts.factor);
  const factor = opts.factor ?? 0.8;
  if (!(factor > 0 && factor < 1)) throw inputError(undefined, '--factor', 'a number between 0 and 1 (exclusive)', factor);

  const table = opts.generator === 'circles' ? makeCircles({ samples, noise, seed, factor }) : makeMoons({ samples, noise, seed });
  const rows: number[][] = [];
  for (let i = 0; i < table.y.length; i++) rows.push([table.X[2 * i]!, table.X[2 * i + 1]!, table.y[i]!]);
  const text = stringify(rows, {
    header: true,
    columns: ['x1', 'x2', 'y'],
    // String(-0) is "0"; keep the sign so a round trip gives the same doubles.
    cast: { number: (v) => (Object.is(v, -0) ? '-0' : String(v)) },
  });
  try {
    await writeFile(opts.out, text, { flag: 'wx' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new InputError(`${opts.out}: --out: expected a new file, found an existing one (not overwritten)`);
    if (code === 'ENOENT') throw new InputError(`${opts.out}: --out: expected a file in an existing directory, found no such directory`);
    throw new InputError(`${opts.out}: --out: expected a writable file, found ${code ?? String(err)}`);
  }
}
