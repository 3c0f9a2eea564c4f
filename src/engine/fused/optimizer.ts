/**
 * Adam and SGD over one flat float32 parameter array, step for step as tf.train.adam / tf.train.sgd apply
 * gradients (tfjs-core src/optimizers/adam_optimizer.ts, sgd_optimizer.ts):
 *   m ← β1·m + (1-β1)·g;  v ← β2·v + (1-β2)·g²;  w ← w - lr · (m / (1-β1^t)) / (sqrt(v / (1-β2^t)) + ε)
 * with ε outside the square root and the bias corrections applied to m and v, not folded into lr.
 * tfjs keeps β^t in float32 scalars that start at β and are multiplied by β after each step, and turns every
 * constant into a float32 scalar. Each tfjs op is one float32 operation (its backends compute in float32, or
 * in doubles rounded to float32 per op, which gives the same bits for + - × ÷ √), and so is each step here:
 * the gradient is rounded to float32 (tfjs' gradients are float32 tensors), then every operation is rounded
 * with Math.fround, in tfjs' order. Given the same float32 gradients, the weights are tfjs' bit for bit
 * (test/engine/fused/optimizer.test.ts); the WebAssembly kernel (asm/optimizer.ts) does the same
 * operations four at a time in f32x4.
 */

/** Keras' / tf.train.adam's defaults, as the tfjs engine passes them. */
export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;
export const ADAM_EPSILON = 1e-7;

export type OptimizerKind = 'adam' | 'sgd';

export interface Optimizer {
  /** Applies one update to `params` from `grads` (same layout). */
  step(params: Float32Array, grads: Float64Array): void;
}

export class Adam implements Optimizer {
  protected readonly beta1 = Math.fround(ADAM_BETA1);
  protected readonly beta2 = Math.fround(ADAM_BETA2);
  protected readonly oneMinusBeta1 = Math.fround(1 - ADAM_BETA1);
  protected readonly oneMinusBeta2 = Math.fround(1 - ADAM_BETA2);
  protected readonly epsilon = Math.fround(ADAM_EPSILON);
  protected readonly negLearningRate: number;
  /** β1^t and β2^t for the coming step t (tfjs' accBeta1 / accBeta2). */
  private accBeta1 = Math.fround(ADAM_BETA1);
  private accBeta2 = Math.fround(ADAM_BETA2);

  /** `m` and `v` hold the moments (zeros); a subclass may pass arrays that live elsewhere (wasm memory). */
  constructor(
    size: number,
    learningRate: number,
    protected readonly m: Float32Array = new Float32Array(size),
    protected readonly v: Float32Array = new Float32Array(size),
  ) {
    this.negLearningRate = Math.fround(-learningRate);
  }

  step(params: Float32Array, grads: Float64Array): void {
    this.update(params, grads, Math.fround(1 - this.accBeta1), Math.fround(1 - this.accBeta2));
    this.accBeta1 = Math.fround(this.accBeta1 * this.beta1);
    this.accBeta2 = Math.fround(this.accBeta2 * this.beta2);
  }

  /** One update with bias corrections c1 = 1 - β1^t and c2 = 1 - β2^t (float32). */
  protected update(params: Float32Array, grads: Float64Array, c1: number, c2: number): void {
    const { m, v, beta1, beta2, oneMinusBeta1, oneMinusBeta2, epsilon, negLearningRate } = this;
    const n = params.length;
    const f = Math.fround;
    for (let i = 0; i < n; i++) {
      const g = f(grads[i]!);
      // newFirstMoment = add(mul(m, β1), mul(g, 1 - β1)); newSecondMoment = add(mul(v, β2), mul(square(g), 1 - β2))
      const mi = f(f(m[i]! * beta1) + f(g * oneMinusBeta1));
      const vi = f(f(v[i]! * beta2) + f(f(g * g) * oneMinusBeta2));
      m[i] = mi;
      v[i] = vi;
      // add(mul(div(m̂, add(sqrt(v̂), ε)), -lr), w) with m̂ = div(m, 1 - β1^t), v̂ = div(v, 1 - β2^t)
      params[i] = f(f(f(f(mi / c1) / f(f(Math.sqrt(f(vi / c2))) + epsilon)) * negLearningRate) + params[i]!);
    }
  }
}

export class Sgd implements Optimizer {
  protected readonly negLearningRate: number;

  constructor(learningRate: number) {
    this.negLearningRate = Math.fround(-learningRate);
  }

  /** add(mul(-lr, g), w) in float32, as tf.train.sgd. */
  step(params: Float32Array, grads: Float64Array): void {
    const c = this.negLearningRate;
    const f = Math.fround;
    for (let i = 0; i < params.length; i++) params[i] = f(f(c * f(grads[i]!)) + params[i]!);
  }
}

export function makeOptimizer(kind: OptimizerKind, size: number, learningRate: number): Optimizer {
  return kind === 'adam' ? new Adam(size, learningRate) : new Sgd(learningRate);
}
