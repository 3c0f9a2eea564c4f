/**
 * Backward kernels, as src/engine/fused/kernels.ts computes them, in float32, four units per SIMD step (f32x4):
 * each unit's sums run over the rows (or inputs) in the same order with the same float32 operations, so the
 * gradients are the same bits. deltaBack's sum over units uses kernels.ts' four lane sums. Every array is
 * float32 (the gradients are summed in a float32 copy, widened for the optimizer by the host: wasm-net.ts).
 */
import { slope, slope4 } from './activation';

/**
 * kernels.ts backwardColumns2 (one hidden layer of two inputs): for each unit j, over rows r in order,
 * gwOut_j = Σ a_rj·g_r, and with d_rj = (g_r · wOut_j) · act'(h_rj): gb_j = Σ d_rj, gw_0j = Σ x_r0·d_rj,
 * gw_1j = Σ x_r1·d_rj. Overwrites gwOut, gb and gw.
 */
export function backwardColumns2(kind: i32, g: usize, x: usize, a: usize, h: usize, rows: i32, n: i32, wOut: usize, gwOut: usize, gb: usize, gw: usize): void {
  const rowBytes = <usize>n << 2;
  const gw1 = gw + rowBytes;
  let j = 0;
  for (; j + 3 < n; j += 4) {
    const o4 = <usize>j << 2;
    const wj = v128.load(wOut + o4);
    let sOut = f32x4.splat(0.0);
    let sb = f32x4.splat(0.0);
    let s0 = f32x4.splat(0.0);
    let s1 = f32x4.splat(0.0);
    let pa = a + o4;
    let ph = h + o4;
    for (let r = 0; r < rows; r++) {
      const gr = v128.load32_splat(g + (<usize>r << 2));
      const hv = v128.load(ph);
      sOut = f32x4.add(sOut, f32x4.mul(v128.load(pa), gr));
      const d = f32x4.mul(f32x4.mul(gr, wj), slope4(kind, hv));
      sb = f32x4.add(sb, d);
      const xr = x + (<usize>r << 3);
      s0 = f32x4.add(s0, f32x4.mul(v128.load32_splat(xr), d));
      s1 = f32x4.add(s1, f32x4.mul(v128.load32_splat(xr + 4), d));
      pa += rowBytes;
      ph += rowBytes;
    }
    v128.store(gwOut + o4, sOut);
    v128.store(gb + o4, sb);
    v128.store(gw + o4, s0);
    v128.store(gw1 + o4, s1);
  }
  for (; j < n; j++) {
    const o4 = <usize>j << 2;
    const wj = load<f32>(wOut + o4);
    let sOut: f32 = 0, sb: f32 = 0, s0: f32 = 0, s1: f32 = 0;
    for (let r = 0; r < rows; r++) {
      const i = (<usize>r * rowBytes) + o4;
      const gr = load<f32>(g + (<usize>r << 2));
      sOut += load<f32>(a + i) * gr;
      const d = gr * wj * slope(kind, load<f32>(h + i));
      sb += d;
      const xr = x + (<usize>r << 3);
      s0 += load<f32>(xr) * d;
      s1 += load<f32>(xr, 4) * d;
    }
    store<f32>(gwOut + o4, sOut);
    store<f32>(gb + o4, sb);
    store<f32>(gw + o4, s0);
    store<f32>(gw1 + o4, s1);
  }
}

/**
 * kernels.ts outputBackRow for one row: gwOut_j += a_j·g; d_j = (g·wOut_j)·act'(h_j); gb_j += d_j; delta_j = d_j.
 */
export function outputBackRow(kind: i32, g: f32, a: usize, h: usize, n: i32, wOut: usize, gwOut: usize, gb: usize, delta: usize): void {
  const vg = f32x4.splat(g);
  let j = 0;
  for (; j + 3 < n; j += 4) {
    const o4 = <usize>j << 2;
    const pOut = gwOut + o4;
    v128.store(pOut, f32x4.add(v128.load(pOut), f32x4.mul(v128.load(a + o4), vg)));
    const d = f32x4.mul(f32x4.mul(vg, v128.load(wOut + o4)), slope4(kind, v128.load(h + o4)));
    const pb = gb + o4;
    v128.store(pb, f32x4.add(v128.load(pb), d));
    v128.store(delta + o4, d);
  }
  for (; j < n; j++) {
    const o4 = <usize>j << 2;
    store<f32>(gwOut + o4, load<f32>(gwOut + o4) + load<f32>(a + o4) * g);
    const d = g * load<f32>(wOut + o4) * slope(kind, load<f32>(h + o4));
    store<f32>(gb + o4, load<f32>(gb + o4) + d);
    store<f32>(delta + o4, d);
  }
}

/** dst[j] += v · src[j] for j < n (float32): each j its own sum, so four lanes at a time give the scalar loop's bits. */
@inline
function axpy(dst: usize, v: f32, src: usize, n: i32): void {
  const vv = f32x4.splat(v);
  let j = 0;
  for (; j + 3 < n; j += 4) {
    const o = <usize>j << 2;
    v128.store(dst + o, f32x4.add(v128.load(dst + o), f32x4.mul(vv, v128.load(src + o))));
  }
  for (; j < n; j++) {
    const o = <usize>j << 2;
    store<f32>(dst + o, load<f32>(dst + o) + v * load<f32>(src + o));
  }
}

/** kernels.ts kernelGradRow: gw_kj += a_k · delta_j (fanIn × n); inputs equal to 0 skipped. */
export function kernelGradRow(a: usize, fanIn: i32, delta: usize, gw: usize, n: i32): void {
  for (let k = 0; k < fanIn; k++) {
    const ak = load<f32>(a + (<usize>k << 2));
    if (ak == 0) continue;
    axpy(gw + (<usize>(k * n) << 2), ak, delta, n);
  }
}

/** Whether all four inputs are nonzero. */
@inline
function allNonzero(v0: f32, v1: f32, v2: f32, v3: f32): bool {
  return v0 != 0 && v1 != 0 && v2 != 0 && v3 != 0;
}

/** Input k's row of gw (at `row`) gets the four rows' products added in row order (kernelGrad4, inputs nonzero). */
@inline
function grad4Row(row: usize, v0: f32, v1: f32, v2: f32, v3: f32, d: usize, d1: usize, d2: usize, d3: usize, n: i32): void {
  const s0 = f32x4.splat(v0);
  const s1 = f32x4.splat(v1);
  const s2 = f32x4.splat(v2);
  const s3 = f32x4.splat(v3);
  let j = 0;
  for (; j + 3 < n; j += 4) {
    const oj = <usize>j << 2;
    const p = row + oj;
    let g = v128.load(p);
    g = f32x4.add(g, f32x4.mul(s0, v128.load(d + oj)));
    g = f32x4.add(g, f32x4.mul(s1, v128.load(d1 + oj)));
    g = f32x4.add(g, f32x4.mul(s2, v128.load(d2 + oj)));
    g = f32x4.add(g, f32x4.mul(s3, v128.load(d3 + oj)));
    v128.store(p, g);
  }
  for (; j < n; j++) {
    const oj = <usize>j << 2;
    const p = row + oj;
    let g = load<f32>(p);
    g += v0 * load<f32>(d + oj);
    g += v1 * load<f32>(d1 + oj);
    g += v2 * load<f32>(d2 + oj);
    g += v3 * load<f32>(d3 + oj);
    store<f32>(p, g);
  }
}

/**
 * kernelGradRow for four rows in order, a0..a3 (their inputs) with their deltas d, d + n, d + 2n, d + 3n
 * (floats): where all four inputs a_rk are nonzero, gw_kj is loaded once, gets the four rows' products added in
 * row order and is stored once (kernelGradRow reads and writes it once per row); where any is 0, the rows whose
 * input is nonzero go one after the other, as kernelGradRow skips zeros. Each gw_kj's sum keeps its order.
 * Two inputs k, k + 1 whose four inputs are all nonzero go together, so each load of the four deltas serves
 * eight products: measured 6.1 µs vs 8.1 µs per call on 30 inputs × 500 units (medians of 10 rounds alternating
 * with the one-input form in one process, load 5).
 */
export function kernelGrad4(a0: usize, a1: usize, a2: usize, a3: usize, fanIn: i32, d: usize, gw: usize, n: i32): void {
  const rowBytes = <usize>n << 2;
  const d1 = d + rowBytes;
  const d2 = d1 + rowBytes;
  const d3 = d2 + rowBytes;
  let k = 0;
  while (k < fanIn) {
    const o = <usize>k << 2;
    const v0 = load<f32>(a0 + o);
    const v1 = load<f32>(a1 + o);
    const v2 = load<f32>(a2 + o);
    const v3 = load<f32>(a3 + o);
    const row = gw + <usize>k * rowBytes;
    if (!allNonzero(v0, v1, v2, v3)) {
      if (v0 != 0) axpy(row, v0, d, n);
      if (v1 != 0) axpy(row, v1, d1, n);
      if (v2 != 0) axpy(row, v2, d2, n);
      if (v3 != 0) axpy(row, v3, d3, n);
      k++;
      continue;
    }
    if (k + 1 < fanIn) {
      const u0 = load<f32>(a0 + o, 4);
      const u1 = load<f32>(a1 + o, 4);
      const u2 = load<f32>(a2 + o, 4);
      const u3 = load<f32>(a3 + o, 4);
      if (allNonzero(u0, u1, u2, u3)) {
        const row1 = row + rowBytes;
        const s0 = f32x4.splat(v0), s1 = f32x4.splat(v1), s2 = f32x4.splat(v2), s3 = f32x4.splat(v3);
        const t0 = f32x4.splat(u0), t1 = f32x4.splat(u1), t2 = f32x4.splat(u2), t3 = f32x4.splat(u3);
        let j = 0;
        for (; j + 3 < n; j += 4) {
          const oj = <usize>j << 2;
          const e0 = v128.load(d + oj);
          const e1 = v128.load(d1 + oj);
          const e2 = v128.load(d2 + oj);
          const e3 = v128.load(d3 + oj);
          const p = row + oj;
          const q = row1 + oj;
          v128.store(p, f32x4.add(f32x4.add(f32x4.add(f32x4.add(v128.load(p), f32x4.mul(s0, e0)), f32x4.mul(s1, e1)), f32x4.mul(s2, e2)), f32x4.mul(s3, e3)));
          v128.store(q, f32x4.add(f32x4.add(f32x4.add(f32x4.add(v128.load(q), f32x4.mul(t0, e0)), f32x4.mul(t1, e1)), f32x4.mul(t2, e2)), f32x4.mul(t3, e3)));
        }
        if (j < n) {
          // The tails, each row of gw as grad4Row does it.
          const tail = n - j;
          const oj = <usize>j << 2;
          grad4Row(row + oj, v0, v1, v2, v3, d + oj, d1 + oj, d2 + oj, d3 + oj, tail);
          grad4Row(row1 + oj, u0, u1, u2, u3, d + oj, d1 + oj, d2 + oj, d3 + oj, tail);
        }
        k += 2;
        continue;
      }
    }
    grad4Row(row, v0, v1, v2, v3, d, d1, d2, d3, n);
    k++;
  }
}

/**
 * kernels.ts deltaBackRow: deltaIn_k = (Σ_j delta_j · w_kj) · act'(hIn_k) (four lane sums: lane l the units
 * j ≡ l mod 4, the last n mod 4 units joining lanes 0, 1, 2, then (L0 + L1) + (L2 + L3)), also added to gbIn_k;
 * units with slope 0 get 0 and are skipped.
 */
export function deltaBackRow(kind: i32, delta: usize, w: usize, n: i32, hIn: usize, fanIn: i32, deltaIn: usize, gbIn: usize): void {
  for (let k = 0; k < fanIn; k++) {
    const o4 = <usize>k << 2;
    const s = slope(kind, load<f32>(hIn + o4));
    if (s == 0) {
      store<f32>(deltaIn + o4, 0.0);
      continue;
    }
    const wk = w + (<usize>(k * n) << 2);
    let acc = f32x4.splat(0.0);
    let j = 0;
    for (; j + 3 < n; j += 4) acc = f32x4.add(acc, f32x4.mul(v128.load(delta + (<usize>j << 2)), v128.load(wk + (<usize>j << 2))));
    let e0 = f32x4.extract_lane(acc, 0);
    let e1 = f32x4.extract_lane(acc, 1);
    let e2 = f32x4.extract_lane(acc, 2);
    if (j < n) e0 += load<f32>(delta + (<usize>j << 2)) * load<f32>(wk + (<usize>j << 2));
    if (j + 1 < n) e1 += load<f32>(delta + (<usize>(j + 1) << 2)) * load<f32>(wk + (<usize>(j + 1) << 2));
    if (j + 2 < n) e2 += load<f32>(delta + (<usize>(j + 2) << 2)) * load<f32>(wk + (<usize>(j + 2) << 2));
    const d = (e0 + e1 + (e2 + f32x4.extract_lane(acc, 3))) * s;
    store<f32>(deltaIn + o4, d);
    store<f32>(gbIn + o4, load<f32>(gbIn + o4) + d);
  }
}
