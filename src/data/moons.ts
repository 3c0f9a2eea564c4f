/** scikit-learn's make_moons: two interleaving half circles (labels 0 and 1), same doubles. */
import type { Table } from './dataset.js';
import { crCos, crSin } from './correctly-rounded.js';
import { linspace } from './linspace.js';
import { twoClassTable } from './two-class-points.js';

export interface MoonsOptions {
  /** Total points; the upper moon gets floor(samples/2), the lower one the rest. */
  readonly samples: number;
  /** Standard deviation of the Gaussian noise; undefined adds none and draws nothing. */
  readonly noise?: number;
  /** random_state: an integer in [0, 2^32 - 1]. */
  readonly seed: number;
  readonly shuffle?: boolean;
}

/**
 * Same numbers and label order as `sklearn.datasets.make_moons(n_samples=samples, noise=noise,
 * random_state=seed, shuffle=shuffle)` computed with a correctly rounded libm (see correctly-rounded.ts).
 * @throws RangeError for a bad sample count (callers validate user input first).
 */
export function makeMoons(opts: MoonsOptions): Table {
  const { samples } = opts;
  if (!Number.isInteger(samples) || samples < 1) throw new RangeError(`makeMoons: samples must be a positive integer, got ${samples}`);
  const nOut = Math.floor(samples / 2);
  const nIn = samples - nOut;
  const angleOut = linspace(0, Math.PI, nOut);
  const angleIn = linspace(0, Math.PI, nIn);
  return twoClassTable(
    { x: angleOut.map(crCos), y: angleOut.map(crSin) },
    // sklearn: 1 - cos(t) and 1 - sin(t) - 0.5, evaluated left to right.
    { x: angleIn.map((t) => 1 - crCos(t)), y: angleIn.map((t) => 1 - crSin(t) - 0.5) },
    { noise: opts.noise, seed: opts.seed, shuffle: opts.shuffle ?? true },
  );
}
