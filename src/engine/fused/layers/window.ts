/**
 * Where a sliding window (a convolution's kernel, a pooling window) lands on a channels-last image, with
 * TensorFlow's rules (tf.nn conv2d / pooling, as Keras and tfjs use them):
 *   valid: out = floor((in - k) / s) + 1, no padding;
 *   same:  out = ceil(in / s), padding total max((out - 1)·s + k - in, 0), the smaller half before
 *          (top / left) and the extra cell of an odd total after.
 * A 1-d layer is a 2-d one with height 1 (window height 1, stride 1), so one set of loops serves both.
 */

export type Padding = 'valid' | 'same';

/** A window's geometry over one image: input and output sizes, window and stride, padding before. */
export interface WindowGeometry {
  readonly inH: number;
  readonly inW: number;
  readonly channels: number;
  readonly kh: number;
  readonly kw: number;
  readonly sh: number;
  readonly sw: number;
  readonly outH: number;
  readonly outW: number;
  /** Padding before the first row / column (cells outside the image are zero for conv, skipped for pooling). */
  readonly top: number;
  readonly left: number;
}

function axis(n: number, k: number, s: number, padding: Padding): { out: number; before: number } {
  if (padding === 'valid') return { out: Math.floor((n - k) / s) + 1, before: 0 };
  const out = Math.ceil(n / s);
  const total = Math.max((out - 1) * s + k - n, 0);
  return { out, before: Math.floor(total / 2) };
}

/**
 * The geometry of a window over images of `shape` ([h, w, c], or [steps, c] for 1-d layers, taken as height 1).
 * @throws RangeError when a valid window does not fit (layer-shapes.ts rejects such a stack before any run).
 */
export function windowGeometry(shape: readonly number[], size: number, stride: number, padding: Padding): WindowGeometry {
  const flat = shape.length === 2;
  const inH = flat ? 1 : shape[0]!;
  const inW = flat ? shape[0]! : shape[1]!;
  const channels = shape[shape.length - 1]!;
  const kh = flat ? 1 : size;
  const sh = flat ? 1 : stride;
  const v = axis(inH, kh, sh, padding);
  const h = axis(inW, size, stride, padding);
  if (v.out < 1 || h.out < 1) throw new RangeError(`window ${size} does not fit rows of shape [${shape.join(', ')}]`);
  return { inH, inW, channels, kh, kw: size, sh, sw: stride, outH: v.out, outW: h.out, top: v.before, left: h.before };
}

/** Values in one input row (image) and one output row (before the output's channels: outH · outW). */
export function inputSize(g: WindowGeometry): number {
  return g.inH * g.inW * g.channels;
}

export function outputPositions(g: WindowGeometry): number {
  return g.outH * g.outW;
}
