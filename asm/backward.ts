/**
 * Backward kernels, as src/engine/fused/kernels.ts computes them, two units per SIMD step: each unit's
 * sums run over the rows (or inputs) in the same order with the same operations, so the gradients are the
 * same bits. deltaBack's sum over units uses kernels.ts' even/odd partial sums.
 */
import { slope, slope2 } from './activation';
import { axpyF64, load2f32, loadf32 } from './simd';

/**
 * kernels.ts backwardColumns2 (one hidden layer of two inputs): for each unit j, over rows r in order,
 * gwOut_j = Σ a_rj·g_r, and with d_rj = (g_r · wOut_j) · act'(h_rj): gb_j = Σ d_rj, gw_0j = Σ x_r0·d_rj,
 * gw_1j = Σ x_r1·d_rj. Overwrites gwOut, gb and gw (float64).
 */
export function backwardColumns2(kind: i32, g: usize, x: usize, a: usize, h: usize, rows: i32, n: i32, wOut: usize, gwOut: usize, gb: usize, gw: usize): void {
  const rowBytes = <usize>n << 3;
  const gw1 = gw + rowBytes;
  let j = 0;
  for (; j + 1 < n; j += 2) {
    const o8 = <usize>j << 3;
    const wj = load2f32(wOut + (<usize>j << 2));
    let sOut = f64x2.splat(0.0);
    let sb = f64x2.splat(0.0);
    let s0 = f64x2.splat(0.0);
    let s1 = f64x2.splat(0.0);
    let pa = a + o8;
    let ph = h + o8;
    for (let r = 0; r < rows; r++) {
      const gr = f64x2.splat(load<f64>(g + (<usize>r << 3)));
      const hv = v128.load(ph);
      sOut = f64x2.add(sOut, f64x2.mul(v128.load(pa), gr));
      const d = f64x2.mul(f64x2.mul(gr, wj), slope2(kind, hv));
      sb = f64x2.add(sb, d);
      const xr = x + (<usize>r << 4);
      s0 = f64x2.add(s0, f64x2.mul(f64x2.splat(load<f64>(xr)), d));
      s1 = f64x2.add(s1, f64x2.mul(f64x2.splat(load<f64>(xr, 8)), d));
      pa += rowBytes;
      ph += rowBytes;
    }
    v128.store(gwOut + o8, sOut);
    v128.store(gb + o8, sb);
    v128.store(gw + o8, s0);
    v128.store(gw1 + o8, s1);
  }
  if (j < n) {
    const o8 = <usize>j << 3;
    const wj = loadf32(wOut + (<usize>j << 2));
    let sOut = 0.0, sb = 0.0, s0 = 0.0, s1 = 0.0;
    for (let r = 0; r < rows; r++) {
      const i = (<usize>r * rowBytes) + o8;
      const gr = load<f64>(g + (<usize>r << 3));
      sOut += load<f64>(a + i) * gr;
      const d = gr * wj * slope(kind, load<f64>(h + i));
      sb += d;
      const xr = x + (<usize>r << 4);
      s0 += load<f64>(xr) * d;
      s1 += load<f64>(xr, 8) * d;
    }
    store<f64>(gwOut + o8, sOut);
    store<f64>(gb + o8, sb);
    store<f64>(gw + o8, s0);
    store<f64>(gw1 + o8, s1);
  }
}

/**
 * kernels.ts outputBackRow for one row: gwOut_j += a_j·g; d_j = (g·wOut_j)·act'(h_j); gb_j += d_j; delta_j = d_j.
 */
export function outputBackRow(kind: i32, g: f64, a: usize, h: usize, n: i32, wOut: usize, gwOut: usize, gb: usize, delta: usize): void {
  const vg = f64x2.splat(g);
  let j = 0;
  for (; j + 1 < n; j += 2) {
    const o8 = <usize>j << 3;
    const pOut = gwOut + o8;
    v128.store(pOut, f64x2.add(v128.load(pOut), f64x2.mul(v128.load(a + o8), vg)));
    const d = f64x2.mul(f64x2.mul(vg, load2f32(wOut + (<usize>j << 2))), slope2(kind, v128.load(h + o8)));
    const pb = gb + o8;
    v128.store(pb, f64x2.add(v128.load(pb), d));
    v128.store(delta + o8, d);
  }
  if (j < n) {
    const o8 = <usize>j << 3;
    store<f64>(gwOut + o8, load<f64>(gwOut + o8) + load<f64>(a + o8) * g);
    const d = g * loadf32(wOut + (<usize>j << 2)) * slope(kind, load<f64>(h + o8));
    store<f64>(gb + o8, load<f64>(gb + o8) + d);
    store<f64>(delta + o8, d);
  }
}

/** kernels.ts kernelGradRow: gw_kj += a_k · delta_j (fanIn × n, float64); inputs equal to 0 skipped. */
export function kernelGradRow(a: usize, fanIn: i32, delta: usize, gw: usize, n: i32): void {
  for (let k = 0; k < fanIn; k++) {
    const ak = load<f64>(a + (<usize>k << 3));
    if (ak == 0) continue;
    const va = f64x2.splat(ak);
    const row = gw + (<usize>(k * n) << 3);
    let j = 0;
    for (; j + 1 < n; j += 2) {
      const p = row + (<usize>j << 3);
      v128.store(p, f64x2.add(v128.load(p), f64x2.mul(va, v128.load(delta + (<usize>j << 3)))));
    }
    if (j < n) {
      const p = row + (<usize>j << 3);
      store<f64>(p, load<f64>(p) + ak * load<f64>(delta + (<usize>j << 3)));
    }
  }
}

/**
 * kernelGradRow for four rows in order, a0..a3 (their inputs) with their deltas d, d + n, d + 2n, d + 3n
 * (doubles): where all four inputs a_rk are nonzero, gw_kj is loaded once, gets the four rows' products added in
 * row order and is stored once (kernelGradRow reads and writes it once per row); where any is 0, the rows whose
 * input is nonzero go one after the other, as kernelGradRow skips zeros. Each gw_kj's sum keeps its order.
 */
export function kernelGrad4(a0: usize, a1: usize, a2: usize, a3: usize, fanIn: i32, d: usize, gw: usize, n: i32): void {
  const rowBytes = <usize>n << 3;
  const d1 = d + rowBytes;
  const d2 = d1 + rowBytes;
  const d3 = d2 + rowBytes;
  for (let k = 0; k < fanIn; k++) {
    const o = <usize>k << 3;
    const v0 = load<f64>(a0 + o);
    const v1 = load<f64>(a1 + o);
    const v2 = load<f64>(a2 + o);
    const v3 = load<f64>(a3 + o);
    const row = gw + <usize>k * rowBytes;
    if (v0 == 0 || v1 == 0 || v2 == 0 || v3 == 0) {
      if (v0 != 0) axpyF64(row, v0, d, n);
      if (v1 != 0) axpyF64(row, v1, d1, n);
      if (v2 != 0) axpyF64(row, v2, d2, n);
      if (v3 != 0) axpyF64(row, v3, d3, n);
      continue;
    }
    const s0 = f64x2.splat(v0);
    const s1 = f64x2.splat(v1);
    const s2 = f64x2.splat(v2);
    const s3 = f64x2.splat(v3);
    let j = 0;
    for (; j + 1 < n; j += 2) {
      const oj = <usize>j << 3;
      const p = row + oj;
      let g = v128.load(p);
      g = f64x2.add(g, f64x2.mul(s0, v128.load(d + oj)));
      g = f64x2.add(g, f64x2.mul(s1, v128.load(d1 + oj)));
      g = f64x2.add(g, f64x2.mul(s2, v128.load(d2 + oj)));
      g = f64x2.add(g, f64x2.mul(s3, v128.load(d3 + oj)));
      v128.store(p, g);
    }
    if (j < n) {
      const oj = <usize>j << 3;
      const p = row + oj;
      let g = load<f64>(p);
      g += v0 * load<f64>(d + oj);
      g += v1 * load<f64>(d1 + oj);
      g += v2 * load<f64>(d2 + oj);
      g += v3 * load<f64>(d3 + oj);
      store<f64>(p, g);
    }
  }
}

/**
 * kernels.ts deltaBackRow: deltaIn_k = act'(hIn_k) · Σ_j delta_j · w_kj (even and odd j summed apart, then
 * added), also added to gbIn_k; units with slope 0 get 0 and are skipped.
 */
export function deltaBackRow(kind: i32, delta: usize, w: usize, n: i32, hIn: usize, fanIn: i32, deltaIn: usize, gbIn: usize): void {
  for (let k = 0; k < fanIn; k++) {
    const o8 = <usize>k << 3;
    const s = slope(kind, load<f64>(hIn + o8));
    if (s == 0) {
      store<f64>(deltaIn + o8, 0.0);
      continue;
    }
    const wk = w + (<usize>(k * n) << 2);
    let acc = f64x2.splat(0.0);
    let j = 0;
    for (; j + 1 < n; j += 2) acc = f64x2.add(acc, f64x2.mul(v128.load(delta + (<usize>j << 3)), load2f32(wk + (<usize>j << 2))));
    let even = f64x2.extract_lane(acc, 0);
    if (j < n) even += load<f64>(delta + (<usize>j << 3)) * loadf32(wk + (<usize>j << 2));
    const d = (even + f64x2.extract_lane(acc, 1)) * s;
    store<f64>(deltaIn + o8, d);
    store<f64>(gbIn + o8, load<f64>(gbIn + o8) + d);
  }
}

