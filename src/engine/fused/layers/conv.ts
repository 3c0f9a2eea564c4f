/**
 * Conv1D / Conv2D (Keras semantics: channels-last, kernel [kh, kw, C, F], valid or same padding, strides) as
 * plain loops over a batch of rows: activations float64, weights float32 (what tfjs stores), gradients float64.
 * A 1-d layer is the 2-d one with height 1 (window.ts).
 *
 * Summation order, which the WebAssembly kernel keeps so both give the same bits:
 *   forward   out[p, f] = bias[f], then + x·w for each tap (dy, dx) in order and each input channel c in order;
 *             every filter f is its own sum, so SIMD lanes over f change nothing;
 *   backward  gBias[f] and gKernel[tap, c, f] sum over rows then output positions in order; dX[r, cell, c]
 *             sums over output positions (then taps) in order, each term Σ_f w·dOut kept as two partial sums
 *             (even and odd f, a f64x2's two lanes) added at the end, as kernels.ts does for dense layers.
 * Input values that are exactly 0 (inactive ReLUs) are skipped: they add nothing, and in a CNN after ReLU
 * about half the values are 0.
 */
import type { WindowGeometry } from './window.js';

/**
 * out[rows × outH·outW·F] = conv(x[rows × inH·inW·C], kernel) + bias: cells outside the image (same padding)
 * count as 0.
 */
export function convForward(g: WindowGeometry, filters: number, x: Float64Array, rows: number, kernel: Float32Array, bias: Float32Array, out: Float64Array): void {
  const { inH, inW, channels: C, kh, kw, sh, sw, outH, outW, top, left } = g;
  const F = filters;
  const inSize = inH * inW * C;
  for (let r = 0; r < rows; r++) {
    const xr = r * inSize;
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        const po = ((r * outH + oy) * outW + ox) * F;
        for (let f = 0; f < F; f++) out[po + f] = bias[f]!;
        for (let dy = 0; dy < kh; dy++) {
          const iy = oy * sh + dy - top;
          if (iy < 0 || iy >= inH) continue;
          for (let dx = 0; dx < kw; dx++) {
            const ix = ox * sw + dx - left;
            if (ix < 0 || ix >= inW) continue;
            const xo = xr + (iy * inW + ix) * C;
            const wo = (dy * kw + dx) * C * F;
            for (let c = 0; c < C; c++) {
              const xv = x[xo + c]!;
              if (xv === 0) continue;
              const wc = wo + c * F;
              for (let f = 0; f < F; f++) out[po + f] += xv * kernel[wc + f]!;
            }
          }
        }
      }
    }
  }
}

/**
 * Gradients of the last convForward over the same x given dOut (dLoss/dout, rows × outH·outW·F):
 * overwrites gKernel ([kh, kw, C, F]) and gBias ([F]) with the batch's sums, and dX (rows × inH·inW·C)
 * with dLoss/dx when it is not null (the first layer needs none).
 */
export function convBackward(
  g: WindowGeometry,
  filters: number,
  x: Float64Array,
  dOut: Float64Array,
  rows: number,
  kernel: Float32Array,
  gKernel: Float64Array,
  gBias: Float64Array,
  dX: Float64Array | null,
): void {
  const { inH, inW, channels: C, kh, kw, sh, sw, outH, outW, top, left } = g;
  const F = filters;
  const inSize = inH * inW * C;
  gKernel.fill(0, 0, kh * kw * C * F);
  gBias.fill(0, 0, F);
  const wantDx = dX !== null;
  if (wantDx) dX.fill(0, 0, rows * inSize);
  for (let r = 0; r < rows; r++) {
    const xr = r * inSize;
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        const po = ((r * outH + oy) * outW + ox) * F;
        for (let f = 0; f < F; f++) gBias[f] += dOut[po + f]!;
        for (let dy = 0; dy < kh; dy++) {
          const iy = oy * sh + dy - top;
          if (iy < 0 || iy >= inH) continue;
          for (let dx = 0; dx < kw; dx++) {
            const ix = ox * sw + dx - left;
            if (ix < 0 || ix >= inW) continue;
            const xo = xr + (iy * inW + ix) * C;
            const wo = (dy * kw + dx) * C * F;
            for (let c = 0; c < C; c++) {
              const wc = wo + c * F;
              const xv = x[xo + c]!;
              if (xv !== 0) for (let f = 0; f < F; f++) gKernel[wc + f] += xv * dOut[po + f]!;
              if (wantDx) {
                let s = 0;
                let sNext = 0;
                for (let f = 0; f < F; f++) {
                  const t = s + kernel[wc + f]! * dOut[po + f]!;
                  s = sNext;
                  sNext = t;
                }
                dX[xo + c] += s + sNext;
              }
            }
          }
        }
      }
    }
  }
}
