/**
 * Conv1D / Conv2D of src/engine/fused/layers/conv.ts, bit for bit (its header gives the summation order kept
 * here): SIMD over the F filters, each filter its own sum in the reference's tap and channel order; dX's sum
 * over filters as the reference's two partial sums (even and odd f, simd.ts dotPairsF32). Zero inputs are
 * skipped as there. Geometry as window.ts computes it (1-d layers have height 1).
 *
 * Pointers are byte offsets: x rows × inH·inW·C, out / dOut rows × outH·outW·F (f64); kernel [kh, kw, C, F] and
 * bias [F] (f32); gKernel, gBias (f64); dX rows × inH·inW·C (f64, 0: not wanted).
 */
import { axpyF32, axpyF64, dotPairsF32, loadf32 } from './simd';

export function convForward(
  inH: i32, inW: i32, C: i32, kh: i32, kw: i32, sh: i32, sw: i32, outH: i32, outW: i32, top: i32, left: i32, F: i32,
  x: usize, rows: i32, kernel: usize, bias: usize, out: usize,
): void {
  const inSize = inH * inW * C;
  for (let r = 0; r < rows; r++) {
    const xr = r * inSize;
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        const po = out + (<usize>(((r * outH + oy) * outW + ox) * F) << 3);
        for (let f = 0; f < F; f++) store<f64>(po + (<usize>f << 3), loadf32(bias + (<usize>f << 2)));
        for (let dy = 0; dy < kh; dy++) {
          const iy = oy * sh + dy - top;
          if (iy < 0 || iy >= inH) continue;
          for (let dx = 0; dx < kw; dx++) {
            const ix = ox * sw + dx - left;
            if (ix < 0 || ix >= inW) continue;
            const xo = x + (<usize>(xr + (iy * inW + ix) * C) << 3);
            const wo = (dy * kw + dx) * C * F;
            for (let c = 0; c < C; c++) {
              const xv = load<f64>(xo + (<usize>c << 3));
              if (xv != 0) axpyF32(po, xv, kernel + (<usize>(wo + c * F) << 2), F);
            }
          }
        }
      }
    }
  }
}

export function convBackward(
  inH: i32, inW: i32, C: i32, kh: i32, kw: i32, sh: i32, sw: i32, outH: i32, outW: i32, top: i32, left: i32, F: i32,
  x: usize, dOut: usize, rows: i32, kernel: usize, gKernel: usize, gBias: usize, dX: usize,
): void {
  const inSize = inH * inW * C;
  memory.fill(gKernel, 0, <usize>(kh * kw * C * F) << 3);
  memory.fill(gBias, 0, <usize>F << 3);
  const wantDx = dX != 0;
  if (wantDx) memory.fill(dX, 0, <usize>(rows * inSize) << 3);
  for (let r = 0; r < rows; r++) {
    const xr = r * inSize;
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        const po = dOut + (<usize>(((r * outH + oy) * outW + ox) * F) << 3);
        axpyF64(gBias, 1, po, F);
        for (let dy = 0; dy < kh; dy++) {
          const iy = oy * sh + dy - top;
          if (iy < 0 || iy >= inH) continue;
          for (let dx = 0; dx < kw; dx++) {
            const ix = ox * sw + dx - left;
            if (ix < 0 || ix >= inW) continue;
            const cell = xr + (iy * inW + ix) * C;
            const wo = (dy * kw + dx) * C * F;
            for (let c = 0; c < C; c++) {
              const wc = wo + c * F;
              const xv = load<f64>(x + (<usize>(cell + c) << 3));
              if (xv != 0) axpyF64(gKernel + (<usize>wc << 3), xv, po, F);
              if (wantDx) {
                const p = dX + (<usize>(cell + c) << 3);
                store<f64>(p, load<f64>(p) + dotPairsF32(kernel + (<usize>wc << 2), po, F));
              }
            }
          }
        }
      }
    }
  }
}
