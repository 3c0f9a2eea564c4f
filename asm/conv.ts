/**
 * Conv1D / Conv2D of src/engine/fused/layers/conv.ts, bit for bit (its header gives the summation order kept
 * here), and dense layers as 1 × 1 convolutions of a 1 × 1 image with fanIn channels (the same sums). Each
 * filter is its own sum, so the loops may go filter block by filter block with the block's sums in registers
 * (eight filters in four f64x2), as long as each sum takes its terms in the reference's order:
 *   forward   out[p, f] = bias[f], then + x·w for each tap (dy, dx) and input channel c in order;
 *   gKernel   for each (tap, c, f): the terms x·dOut of every row and output position, in that order, from 0;
 *   gBias     dOut summed over rows and positions in order;
 *   dX        each cell's terms added in (row, position, tap) order, each term the two partial sums over f
 *             (even and odd f, simd.ts dotPairsF32).
 * Zero inputs are skipped as there. Geometry as window.ts computes it (1-d layers have height 1).
 *
 * Pointers are byte offsets, every array f64: x rows × inH·inW·C, out / dOut rows × outH·outW·F; kernel
 * [kh, kw, C, F] and bias [F], the float32 weights widened once per call by the host (exactly, as reading a
 * Float32Array does: widening each weight at every use cost a third of the forward pass); gKernel, gBias; dX
 * rows × inH·inW·C (0: not wanted).
 */
import { addDot4PairsF64, axpyF64, dotPairsF64 } from './simd';

/** Filters summed in registers at once: four f64x2. */
const BLOCK = 8;

export function convForward(
  inH: i32, inW: i32, C: i32, kh: i32, kw: i32, sh: i32, sw: i32, outH: i32, outW: i32, top: i32, left: i32, F: i32,
  x: usize, rows: i32, kernel: usize, bias: usize, out: usize,
): void {
  const inSize = inH * inW * C;
  const blocked = F - (F % BLOCK);
  for (let r = 0; r < rows; r++) {
    const xr = r * inSize;
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        const po = out + (<usize>(((r * outH + oy) * outW + ox) * F) << 3);
        for (let fb = 0; fb < blocked; fb += BLOCK) {
          const b = bias + (<usize>fb << 3);
          let a0 = v128.load(b);
          let a1 = v128.load(b, 16);
          let a2 = v128.load(b, 32);
          let a3 = v128.load(b, 48);
          for (let dy = 0; dy < kh; dy++) {
            const iy = oy * sh + dy - top;
            if (iy < 0 || iy >= inH) continue;
            for (let dx = 0; dx < kw; dx++) {
              const ix = ox * sw + dx - left;
              if (ix < 0 || ix >= inW) continue;
              const xo = x + (<usize>(xr + (iy * inW + ix) * C) << 3);
              const wo = (dy * kw + dx) * C * F + fb;
              for (let c = 0; c < C; c++) {
                const xv = load<f64>(xo + (<usize>c << 3));
                if (xv == 0) continue;
                const v = f64x2.splat(xv);
                const w = kernel + (<usize>(wo + c * F) << 3);
                a0 = f64x2.add(a0, f64x2.mul(v, v128.load(w)));
                a1 = f64x2.add(a1, f64x2.mul(v, v128.load(w, 16)));
                a2 = f64x2.add(a2, f64x2.mul(v, v128.load(w, 32)));
                a3 = f64x2.add(a3, f64x2.mul(v, v128.load(w, 48)));
              }
            }
          }
          const p = po + (<usize>fb << 3);
          v128.store(p, a0);
          v128.store(p, a1, 16);
          v128.store(p, a2, 32);
          v128.store(p, a3, 48);
        }
        // The last F mod 8 filters one at a time (each its own sum, in the same order).
        for (let f = blocked; f < F; f++) {
          let a = load<f64>(bias + (<usize>f << 3));
          for (let dy = 0; dy < kh; dy++) {
            const iy = oy * sh + dy - top;
            if (iy < 0 || iy >= inH) continue;
            for (let dx = 0; dx < kw; dx++) {
              const ix = ox * sw + dx - left;
              if (ix < 0 || ix >= inW) continue;
              const xo = x + (<usize>(xr + (iy * inW + ix) * C) << 3);
              const wo = (dy * kw + dx) * C * F + f;
              for (let c = 0; c < C; c++) {
                const xv = load<f64>(xo + (<usize>c << 3));
                if (xv != 0) a += xv * load<f64>(kernel + (<usize>(wo + c * F) << 3));
              }
            }
          }
          store<f64>(po + (<usize>f << 3), a);
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
  const blocked = F - (F % BLOCK);
  memory.fill(gBias, 0, <usize>F << 3);
  for (let r = 0; r < rows; r++) {
    for (let p = 0; p < outH * outW; p++) axpyF64(gBias, 1, dOut + (<usize>((r * outH * outW + p) * F) << 3), F);
  }
  // gKernel: each (tap, channel, filter block) summed in registers over every row and output position in order.
  for (let dy = 0; dy < kh; dy++) {
    for (let dx = 0; dx < kw; dx++) {
      for (let c = 0; c < C; c++) {
        const wc = (dy * kw + dx) * C * F + c * F;
        for (let fb = 0; fb < blocked; fb += BLOCK) {
          let a0 = f64x2.splat(0);
          let a1 = a0;
          let a2 = a0;
          let a3 = a0;
          for (let r = 0; r < rows; r++) {
            const xr = x + (<usize>(r * inSize + c) << 3);
            for (let oy = 0; oy < outH; oy++) {
              const iy = oy * sh + dy - top;
              if (iy < 0 || iy >= inH) continue;
              for (let ox = 0; ox < outW; ox++) {
                const ix = ox * sw + dx - left;
                if (ix < 0 || ix >= inW) continue;
                const xv = load<f64>(xr + (<usize>((iy * inW + ix) * C) << 3));
                if (xv == 0) continue;
                const v = f64x2.splat(xv);
                const d = dOut + (<usize>(((r * outH + oy) * outW + ox) * F + fb) << 3);
                a0 = f64x2.add(a0, f64x2.mul(v, v128.load(d)));
                a1 = f64x2.add(a1, f64x2.mul(v, v128.load(d, 16)));
                a2 = f64x2.add(a2, f64x2.mul(v, v128.load(d, 32)));
                a3 = f64x2.add(a3, f64x2.mul(v, v128.load(d, 48)));
              }
            }
          }
          const g = gKernel + (<usize>(wc + fb) << 3);
          v128.store(g, a0);
          v128.store(g, a1, 16);
          v128.store(g, a2, 32);
          v128.store(g, a3, 48);
        }
        for (let f = blocked; f < F; f++) {
          let a: f64 = 0;
          for (let r = 0; r < rows; r++) {
            const xr = x + (<usize>(r * inSize + c) << 3);
            for (let oy = 0; oy < outH; oy++) {
              const iy = oy * sh + dy - top;
              if (iy < 0 || iy >= inH) continue;
              for (let ox = 0; ox < outW; ox++) {
                const ix = ox * sw + dx - left;
                if (ix < 0 || ix >= inW) continue;
                const xv = load<f64>(xr + (<usize>((iy * inW + ix) * C) << 3));
                if (xv != 0) a += xv * load<f64>(dOut + (<usize>(((r * outH + oy) * outW + ox) * F + f) << 3));
              }
            }
          }
          store<f64>(gKernel + (<usize>(wc + f) << 3), a);
        }
      }
    }
  }
  if (dX == 0) return;
  memory.fill(dX, 0, <usize>(rows * inSize) << 3);
  for (let r = 0; r < rows; r++) {
    const xr = r * inSize;
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        const po = dOut + (<usize>(((r * outH + oy) * outW + ox) * F) << 3);
        for (let dy = 0; dy < kh; dy++) {
          const iy = oy * sh + dy - top;
          if (iy < 0 || iy >= inH) continue;
          for (let dx = 0; dx < kw; dx++) {
            const ix = ox * sw + dx - left;
            if (ix < 0 || ix >= inW) continue;
            const cell = xr + (iy * inW + ix) * C;
            const wo = (dy * kw + dx) * C * F;
            // Four channels' sums at once (simd.ts: four independent chains, each its own sum).
            let c = 0;
            for (; c + 4 <= C; c += 4) addDot4PairsF64(kernel + (<usize>(wo + c * F) << 3), <usize>F << 3, po, F, dX + (<usize>(cell + c) << 3));
            for (; c < C; c++) {
              const p = dX + (<usize>(cell + c) << 3);
              store<f64>(p, load<f64>(p) + dotPairsF64(kernel + (<usize>(wo + c * F) << 3), po, F));
            }
          }
        }
      }
    }
  }
}
