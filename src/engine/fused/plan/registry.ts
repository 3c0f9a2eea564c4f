/**
 * The layer kernels by model.layers type: a new layer kind is its kernel file and one entry here (and its
 * name in supported.ts, which a test holds equal to this table's keys).
 *
 * keepsSteps says whether a step mask still applies to the layer's output (it works step by step), as the
 * tfjs stack decides it (tfjs/model.ts): the plan routes masks with it.
 */
import type { LayerSpec, LayerType } from '../../../config/schema.js';
import type { KernelContext, LayerKernel } from './kernel.js';
import { ActivationKernel } from './kernels/activation.js';
import { ConvKernel } from './kernels/conv.js';
import { DenseKernel } from './kernels/dense.js';
import { FlattenKernel } from './kernels/flatten.js';
import { LstmKernel } from './kernels/lstm.js';
import { MaskingKernel } from './kernels/masking.js';
import { NoiseKernel } from './kernels/noise.js';
import { AvgPoolKernel, MaxPoolKernel } from './kernels/pool.js';

type Spec<T extends LayerType> = LayerSpec & { readonly type: T };

export interface LayerEntry<T extends LayerType> {
  /** The layer's kernel (its linear part, for layers with a separate activation). */
  readonly kernel: (ctx: KernelContext, spec: Spec<T>) => LayerKernel;
  readonly keepsSteps: (spec: Spec<T>) => boolean;
}

export const LAYER_KERNELS: { readonly [T in LayerType]: LayerEntry<T> } = {
  dense: { kernel: (ctx, s) => new DenseKernel(ctx, s.units), keepsSteps: () => true },
  conv1d: { kernel: (ctx, s) => new ConvKernel(ctx, s.filters, s.kernelSize, s.padding), keepsSteps: () => false },
  conv2d: { kernel: (ctx, s) => new ConvKernel(ctx, s.filters, s.kernelSize, s.padding), keepsSteps: () => false },
  maxPooling1d: { kernel: (ctx, s) => new MaxPoolKernel(ctx, s.poolSize, s.strides, s.padding), keepsSteps: () => false },
  maxPooling2d: { kernel: (ctx, s) => new MaxPoolKernel(ctx, s.poolSize, s.strides, s.padding), keepsSteps: () => false },
  averagePooling1d: { kernel: (ctx, s) => new AvgPoolKernel(ctx, s.poolSize, s.strides, s.padding), keepsSteps: () => false },
  averagePooling2d: { kernel: (ctx, s) => new AvgPoolKernel(ctx, s.poolSize, s.strides, s.padding), keepsSteps: () => false },
  flatten: { kernel: (ctx) => new FlattenKernel(ctx), keepsSteps: () => false },
  lstm: { kernel: (ctx, s) => new LstmKernel(ctx, s.units, s.returnSequences), keepsSteps: (s) => s.returnSequences },
  // A model's dropout layer is the dropout noise kind at that place, without a mask (the tfjs stack passes none).
  dropout: { kernel: (ctx, s) => new NoiseKernel(ctx, { kind: 'dropout', stddev: 0, rate: s.rate }, null), keepsSteps: () => true },
  activation: { kernel: (ctx, s) => new ActivationKernel(ctx, s.activation), keepsSteps: () => true },
  masking: { kernel: (ctx, s) => new MaskingKernel(ctx, s.maskValue), keepsSteps: () => true },
};

/** The kernel of one layer spec. */
export function layerKernel(ctx: KernelContext, spec: LayerSpec): LayerKernel {
  return (LAYER_KERNELS[spec.type] as LayerEntry<LayerType>).kernel(ctx, spec as never);
}

export function keepsSteps(spec: LayerSpec): boolean {
  return (LAYER_KERNELS[spec.type] as LayerEntry<LayerType>).keepsSteps(spec as never);
}
