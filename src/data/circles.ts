/** scikit-learn's make_circles: a large circle (label 0) around a smaller one (label 1), same doubles. */
import type { Table } from './dataset.js';
import { crCos, crSin } from './correctly-rounded.js';
import { linspace } from './linspace.js';
import { twoClassTable } from './two-class-points.js';

export interface CirclesOptions {
  /** Total points; the outer circle gets floor(samples/2), the inner one the rest. */
  readonly samples: number;
  /** Standard deviation of the Gaussian noise; undefined adds none and draws nothing. */
  readonly noise?: number;
  /** random_state: an integer in [0, 2^32 - 1]. */
  readonly seed: number;
  /** Inner radius over outer radius, in [0, 1). */
  readonly factor: number;
  readonly shuffle?: boolean;
}

/**
 * Same numbers and label order as `sklearn.datasets.make_circles(n_samples=samples, noise=noise,
 * random_state=seed, factor=factor, shuffle=shuffle)` computed with a correctly rounded libm
 * (see correctly-rounded.ts for how that relates to what numpy gives on a given machine).
 * @throws RangeError for a bad sample count or factor (callers validate user input first).
 */
export function makeCircles(opts: CirclesOptions): Table {
  const { samples, factor } = opts;
  if (!Number.isInteger(samples) || samples < 1) throw new RangeError(`makeCircles: samples must be a positive integer, got ${samples}`);
  if (!(factor >= 0 && factor < 1)) throw new RangeError(`makeCircles: factor must be in [0, 1), got ${factor}`);
  const nOut = Math.floor(samples / 2);
  const nIn = samples - nOut;
  // endpoint=False so the first point is not repeated as the last.
  const angleOut = linspace(0, 2 * Math.PI, nOut, false);
  const angleIn = linspace(0, 2 * Math.PI, nIn, false);
  return twoClassTable(
    { x: angleOut.map(crCos), y: angleOut.map(crSin) },
    { x: angleIn.map((a) => crCos(a) * factor), y: angleIn.map((a) => crSin(a) * factor) },
    { noise: opts.noise, seed: opts.seed, shuffle: opts.shuffle ?? true },
  );
}
