/**
 * The dense layer of the fused plan (src/engine/fused/plan/kernels/dense.ts), bit for bit: every output is
 * its own sum in the reference's order (z[r, j]: the bias, then k in order; gw[k, j] and gb[j]: rows in
 * order; dX[r, k]: even and odd j apart, a f64x2's lanes), so SIMD lanes and register blocking change nothing.
 * Eight outputs (four f64x2) are summed in registers over the whole k (or r) loop before they are stored.
 *
 * Layout (byte offsets): x rows × fanIn f64; w fanIn × n f32; b n f32; z rows × n f64; dOut rows × n f64;
 * gw fanIn × n f64; gb n f64; dX rows × fanIn f64; nz fanIn i32 scratch (the nonzero inputs of a row).
 */
import { dotPairsF32, load2f32, loadf32 } from './simd';

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
  const wRow = <usize>n << 2;
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
        const wk = w + <usize>k * wRow + (<usize>j << 2);
        a0 = f64x2.add(a0, f64x2.mul(xv, load2f32(wk)));
        a1 = f64x2.add(a1, f64x2.mul(xv, load2f32(wk + 8)));
        a2 = f64x2.add(a2, f64x2.mul(xv, load2f32(wk + 16)));
        a3 = f64x2.add(a3, f64x2.mul(xv, load2f32(wk + 24)));
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
        a = f64x2.add(a, f64x2.mul(f64x2.splat(load<f64>(xr + (<usize>k << 3))), load2f32(w + <usize>k * wRow + (<usize>j << 2))));
      }
      v128.store(zr + (<usize>j << 3), a);
    }
    if (j < n) {
      let a = loadf32(b + (<usize>j << 2));
      for (let i = 0; i < m; i++) {
        const k = load<i32>(nz + (<usize>i << 2));
        a += load<f64>(xr + (<usize>k << 3)) * loadf32(w + <usize>k * wRow + (<usize>j << 2));
      }
      store<f64>(zr + (<usize>j << 3), a);
    }
  }
}

/**
 * gw (fanIn × n) and gb (n) overwritten with the batch's sums; dX (rows × fanIn, when not 0) with
 * Σ_j w[k, j]·dOut[r, j], or 0 where x is 0 when `sparseDx` (the stage before ignores the gradient there).
 */
export function denseBackward(x: usize, dOut: usize, rows: i32, fanIn: i32, w: usize, n: i32, gw: usize, gb: usize, dX: usize, sparseDx: bool): void {
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
  // gw[k, j] = Σ_r x[r, k]·dOut[r, j], rows with x[r, k] = 0 skipped
  for (let k = 0; k < fanIn; k++) {
    const gk = gw + (<usize>(k * n) << 3);
    const xk = x + (<usize>k << 3);
    j = 0;
    for (; j + 7 < n; j += 8) {
      let a0 = f64x2.splat(0);
      let a1 = a0;
      let a2 = a0;
      let a3 = a0;
      for (let r = 0; r < rows; r++) {
        const xv = load<f64>(xk + <usize>r * xRow);
        if (xv == 0) continue;
        const v = f64x2.splat(xv);
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
      for (let r = 0; r < rows; r++) {
        const xv = load<f64>(xk + <usize>r * xRow);
        if (xv != 0) a = f64x2.add(a, f64x2.mul(f64x2.splat(xv), v128.load(dOut + <usize>r * dRow + (<usize>j << 3))));
      }
      v128.store(gk + (<usize>j << 3), a);
    }
    if (j < n) {
      let a = 0.0;
      for (let r = 0; r < rows; r++) {
        const xv = load<f64>(xk + <usize>r * xRow);
        if (xv != 0) a += xv * load<f64>(dOut + <usize>r * dRow + (<usize>j << 3));
      }
      store<f64>(gk + (<usize>j << 3), a);
    }
  }
  if (dX == 0) return;
  for (let r = 0; r < rows; r++) {
    const dr = dOut + <usize>r * dRow;
    const xr = x + <usize>r * xRow;
    const out = dX + <usize>r * xRow;
    for (let k = 0; k < fanIn; k++) {
      const o = <usize>k << 3;
      store<f64>(out + o, sparseDx && load<f64>(xr + o) == 0 ? 0.0 : dotPairsF32(w + (<usize>(k * n) << 2), dr, n));
    }
  }
}
