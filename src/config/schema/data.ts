/**
 * data: where a study's rows come from (a scikit-learn generator or a CSV file), how they are prepared
 * (shuffled, standardized) and the train/test split.
 */
import { z } from 'zod';
import { trainRows } from '../../data/train-rows.js';
import { int } from './common.js';

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
  /** Rows that train: a count, or a fraction in (0, 1) of the file's rows (floor, as scikit-learn's train_test_split). */
  readonly trainSize: number;
  /** The file's sha256 (hex), when the study pins it (a saved config.yaml does): checked before any run. */
  readonly sha256?: string;
  /**
   * What the labels are, set from model.task (not a user key): absent for 0/1 labels (binary), 'classes' for
   * class indices 0..k-1 (multiclass), 'real' for any number (regression).
   */
  readonly labels?: 'classes' | 'real';
}
/**
 * How the rows are prepared, for files and generators alike (absent: as they come). The pipeline is
 * table → shuffle → split → standardize (from the training rows) → Dataset; see data/load-dataset.ts.
 */
export interface Preprocessing {
  /** Shuffle the rows before the split with this seed; `true` in a study means the study seed (the plan resolves it). */
  readonly shuffle?: number | true;
  /** Z-score every feature with the mean and standard deviation of the training rows. */
  readonly standardize?: true;
  /**
   * How the train/test split is drawn from the rows (after data.shuffle), from the run's split seed; absent:
   * the first trainSize rows train. Each repeat draws a new split when `vary:` has `split`. See data/split/.
   */
  readonly split?: SplitSpec;
}

/** The kinds of data.split: see data/split/split-rows.ts for each one's definition. */
export const SPLIT_KINDS = ['shuffle', 'stratified', 'bootstrap', 'kfold'] as const;
export type SplitKind = (typeof SPLIT_KINDS)[number];
export type SplitSpec = { readonly kind: 'shuffle' | 'stratified' | 'bootstrap' } | { readonly kind: 'kfold'; readonly k: number };

const splitSpec = z
  .strictObject({ kind: z.enum(SPLIT_KINDS), k: int(2).max(1000).optional() })
  .superRefine((s, ctx) => {
    if (s.kind !== 'kfold' && s.k !== undefined) ctx.addIssue({ code: 'custom', path: ['k'], message: `expected no "k" for data.split.kind ${s.kind} (k is kfold's number of folds)`, input: s.k });
  })
  .transform((s): SplitSpec => (s.kind === 'kfold' ? { kind: 'kfold', k: s.k ?? 5 } : { kind: s.kind }));
export type DataSpec = (GeneratedData | FileData) & Preprocessing;

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
const dataKeys = z.strictObject({
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
  // 7: the smallest shape (5 pixels) with a margin (shapes-images.ts MIN_SIZE); 6 used to pass and then crash.
  size: int(7).max(64).optional(),
  length: int(1).max(1000).optional(),
  minLength: int(1).optional(),
  /** A row count, or a fraction of the rows in (0, 1). Required for a file (whose row count the study does not say). */
  trainSize: z.number().positive().finite().optional(),
  shuffle: z.union([z.boolean(), int(0).max(2 ** 32 - 1)]).optional(),
  standardize: z.boolean().optional(),
  split: splitSpec.optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'the 64 lowercase hex digits of a sha256').optional(),
});

/** Rows that train when data.trainSize is not given (generators only): the tutorial's 30. */
const DEFAULT_TRAIN_SIZE = 30;

export const dataSpec = dataKeys
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
    else {
      only('label', 'without a data file');
      only('sha256', 'without a data file (it pins the file\'s contents)');
    }
    if (d.trainSize !== undefined && !Number.isInteger(d.trainSize) && d.trainSize >= 1) {
      problem('trainSize', 'expected a whole number of training rows, or a fraction between 0 and 1 such as 0.7');
      return;
    }
    if (d.file !== undefined && d.trainSize === undefined) {
      problem('trainSize', 'expected the number of training rows for a data file (the first rows train, after data.shuffle; the rest test) or a fraction such as 0.7');
    }
    if (d.generator !== undefined) {
      const own: readonly string[] = GENERATOR_KEYS[d.generator];
      for (const k of generatorOnly) {
        if (own.includes(k)) continue;
        only(k, k === 'factor' && d.generator === 'moons' ? "for generator moons (factor is the circles' inner/outer ratio)" : `for generator ${d.generator} (it takes ${[...COMMON_GENERATOR_KEYS, ...own].join(', ')})`);
      }
    }
    const samples = d.samples ?? DEFAULT_SAMPLES[d.generator ?? 'circles'];
    const trainSize = d.file === undefined ? trainRows(d.trainSize ?? DEFAULT_TRAIN_SIZE, samples) : undefined;
    if (trainSize !== undefined && trainSize < 1) {
      problem('trainSize', `expected a fraction that leaves at least one of data.samples (${samples}) rows to train`);
    } else if (trainSize !== undefined && trainSize >= samples) {
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
    // Left out at their defaults, so studies without them keep the run identities they had.
    const prep: Preprocessing = {
      ...(d.shuffle !== undefined && d.shuffle !== false ? { shuffle: d.shuffle } : {}),
      ...(d.standardize ? { standardize: true as const } : {}),
      ...(d.split === undefined ? {} : { split: d.split }),
    };
    if (d.file !== undefined) {
      return { file: d.file, ...(d.label === undefined ? {} : { label: d.label }), trainSize: d.trainSize!, ...(d.sha256 === undefined ? {} : { sha256: d.sha256 }), ...prep };
    }
    const generator = d.generator ?? 'circles';
    const common = { samples: d.samples ?? DEFAULT_SAMPLES[generator], seed: d.seed ?? 1 };
    const trainSize = trainRows(d.trainSize ?? DEFAULT_TRAIN_SIZE, common.samples);
    return { ...generated(d, generator, common, trainSize), ...prep };
  });

/** The generator's own keys with their defaults. */
function generated(d: z.output<typeof dataKeys>, generator: GeneratorName, common: { samples: number; seed: number }, trainSize: number): GeneratedData {
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
}
