/**
 * A data spec to a train/test Dataset, in the agreed order: the table (generated, or read from a CSV file) →
 * data.shuffle → split (the first trainSize rows train, the rest test: the tutorial's split; or data.split's draw) →
 * data.standardize (from the training rows only) → float32 Dataset. Pure: the same spec and baseDir give the
 * same numbers, so a worker may load each distinct spec once and keep it.
 */
import { resolve } from 'node:path';
import type { DataSpec } from '../config/schema.js';
import { inputError } from '../errors.js';
import { loadCsvTable } from './csv-table.js';
import { splitRows, toDataset, type Dataset, type Table } from './dataset.js';
import { checkClassLabels } from './class-labels.js';
import { generatedTable } from './generate.js';
import { shuffleTable } from './preprocess/shuffle.js';
import { standardize } from './preprocess/standardize.js';
import { isFraction, trainRows } from './train-rows.js';
import { splitRows as splitIndices, type SplitDraw } from './split/split-rows.js';
import type { SplitSpec } from '../config/schema/data.js';

/**
 * Builds the dataset a spec describes. Relative `file` paths resolve against `baseDir` (the config's folder).
 * @throws InputError for a bad CSV file, or a trainSize that leaves no training or no test rows.
 */
export function loadDataset(spec: DataSpec, baseDir: string, draw?: SplitDraw): Dataset {
  const { table, source } = loadTable(spec, baseDir);
  const rows = table.y.length;
  const nTrain = trainRows(spec.trainSize, rows);
  if (!Number.isInteger(nTrain) || nTrain < 1 || nTrain >= rows) {
    const fraction = isFraction(spec.trainSize) ? ` (${spec.trainSize} of ${rows} rows is ${nTrain})` : '';
    throw inputError(source, 'data.trainSize', `a whole number from 1 to ${rows - 1}, or a fraction, so that some of the ${rows} rows train and some test${fraction}`, spec.trainSize);
  }
  const rowsInOrder = spec.shuffle === undefined ? table : shuffleTable(table, shuffleSeed(spec.shuffle));
  const split = spec.split === undefined ? splitRows(rowsInOrder, nTrain) : drawnSplit(rowsInOrder, spec.split, nTrain, draw);
  const { train, test } = spec.standardize ? standardize(split) : split;
  return toDataset(train, test);
}

/** data.split: the rows of one draw (data/split/split-rows.ts), standardized afterwards from its own training rows. */
function drawnSplit(table: Table, spec: SplitSpec, nTrain: number, draw: SplitDraw | undefined): { train: Table; test: Table } {
  if (draw === undefined) throw new Error('loadDataset: data.split needs the run\'s split draw (seeds.split; see plan/seeding.ts)');
  const rows = splitIndices(spec, table.y.length, nTrain, draw, table.y);
  return { train: pickRows(table, rows.train), test: pickRows(table, rows.test) };
}

/** The rows `indices` of a table, in that order (a row may repeat: bootstrap). */
export function pickRows(table: Table, indices: ArrayLike<number>): Table {
  const d = table.nFeatures;
  const X = new Float64Array(indices.length * d);
  const y = new (table.y instanceof Int32Array ? Int32Array : Float64Array)(indices.length);
  for (let r = 0; r < indices.length; r++) {
    const i = indices[r]!;
    X.set(table.X.subarray(i * d, i * d + d), r * d);
    y[r] = table.y[i]!;
  }
  return { nFeatures: d, X, y };
}

/** The seed of data.shuffle; `true` (the study seed) is resolved by the plan before a run is made. */
function shuffleSeed(shuffle: number | true): number {
  if (shuffle === true) throw new Error('loadDataset: data.shuffle: true must be resolved to the study seed first (plan/resolve.ts)');
  return shuffle;
}

function loadTable(spec: DataSpec, baseDir: string): { table: Table; source: string | undefined } {
  if ('file' in spec) {
    const file = resolve(baseDir, spec.file);
    // A binary model ends in one sigmoid unit, so labels must be 0/1; spec.labels says when the task is another.
    const table = loadCsvTable(file, { label: spec.label, binary: spec.labels === undefined });
    if (spec.labels === 'classes') checkClassLabels(file, table.labelColumn, table.y);
    return { table: { nFeatures: table.nFeatures, X: table.X, y: table.y }, source: file };
  }
  return { table: generatedTable(spec), source: undefined };
}
