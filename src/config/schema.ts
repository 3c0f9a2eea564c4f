/**
 * The study schema: every key a YAML study may hold, its type, range and default.
 * Validation happens on the whole study (and on every grid point) before any run starts; see load.ts.
 */
import { z } from 'zod';

/** Where noise goes: on the inputs, between a hidden Dense layer and its activation, or after the activation. */
export const PLACEMENTS = ['input', 'pre', 'post'] as const;
export type Placement = (typeof PLACEMENTS)[number];

const int = (min: number) => z.number().int().min(min);
const positive = z.number().positive();
const stddev = z.number().min(0).finite();

/**
 * Placements addressed to one layer of model.layers, by name, index, or type when only one layer has it:
 * pre:X (between X's linear part and its activation), post:X or after:X (on X's output), before:X (on X's input).
 */
export const ADDRESSED_PLACEMENT = /^(pre|post|before|after):([A-Za-z_][\w-]*|\d+)$/;

/** A placement that names noise sites: input, pre, post, or an addressed one (not "none"). */
export function isSitePlacement(p: string): boolean {
  return (PLACEMENTS as readonly string[]).includes(p) || ADDRESSED_PLACEMENT.test(p);
}

const placementName = z.string().refine((p) => p === 'none' || isSitePlacement(p), {
  message: 'expected one of "none", "input", "pre", "post", or "pre:<layer>", "post:<layer>", "before:<layer>", "after:<layer>" (layer: a name or index in model.layers)',
});

/** A generated dataset: scikit-learn's make_circles / make_moons with the same numbers for the same arguments. */
export type GeneratedData =
  | { readonly generator: 'circles'; readonly samples: number; readonly noise: number; readonly seed: number; readonly factor: number; readonly trainSize: number }
  | { readonly generator: 'moons'; readonly samples: number; readonly noise: number; readonly seed: number; readonly trainSize: number }
  | BlobsData
  | ClassificationData
  | Friedman1Data
  | ShapesData
  | SequencesData;
/** scikit-learn's make_blobs: `centers` Gaussian clusters (labels 0..centers-1) in `features` dimensions. */
export interface BlobsData {
  readonly generator: 'blobs';
  readonly samples: number;
  readonly seed: number;
  readonly features: number;
  readonly centers: number;
  readonly clusterStd: number;
  readonly trainSize: number;
}
/** scikit-learn's make_classification (weights None, shift 0, scale 1, shuffle on); the keys are its arguments. */
export interface ClassificationData {
  readonly generator: 'classification';
  readonly samples: number;
  readonly seed: number;
  readonly features: number;
  readonly informative: number;
  readonly redundant: number;
  readonly repeated: number;
  readonly classes: number;
  readonly clustersPerClass: number;
  readonly flipY: number;
  readonly classSep: number;
  readonly hypercube: boolean;
  readonly trainSize: number;
}
/** scikit-learn's make_friedman1: a regression target from 5 of `features` uniform inputs, plus Gaussian noise. */
export interface Friedman1Data {
  readonly generator: 'friedman1';
  readonly samples: number;
  readonly seed: number;
  readonly features: number;
  readonly noise: number;
  readonly trainSize: number;
}
/** Small grey images (size × size × 1) of `classes` kinds of shape at random places and sizes, plus pixel noise. */
export interface ShapesData {
  readonly generator: 'shapes';
  readonly samples: number;
  readonly seed: number;
  readonly size: number;
  readonly classes: number;
  readonly noise: number;
  readonly trainSize: number;
}
/** Variable-length sequences (length × features, zero-padded at the end); label: is the sum of the values > 0. */
export interface SequencesData {
  readonly generator: 'sequences';
  readonly samples: number;
  readonly seed: number;
  readonly length: number;
  readonly minLength: number;
  readonly features: number;
  readonly trainSize: number;
}
/** A CSV dataset: label column by name (default: the last column); first trainSize rows train, the rest test. */
export interface FileData {
  readonly file: string;
  readonly label?: string;
  readonly trainSize: number;
  /**
   * What the labels are, set from model.task (not a user key): absent for 0/1 labels (binary), 'classes' for
   * class indices 0..k-1 (multiclass), 'real' for any number (regression).
   */
  readonly labels?: 'classes' | 'real';
}
export type DataSpec = GeneratedData | FileData;

/** Every generator, and the data keys each takes besides samples, seed and trainSize. */
export const GENERATOR_KEYS = {
  circles: ['noise', 'factor'],
  moons: ['noise'],
  blobs: ['features', 'centers', 'clusterStd'],
  classification: ['features', 'informative', 'redundant', 'repeated', 'classes', 'clustersPerClass', 'flipY', 'classSep', 'hypercube'],
  friedman1: ['features', 'noise'],
  shapes: ['size', 'classes', 'noise'],
  sequences: ['length', 'minLength', 'features'],
} as const;
export type GeneratorName = keyof typeof GENERATOR_KEYS;
const GENERATORS = Object.keys(GENERATOR_KEYS) as [GeneratorName, ...GeneratorName[]];
/** Keys a generator has a value for: its own plus the common ones. */
const COMMON_GENERATOR_KEYS = ['samples', 'seed'] as const;
/** Default sample counts: scikit-learn's 100, more for the image and sequence sets, which need more to learn from. */
const DEFAULT_SAMPLES: Record<GeneratorName, number> = { circles: 100, moons: 100, blobs: 100, classification: 100, friedman1: 100, shapes: 300, sequences: 400 };
/** Kinds of shape the shapes generator draws (square, plus sign, frame, diagonal cross). */
export const SHAPE_KINDS = 4;

/**
 * One flat object rather than a union of three, so a mistake gets one precise message ("data.factor: only for
 * generator circles") instead of a union's list of every branch's complaints.
 */
export const dataSpec = z
  .strictObject({
    generator: z.enum(GENERATORS).optional(),
    file: z.string().min(1).optional(),
    label: z.string().min(1).optional(),
    samples: int(2).optional(),
    noise: z.number().min(0).finite().optional(),
    seed: int(0).max(2 ** 32 - 1).optional(),
    factor: z.number().gt(0).lt(1).optional(),
    features: int(1).optional(),
    centers: int(1).optional(),
    clusterStd: z.number().min(0).finite().optional(),
    informative: int(1).optional(),
    redundant: int(0).optional(),
    repeated: int(0).optional(),
    classes: int(2).optional(),
    clustersPerClass: int(1).optional(),
    flipY: z.number().min(0).max(1).optional(),
    classSep: z.number().min(0).finite().optional(),
    hypercube: z.boolean().optional(),
    size: int(6).max(64).optional(),
    length: int(1).max(1000).optional(),
    minLength: int(1).optional(),
    trainSize: int(1).default(30),
  })
  .superRefine((d, ctx) => {
    const only = (key: keyof typeof d, what: string) => {
      if (d[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `expected no "${key}" ${what}`, input: d[key] });
    };
    const problem = (key: keyof typeof d, message: string) => ctx.addIssue({ code: 'custom', path: [key], message, input: d[key] });
    if (d.generator === undefined && d.file === undefined) {
      ctx.addIssue({ code: 'custom', path: ['generator'], message: `expected a generator (${GENERATORS.join(', ')}) or a file`, input: undefined });
    } else if (d.generator !== undefined && d.file !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['file'], message: 'expected either generator or file, not both', input: d.file });
    }
    const generatorOnly = new Set(Object.values(GENERATOR_KEYS).flat());
    if (d.file !== undefined) for (const k of [...COMMON_GENERATOR_KEYS, ...generatorOnly]) only(k, 'with a data file');
    else only('label', 'without a data file');
    if (d.generator !== undefined) {
      const own: readonly string[] = GENERATOR_KEYS[d.generator];
      for (const k of generatorOnly) {
        if (own.includes(k)) continue;
        only(k, k === 'factor' && d.generator === 'moons' ? "for generator moons (factor is the circles' inner/outer ratio)" : `for generator ${d.generator} (it takes ${[...COMMON_GENERATOR_KEYS, ...own].join(', ')})`);
      }
    }
    const samples = d.samples ?? DEFAULT_SAMPLES[d.generator ?? 'circles'];
    if (d.file === undefined && d.trainSize >= samples) {
      ctx.addIssue({ code: 'custom', path: ['trainSize'], message: `expected fewer than data.samples (${samples}) so some rows are left to test`, input: d.trainSize });
    }
    if (d.generator === 'classification') {
      const features = d.features ?? 20, informative = d.informative ?? 2, redundant = d.redundant ?? 2, repeated = d.repeated ?? 0;
      const clusters = (d.classes ?? 2) * (d.clustersPerClass ?? 2);
      if (informative + redundant + repeated > features) problem('features', `expected at least informative + redundant + repeated = ${informative + redundant + repeated} features (make_classification)`);
      if (informative < Math.log2(clusters)) problem('informative', `expected at least log2(classes × clustersPerClass) = ${Math.log2(clusters).toFixed(2)} informative features, so each cluster gets its own hypercube vertex (make_classification)`);
    }
    if (d.generator === 'friedman1' && d.features !== undefined && d.features < 5) problem('features', 'expected at least 5 features (make_friedman1 uses the first 5)');
    if (d.generator === 'shapes' && d.classes !== undefined && d.classes > SHAPE_KINDS) problem('classes', `expected at most ${SHAPE_KINDS} classes (square, plus, frame, cross)`);
    if (d.generator === 'sequences' && (d.minLength ?? 5) > (d.length ?? 20)) problem('minLength', `expected at most data.length (${d.length ?? 20})`);
  })
  .transform((d): DataSpec => {
    if (d.file !== undefined) return d.label === undefined ? { file: d.file, trainSize: d.trainSize } : { file: d.file, label: d.label, trainSize: d.trainSize };
    const generator = d.generator ?? 'circles';
    const common = { samples: d.samples ?? DEFAULT_SAMPLES[generator], seed: d.seed ?? 1 };
    const trainSize = d.trainSize;
    switch (generator) {
      case 'moons':
        return { generator, samples: common.samples, noise: d.noise ?? 0.1, seed: common.seed, trainSize };
      case 'circles':
        return { generator, samples: common.samples, noise: d.noise ?? 0.1, seed: common.seed, factor: d.factor ?? 0.8, trainSize };
      case 'blobs':
        return { generator, ...common, features: d.features ?? 2, centers: d.centers ?? 3, clusterStd: d.clusterStd ?? 1, trainSize };
      case 'classification':
        return {
          generator, ...common, features: d.features ?? 20, informative: d.informative ?? 2, redundant: d.redundant ?? 2, repeated: d.repeated ?? 0,
          classes: d.classes ?? 2, clustersPerClass: d.clustersPerClass ?? 2, flipY: d.flipY ?? 0.01, classSep: d.classSep ?? 1, hypercube: d.hypercube ?? true, trainSize,
        };
      case 'friedman1':
        return { generator, ...common, features: d.features ?? 10, noise: d.noise ?? 0, trainSize };
      case 'shapes':
        return { generator, ...common, size: d.size ?? 12, classes: d.classes ?? 3, noise: d.noise ?? 0.2, trainSize };
      case 'sequences':
        return { generator, ...common, length: d.length ?? 20, minLength: d.minLength ?? 5, features: d.features ?? 1, trainSize };
    }
  });

/** What the network predicts: binary (one sigmoid unit), multiclass (softmax over k classes), regression (one linear unit). */
export const TASKS = ['binary', 'multiclass', 'regression'] as const;
export type Task = (typeof TASKS)[number];

export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'linear'] as const;
/** Activations of model.layers: those of model.activation, and selu (Klambauer et al. 2017) for self-normalizing networks, the setting AlphaDropout is made for. */
export const LAYER_ACTIVATIONS = [...ACTIVATIONS, 'selu'] as const;
export type Activation = (typeof LAYER_ACTIVATIONS)[number];
const activationName = z.enum(ACTIVATIONS);
const layerActivationName = z.enum(LAYER_ACTIVATIONS);

/** Layer types of `model.layers`, named as in Keras (tf.keras.layers.Dense, Conv2D, MaxPooling2D, ...). */
export const LAYER_TYPES = ['dense', 'conv1d', 'conv2d', 'maxPooling1d', 'maxPooling2d', 'flatten', 'lstm', 'dropout', 'activation', 'masking'] as const;
export type LayerType = (typeof LAYER_TYPES)[number];

/** The keys each layer type takes besides `type` and `name`; required ones first, with a star. */
const LAYER_KEYS: Record<LayerType, readonly string[]> = {
  dense: ['units*', 'activation'],
  conv1d: ['filters*', 'kernelSize*', 'padding', 'activation'],
  conv2d: ['filters*', 'kernelSize*', 'padding', 'activation'],
  maxPooling1d: ['poolSize', 'strides', 'padding'],
  maxPooling2d: ['poolSize', 'strides', 'padding'],
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
  | { readonly type: 'maxPooling1d' | 'maxPooling2d'; readonly name?: string; readonly poolSize: number; readonly strides: number; readonly padding: 'valid' | 'same' }
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

export const trainSpec = z.strictObject({
  epochs: int(1).default(4000),
  batchSize: int(1).default(32),
  learningRate: positive.default(0.001),
  optimizer: z.enum(['adam', 'sgd']).default('adam'),
  /** auto: the fused engine when it supports the model, else tfjs. */
  engine: z.enum(['auto', 'fused', 'tfjs']).default('auto'),
  /** Learning curves: false, true (every epoch) or every k epochs. */
  history: z.union([z.boolean(), int(1)]).default(false),
  /** Loss for model.task regression: mean squared or mean absolute error. Absent: mse. */
  loss: z.enum(['mse', 'mae']).optional(),
});

/** Noise kinds, with Keras' semantics: GaussianNoise, GaussianDropout, AlphaDropout, Dropout. */
export const NOISE_KINDS = ['gaussian', 'gaussianDropout', 'alphaDropout', 'dropout'] as const;
export type NoiseKind = (typeof NOISE_KINDS)[number];
/** The kinds set by a drop rate (noise.rate) instead of a stddev. */
export const RATE_KINDS: readonly NoiseKind[] = ['gaussianDropout', 'alphaDropout', 'dropout'];

/** Per-placement values: keys are placements (input, pre, post, or addressed ones such as "post:pool"). */
function perPlacement<T extends z.ZodType<number>>(value: T) {
  return z.record(z.string(), value).superRefine((rec, ctx) => {
    const bad = Object.keys(rec).filter((k) => !isSitePlacement(k));
    if (bad.length > 0) ctx.addIssue({ code: 'custom', path: [], message: `expected placements as keys (input, pre, post, or pre:/post:/before:/after:<layer>), not "${bad[0]}"` });
  });
}

const rate = z.number().min(0).lt(1);

export const noiseSpec = z
  .strictObject({
    kind: z.enum(NOISE_KINDS).default('gaussian'),
    placement: z.union([placementName, z.array(placementName).min(1)]).default('none'),
    /** One stddev for every placement, or one per placement (kind gaussian). */
    stddev: z.union([stddev, perPlacement(stddev)]).default(0.1),
    /** Drop rate in [0, 1), one for every placement or one per placement (kinds dropout, gaussianDropout, alphaDropout). */
    rate: z.union([rate, perPlacement(rate)]).optional(),
    /** On padded sequences (a masking layer in model.layers): noise only where the mask is 1. Absent: true. */
    mask: z.boolean().optional(),
  })
  .superRefine((n, ctx) => {
    if (RATE_KINDS.includes(n.kind) && n.rate === undefined && n.placement !== 'none') {
      ctx.addIssue({ code: 'custom', path: ['rate'], message: `expected a drop rate in [0, 1) for noise kind ${n.kind} (noise.stddev is for kind gaussian)` });
    }
  });

export const evalSpec = z.strictObject({
  /** Evaluate with noise off (Keras default), on (mean over `samples` draws), or both. */
  noise: z.enum(['off', 'on', 'both']).default('off'),
  samples: int(1).default(10),
});

const gridValues = z.array(z.unknown()).min(1);

export const boundSpec = z.strictObject({ min: z.number().optional(), max: z.number().optional() });

export const studySpec = z.strictObject({
  name: z.string().min(1).regex(/^[\w.-]+$/, 'letters, digits, "_", "-" or "."'),
  seed: int(0).max(2 ** 32 - 1).default(1),
  repeats: int(1).default(10),
  data: dataSpec.prefault({ generator: 'circles' }),
  model: modelSpec.prefault({}),
  train: trainSpec.prefault({}),
  noise: noiseSpec.prefault({}),
  eval: evalSpec.prefault({}),
  grid: z.record(z.string(), gridValues).default({}),
  /** The grid point(s) the others are compared with: a {dotted key: value} selection. */
  baseline: z.record(z.string(), z.unknown()).optional(),
  /** Accuracy bounds judged after the sweep: a `where` selection plus {column: {min, max}}. */
  expect: z.array(z.record(z.string(), z.unknown())).default([]),
});

export type StudyInput = z.input<typeof studySpec>;
export type Study = z.output<typeof studySpec>;
export type ModelSpec = z.output<typeof modelSpec>;
export type TrainSpec = z.output<typeof trainSpec>;
export type NoiseSpec = z.output<typeof noiseSpec>;
export type EvalSpec = z.output<typeof evalSpec>;

/** A noise layer after placement and stddev are resolved: one entry per placement, in network order. */
export interface NoiseSite {
  readonly placement: Placement;
  /**
   * Standard deviation of the noise. For the kinds set by a rate, the stddev of the multiplicative noise that
   * rate gives, sqrt(rate / (1 - rate)) (Keras' GaussianDropout; the same for Dropout's scaled keep mask).
   */
  readonly stddev: number;
  /**
   * Models given as model.layers: index of the layer the site belongs to (`pre`: between its linear part and
   * its activation; `post`: on its output). Absent: every hidden layer (the `hidden: [...]` form) or the input.
   */
  readonly layer?: number;
  /** Drop rate, for the kinds set by one (dropout, gaussianDropout, alphaDropout). */
  readonly rate?: number;
}

/**
 * What one run needs, and all it needs: the part of a study that changes its numbers.
 * Its canonical JSON (with the repeat index) is the run's identity.
 */
export interface RunConfig {
  readonly studySeed: number;
  readonly data: DataSpec;
  readonly model: ModelSpec;
  readonly train: Omit<TrainSpec, 'history'>;
  /** mask: present only when the model has a masking layer (else it changes nothing). */
  readonly noise: { readonly kind: NoiseSpec['kind']; readonly sites: readonly NoiseSite[]; readonly mask?: boolean };
  readonly eval: EvalSpec;
  /** Record a learning curve every k epochs (0: off). Not part of the identity: it does not change the numbers. */
  readonly historyEvery: number;
}
