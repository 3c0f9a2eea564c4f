/**
 * Activations, elementwise, as tfjs computes them and their gradients (tfjs-layers activations.ts, tfjs-core
 * gradients), the slope read from the output h = act(z) where tfjs' gradient does:
 *   relu     max(z, 0)                       slope step(z): 1 where z > 0, else 0 (h > 0)
 *   tanh     tanh(z)                         1 - h²
 *   sigmoid  1 / (1 + e^-z)                  h (1 - h)
 *   linear   z                               1
 *   selu     λz (z > 0), λα(e^z - 1) else    λ (z > 0), else λα·e^z = h + λα (tfjs: where(z > 0, λ, λα·exp(z)))
 * SELU's constants are tfjs' (tfjs-core selu_util.ts), Klambauer et al. 2017's to float64.
 */
import type { Activation } from '../../../../config/schema.js';
import type { KernelExports } from '../../wasm-kernel.js';
import type { LayerKernel, KernelContext } from '../kernel.js';
import { sizeOf } from '../kernel.js';

/** tfjs-core SELU_SCALE (λ) and SELU_SCALEALPHA (λα). */
export const SELU_SCALE = 1.0507009873554804934193349852946;
export const SELU_SCALEALPHA = 1.7580993408473768599402175208123;

export const RELU = 0;
export const TANH = 1;
export const SIGMOID = 2;
export const LINEAR = 3;
export const SELU = 4;

export function activationCode(a: Activation): number {
  switch (a) {
    case 'relu':
      return RELU;
    case 'tanh':
      return TANH;
    case 'sigmoid':
      return SIGMOID;
    case 'linear':
      return LINEAR;
    case 'selu':
      return SELU;
  }
}

/** h = act(z) over n values (out may be z). relu as 0.5·(v + |v|): branch-free (kernels.ts says why). */
export function activate(kind: number, z: Float64Array, n: number, out: Float64Array): void {
  if (kind === RELU) for (let i = 0; i < n; i++) out[i] = 0.5 * (z[i]! + Math.abs(z[i]!));
  else if (kind === TANH) for (let i = 0; i < n; i++) out[i] = Math.tanh(z[i]!);
  else if (kind === SIGMOID) for (let i = 0; i < n; i++) out[i] = 1 / (1 + Math.exp(-z[i]!));
  else if (kind === SELU) {
    for (let i = 0; i < n; i++) {
      const v = z[i]!;
      out[i] = v > 0 ? SELU_SCALE * v : SELU_SCALEALPHA * (Math.exp(v) - 1);
    }
  } else if (out !== z) for (let i = 0; i < n; i++) out[i] = z[i]!;
}

/** dZ = dOut · act'(z), the slope from h (see the file comment). */
export function activationBackward(kind: number, h: Float64Array, dOut: Float64Array, n: number, dZ: Float64Array): void {
  if (kind === RELU) for (let i = 0; i < n; i++) dZ[i] = h[i]! > 0 ? dOut[i]! : 0;
  else if (kind === TANH) for (let i = 0; i < n; i++) dZ[i] = dOut[i]! * (1 - h[i]! * h[i]!);
  else if (kind === SIGMOID) for (let i = 0; i < n; i++) dZ[i] = dOut[i]! * (h[i]! * (1 - h[i]!));
  else if (kind === SELU) for (let i = 0; i < n; i++) dZ[i] = h[i]! > 0 ? dOut[i]! * SELU_SCALE : dOut[i]! * (h[i]! + SELU_SCALEALPHA);
  else for (let i = 0; i < n; i++) dZ[i] = dOut[i]!;
}

export class ActivationKernel implements LayerKernel {
  readonly outShape: readonly number[];
  /** A ReLU's zeros pass no gradient; linear passes its input on, zeros and all. */
  readonly zerosIgnored: boolean;
  private readonly kind: number;
  private readonly size: number;
  private readonly out: Float64Array;
  private readonly dX: Float64Array;
  /** The WebAssembly kernel whose memory holds the arrays (asm/elementwise.ts), or null. */
  private readonly kernel: KernelExports | null;

  constructor(ctx: KernelContext, activation: Activation) {
    this.kind = activationCode(activation);
    this.zerosIgnored = this.kind === RELU || (this.kind === LINEAR && ctx.inputZerosIgnored);
    this.outShape = ctx.inShape;
    this.size = sizeOf(ctx.inShape);
    this.out = ctx.arena.f64(ctx.maxRows * this.size);
    this.dX = this.kind === LINEAR ? new Float64Array(0) : ctx.arena.f64(ctx.maxRows * this.size);
    this.kernel = ctx.loops === 'wasm' ? (ctx.arena.kernel ?? null) : null;
  }

  forward(x: Float64Array, rows: number): Float64Array {
    if (this.kind === LINEAR) return x;
    if (this.kernel !== null) this.kernel.activationForward(this.kind, x.byteOffset, rows * this.size, this.out.byteOffset);
    else activate(this.kind, x, rows * this.size, this.out);
    return this.out;
  }

  backward(_x: Float64Array, dOut: Float64Array, rows: number, wantDx: boolean): Float64Array | null {
    if (!wantDx) return null;
    if (this.kind === LINEAR) return dOut;
    if (this.kernel !== null) this.kernel.activationBackward(this.kind, this.out.byteOffset, dOut.byteOffset, rows * this.size, this.dX.byteOffset);
    else activationBackward(this.kind, this.out, dOut, rows * this.size, this.dX);
    return this.dX;
  }
}
