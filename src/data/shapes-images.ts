/**
 * Small synthetic images for CNN studies: each a size × size grey image (one channel, row-major) holding one
 * shape at a random place, size and brightness, plus Gaussian pixel noise. The class is the kind of shape:
 *   0 filled square, 1 plus sign, 2 frame (hollow square), 3 diagonal cross.
 * The first two classes already differ in pixel count; plus versus cross and square versus frame need the
 * spatial structure a convolution sees, which is why the set is here.
 */
import type { Table } from './dataset.js';
import { RandomState } from './random-state.js';

export interface ShapesOptions {
  readonly samples: number;
  /** Image side in pixels (at least MIN_SIZE, 7). */
  readonly size: number;
  /** Number of classes, 2 to 4 (the first `classes` kinds of shape above). */
  readonly classes: number;
  /** Standard deviation of the Gaussian noise added to every pixel. */
  readonly noise: number;
  readonly seed: number;
}

/** Smallest side of a shape: odd, so the plus and cross have a centre pixel. */
const MIN_SIDE = 5;
/** Largest side: leaves at least one pixel of margin somewhere, and no larger than 9 so positions vary. */
const MAX_SIDE = 9;
/** Smallest image: the smallest shape with its margin of one pixel on each side. */
export const MIN_SIZE = MIN_SIDE + 2;

/** Whether pixel (i, j) of an s × s box belongs to a shape of class `kind`. */
function inShape(kind: number, i: number, j: number, s: number): boolean {
  const last = s - 1;
  const mid = last / 2;
  switch (kind) {
    case 0:
      return true;
    case 1:
      return i === mid || j === mid;
    case 2:
      return i === 0 || j === 0 || i === last || j === last;
    default:
      return i === j || i + j === last;
  }
}

/**
 * Images drawn from one numpy-style RandomState(seed), image after image, each from these draws in order:
 * class (randint(classes)), side (5, 7, ... up to min(9, size - 2)), top, left, brightness (0.5 + 0.5·u),
 * then size² normals for the pixel noise, row by row. Labels are the classes.
 * @throws RangeError for a size below MIN_SIZE (7) or a class count outside 2..4.
 */
export function makeShapes(opts: ShapesOptions): Table {
  const { samples, size, classes, noise } = opts;
  if (!Number.isInteger(size) || size < MIN_SIZE) throw new RangeError(`makeShapes: size must be an integer >= ${MIN_SIZE}, got ${size}`);
  if (!Number.isInteger(classes) || classes < 2 || classes > 4) throw new RangeError(`makeShapes: classes must be 2, 3 or 4, got ${classes}`);
  const rng = new RandomState(opts.seed);
  const largest = Math.min(MAX_SIDE, size - 2 - ((size - 2 - MIN_SIDE) % 2 === 0 ? 0 : 1));
  const sideChoices = (largest - MIN_SIDE) / 2 + 1;
  const pixels = size * size;
  const X = new Float64Array(samples * pixels);
  const y = new Int32Array(samples);
  for (let n = 0; n < samples; n++) {
    const kind = rng.interval(classes - 1);
    const side = MIN_SIDE + 2 * rng.interval(sideChoices - 1);
    const top = rng.interval(size - side);
    const left = rng.interval(size - side);
    const brightness = 0.5 + 0.5 * rng.randomSample();
    const image = X.subarray(n * pixels, (n + 1) * pixels);
    for (let i = 0; i < side; i++) for (let j = 0; j < side; j++) if (inShape(kind, i, j, side)) image[(top + i) * size + left + j] = brightness;
    for (let p = 0; p < pixels; p++) image[p] = image[p]! + noise * rng.standardNormal();
    y[n] = kind;
  }
  return { nFeatures: pixels, X, y };
}
