/**
 * The compiled plan of a run's network: its layers as a chain of kernels with their buffers, built once per
 * run from the RunConfig (model.layers, or model.hidden as dense layers) the way the tfjs engine builds its
 * stack (tfjs/model.ts), stage for stage:
 *
 *   [input noise] → for each layer i: layer i → ([pre_i noise] → activation_i, for dense and conv)
 *                   → [post_i noise] → output dense (units: 1 or the classes) → head (heads.ts)
 *
 * Weights: initialLayerWeights (tfjs/init-layers.ts, the tfjs engine's own initializer), so both engines start
 * from the same weights: glorot-uniform kernels, orthogonal LSTM recurrent kernels, unit forget bias, zero
 * biases, drawn in layer order from the run's STREAM.init generator.
 *
 * Draw order of the noise numbers (the tfjs engine's, so noise-on runs of the two engines see the same
 * numbers): each forward pass over R rows (a training batch, or a whole set in a noisy evaluation) goes
 * through the stages in the order above, and each noise stage that is not inert (stddev or rate 0) draws one
 * block of R × (its row size) numbers, row-major, rows in batch order: normals from fillNormal for gaussian
 * and gaussianDropout, one nextFloat uniform per element for dropout and alphaDropout (and for a model's
 * dropout layer, a stage in the same sequence). Masked steps draw like the others; their draws are unused.
 * The normals come from the generator's four normal lanes in turn (rng/normal.ts fillNormal: the run's m-th
 * normal from lane m mod 4, counted across blocks), the uniforms from the generator's own stream.
 *
 * Step masks, routed as the tfjs stack routes them: the masking layer's mask goes to the LSTMs after it and,
 * with noise.mask (default true when there is a masking layer), to the noise stages after it; noise stages
 * before it get the mask that layer will find in the raw input. A layer that resamples or merges steps (conv,
 * pooling, flatten, an LSTM without returnSequences, the output layer) ends both.
 */
import type { LayerSpec, RunConfig } from '../../../config/schema.js';
import { hasSeparateActivation, hiddenLayers, siteAt } from '../../stack.js';
import { initialLayerWeights } from '../../tfjs/init-layers.js';
import { layerShapes } from '../../tfjs/layer-shapes.js';
import type { Arena } from './arena.js';
import { headOf, type Head } from './heads.js';
import { type KernelContext, type LayerKernel, type Loops, type MaskSource, type ParamViews, sizeOf } from './kernel.js';
import { ActivationKernel } from './kernels/activation.js';
import { DenseKernel } from './kernels/dense.js';
import { NoiseKernel } from './kernels/noise.js';
import { keepsSteps, layerKernel } from './registry.js';

/** One stage of the chain and what the backward pass does with it. */
export interface Stage {
  /** For messages and tests: "conv2d_0", "noise_pre_3", "output". */
  readonly name: string;
  readonly kernel: LayerKernel;
  /** Whether the stage has weights. */
  readonly weighted: boolean;
}

export interface Plan {
  readonly stages: readonly Stage[];
  readonly head: Head;
  /** Shape of one input row. */
  readonly input: readonly number[];
  /** Every weight, one float32 array (the optimizer's), and the gradients in the same layout. */
  readonly params: Float32Array;
  readonly grads: Float64Array;
  /** Number of weights (params.length, except on a counting arena, whose arrays are empty). */
  readonly paramCount: number;
  /** The masking layer's steps and maskValue when a noise stage reads the raw input's mask; else null. */
  readonly rawMask: { readonly steps: number; readonly features: number; readonly maskValue: number } | null;
  /** Steps of a mask (0 without a masking layer). */
  readonly maskSteps: number;
}

export interface PlanInput {
  readonly config: RunConfig;
  /** Shape of one input row and the output units (layout.ts). */
  readonly input: readonly number[];
  readonly outputs: number;
  readonly initSeed: number;
  readonly maxRows: number;
  readonly arena: Arena;
  /** Which loops the heavy layers run (kernel.ts); default the TypeScript ones. */
  readonly loops?: Loops;
}

/** Builds the plan of a run. @throws ShapeMismatch (layer-shapes.ts) for a stack that does not fit its input. */
export function buildPlan({ config, input, outputs, initSeed, maxRows, arena, loops = 'js' }: PlanInput): Plan {
  const task = config.model.task ?? 'binary';
  const hidden = hiddenLayers(config.model);
  const outputLayer: LayerSpec = { type: 'dense', units: outputs, activation: 'linear' };
  const shapes = layerShapes(hidden, input);
  const layers = [...hidden, outputLayer];
  // A counting arena only needs the sizes: the initial weights of a big model are not drawn to be thrown away.
  const initial = arena.counting ? null : initialLayerWeights(layers, shapes, initSeed);
  const sizes = initial?.map((ws) => ws.map((w) => w.values.length)) ?? weightSizes(layers, shapes);

  // One flat float32 array of weights (and one of gradients), each layer's weights views of it, in tfjs' order.
  const total = sizes.reduce((s, ws) => s + ws.reduce((t, n) => t + n, 0), 0);
  const params = arena.f32(total);
  const grads = arena.f64(total);
  let at = 0;
  const views: ParamViews[] = sizes.map((ws, i) => {
    const values: Float32Array[] = [];
    const g: Float64Array[] = [];
    ws.forEach((n, j) => {
      if (initial !== null) params.set(initial[i]![j]!.values, at);
      values.push(params.subarray(at, at + n));
      g.push(grads.subarray(at, at + n));
      at += n;
    });
    return { values, grads: g };
  });

  const masking = hidden.find((l) => l.type === 'masking');
  const maskNoise = masking !== undefined && config.noise.mask !== false;
  const maskSteps = masking === undefined ? 0 : shapes[hidden.indexOf(masking)]![0]!;
  let noiseMask: MaskSource = maskNoise ? 'raw' : null;
  let stepMask: MaskSource = null;
  let rawMaskRead = false;

  const stages: Stage[] = [];
  const noEmpty: ParamViews = { values: [], grads: [] };
  let shape: readonly number[] = input;
  const ctx = (params: ParamViews, mask: MaskSource): KernelContext => ({ arena, inShape: shape, maxRows, params, mask, loops, inputZerosIgnored: stages.at(-1)?.kernel.zerosIgnored ?? false });
  const push = (name: string, kernel: LayerKernel, weighted = false) => {
    stages.push({ name, kernel, weighted });
    shape = kernel.outShape;
  };
  const noise = (site: ReturnType<typeof siteAt>, name: string) => {
    if (site === undefined) return;
    if (noiseMask === 'raw') rawMaskRead = true;
    push(name, new NoiseKernel(ctx(noEmpty, noiseMask), { kind: config.noise.kind, stddev: site.stddev, rate: site.rate ?? 0 }, noiseMask));
  };

  const sites = config.noise.sites;
  noise(siteAt(sites, 'input'), 'noise_input');
  hidden.forEach((spec, i) => {
    const mask = spec.type === 'lstm' ? stepMask : null;
    push(`${spec.type}_${i}`, layerKernel(ctx(views[i]!, mask), spec), views[i]!.values.length > 0);
    if (spec.type === 'masking') {
      stepMask = 'layer';
      noiseMask = maskNoise ? 'layer' : null;
    } else if (!keepsSteps(spec)) {
      stepMask = noiseMask = null;
    }
    if (hasSeparateActivation(spec)) {
      noise(siteAt(sites, 'pre', i), `noise_pre_${i}`);
      push(`activation_${i}`, new ActivationKernel(ctx(noEmpty, null), activationOf(spec)));
    }
    noise(siteAt(sites, 'post', i), `noise_post_${i}`);
  });
  push('output', new DenseKernel(ctx(views[hidden.length]!, null), outputs), true);

  return {
    stages,
    head: headOf(task, outputs, config.train.loss),
    input,
    params,
    grads,
    paramCount: total,
    rawMask: rawMaskRead && masking !== undefined ? { steps: input[0]!, features: sizeOf(input) / input[0]!, maskValue: Math.fround((masking as { maskValue: number }).maskValue) } : null,
    maskSteps,
  };
}

/** The activation of a dense or conv layer. */
function activationOf(spec: LayerSpec): Extract<LayerSpec, { type: 'dense' }>['activation'] {
  if (spec.type === 'dense' || spec.type === 'conv1d' || spec.type === 'conv2d') return spec.activation;
  throw new Error(`plan: a ${spec.type} layer has no activation of its own`);
}

/**
 * The number of values of each weight of each layer, in initialLayerWeights' order, without drawing them
 * (test/engine/fused/plan/build.test.ts holds the two equal).
 */
export function weightSizes(layers: readonly LayerSpec[], inputs: readonly (readonly number[])[]): number[][] {
  return layers.map((layer, i) => {
    const channels = inputs[i]![inputs[i]!.length - 1]!;
    switch (layer.type) {
      case 'dense':
        return [channels * layer.units, layer.units];
      case 'conv1d':
        return [layer.kernelSize * channels * layer.filters, layer.filters];
      case 'conv2d':
        return [layer.kernelSize * layer.kernelSize * channels * layer.filters, layer.filters];
      case 'lstm':
        return [channels * 4 * layer.units, layer.units * 4 * layer.units, 4 * layer.units];
      default:
        return [];
    }
  });
}
