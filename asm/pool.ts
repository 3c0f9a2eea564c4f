/**
 * The fused plan's pooling kernels (src/engine/fused/layers/pool.ts), bit for bit: the same operations in the
 * same order per value, two channels at a time (channels are adjacent in memory, and a SIMD lane computes what
 * the scalar loop computes for its channel). They run here for the reason asm/elementwise.ts gives: the
 * plan's arrays live in this kernel's memory.
 */

/**
 * layers/pool.ts maxPoolForward: each window's first largest cell (in (dy, dx) order) over the cells inside
 * the image; out (f64) its value, argmax (i32) its index into x. Two channels at a time (channels are
 * adjacent in memory): a lane takes a cell only when it is strictly larger, as the scalar loop does.
 */
export function maxPoolForward(
  inH: i32, inW: i32, C: i32, kh: i32, kw: i32, sh: i32, sw: i32, outH: i32, outW: i32, top: i32, left: i32,
  x: usize, rows: i32, out: usize, argmax: usize,
): void {
  const inSize = inH * inW * C;
  for (let r = 0; r < rows; r++) {
    const xr = r * inSize;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = max(oy * sh - top, 0);
      const y1 = min(oy * sh - top + kh, inH);
      for (let ox = 0; ox < outW; ox++) {
        const x0 = max(ox * sw - left, 0);
        const x1 = min(ox * sw - left + kw, inW);
        const po = ((r * outH + oy) * outW + ox) * C;
        const first = xr + (y0 * inW + x0) * C;
        let c = 0;
        for (; c + 1 < C; c += 2) {
          let at = i64x2(first + c, first + c + 1);
          let best = v128.load(x + (<usize>(first + c) << 3));
          for (let iy = y0; iy < y1; iy++) {
            for (let ix = x0; ix < x1; ix++) {
              const i = xr + (iy * inW + ix) * C + c;
              const v = v128.load(x + (<usize>i << 3));
              const taken = f64x2.gt(v, best);
              best = v128.bitselect(v, best, taken);
              at = v128.bitselect(i64x2(i, i + 1), at, taken);
            }
          }
          v128.store(out + (<usize>(po + c) << 3), best);
          store<i32>(argmax + (<usize>(po + c) << 2), <i32>i64x2.extract_lane(at, 0));
          store<i32>(argmax + (<usize>(po + c + 1) << 2), <i32>i64x2.extract_lane(at, 1));
        }
        if (c < C) {
          let at = first + c;
          let best = load<f64>(x + (<usize>at << 3));
          for (let iy = y0; iy < y1; iy++) {
            for (let ix = x0; ix < x1; ix++) {
              const i = xr + (iy * inW + ix) * C + c;
              const v = load<f64>(x + (<usize>i << 3));
              if (v > best) {
                best = v;
                at = i;
              }
            }
          }
          store<f64>(out + (<usize>(po + c) << 3), best);
          store<i32>(argmax + (<usize>(po + c) << 2), at);
        }
      }
    }
  }
}

/** layers/pool.ts maxPoolBackward: dX (inCells values, zeroed first) gets each output's gradient at its cell. */
export function maxPoolBackward(dOut: usize, outs: i32, argmax: usize, inCells: i32, dX: usize): void {
  memory.fill(dX, 0, <usize>inCells << 3);
  for (let o = 0; o < outs; o++) {
    const p = dX + (<usize>load<i32>(argmax + (<usize>o << 2)) << 3);
    store<f64>(p, load<f64>(p) + load<f64>(dOut + (<usize>o << 3)));
  }
}

/**
 * layers/pool.ts avgPoolForward: each window's cells inside the image summed in (dy, dx) order from 0, then
 * divided by their count.
 */
export function avgPoolForward(
  inH: i32, inW: i32, C: i32, kh: i32, kw: i32, sh: i32, sw: i32, outH: i32, outW: i32, top: i32, left: i32,
  x: usize, rows: i32, out: usize,
): void {
  const inSize = inH * inW * C;
  for (let r = 0; r < rows; r++) {
    const xr = r * inSize;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = max(oy * sh - top, 0);
      const y1 = min(oy * sh - top + kh, inH);
      for (let ox = 0; ox < outW; ox++) {
        const x0 = max(ox * sw - left, 0);
        const x1 = min(ox * sw - left + kw, inW);
        const count = <f64>((y1 - y0) * (x1 - x0));
        const po = ((r * outH + oy) * outW + ox) * C;
        let c = 0;
        for (; c + 1 < C; c += 2) {
          let s = f64x2.splat(0);
          for (let iy = y0; iy < y1; iy++) {
            for (let ix = x0; ix < x1; ix++) s = f64x2.add(s, v128.load(x + (<usize>(xr + (iy * inW + ix) * C + c) << 3)));
          }
          v128.store(out + (<usize>(po + c) << 3), f64x2.div(s, f64x2.splat(count)));
        }
        if (c < C) {
          let s: f64 = 0;
          for (let iy = y0; iy < y1; iy++) {
            for (let ix = x0; ix < x1; ix++) s += load<f64>(x + (<usize>(xr + (iy * inW + ix) * C + c) << 3));
          }
          store<f64>(out + (<usize>(po + c) << 3), s / count);
        }
      }
    }
  }
}

/**
 * layers/pool.ts avgPoolBackward: dX (rows images, zeroed first) gets each output's gradient divided by the
 * window's size kh·kw (tfjs' divisor) at every cell of its window inside the image, windows in output order.
 */
export function avgPoolBackward(
  inH: i32, inW: i32, C: i32, kh: i32, kw: i32, sh: i32, sw: i32, outH: i32, outW: i32, top: i32, left: i32,
  dOut: usize, rows: i32, dX: usize,
): void {
  const inSize = inH * inW * C;
  const window = <f64>(kh * kw);
  memory.fill(dX, 0, <usize>(rows * inSize) << 3);
  for (let r = 0; r < rows; r++) {
    const xr = r * inSize;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = max(oy * sh - top, 0);
      const y1 = min(oy * sh - top + kh, inH);
      for (let ox = 0; ox < outW; ox++) {
        const x0 = max(ox * sw - left, 0);
        const x1 = min(ox * sw - left + kw, inW);
        const po = ((r * outH + oy) * outW + ox) * C;
        let c = 0;
        for (; c + 1 < C; c += 2) {
          const d = f64x2.div(v128.load(dOut + (<usize>(po + c) << 3)), f64x2.splat(window));
          for (let iy = y0; iy < y1; iy++) {
            for (let ix = x0; ix < x1; ix++) {
              const p = dX + (<usize>(xr + (iy * inW + ix) * C + c) << 3);
              v128.store(p, f64x2.add(v128.load(p), d));
            }
          }
        }
        if (c < C) {
          const d = load<f64>(dOut + (<usize>(po + c) << 3)) / window;
          for (let iy = y0; iy < y1; iy++) {
            for (let ix = x0; ix < x1; ix++) {
              const p = dX + (<usize>(xr + (iy * inW + ix) * C + c) << 3);
              store<f64>(p, load<f64>(p) + d);
            }
          }
        }
      }
    }
  }
}
