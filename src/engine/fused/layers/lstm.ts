/**
 * Keras' LSTM over a batch of [steps, features] rows, float64 activations and float32 weights in Keras' (and
 * tfjs') layout: kernel [F, 4U], recurrent kernel [U, 4U], bias [4U], gates in the order i, f, c, o:
 *   z = x_t·W + h_{t-1}·U + b;  i = σ(z_i), f = σ(z_f), g = tanh(z_c), o = σ(z_o)
 *   c_t = f·c_{t-1} + i·g;  h_t = o·tanh(c_t)         (σ the logistic sigmoid, Keras' recurrent activation)
 * starting from h = c = 0. A masked step (mask 0) carries state and output over: h_t = h_{t-1}, c_t = c_{t-1},
 * and its output is h_{t-1}, as tfjs-layers' rnn() does (output = step·mask + previous h·(1 - mask)).
 * The output is every step's h (returnSequences) or the last one.
 *
 * Summation order, for a SIMD twin: z_j = b_j, then + x_k·W_kj for k in order, then + h_k·U_kj for k in
 * order (lanes over j); zero inputs are skipped (h starts at 0). In the backward pass each dh_{t-1}[k] and
 * dx_t[k] is Σ_j over the 4U gate gradients kept as two partial sums (even and odd j), and the weight
 * gradients sum over rows, then steps from last to first.
 */

export interface LstmShape {
  readonly steps: number;
  readonly features: number;
  readonly units: number;
  readonly returnSequences: boolean;
}

/** What the forward pass keeps for the backward one, sized for up to `maxRows` rows. */
export class LstmTape {
  /** Gate activations i, f, g, o of each step: rows × steps × 4U. */
  readonly gates: Float64Array;
  /** c_t and h_t for t = 0 (zeros) .. steps: rows × (steps + 1) × U. */
  readonly c: Float64Array;
  readonly h: Float64Array;
  /** tanh(c_t) of each step: rows × steps × U. */
  readonly tanhC: Float64Array;
  /** Scratch for one row's gradients. */
  readonly dz: Float64Array;
  readonly dh: Float64Array;
  readonly dc: Float64Array;
  readonly dhPrev: Float64Array;

  /** `arena` gives the buffers (a plan's arena, so they can live in a kernel's memory); default fresh arrays. */
  constructor(readonly shape: LstmShape, maxRows: number, arena: { f64(n: number): Float64Array } = { f64: (n) => new Float64Array(n) }) {
    const { steps: T, units: U } = shape;
    this.gates = arena.f64(maxRows * T * 4 * U);
    this.c = arena.f64(maxRows * (T + 1) * U);
    this.h = arena.f64(maxRows * (T + 1) * U);
    this.tanhC = arena.f64(maxRows * T * U);
    this.dz = arena.f64(4 * U);
    this.dh = arena.f64(U);
    this.dc = arena.f64(U);
    this.dhPrev = arena.f64(U);
  }
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Size of one output row: steps × U with returnSequences, else U. */
export function lstmOutputSize(s: LstmShape): number {
  return s.returnSequences ? s.steps * s.units : s.units;
}

/**
 * out (rows × lstmOutputSize) = the LSTM over x (rows × steps × features); mask (rows × steps) or null for
 * every step unmasked. Fills the tape for lstmBackward.
 */
export function lstmForward(
  tape: LstmTape,
  x: Float64Array,
  rows: number,
  mask: Uint8Array | null,
  kernel: Float32Array,
  recurrent: Float32Array,
  bias: Float32Array,
  out: Float64Array,
): void {
  const { steps: T, features: F, units: U, returnSequences } = tape.shape;
  const G = 4 * U;
  const { gates, c, h, tanhC } = tape;
  for (let r = 0; r < rows; r++) {
    const s0 = r * (T + 1) * U;
    for (let j = 0; j < U; j++) {
      c[s0 + j] = 0;
      h[s0 + j] = 0;
    }
    for (let t = 0; t < T; t++) {
      const prev = s0 + t * U;
      const next = prev + U;
      if (mask !== null && mask[r * T + t] === 0) {
        for (let j = 0; j < U; j++) {
          c[next + j] = c[prev + j]!;
          h[next + j] = h[prev + j]!;
        }
      } else {
        const go = (r * T + t) * G;
        for (let j = 0; j < G; j++) gates[go + j] = bias[j]!;
        const xo = (r * T + t) * F;
        for (let k = 0; k < F; k++) {
          const xv = x[xo + k]!;
          if (xv === 0) continue;
          const wo = k * G;
          for (let j = 0; j < G; j++) gates[go + j] += xv * kernel[wo + j]!;
        }
        for (let k = 0; k < U; k++) {
          const hv = h[prev + k]!;
          if (hv === 0) continue;
          const wo = k * G;
          for (let j = 0; j < G; j++) gates[go + j] += hv * recurrent[wo + j]!;
        }
        const to = (r * T + t) * U;
        for (let j = 0; j < U; j++) {
          const i = sigmoid(gates[go + j]!);
          const f = sigmoid(gates[go + U + j]!);
          const g = Math.tanh(gates[go + 2 * U + j]!);
          const o = sigmoid(gates[go + 3 * U + j]!);
          gates[go + j] = i;
          gates[go + U + j] = f;
          gates[go + 2 * U + j] = g;
          gates[go + 3 * U + j] = o;
          const cv = f * c[prev + j]! + i * g;
          const tc = Math.tanh(cv);
          c[next + j] = cv;
          tanhC[to + j] = tc;
          h[next + j] = o * tc;
        }
      }
      if (returnSequences) for (let j = 0; j < U; j++) out[(r * T + t) * U + j] = h[next + j]!;
    }
    if (!returnSequences) for (let j = 0; j < U; j++) out[r * U + j] = h[s0 + T * U + j]!;
  }
}

/**
 * Gradients of the last lstmForward given dOut (rows × lstmOutputSize): overwrites gKernel, gRecurrent and
 * gBias with the batch's sums, and dX (rows × steps × features, 0 on masked steps) when not null.
 */
export function lstmBackward(
  tape: LstmTape,
  x: Float64Array,
  dOut: Float64Array,
  rows: number,
  mask: Uint8Array | null,
  kernel: Float32Array,
  recurrent: Float32Array,
  gKernel: Float64Array,
  gRecurrent: Float64Array,
  gBias: Float64Array,
  dX: Float64Array | null,
): void {
  const { steps: T, features: F, units: U, returnSequences } = tape.shape;
  const G = 4 * U;
  const { gates, c, h, tanhC, dz, dh, dc, dhPrev } = tape;
  gKernel.fill(0, 0, F * G);
  gRecurrent.fill(0, 0, U * G);
  gBias.fill(0, 0, G);
  const wantDx = dX !== null;
  if (wantDx) dX.fill(0, 0, rows * T * F);
  for (let r = 0; r < rows; r++) {
    const s0 = r * (T + 1) * U;
    dh.fill(0);
    dc.fill(0);
    if (!returnSequences) for (let j = 0; j < U; j++) dh[j] = dOut[r * U + j]!;
    for (let t = T - 1; t >= 0; t--) {
      if (returnSequences) for (let j = 0; j < U; j++) dh[j] += dOut[(r * T + t) * U + j]!;
      // A masked step passes dh and dc straight to the step before.
      if (mask !== null && mask[r * T + t] === 0) continue;
      const prev = s0 + t * U;
      const go = (r * T + t) * G;
      const to = (r * T + t) * U;
      for (let j = 0; j < U; j++) {
        const i = gates[go + j]!;
        const f = gates[go + U + j]!;
        const g = gates[go + 2 * U + j]!;
        const o = gates[go + 3 * U + j]!;
        const tc = tanhC[to + j]!;
        const dcj = dc[j]! + dh[j]! * o * (1 - tc * tc);
        dz[j] = dcj * g * i * (1 - i);
        dz[U + j] = dcj * c[prev + j]! * f * (1 - f);
        dz[2 * U + j] = dcj * i * (1 - g * g);
        dz[3 * U + j] = dh[j]! * tc * o * (1 - o);
        dc[j] = dcj * f;
      }
      for (let j = 0; j < G; j++) gBias[j] += dz[j]!;
      const xo = (r * T + t) * F;
      for (let k = 0; k < F; k++) {
        const xv = x[xo + k]!;
        const wo = k * G;
        if (xv !== 0) for (let j = 0; j < G; j++) gKernel[wo + j] += xv * dz[j]!;
        if (wantDx) {
          let s = 0;
          let sNext = 0;
          for (let j = 0; j < G; j++) {
            const v = s + kernel[wo + j]! * dz[j]!;
            s = sNext;
            sNext = v;
          }
          dX[xo + k] = s + sNext;
        }
      }
      for (let k = 0; k < U; k++) {
        const hv = h[prev + k]!;
        const wo = k * G;
        if (hv !== 0) for (let j = 0; j < G; j++) gRecurrent[wo + j] += hv * dz[j]!;
        let s = 0;
        let sNext = 0;
        for (let j = 0; j < G; j++) {
          const v = s + recurrent[wo + j]! * dz[j]!;
          s = sNext;
          sNext = v;
        }
        dhPrev[k] = s + sNext;
      }
      dh.set(dhPrev);
    }
  }
}
