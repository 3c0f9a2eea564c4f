/**
 * A noise site (and a model's dropout layer): Keras' GaussianNoise, GaussianDropout, Dropout and AlphaDropout
 * with the tfjs engine's seeded layers' semantics and draws (tfjs/seeded-noise.ts and its neighbours), active
 * only in a training pass (pass.rng not null), the identity otherwise:
 *   gaussian         x + n,                n ~ N(0, stddev²)                  (one normal per element)
 *   gaussianDropout  x · (1 + n),          n ~ N(0, rate / (1 - rate))        (one normal per element)
 *   dropout          x · keep / (1 - rate), keep = u >= rate                  (one uniform per element)
 *   alphaDropout     (keep ? x : α')·a + b, keep = u >= rate, α' = -λα        (one uniform per element)
 * Each forward pass draws one block of rows × size numbers, row-major, whatever the mask: normals from
 * fillNormal (the generator's normal lanes), uniforms from nextFloat (its own stream), as the tfjs layers draw
 * them (a site at stddev or rate 0 draws nothing).
 * With a step mask (noise.mask), elements of masked steps are left as they are (and pass their gradient on).
 * The drawn numbers are float32 in tfjs (the multiplier 1 + n too, and 1 / (1 - rate)); here as well.
 * On the WebAssembly path (the plan's arena in the kernel's memory) asm/noise.ts runs these loops and the
 * uniform draws, from the generator's state copied in and out, so the same numbers in the same order: both
 * paths give the same bits (test/engine/fused/plan/kernels/noise-wasm.test.ts).
 */
import type { NoiseKind } from '../../../../config/schema.js';
import { alphaDropoutAffine, ALPHA_PRIME } from '../../../alpha-dropout.js';
import type { Xoshiro128 } from '../../../rng/xoshiro128.js';
import type { KernelExports } from '../../wasm-kernel.js';
import type { KernelContext, LayerKernel, MaskSource, Pass } from '../kernel.js';
import { sizeOf } from '../kernel.js';

export interface NoiseSettings {
  readonly kind: NoiseKind;
  /** Stddev of the additive noise (gaussian). */
  readonly stddev: number;
  /** Drop rate (the other kinds). */
  readonly rate: number;
}

/** Whether a site changes nothing even in training (stddev or rate 0): then it draws nothing, as in tfjs. */
export function inertNoise(s: NoiseSettings): boolean {
  return s.kind === 'gaussian' ? s.stddev === 0 : s.rate === 0;
}

export class NoiseKernel implements LayerKernel {
  readonly outShape: readonly number[];
  readonly zerosIgnored = false;
  private readonly size: number;
  /** Values per step of a row (for masks: element i of a row belongs to step floor(i / perStep)). */
  private readonly perStep: number;
  private readonly inert: boolean;
  private readonly out: Float64Array;
  /** The block of draws (float32, as tfjs holds them), then the multiplier dOut is scaled by. */
  private readonly draws: Float32Array;
  private readonly dX: Float64Array;
  private readonly alpha: { a: number; b: number };
  private readonly keepScale: number;
  /** The WebAssembly kernel whose memory holds the arrays (asm/noise.ts), or null. */
  private readonly kernel: KernelExports | null;

  constructor(ctx: KernelContext, private readonly settings: NoiseSettings, private readonly maskSource: MaskSource) {
    this.outShape = ctx.inShape;
    this.size = sizeOf(ctx.inShape);
    this.perStep = maskSource === null ? this.size : this.size / ctx.inShape[0]!;
    this.inert = inertNoise(settings);
    const n = this.inert ? 0 : ctx.maxRows * this.size;
    this.out = ctx.arena.f64(n);
    this.draws = ctx.arena.f32(n);
    this.dX = ctx.arena.f64(settings.kind === 'gaussian' ? 0 : n);
    this.alpha = alphaDropoutAffine(settings.rate);
    this.keepScale = Math.fround(1 / (1 - settings.rate));
    this.kernel = ctx.loops === 'wasm' ? (ctx.arena.kernel ?? null) : null;
  }

  /** Whether this pass perturbs: a training pass at a site that is not inert. */
  private active(pass: Pass): boolean {
    return pass.rng !== null && !this.inert;
  }

  forward(x: Float64Array, rows: number, pass: Pass): Float64Array {
    if (!this.active(pass)) {
      this.perturbed = false;
      return x;
    }
    this.perturbed = true;
    const rng = pass.rng!;
    const n = rows * this.size;
    const { draws, out } = this;
    const { kind, stddev, rate } = this.settings;
    if (kind === 'gaussian' || kind === 'gaussianDropout') pass.normals(rng, draws, n, kind === 'gaussian' ? stddev : Math.sqrt(rate / (1 - rate)));
    if (this.kernel !== null) this.forwardKernel(this.kernel, x, n, rng);
    else this.forwardLoops(x, n, rng);
    const mask = this.maskSource === null ? null : this.maskSource === 'raw' ? pass.masks.raw : pass.masks.layer;
    const perStep = this.perStep;
    const stepsPerRow = this.size / perStep;
    if (mask !== null) {
      // Masked steps keep their input (tf.where(mask, noisy, x)) and pass dOut straight through (multiplier 1).
      for (let s = 0; s < rows * stepsPerRow; s++) {
        if (mask[s] !== 0) continue;
        for (let i = s * perStep, end = i + perStep; i < end; i++) {
          out[i] = x[i]!;
          draws[i] = 1;
        }
      }
    }
    return out;
  }

  /** forward's draws (the dropout kinds') and elementwise step on asm/noise.ts, the generator's state copied in and out. */
  private forwardKernel(kernel: KernelExports, x: Float64Array, n: number, rng: Xoshiro128): void {
    const { draws, out } = this;
    const { kind, rate } = this.settings;
    if (kind === 'gaussian') kernel.addNoise(x.byteOffset, draws.byteOffset, n, out.byteOffset);
    else if (kind === 'gaussianDropout') kernel.gaussianDropoutForward(x.byteOffset, draws.byteOffset, n, out.byteOffset);
    else {
      kernel.setUniformState(rng.stateWord(0), rng.stateWord(1), rng.stateWord(2), rng.stateWord(3));
      const { a, b } = this.alpha;
      kernel.dropoutForward(x.byteOffset, out.byteOffset, draws.byteOffset, n, rate, kind === 'dropout' ? this.keepScale : 1, kind === 'alphaDropout' ? 1 : 0, a, b, ALPHA_PRIME);
      rng.setStateWords(kernel.uniformWord(0), kernel.uniformWord(1), kernel.uniformWord(2), kernel.uniformWord(3));
    }
  }

  /** forward's draws (the dropout kinds') and elementwise step in TypeScript: the reference asm/noise.ts keeps to. */
  private forwardLoops(x: Float64Array, n: number, rng: Xoshiro128): void {
    const { draws, out } = this;
    const { kind, rate } = this.settings;
    if (kind === 'dropout' || kind === 'alphaDropout') {
      const kept = kind === 'dropout' ? this.keepScale : 1;
      for (let i = 0; i < n; i++) draws[i] = rng.nextFloat() >= rate ? kept : 0;
    }
    switch (kind) {
      case 'gaussian':
        for (let i = 0; i < n; i++) out[i] = x[i]! + draws[i]!;
        break;
      case 'gaussianDropout':
        for (let i = 0; i < n; i++) draws[i] = 1 + draws[i]!;
        for (let i = 0; i < n; i++) out[i] = x[i]! * draws[i]!;
        break;
      case 'dropout':
        for (let i = 0; i < n; i++) out[i] = x[i]! * draws[i]!;
        break;
      case 'alphaDropout': {
        const { a, b } = this.alpha;
        for (let i = 0; i < n; i++) {
          const keep = draws[i] !== 0;
          out[i] = (keep ? x[i]! : ALPHA_PRIME) * a + b;
          draws[i] = keep ? a : 0;
        }
        break;
      }
    }
  }

  private perturbed = false;

  backward(_x: Float64Array, dOut: Float64Array, rows: number, wantDx: boolean): Float64Array | null {
    if (!wantDx) return null;
    // Additive noise, or a pass that left the rows alone: the gradient passes unchanged.
    if (!this.perturbed || this.settings.kind === 'gaussian') return dOut;
    const n = rows * this.size;
    const { draws, dX } = this;
    if (this.kernel !== null) this.kernel.noiseBackward(dOut.byteOffset, draws.byteOffset, n, dX.byteOffset);
    else for (let i = 0; i < n; i++) dX[i] = dOut[i]! * draws[i]!;
    return dX;
  }
}
