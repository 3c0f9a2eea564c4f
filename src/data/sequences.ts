/**
 * Variable-length sequences for LSTM studies: each row is `length` time steps of `features` values, the first
 * L steps (L uniform in minLength..length) standard normal and the rest zeros (padding at the end, as Keras'
 * pad_sequences(padding='post') gives). Label: 1 when the sum of the first feature over the real steps is
 * positive. A real step is never all zeros (a normal draw is exactly 0 with probability 0), so a Masking layer
 * with mask value 0 finds exactly the padding: the mask studies compare noise that keeps to it with noise that
 * does not.
 */
import type { Table } from './dataset.js';
import { RandomState } from './random-state.js';

export interface SequencesOptions {
  readonly samples: number;
  /** Steps per row after padding (the longest sequence). */
  readonly length: number;
  /** Shortest sequence, 1..length. */
  readonly minLength: number;
  /** Values per step. */
  readonly features: number;
  readonly seed: number;
}

/**
 * Rows drawn from one numpy-style RandomState(seed), row after row: the length (minLength + randint(length -
 * minLength + 1)), then length × features normals for the real steps, step by step. Row-major [step][feature].
 * @throws RangeError for lengths out of order.
 */
export function makeSequences(opts: SequencesOptions): Table {
  const { samples, length, minLength, features } = opts;
  if (!(Number.isInteger(minLength) && Number.isInteger(length) && minLength >= 1 && minLength <= length)) {
    throw new RangeError(`makeSequences: expected 1 <= minLength (${minLength}) <= length (${length})`);
  }
  const rng = new RandomState(opts.seed);
  const width = length * features;
  const X = new Float64Array(samples * width);
  const y = new Int32Array(samples);
  for (let n = 0; n < samples; n++) {
    const real = minLength + rng.interval(length - minLength);
    let sum = 0;
    for (let t = 0; t < real; t++) {
      for (let f = 0; f < features; f++) {
        const v = rng.standardNormal();
        X[n * width + t * features + f] = v;
        if (f === 0) sum += v;
      }
    }
    y[n] = sum > 0 ? 1 : 0;
  }
  return { nFeatures: width, X, y };
}
