/**
 * The output layer's activation and the training loss, by task, with the tfjs engine's arithmetic
 * (tfjs-layers losses.ts, each averaged over the batch by the engine's tf.mean):
 *   binary      sigmoid, binaryCrossentropy: p clipped to [ε, 1-ε], back to a logit, sigmoid cross-entropy;
 *               dL/dz = (p - y) / B inside the clip range, 0 where the clip is active (net.ts explains why);
 *   multiclass  softmax, categoricalCrossentropy: q = p / Σp, the true class's q clipped to [ε, 1-ε],
 *               -log q; dL/dz_j = (q_j - [j = y]) / B, and 0 for the whole row where the clip is active
 *               (tfjs' ClipByValue passes no gradient there, and the other classes' terms are 0·log q);
 *   regression  linear, meanSquaredError dL/dz = 2 (z - y) / B, or meanAbsoluteError sign(z - y) / B
 *               (tfjs' Abs gradient: sign, 0 at 0).
 * A logit beyond float32's range gives NaN predictions, as a diverged tfjs run does (net.ts).
 */
import type { Task } from '../../../config/schema.js';
import { EPSILON } from '../../metrics.js';
import { batchLoss, outputGradient, outputProbability } from '../net.js';

/** Largest finite float32 value. */
const FLOAT32_MAX = 3.4028234663852886e38;

export interface Head {
  /** Output units. */
  readonly outputs: number;
  /** p (rows × outputs) = the output activation of logits z. */
  predict(z: Float64Array, rows: number, p: Float64Array): void;
  /** The batch's mean training loss of predictions p (the value whose gradient `gradient` gives). */
  loss(p: Float64Array, rows: number, y: Float32Array, order: Int32Array, start: number): number;
  /** dL/dz (rows × outputs) of the batch's mean loss of predictions p against labels y[order[start + r]]. */
  gradient(p: Float64Array, rows: number, y: Float32Array, order: Int32Array, start: number, dz: Float64Array): void;
}

class SigmoidBce implements Head {
  readonly outputs = 1;

  loss(p: Float64Array, rows: number, y: Float32Array, order: Int32Array, start: number): number {
    return batchLoss(p, rows, y, order, start);
  }

  predict(z: Float64Array, rows: number, p: Float64Array): void {
    for (let r = 0; r < rows; r++) p[r] = outputProbability(z[r]!);
  }

  gradient(p: Float64Array, rows: number, y: Float32Array, order: Int32Array, start: number, dz: Float64Array): void {
    const inv = 1 / rows;
    for (let r = 0; r < rows; r++) dz[r] = outputGradient(p[r]!, y[order[start + r]!]!, inv);
  }
}

class SoftmaxCce implements Head {
  constructor(readonly outputs: number) {}

  loss(p: Float64Array, rows: number, y: Float32Array, order: Int32Array, start: number): number {
    const k = this.outputs;
    let total = 0;
    for (let r = 0; r < rows; r++) {
      let sum = 0;
      for (let c = 0; c < k; c++) sum += p[r * k + c]!;
      const q = p[r * k + y[order[start + r]!]!]! / sum;
      total -= Math.log(q < EPSILON ? EPSILON : q > 1 - EPSILON ? 1 - EPSILON : q);
    }
    return total / rows;
  }

  predict(z: Float64Array, rows: number, p: Float64Array): void {
    const k = this.outputs;
    for (let r = 0; r < rows; r++) {
      const o = r * k;
      let max = -Infinity;
      let finite = true;
      for (let c = 0; c < k; c++) {
        const v = z[o + c]!;
        if (!(Math.abs(v) <= FLOAT32_MAX)) finite = false;
        if (v > max) max = v;
      }
      if (!finite) {
        for (let c = 0; c < k; c++) p[o + c] = NaN;
        continue;
      }
      let sum = 0;
      for (let c = 0; c < k; c++) {
        const e = Math.exp(z[o + c]! - max);
        p[o + c] = e;
        sum += e;
      }
      for (let c = 0; c < k; c++) p[o + c] = p[o + c]! / sum;
    }
  }

  gradient(p: Float64Array, rows: number, y: Float32Array, order: Int32Array, start: number, dz: Float64Array): void {
    const k = this.outputs;
    const inv = 1 / rows;
    for (let r = 0; r < rows; r++) {
      const o = r * k;
      const label = y[order[start + r]!]!;
      let sum = 0;
      for (let c = 0; c < k; c++) sum += p[o + c]!;
      const q = p[o + label]! / sum;
      if (Number.isNaN(q)) {
        for (let c = 0; c < k; c++) dz[o + c] = NaN;
      } else if (q < EPSILON || q > 1 - EPSILON) {
        for (let c = 0; c < k; c++) dz[o + c] = 0;
      } else {
        for (let c = 0; c < k; c++) dz[o + c] = (p[o + c]! / sum - (c === label ? 1 : 0)) * inv;
      }
    }
  }
}

class LinearLoss implements Head {
  readonly outputs = 1;

  constructor(private readonly absolute: boolean) {}

  loss(p: Float64Array, rows: number, y: Float32Array, order: Int32Array, start: number): number {
    let total = 0;
    for (let r = 0; r < rows; r++) {
      const d = p[r]! - y[order[start + r]!]!;
      total += this.absolute ? Math.abs(d) : d * d;
    }
    return total / rows;
  }

  predict(z: Float64Array, rows: number, p: Float64Array): void {
    for (let r = 0; r < rows; r++) p[r] = Math.abs(z[r]!) <= FLOAT32_MAX ? z[r]! : NaN;
  }

  gradient(p: Float64Array, rows: number, y: Float32Array, order: Int32Array, start: number, dz: Float64Array): void {
    const inv = 1 / rows;
    for (let r = 0; r < rows; r++) {
      const d = p[r]! - y[order[start + r]!]!;
      dz[r] = this.absolute ? Math.sign(d) * inv : 2 * d * inv;
    }
  }
}

/** The head of a task with `outputs` units (`loss`: the regression loss). */
export function headOf(task: Task, outputs: number, loss: 'mse' | 'mae' | undefined): Head {
  switch (task) {
    case 'binary':
      return new SigmoidBce();
    case 'multiclass':
      return new SoftmaxCce(outputs);
    case 'regression':
      return new LinearLoss(loss === 'mae');
  }
}
