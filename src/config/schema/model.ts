/**
 * model: the network, as the tutorial's `hidden: [...]` Dense stack or as `layers:` (Keras' layer types), and its task.
 */
import { z } from 'zod';
import { int } from './common.js';

/** What the network predicts: binary (one sigmoid unit), multiclass (softmax over k classes), regression (one linear unit). */
export const TASKS = ['binary', 'multiclass', 'regression'] as const;
export type Task = (typeof TASKS)[number];

export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'linear'] as const;
/** Activations of model.layers: those of model.activation, and selu (Klambauer et al. 2017) for self-normalizing networks, the setting AlphaDropout is made for. */
export const LAYER_ACTIVATIONS = [...ACTIVATIONS, 'selu'] as const;
export type Activation = (typeof LAYER_ACTIVATIONS)[number];
const activationName = z.enum(ACTIVATIONS);
const layerActivationName = z.enum(LAYER_ACTIVATIONS);

/** Layer types of `model.layers`, named as in Keras (tf.keras.layers.Dense, Conv2D, MaxPooling2D, AveragePooling2D, ...). */
export const LAYER_TYPES = ['dense', 'conv1d', 'conv2d', 'maxPooling1d', 'maxPooling2d', 'averagePooling1d', 'averagePooling2d', 'flatten', 'lstm', 'dropout', 'activation', 'masking'] as const;
export type LayerType = (typeof LAYER_TYPES)[number];
/** The pooling layers: one set of options (poolSize, strides, padding), max or average over each window. */
export type PoolingType = 'maxPooling1d' | 'maxPooling2d' | 'averagePooling1d' | 'averagePooling2d';

/** The keys each layer type takes besides `type` and `name`; required ones first, with a star. */
const LAYER_KEYS: Record<LayerType, readonly string[]> = {
  dense: ['units*', 'activation'],
  conv1d: ['filters*', 'kernelSize*', 'padding', 'activation'],
  conv2d: ['filters*', 'kernelSize*', 'padding', 'activation'],
  maxPooling1d: ['poolSize', 'strides', 'padding'],
  maxPooling2d: ['poolSize', 'strides', 'padding'],
  averagePooling1d: ['poolSize', 'strides', 'padding'],
  averagePooling2d: ['poolSize', 'strides', 'padding'],
  flatten: [],
  lstm: ['units*', 'returnSequences'],
  dropout: ['rate*'],
  activation: ['activation*'],
  masking: ['maskValue'],
};

/** One layer of `model.layers`, with its defaults filled in (activation: model.activation). */
export type LayerSpec =
  | { readonly type: 'dense'; readonly name?: string; readonly units: number; readonly activation: Activation }
  | { readonly type: 'conv1d' | 'conv2d'; readonly name?: string; readonly filters: number; readonly kernelSize: number; readonly padding: 'valid' | 'same'; readonly activation: Activation }
  | { readonly type: PoolingType; readonly name?: string; readonly poolSize: number; readonly strides: number; readonly padding: 'valid' | 'same' }
  | { readonly type: 'flatten'; readonly name?: string }
  | { readonly type: 'lstm'; readonly name?: string; readonly units: number; readonly returnSequences: boolean }
  | { readonly type: 'dropout'; readonly name?: string; readonly rate: number }
  | { readonly type: 'activation'; readonly name?: string; readonly activation: Activation }
  | { readonly type: 'masking'; readonly name?: string; readonly maskValue: number };

/** A layer name: used to address noise placements ("post:pool"), so not a number. */
const LAYER_NAME = /^[A-Za-z_][\w-]*$/;

/** Flat, like dataSpec, so a key that does not belong to a type gets one precise message. */
export const layerSpec = z
  .strictObject({
    type: z.enum(LAYER_TYPES),
    name: z.string().regex(LAYER_NAME, 'a name that starts with a letter or "_" (letters, digits, "_", "-")').optional(),
    units: int(1).optional(),
    filters: int(1).optional(),
    kernelSize: int(1).optional(),
    padding: z.enum(['valid', 'same']).optional(),
    poolSize: int(1).optional(),
    strides: int(1).optional(),
    activation: layerActivationName.optional(),
    returnSequences: z.boolean().optional(),
    rate: z.number().min(0).lt(1).optional(),
    maskValue: z.number().finite().optional(),
  })
  .superRefine((l, ctx) => {
    const keys = LAYER_KEYS[l.type];
    const takes = keys.map((k) => k.replace('*', ''));
    for (const key of Object.keys(l) as (keyof typeof l)[]) {
      if (key === 'type' || key === 'name' || l[key] === undefined || takes.includes(key)) continue;
      ctx.addIssue({ code: 'custom', path: [key], message: `expected no "${key}" for a ${l.type} layer (it takes ${takes.length ? takes.join(', ') : 'no settings'})` });
    }
    for (const key of keys.filter((k) => k.endsWith('*')).map((k) => k.slice(0, -1))) {
      if (l[key as keyof typeof l] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: `expected "${key}" for a ${l.type} layer` });
    }
  });

type LayerInput = z.output<typeof layerSpec>;

/** A layer with its type's defaults: Keras' (padding valid, poolSize 2, strides = poolSize, maskValue 0). */
function withDefaults(l: LayerInput, activation: Activation): LayerSpec {
  const name = l.name === undefined ? {} : { name: l.name };
  switch (l.type) {
    case 'dense':
      return { type: l.type, ...name, units: l.units!, activation: l.activation ?? activation };
    case 'conv1d':
    case 'conv2d':
      return { type: l.type, ...name, filters: l.filters!, kernelSize: l.kernelSize!, padding: l.padding ?? 'valid', activation: l.activation ?? activation };
    case 'maxPooling1d':
    case 'maxPooling2d':
    case 'averagePooling1d':
    case 'averagePooling2d':
      return { type: l.type, ...name, poolSize: l.poolSize ?? 2, strides: l.strides ?? l.poolSize ?? 2, padding: l.padding ?? 'valid' };
    case 'flatten':
      return { type: l.type, ...name };
    case 'lstm':
      return { type: l.type, ...name, units: l.units!, returnSequences: l.returnSequences ?? false };
    case 'dropout':
      return { type: l.type, ...name, rate: l.rate! };
    case 'activation':
      return { type: l.type, ...name, activation: l.activation! };
    case 'masking':
      return { type: l.type, ...name, maskValue: l.maskValue ?? 0 };
  }
}

/** model after validation: `hidden` is [] when the model is given as `layers`. */
export interface ResolvedModel {
  readonly hidden: number[];
  readonly layers?: readonly LayerSpec[];
  readonly activation: (typeof ACTIVATIONS)[number];
  readonly task?: Task;
  readonly inputShape?: number[];
}

export const modelSpec = z
  .strictObject({
    /** Units of each hidden Dense layer; the output is one sigmoid unit for two classes. */
    hidden: z.array(int(1)).optional(),
    /** The hidden layers as a list (instead of `hidden`); the output layer is added from the task. */
    layers: z.array(layerSpec).min(1).optional(),
    activation: activationName.default('relu'),
    /** Absent: binary. */
    task: z.enum(TASKS).optional(),
    /** Shape of one input row for model.layers (e.g. [28, 28, 1] or [20, 3]) when the data does not imply it (CSV files). */
    inputShape: z.array(int(1)).min(1).max(3).optional(),
  })
  .superRefine((m, ctx) => {
    if (m.layers !== undefined && m.hidden !== undefined && m.hidden.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['layers'], message: 'expected either model.hidden or model.layers, not both' });
    }
    if (m.layers === undefined && m.hidden !== undefined && m.hidden.length === 0) ctx.addIssue({ code: 'custom', path: ['hidden'], message: 'expected at least 1 item' });
    if (m.layers === undefined && m.inputShape !== undefined) ctx.addIssue({ code: 'custom', path: ['inputShape'], message: 'expected model.inputShape only with model.layers (model.hidden takes flat rows)' });
    const seen = new Map<string, number>();
    m.layers?.forEach((l, i) => {
      if (l.name === undefined) return;
      if (seen.has(l.name)) ctx.addIssue({ code: 'custom', path: ['layers', i, 'name'], message: `expected a name not used before (model.layers[${seen.get(l.name)}] is also "${l.name}")` });
      seen.set(l.name, i);
    });
    if ((m.layers ?? []).filter((l) => l.type === 'masking').length > 1) ctx.addIssue({ code: 'custom', path: ['layers'], message: 'expected at most one masking layer' });
  })
  .transform((m): ResolvedModel => {
    const { layers, hidden, ...rest } = m;
    // With layers, hidden is [] (not absent) so code that reads model.hidden keeps its type.
    if (layers === undefined) return { ...rest, hidden: hidden ?? [500] };
    return { ...rest, hidden: [] as number[], layers: layers.map((l) => withDefaults(l, m.activation)) };
  });

export type ModelSpec = z.output<typeof modelSpec>;
