/**
 * Row kernels of the fused network: each works on one row of a batch, doing every elementwise step of a layer
 * (bias, products, noise, activation, post noise, the output unit's product) in one loop, so the row's values
 * stay in registers or L1. Plain loops over typed arrays passed as arguments, because V8 compiles those best.
 * Measured on the tutorial's 30 × 500 layer (Node 20, when these loops computed in doubles): V8 spends about
 * 1 ns per element per loop whatever the loop does, so the number of passes decides: forward as one fused pass
 * 22 µs per batch vs 33 µs as two and 70 µs as four; backward fused with the first layer's kernel gradient
 * 23 µs vs 38 µs as two passes; 2- and 4-way unrolled accumulators were slower than plain loops. ReLU, the
 * default, is tested first in each loop (a loop-invariant, well-predicted branch); Math.tanh costs about 10 ns
 * per call.
 *
 * Float32 arithmetic, as tfjs and Keras compute: every value (activations, noise, deltas, gradients) is a
 * float32, and every + − × ÷ is a float32 operation, written here as Math.fround of the double operation on
 * float32 inputs: doubles have 53 ≥ 2·24 + 2 bits, so the double result rounded once is the float32 operation's
 * result (denormals included). A store to a Float32Array is such a rounding too. Math.exp and Math.tanh are the
 * host's in double, of the float32 argument, rounded to float32. The WebAssembly kernel (asm/) does the same
 * operations in f32x4, four units per SIMD step (no FMA: a product, rounded, then a sum, rounded), so both
 * paths give the same bits.
 *
 * Sums, in one order each (both paths):
 *   - a unit's affine sum z_j = b_j + Σ_k a_k·w_kj: from b_j, adding k = 0, 1, … in order, zero inputs skipped;
 *     with two inputs (b_j + a_0·w_0j) + a_1·w_1j;
 *   - a gradient over a batch (a kernel's, a bias's, the output unit's): the rows' terms in row order, from 0;
 *   - a sum over a layer's units j < n (the output unit's product Σ_j a_j·wOut_j, deltaBackRow's): four lane sums
 *     L_0..L_3, lane l adding the terms j ≡ l (mod 4) in j order from 0, then (L_0 + L_1) + (L_2 + L_3). The
 *     kernel's f32x4 lanes hold them. Here the four accumulators trade places every unit (t = s0 + p; s0 = s1;
 *     s1 = s2; s2 = s3; s3 = t), so that slot i ends holding lane (n + i) mod 4: sum4 puts them back in lane order.
 *
 * Skipped work is exactly zero work: inputs that are 0 (inactive ReLUs) add nothing to a product, and units
 * whose activation slope is 0 pass no gradient back.
 */

export const RELU = 0;
export const TANH = 1;
export const SIGMOID = 2;
export const LINEAR = 3;

const f = Math.fround;

/**
 * relu(v) = max(v, 0) without a branch: v + |v| is 2v or +0 (rounded to float32: ∞ beyond half the largest
 * float32), and halving that is exact. A data-dependent branch here mispredicts about half the time once noise
 * or training changes the signs: measured 92 µs vs 13 µs per 15,000 values (Math.max compiles to branches too).
 * Differs from max only at v = -∞ (NaN) and above half the largest float32 (∞), as the kernel's f32x4 form does.
 */
function relu(v: number): number {
  return 0.5 * f(v + Math.abs(v));
}

/** act(z) for activation code `kind`, of a float32 z, rounded to float32. */
function act(kind: number, z: number): number {
  return kind === RELU ? relu(z) : kind === TANH ? f(Math.tanh(z)) : kind === SIGMOID ? f(1 / f(1 + f(Math.exp(-z)))) : z;
}

/**
 * act'(z) from h = act(z), as tfjs' gradients compute it: relu step(z) (0 at z = 0), tanh 1 - h², sigmoid h(1 - h).
 * The ReLU step is +(h > 0), a compare-and-convert without a branch (measured 16 µs vs 94 µs per 15,000).
 */
export function slope(kind: number, h: number): number {
  return kind === RELU ? +(h > 0) : kind === TANH ? f(1 - f(h * h)) : kind === SIGMOID ? f(h * f(1 - h)) : 1;
}

/**
 * A sum over n units from the four rotating accumulators' final slots (file comment): lane l is in slot
 * (l - n) mod 4, so for even n the lanes are s0..s3 up to a swap of the pairs, for odd n (s3, s0, s1, s2) or
 * (s1, s2, s3, s0); float32 addition being commutative, (L0 + L1) + (L2 + L3) is then one of two sums.
 */
function sum4(n: number, s0: number, s1: number, s2: number, s3: number): number {
  return (n & 1) === 0 ? f(f(s0 + s1) + f(s2 + s3)) : f(f(s3 + s0) + f(s1 + s2));
}

/**
 * One row of a hidden layer with two inputs (the tutorial's first layer), in one pass:
 * h_j = act(b_j + a0·w_0j + a1·w_1j + pre_j) into z (pre only with hasPre), a_j = h_j + post_j into `a` with
 * hasPost; returns Σ_j a_j · wOut_j with hasOut (the output unit's product, for the last hidden layer; in the
 * four lane sums of the file comment), else 0.
 * The row's noise is pre[po..po+n) and post[po..po+n). Arrays plus flags rather than nullable arrays: a parameter
 * that is sometimes null made V8 check the array's type inside the loop (measured 2× slower forward with noise).
 */
export function denseRow2(
  kind: number,
  a0: number,
  a1: number,
  w: Float32Array,
  b: Float32Array,
  z: Float32Array,
  zo: number,
  n: number,
  hasPre: boolean,
  pre: Float32Array,
  hasPost: boolean,
  post: Float32Array,
  po: number,
  a: Float32Array,
  hasOut: boolean,
  wOut: Float32Array,
): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let j = 0; j < n; j++) {
    let v = f(f(b[j]! + f(a0 * w[j]!)) + f(a1 * w[n + j]!));
    if (hasPre) v = f(v + pre[po + j]!);
    const h = kind === RELU ? relu(v) : act(kind, v);
    z[zo + j] = h;
    let o = h;
    if (hasPost) {
      o = f(h + post[po + j]!);
      a[zo + j] = o;
    }
    if (hasOut) {
      const t = f(s0 + f(o * wOut[j]!));
      s0 = s1;
      s1 = s2;
      s2 = s3;
      s3 = t;
    }
  }
  return sum4(n, s0, s1, s2, s3);
}

/**
 * z[zo + j] = b[j] + Σ_k a[ao + k] · w[k·n + j] for j < n (w is fanIn × n, row-major); zero inputs are skipped.
 * The wasm kernel does four rows at once (asm/forward.ts affine4) with each sum in this k order, so the bits are
 * these; here a row at a time stays, as V8 ran unrolled accumulators slower than plain loops (file comment).
 * z is float32: each += rounds its sum to float32 as it stores it.
 */
export function affineRow(a: Float32Array, ao: number, fanIn: number, w: Float32Array, b: Float32Array, z: Float32Array, zo: number, n: number): void {
  for (let j = 0; j < n; j++) z[zo + j] = b[j]!;
  for (let k = 0; k < fanIn; k++) {
    const ak = a[ao + k]!;
    if (ak === 0) continue;
    const wo = k * n;
    for (let j = 0; j < n; j++) z[zo + j] += f(ak * w[wo + j]!);
  }
}

/** The rest of a hidden layer's row after affineRow, in one pass: as denseRow2 from v = z_j on. */
export function finishRow(
  kind: number,
  z: Float32Array,
  zo: number,
  n: number,
  hasPre: boolean,
  pre: Float32Array,
  hasPost: boolean,
  post: Float32Array,
  po: number,
  a: Float32Array,
  hasOut: boolean,
  wOut: Float32Array,
): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let j = 0; j < n; j++) {
    let v = z[zo + j]!;
    if (hasPre) v = f(v + pre[po + j]!);
    const h = kind === RELU ? relu(v) : act(kind, v);
    z[zo + j] = h;
    let o = h;
    if (hasPost) {
      o = f(h + post[po + j]!);
      a[zo + j] = o;
    }
    if (hasOut) {
      const t = f(s0 + f(o * wOut[j]!));
      s0 = s1;
      s1 = s2;
      s2 = s3;
      s3 = t;
    }
  }
  return sum4(n, s0, s1, s2, s3);
}

/**
 * The output unit's backward step for one row, fused with the last hidden layer's: with g = dL/do,
 * gwOut_j += a_j · g and delta_j = (g · wOut_j) · act'(h_j), added to that layer's bias gradient gb and stored in
 * delta[0..n) for the layers below.
 */
export function outputBackRow(kind: number, g: number, a: Float32Array, h: Float32Array, ro: number, n: number, wOut: Float32Array, gwOut: Float32Array, gb: Float32Array, delta: Float32Array): void {
  for (let j = 0; j < n; j++) {
    const hj = h[ro + j]!;
    gwOut[j] += f(a[ro + j]! * g);
    const d = f(f(g * wOut[j]!) * slope(kind, hj));
    gb[j] += d;
    delta[j] = d;
  }
}

/**
 * The whole backward pass of a network with one hidden layer of two inputs (the tutorial's), column by column:
 * for each hidden unit j, sums over the batch's rows r of gwOut_j = Σ a_rj·g_r, and with
 * delta_rj = (g_r · wOut_j) · act'(h_rj): gb_j = Σ delta_rj, gw_0j = Σ x_r0·delta_rj, gw_1j = Σ x_r1·delta_rj.
 * Overwrites gwOut, gb and gw. Sums stay in registers: measured 49 µs per 30 × 500 batch (in doubles), against
 * 60–90 µs for the row-by-row form, whose four read-modify-write streams also made it depend on where the
 * arrays lie.
 */
export function backwardColumns2(kind: number, g: Float32Array, x: Float32Array, a: Float32Array, h: Float32Array, rows: number, n: number, wOut: Float32Array, gwOut: Float32Array, gb: Float32Array, gw: Float32Array): void {
  for (let j = 0; j < n; j++) {
    const wj = wOut[j]!;
    let sOut = 0, sb = 0, s0 = 0, s1 = 0;
    for (let r = 0; r < rows; r++) {
      const i = r * n + j;
      const gr = g[r]!;
      const hj = h[i]!;
      sOut = f(sOut + f(a[i]! * gr));
      const d = f(f(gr * wj) * slope(kind, hj));
      sb = f(sb + d);
      s0 = f(s0 + f(x[2 * r]! * d));
      s1 = f(s1 + f(x[2 * r + 1]! * d));
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
export function kernelGradRow(a: Float32Array, ao: number, fanIn: number, delta: Float32Array, gw: Float32Array, n: number): void {
  for (let k = 0; k < fanIn; k++) {
    const ak = a[ao + k]!;
    if (ak === 0) continue;
    const go = k * n;
    for (let j = 0; j < n; j++) gw[go + j] += f(ak * delta[j]!);
  }
}

/**
 * One row's delta of the hidden layer below: deltaIn[k] = (Σ_j delta[j] · w[k·n + j]) · act'(hIn[ho + k]) (the
 * sum in four lane sums, file comment), also added to that layer's bias gradient gbIn; units with slope 0 are
 * skipped.
 */
export function deltaBackRow(kind: number, delta: Float32Array, w: Float32Array, n: number, hIn: Float32Array, ho: number, fanIn: number, deltaIn: Float32Array, gbIn: Float32Array): void {
  for (let k = 0; k < fanIn; k++) {
    const s = slope(kind, hIn[ho + k]!);
    if (s === 0) {
      deltaIn[k] = 0;
      continue;
    }
    const wo = k * n;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let j = 0; j < n; j++) {
      const t = f(s0 + f(delta[j]! * w[wo + j]!));
      s0 = s1;
      s1 = s2;
      s2 = s3;
      s3 = t;
    }
    const d = f(sum4(n, s0, s1, s2, s3) * s);
    deltaIn[k] = d;
    gbIn[k] += d;
  }
}
