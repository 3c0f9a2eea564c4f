/**
 * The generators added for the tasks beyond the tutorial (multiclass, regression, images, sequences): data spec
 * in, table out, and what the spec says about the rows' shape and class count without generating them.
 */
import type { BlobsData, ClassificationData, DataSpec, Friedman1Data, GeneratedData, Preprocessing, SequencesData, ShapesData } from '../config/schema.js';
import { makeBlobs } from './blobs.js';
import { makeCircles } from './circles.js';
import { makeClassification } from './classification.js';
import type { Table } from './dataset.js';
import { makeFriedman1 } from './friedman1.js';
import { makeMoons } from './moons.js';
import { makeSequences } from './sequences.js';
import { makeShapes } from './shapes-images.js';

export type TaskData = BlobsData | ClassificationData | Friedman1Data | ShapesData | SequencesData;

/** Whether a spec names one of this module's generators. */
export function isTaskData(spec: DataSpec): spec is TaskData {
  return 'generator' in spec && spec.generator !== 'circles' && spec.generator !== 'moons';
}

/**
 * The table a spec describes (before the train/test split). data.shuffle and data.standardize are taken off
 * first: they act on the table afterwards, and a generator's own `shuffle` (make_blobs' shuffle=) is another flag.
 */
export function generateTable(withPreprocessing: TaskData & Preprocessing): Table {
  const { shuffle: _rows, standardize: _zScores, ...own } = withPreprocessing;
  const spec = own as TaskData;
  switch (spec.generator) {
    case 'blobs':
      return makeBlobs(spec);
    case 'classification':
      return makeClassification(spec);
    case 'friedman1':
      return makeFriedman1(spec);
    case 'shapes':
      return makeShapes(spec);
    case 'sequences':
      return makeSequences(spec);
  }
}

/** The table any generator's spec describes (before the train/test split). */
export function generatedTable(spec: GeneratedData): Table {
  if (isTaskData(spec)) return generateTable(spec);
  return spec.generator === 'circles'
    ? makeCircles({ samples: spec.samples, noise: spec.noise, seed: spec.seed, factor: spec.factor })
    : makeMoons({ samples: spec.samples, noise: spec.noise, seed: spec.seed });
}

/**
 * Names for a generated row's values in the order the model reads them (row-major), 0-based where they
 * index a shape: x1..xd for flat rows (as scikit-learn's columns are usually printed), px_<row>_<col> for the
 * pixels of an image, t_<step>_<feature> for the steps of a sequence. The label column is y.
 */
export function featureColumns(spec: GeneratedData): string[] {
  const shape = featureShape(spec)!;
  if (spec.generator === 'shapes') return Array.from({ length: spec.size * spec.size }, (_, i) => `px_${Math.floor(i / spec.size)}_${i % spec.size}`);
  if (spec.generator === 'sequences') return Array.from({ length: spec.length * spec.features }, (_, i) => `t_${Math.floor(i / spec.features)}_${i % spec.features}`);
  return Array.from({ length: shape[0]! }, (_, i) => `x${i + 1}`);
}

/**
 * Shape of one row as a generator makes it: [size, size, 1] for images, [length, features] for sequences,
 * [features] for flat rows; undefined for CSV files (model.inputShape gives theirs, else they are flat).
 */
export function featureShape(spec: DataSpec): number[] | undefined {
  if (!('generator' in spec)) return undefined;
  switch (spec.generator) {
    case 'circles':
    case 'moons':
      return [2];
    case 'shapes':
      return [spec.size, spec.size, 1];
    case 'sequences':
      return [spec.length, spec.features];
    default:
      return [spec.features];
  }
}

/** Number of classes a generator produces (labels 0..k-1); undefined for regression targets and CSV files. */
export function declaredClasses(spec: DataSpec): number | undefined {
  if (!('generator' in spec)) return undefined;
  switch (spec.generator) {
    case 'blobs':
      return spec.centers;
    case 'classification':
    case 'shapes':
      return spec.classes;
    case 'friedman1':
      return undefined;
    default:
      return 2;
  }
}
