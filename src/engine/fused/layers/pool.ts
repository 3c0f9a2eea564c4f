/**
 * MaxPooling1D/2D and AveragePooling1D/2D (Keras semantics: channels-last, valid or same padding, strides) over
 * a batch of float64 rows. Cells outside the image (same padding) are not part of any window: max ignores
 * them, and the average divides by the cells inside (TensorFlow's avg_pool, count_include_pad false).
 *
 * The average's backward pass is tfjs' (tfjs-backend-cpu AvgPoolGrad, and the wasm backend's, which the tfjs
 * engine trains with): each output's gradient divided by the whole window, kh·kw, also where same padding cuts
 * the window. That is the gradient of a forward pass that counts padded cells, not of the one above, so at
 * cut windows it differs from TensorFlow's (and Keras'), which divides by the cells inside. The fused engine
 * follows tfjs so that `train.engine: auto` does not change what a study trains; with valid padding, or same
 * padding whose windows all fit, the two agree and this is the exact gradient.
 *
 * Max keeps the first largest cell of a window in (dy, dx) order, and its backward pass sends the whole
 * gradient there, as tf.nn.max_pool's gradient does (the first maximum); a tie only arises between equal
 * values, in practice the zeros of inactive ReLUs, whose own gradient is 0 whichever cell gets it.
 */
import type { WindowGeometry } from './window.js';

/** out[rows × outH·outW·C] = window max of x; argmax[o] = the index into x of the cell each output took. */
export function maxPoolForward(g: WindowGeometry, x: Float64Array, rows: number, out: Float64Array, argmax: Int32Array): void {
  const { inH, inW, channels: C, kh, kw, sh, sw, outH, outW, top, left } = g;
  const inSize = inH * inW * C;
  for (let r = 0; r < rows; r++) {
    const xr = r * inSize;
    for (let oy = 0; oy < outH; oy++) {
      // The window's rows and columns clipped to the image (same padding's cells are skipped, not zeros).
      const y0 = Math.max(oy * sh - top, 0);
      const y1 = Math.min(oy * sh - top + kh, inH);
      for (let ox = 0; ox < outW; ox++) {
        const x0 = Math.max(ox * sw - left, 0);
        const x1 = Math.min(ox * sw - left + kw, inW);
        const po = ((r * outH + oy) * outW + ox) * C;
        for (let c = 0; c < C; c++) {
          let at = xr + (y0 * inW + x0) * C + c;
          let best = x[at]!;
          for (let iy = y0; iy < y1; iy++) {
            for (let ix = x0; ix < x1; ix++) {
              const i = xr + (iy * inW + ix) * C + c;
              const v = x[i]!;
              if (v > best) {
                best = v;
                at = i;
              }
            }
          }
          out[po + c] = best;
          argmax[po + c] = at;
        }
      }
    }
  }
}

/** dX (rows × inH·inW·C) = dOut sent back to each window's chosen cell (overwritten; overlapping windows add). */
export function maxPoolBackward(g: WindowGeometry, dOut: Float64Array, rows: number, argmax: Int32Array, dX: Float64Array): void {
  const n = rows * g.outH * g.outW * g.channels;
  dX.fill(0, 0, rows * g.inH * g.inW * g.channels);
  for (let o = 0; o < n; o++) dX[argmax[o]!] += dOut[o]!;
}

/** out = window mean of x over the cells inside the image, summed in (dy, dx) order then divided. */
export function avgPoolForward(g: WindowGeometry, x: Float64Array, rows: number, out: Float64Array): void {
  const { inH, inW, channels: C, kh, kw, sh, sw, outH, outW, top, left } = g;
  const inSize = inH * inW * C;
  for (let r = 0; r < rows; r++) {
    const xr = r * inSize;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = Math.max(oy * sh - top, 0);
      const y1 = Math.min(oy * sh - top + kh, inH);
      for (let ox = 0; ox < outW; ox++) {
        const x0 = Math.max(ox * sw - left, 0);
        const x1 = Math.min(ox * sw - left + kw, inW);
        const count = (y1 - y0) * (x1 - x0);
        const po = ((r * outH + oy) * outW + ox) * C;
        for (let c = 0; c < C; c++) {
          let s = 0;
          for (let iy = y0; iy < y1; iy++) for (let ix = x0; ix < x1; ix++) s += x[xr + (iy * inW + ix) * C + c]!;
          out[po + c] = s / count;
        }
      }
    }
  }
}

/** dX = each output's gradient divided by the window's size kh·kw (tfjs' divisor, see above), added to every cell of the window inside the image. */
export function avgPoolBackward(g: WindowGeometry, dOut: Float64Array, rows: number, dX: Float64Array): void {
  const { inH, inW, channels: C, kh, kw, sh, sw, outH, outW, top, left } = g;
  const inSize = inH * inW * C;
  const window = kh * kw;
  dX.fill(0, 0, rows * inSize);
  for (let r = 0; r < rows; r++) {
    const xr = r * inSize;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = Math.max(oy * sh - top, 0);
      const y1 = Math.min(oy * sh - top + kh, inH);
      for (let ox = 0; ox < outW; ox++) {
        const x0 = Math.max(ox * sw - left, 0);
        const x1 = Math.min(ox * sw - left + kw, inW);
        const po = ((r * outH + oy) * outW + ox) * C;
        for (let c = 0; c < C; c++) {
          const d = dOut[po + c]! / window;
          for (let iy = y0; iy < y1; iy++) for (let ix = x0; ix < x1; ix++) dX[xr + (iy * inW + ix) * C + c] += d;
        }
      }
    }
  }
}
