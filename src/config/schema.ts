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

const placementName = z.enum(['none', ...PLACEMENTS]);

/** A generated dataset: scikit-learn's make_circles / make_moons with the same numbers for the same arguments. */
export type GeneratedData =
  | { readonly generator: 'circles'; readonly samples: number; readonly noise: number; readonly seed: number; readonly factor: number; readonly trainSize: number }
  | { readonly generator: 'moons'; readonly samples: number; readonly noise: number; readonly seed: number; readonly trainSize: number };
/** A CSV dataset: label column by name (default: the last column); first trainSize rows train, the rest test. */
export interface FileData {
  readonly file: string;
  readonly label?: string;
  readonly trainSize: number;
}
export type DataSpec = GeneratedData | FileData;

/**
 * One flat object rather than a union of three, so a mistake gets one precise message ("data.factor: only for
 * generator circles") instead of a union's list of every branch's complaints.
 */
export const dataSpec = z
  .strictObject({
    generator: z.enum(['circles', 'moons']).optional(),
    file: z.string().min(1).optional(),
    label: z.string().min(1).optional(),
    samples: int(2).optional(),
    noise: z.number().min(0).finite().optional(),
    seed: int(0).max(2 ** 32 - 1).optional(),
    factor: z.number().gt(0).lt(1).optional(),
    trainSize: int(1).default(30),
  })
  .superRefine((d, ctx) => {
    const only = (key: keyof typeof d, what: string) => {
      if (d[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `expected no "${key}" ${what}`, input: d[key] });
    };
    if (d.generator === undefined && d.file === undefined) {
      ctx.addIssue({ code: 'custom', path: ['generator'], message: 'expected a generator (circles or moons) or a file', input: undefined });
    } else if (d.generator !== undefined && d.file !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['file'], message: 'expected either generator or file, not both', input: d.file });
    }
    if (d.file !== undefined) for (const k of ['samples', 'noise', 'seed', 'factor'] as const) only(k, 'with a data file');
    else only('label', 'without a data file');
    if (d.generator === 'moons') only('factor', 'for generator moons (factor is the circles\' inner/outer ratio)');
    if (d.file === undefined && d.trainSize >= (d.samples ?? 100)) {
      ctx.addIssue({ code: 'custom', path: ['trainSize'], message: `expected fewer than data.samples (${d.samples ?? 100}) so some rows are left to test`, input: d.trainSize });
    }
  })
  .transform((d): DataSpec => {
    if (d.file !== undefined) return d.label === undefined ? { file: d.file, trainSize: d.trainSize } : { file: d.file, label: d.label, trainSize: d.trainSize };
    const common = { samples: d.samples ?? 100, noise: d.noise ?? 0.1, seed: d.seed ?? 1, trainSize: d.trainSize };
    return d.generator === 'moons' ? { generator: 'moons', ...common } : { generator: 'circles', ...common, factor: d.factor ?? 0.8 };
  });

export const modelSpec = z.strictObject({
  /** Units of each hidden Dense layer; the output is one sigmoid unit for two classes. */
  hidden: z.array(int(1)).min(1).default([500]),
  activation: z.enum(['relu', 'tanh', 'sigmoid', 'linear']).default('relu'),
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
});

export const noiseSpec = z.strictObject({
  kind: z.enum(['gaussian']).default('gaussian'),
  placement: z.union([placementName, z.array(placementName).min(1)]).default('none'),
  /** One stddev for every placement, or one per placement. */
  stddev: z.union([stddev, z.partialRecord(z.enum(PLACEMENTS), stddev)]).default(0.1),
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
  readonly stddev: number;
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
  readonly noise: { readonly kind: NoiseSpec['kind']; readonly sites: readonly NoiseSite[] };
  readonly eval: EvalSpec;
  /** Record a learning curve every k epochs (0: off). Not part of the identity: it does not change the numbers. */
  readonly historyEvery: number;
}
