/**
 * Row kernels of the fused network: each works on one row of a batch, doing every elementwise step of a layer
 * (bias, products, noise, activation, post noise, the output unit's product) in one loop, so the row's values
 * stay in registers or L1. Plain loops over typed arrays passed as arguments, because V8 compiles those best.
 * Measured on the tutorial's 30 × 500 layer (Node 20): V8 spends about 1 ns per element per loop whatever the
 * loop does, so the number of passes decides: forward as one fused pass 22 µs per batch vs 33 µs as two and
 * 70 µs as four; backward fused with the first layer's kernel gradient 23 µs vs 38 µs as two passes;
 * 2- and 4-way unrolled accumulators were slower than plain loops. ReLU, the default, is tested first in
 * each loop (a loop-invariant, well-predicted branch); Math.tanh costs about 10 ns per call.
 *
 * Skipped work is exactly zero work: inputs that are 0 (inactive ReLUs) add nothing to a product, and units
 * whose activation slope is 0 pass no gradient back.
 *
 * A sum over a layer's units (the output unit's product, deltaBackRow's) is kept as two partial sums, over even
 * and over odd units, added at the end: the order of the WebAssembly kernel (asm/), whose two SIMD lanes hold
 * those two sums, so both paths give the same bits. The two accumulators trade places every unit (t = s + p;
 * s = sNext; sNext = t), which costs nothing: measured the same speed as one accumulator.
 */

export const RELU = 0;
export const TANH = 1;
export const SIGMOID = 2;
export const LINEAR = 3;

/**
 * relu(v) = max(v, 0) without a branch: v + |v| is exactly 2v or +0, and halving is exact. A data-dependent
 * branch here mispredicts about half the time once noise or training changes the signs: measured 92 µs vs
 * 13 µs per 15,000 values (Math.max compiles to branches too). Differs from max only at v = -∞ (gives NaN).
 */
function relu(v: number): number {
  return 0.5 * (v + Math.abs(v));
}

/** act(z) for activation code `kind`. */
function act(kind: number, z: number): number {
  return kind === RELU ? relu(z) : kind === TANH ? Math.tanh(z) : kind === SIGMOID ? 1 / (1 + Math.exp(-z)) : z;
}

/**
 * act'(z) from h = act(z), as tfjs' gradients compute it: relu step(z) (0 at z = 0), tanh 1 - h², sigmoid h(1 - h).
 * The ReLU step is +(h > 0), a compare-and-convert without a branch (measured 16 µs vs 94 µs per 15,000).
 */
export function slope(kind: number, h: number): number {
  return kind === RELU ? +(h > 0) : kind === TANH ? 1 - h * h : kind === SIGMOID ? h * (1 - h) : 1;
}

/**
 * One row of a hidden layer with two inputs (the tutorial's first layer), in one pass:
 * h_j = act(b_j + a0·w_0j + a1·w_1j + pre_j) into z (pre only with hasPre), a_j = h_j + post_j into `a` with
 * hasPost; returns Σ_j a_j · wOut_j with hasOut (the output unit's product, for the last hidden layer; even and odd j
 * summed apart), else 0.
 * The row's noise is pre[po..po+n) and post[po..po+n). Arrays plus flags rather than nullable arrays: a parameter
 * that is sometimes null made V8 check the array's type inside the loop (measured 2× slower forward with noise).
 */
export function denseRow2(
  kind: number,
  a0: number,
  a1: number,
  w: Float32Array,
  b: Float32Array,
  z: Float64Array,
  zo: number,
  n: number,
  hasPre: boolean,
  pre: Float32Array,
  hasPost: boolean,
  post: Float32Array,
  po: number,
  a: Float64Array,
  hasOut: boolean,
  wOut: Float32Array,
): number {
  let s = 0;
  let sNext = 0;
  for (let j = 0; j < n; j++) {
    let v = b[j]! + a0 * w[j]! + a1 * w[n + j]!;
    if (hasPre) v += pre[po + j]!;
    const h = kind === RELU ? relu(v) : act(kind, v);
    z[zo + j] = h;
    let o = h;
    if (hasPost) {
      o = h + post[po + j]!;
      a[zo + j] = o;
    }
    if (hasOut) {
      const t = s + o * wOut[j]!;
      s = sNext;
      sNext = t;
    }
  }
  return s + sNext;
}

/**
 * z[zo + j] = b[j] + Σ_k a[ao + k] · w[k·n + j] for j < n (w is fanIn × n, row-major); zero inputs are skipped.
 * The wasm kernel does four rows at once (asm/forward.ts affine4) with each sum in this k order, so the bits are
 * these; here a row at a time stays, as V8 ran unrolled accumulators slower than plain loops (file comment).
 */
export function affineRow(a: Float64Array, ao: number, fanIn: number, w: Float32Array, b: Float32Array, z: Float64Array, zo: number, n: number): void {
  for (let j = 0; j < n; j++) z[zo + j] = b[j]!;
  for (let k = 0; k < fanIn; k++) {
    const ak = a[ao + k]!;
    if (ak === 0) continue;
    const wo = k * n;
    for (let j = 0; j < n; j++) z[zo + j] += ak * w[wo + j]!;
  }
}

/** The rest of a hidden layer's row after affineRow, in one pass: as denseRow2 from v = z_j on. */
export function finishRow(
  kind: number,
  z: Float64Array,
  zo: number,
  n: number,
  hasPre: boolean,
  pre: Float32Array,
  hasPost: boolean,
  post: Float32Array,
  po: number,
  a: Float64Array,
  hasOut: boolean,
  wOut: Float32Array,
): number {
  let s = 0;
  let sNext = 0;
  for (let j = 0; j < n; j++) {
    let v = z[zo + j]!;
    if (hasPre) v += pre[po + j]!;
    const h = kind === RELU ? relu(v) : act(kind, v);
    z[zo + j] = h;
    let o = h;
    if (hasPost) {
      o = h + post[po + j]!;
      a[zo + j] = o;
    }
    if (hasOut) {
      const t = s + o * wOut[j]!;
      s = sNext;
      sNext = t;
    }
  }
  return s + sNext;
}

/**
 * The output unit's backward step for one row, fused with the last hidden layer's: with g = dL/do,
 * gwOut_j += a_j · g and delta_j = g · wOut_j · act'(h_j), added to that layer's bias gradient gb and stored in
 * delta[0..n) for the layers below.
 */
export function outputBackRow(kind: number, g: number, a: Float64Array, h: Float64Array, ro: number, n: number, wOut: Float32Array, gwOut: Float64Array, gb: Float64Array, delta: Float64Array): void {
  for (let j = 0; j < n; j++) {
    const hj = h[ro + j]!;
    gwOut[j] += a[ro + j]! * g;
    const d = g * wOut[j]! * slope(kind, hj);
    gb[j] += d;
    delta[j] = d;
  }
}

/**
 * The whole backward pass of a network with one hidden layer of two inputs (the tutorial's), column by column:
 * for each hidden unit j, sums over the batch's rows r of gwOut_j = Σ a_rj·g_r, and with
 * delta_rj = g_r · wOut_j · act'(h_rj): gb_j = Σ delta_rj, gw_0j = Σ x_r0·delta_rj, gw_1j = Σ x_r1·delta_rj.
 * Overwrites gwOut, gb and gw. Sums stay in registers: measured 49 µs per 30 × 500 batch, against 60–90 µs for
 * the row-by-row form, whose four read-modify-write streams also made it depend on where the arrays lie.
 */
export function backwardColumns2(kind: number, g: Float64Array, x: Float64Array, a: Float64Array, h: Float64Array, rows: number, n: number, wOut: Float32Array, gwOut: Float64Array, gb: Float64Array, gw: Float64Array): void {
  for (let j = 0; j < n; j++) {
    const wj = wOut[j]!;
    let sOut = 0, sb = 0, s0 = 0, s1 = 0;
    for (let r = 0; r < rows; r++) {
      const i = r * n + j;
      const gr = g[r]!;
      const hj = h[i]!;
      sOut += a[i]! * gr;
      const d = gr * wj * slope(kind, hj);
      sb += d;
      s0 += x[2 * r]! * d;
      s1 += x[2 * r + 1]! * d;
    }
    gwOut[j] = sOut;
    gb[j] = sb;
    gw[j] = s0;
    gw[n + j] = s1;
  }
}

/**
 * gw[k·n + j] += a[ao + k] · delta[j]: one row's contribution to a kernel gradient; zero inputs are skipped.
 * The wasm kernel adds four rows' contributions per pass (asm/backward.ts kernelGrad4), in row order: these bits.
 */
export function kernelGradRow(a: Float64Array, ao: number, fanIn: number, delta: Float64Array, gw: Float64Array, n: number): void {
  for (let k = 0; k < fanIn; k++) {
    const ak = a[ao + k]!;
    if (ak === 0) continue;
    const go = k * n;
    for (let j = 0; j < n; j++) gw[go + j] += ak * delta[j]!;
  }
}

/**
 * One row's delta of the hidden layer below: deltaIn[k] = act'(hIn[ho + k]) · Σ_j delta[j] · w[k·n + j] (even and odd
 * j summed apart), also added to that layer's bias gradient gbIn; units with slope 0 are skipped.
 */
export function deltaBackRow(kind: number, delta: Float64Array, w: Float32Array, n: number, hIn: Float64Array, ho: number, fanIn: number, deltaIn: Float64Array, gbIn: Float64Array): void {
  for (let k = 0; k < fanIn; k++) {
    const s = slope(kind, hIn[ho + k]!);
    if (s === 0) {
      deltaIn[k] = 0;
      continue;
    }
    const wo = k * n;
    let sum = 0;
    let sumNext = 0;
    for (let j = 0; j < n; j++) {
      const t = sum + delta[j]! * w[wo + j]!;
      sum = sumNext;
      sumNext = t;
    }
    const d = (sum + sumNext) * s;
    deltaIn[k] = d;
    gbIn[k] += d;
  }
}
