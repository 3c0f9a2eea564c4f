/**
 * The dense layer of the fused plan (src/engine/fused/plan/kernels/dense.ts), bit for bit: every output is
 * its own sum in the reference's order (z[r, j]: the bias, then k in order; gw[k, j] and gb[j]: rows in
 * order; dX[r, k]: even and odd j apart, a f64x2's lanes), so SIMD lanes and register blocking change nothing.
 * Eight outputs (four f64x2) are summed in registers over the whole k (or r) loop before they are stored.
 *
 * Layout (byte offsets): x rows × fanIn f64; w fanIn × n f64 (the float32 weights widened: widenF32); b n f32; z rows × n f64; dOut rows × n f64;
 * gw fanIn × n f64; gb n f64; dX rows × fanIn f64; nz max(fanIn, rows) i32 scratch (nonzero inputs or rows).
 */
import { dotPairsF64, load2f32, loadf32 } from './simd';

/**
 * dst[i] = src[i] widened to f64 (exactly, as reading a Float32Array does), i < n: the weights once per pass,
 * not at each of their uses (asm/conv.ts measured widening at every use as a third of its forward pass).
 */
export function widenF32(src: usize, dst: usize, n: i32): void {
  let i = 0;
  for (; i + 1 < n; i += 2) v128.store(dst + (<usize>i << 3), load2f32(src + (<usize>i << 2)));
  if (i < n) store<f64>(dst + (<usize>i << 3), loadf32(src + (<usize>i << 2)));
}

/** Indices k < n with x[k] != 0 written to nz; returns their count (zero inputs add nothing, so are skipped). */
@inline
function nonzeros(x: usize, n: i32, nz: usize): i32 {
  let m = 0;
  for (let k = 0; k < n; k++) {
    if (load<f64>(x + (<usize>k << 3)) != 0) {
      store<i32>(nz + (<usize>m << 2), k);
      m++;
    }
  }
  return m;
}

/** z (rows × n) = x · w + b, zero inputs skipped. */
export function denseForward(x: usize, rows: i32, fanIn: i32, w: usize, b: usize, n: i32, z: usize, nz: usize): void {
  const wRow = <usize>n << 3;
  for (let r = 0; r < rows; r++) {
    const xr = x + (<usize>(r * fanIn) << 3);
    const zr = z + (<usize>(r * n) << 3);
    const m = nonzeros(xr, fanIn, nz);
    let j = 0;
    for (; j + 7 < n; j += 8) {
      const bj = b + (<usize>j << 2);
      let a0 = load2f32(bj);
      let a1 = load2f32(bj + 8);
      let a2 = load2f32(bj + 16);
      let a3 = load2f32(bj + 24);
      for (let i = 0; i < m; i++) {
        const k = load<i32>(nz + (<usize>i << 2));
        const xv = f64x2.splat(load<f64>(xr + (<usize>k << 3)));
        const wk = w + <usize>k * wRow + (<usize>j << 3);
        a0 = f64x2.add(a0, f64x2.mul(xv, v128.load(wk)));
        a1 = f64x2.add(a1, f64x2.mul(xv, v128.load(wk, 16)));
        a2 = f64x2.add(a2, f64x2.mul(xv, v128.load(wk, 32)));
        a3 = f64x2.add(a3, f64x2.mul(xv, v128.load(wk, 48)));
      }
      const zj = zr + (<usize>j << 3);
      v128.store(zj, a0);
      v128.store(zj, a1, 16);
      v128.store(zj, a2, 32);
      v128.store(zj, a3, 48);
    }
    for (; j + 1 < n; j += 2) {
      let a = load2f32(b + (<usize>j << 2));
      for (let i = 0; i < m; i++) {
        const k = load<i32>(nz + (<usize>i << 2));
        a = f64x2.add(a, f64x2.mul(f64x2.splat(load<f64>(xr + (<usize>k << 3))), v128.load(w + <usize>k * wRow + (<usize>j << 3))));
      }
      v128.store(zr + (<usize>j << 3), a);
    }
    if (j < n) {
      let a = loadf32(b + (<usize>j << 2));
      for (let i = 0; i < m; i++) {
        const k = load<i32>(nz + (<usize>i << 2));
        a += load<f64>(xr + (<usize>k << 3)) * load<f64>(w + <usize>k * wRow + (<usize>j << 3));
      }
      store<f64>(zr + (<usize>j << 3), a);
    }
  }
}

/**
 * gw (fanIn × n) and gb (n) overwritten with the batch's sums; dX (rows × fanIn, when not 0) with
 * Σ_j w[k, j]·dOut[r, j], or 0 where x is 0 when `sparseDx` (the stage before ignores the gradient there).
 */
export function denseBackward(x: usize, dOut: usize, rows: i32, fanIn: i32, w: usize, n: i32, gw: usize, gb: usize, dX: usize, sparseDx: bool, nz: usize): void {
  const dRow = <usize>n << 3;
  const xRow = <usize>fanIn << 3;
  // gb[j] = Σ_r dOut[r, j]
  let j = 0;
  for (; j + 1 < n; j += 2) {
    let a = f64x2.splat(0);
    for (let r = 0; r < rows; r++) a = f64x2.add(a, v128.load(dOut + <usize>r * dRow + (<usize>j << 3)));
    v128.store(gb + (<usize>j << 3), a);
  }
  if (j < n) {
    let a = 0.0;
    for (let r = 0; r < rows; r++) a += load<f64>(dOut + <usize>r * dRow + (<usize>j << 3));
    store<f64>(gb + (<usize>j << 3), a);
  }
  // gw[k, j] = Σ_r x[r, k]·dOut[r, j], rows with x[r, k] = 0 skipped (their rows listed once per k in nz)
  for (let k = 0; k < fanIn; k++) {
    const gk = gw + (<usize>(k * n) << 3);
    const xk = x + (<usize>k << 3);
    let m = 0;
    for (let r = 0; r < rows; r++) {
      if (load<f64>(xk + <usize>r * xRow) != 0) {
        store<i32>(nz + (<usize>m << 2), r);
        m++;
      }
    }
    j = 0;
    for (; j + 7 < n; j += 8) {
      let a0 = f64x2.splat(0);
      let a1 = a0;
      let a2 = a0;
      let a3 = a0;
      for (let i = 0; i < m; i++) {
        const r = load<i32>(nz + (<usize>i << 2));
        const v = f64x2.splat(load<f64>(xk + <usize>r * xRow));
        const d = dOut + <usize>r * dRow + (<usize>j << 3);
        a0 = f64x2.add(a0, f64x2.mul(v, v128.load(d)));
        a1 = f64x2.add(a1, f64x2.mul(v, v128.load(d, 16)));
        a2 = f64x2.add(a2, f64x2.mul(v, v128.load(d, 32)));
        a3 = f64x2.add(a3, f64x2.mul(v, v128.load(d, 48)));
      }
      const g = gk + (<usize>j << 3);
      v128.store(g, a0);
      v128.store(g, a1, 16);
      v128.store(g, a2, 32);
      v128.store(g, a3, 48);
    }
    for (; j + 1 < n; j += 2) {
      let a = f64x2.splat(0);
      for (let i = 0; i < m; i++) {
        const r = load<i32>(nz + (<usize>i << 2));
        a = f64x2.add(a, f64x2.mul(f64x2.splat(load<f64>(xk + <usize>r * xRow)), v128.load(dOut + <usize>r * dRow + (<usize>j << 3))));
      }
      v128.store(gk + (<usize>j << 3), a);
    }
    if (j < n) {
      let a = 0.0;
      for (let i = 0; i < m; i++) {
        const r = load<i32>(nz + (<usize>i << 2));
        a += load<f64>(xk + <usize>r * xRow) * load<f64>(dOut + <usize>r * dRow + (<usize>j << 3));
      }
      store<f64>(gk + (<usize>j << 3), a);
    }
  }
  if (dX == 0) return;
  const pairs = n & ~1;
  for (let r = 0; r < rows; r++) {
    const dr = dOut + <usize>r * dRow;
    const xr = x + <usize>r * xRow;
    const out = dX + <usize>r * xRow;
    // The inputs whose dX is computed (all, or the nonzero ones), four at a time sharing each dOut load.
    let m = 0;
    for (let k = 0; k < fanIn; k++) {
      if (sparseDx && load<f64>(xr + (<usize>k << 3)) == 0) {
        store<f64>(out + (<usize>k << 3), 0.0);
      } else {
        store<i32>(nz + (<usize>m << 2), k);
        m++;
      }
    }
    let i = 0;
    for (; i + 3 < m; i += 4) {
      const k0 = load<i32>(nz + (<usize>i << 2));
      const k1 = load<i32>(nz + (<usize>(i + 1) << 2));
      const k2 = load<i32>(nz + (<usize>(i + 2) << 2));
      const k3 = load<i32>(nz + (<usize>(i + 3) << 2));
      const w0 = w + (<usize>(k0 * n) << 3);
      const w1 = w + (<usize>(k1 * n) << 3);
      const w2 = w + (<usize>(k2 * n) << 3);
      const w3 = w + (<usize>(k3 * n) << 3);
      let a0 = f64x2.splat(0);
      let a1 = a0;
      let a2 = a0;
      let a3 = a0;
      for (let jj = 0; jj < pairs; jj += 2) {
        const d = v128.load(dr + (<usize>jj << 3));
        const o = <usize>jj << 3;
        a0 = f64x2.add(a0, f64x2.mul(v128.load(w0 + o), d));
        a1 = f64x2.add(a1, f64x2.mul(v128.load(w1 + o), d));
        a2 = f64x2.add(a2, f64x2.mul(v128.load(w2 + o), d));
        a3 = f64x2.add(a3, f64x2.mul(v128.load(w3 + o), d));
      }
      store<f64>(out + (<usize>k0 << 3), finishPairs(a0, w0, dr, n, pairs));
      store<f64>(out + (<usize>k1 << 3), finishPairs(a1, w1, dr, n, pairs));
      store<f64>(out + (<usize>k2 << 3), finishPairs(a2, w2, dr, n, pairs));
      store<f64>(out + (<usize>k3 << 3), finishPairs(a3, w3, dr, n, pairs));
    }
    for (; i < m; i++) {
      const k = load<i32>(nz + (<usize>i << 2));
      store<f64>(out + (<usize>k << 3), dotPairsF64(w + (<usize>(k * n) << 3), dr, n));
    }
  }
}

/** The end of simd.ts dotPairsF64 for lanes `acc` over the first `pairs` terms: an odd n's last term joins the even sum. */
@inline
function finishPairs(acc: v128, w: usize, d: usize, n: i32, pairs: i32): f64 {
  let even = f64x2.extract_lane(acc, 0);
  if (pairs < n) even += load<f64>(w + (<usize>pairs << 3)) * load<f64>(d + (<usize>pairs << 3));
  return even + f64x2.extract_lane(acc, 1);
}
