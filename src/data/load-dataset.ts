/**
 * A data spec to a train/test Dataset: generate it (generate.ts), or read a CSV file, then take the first
 * trainSize rows for training and the rest for testing (the tutorial's split). Pure: the same spec and
 * baseDir give the same numbers, so a worker may load each distinct spec once and keep it.
 */
import { resolve } from 'node:path';
import type { DataSpec } from '../config/schema.js';
import { inputError } from '../errors.js';
import { loadCsvTable } from './csv-table.js';
import { splitTable, type Dataset, type Table } from './dataset.js';
import { checkClassLabels } from './class-labels.js';
import { generatedTable } from './generate.js';

/**
 * Builds the dataset a spec describes. Relative `file` paths resolve against `baseDir` (the config's folder).
 * @throws InputError for a bad CSV file, or a trainSize that leaves no test rows.
 */
export function loadDataset(spec: DataSpec, baseDir: string): Dataset {
  const { table, source } = loadTable(spec, baseDir);
  const rows = table.y.length;
  if (!Number.isInteger(spec.trainSize) || spec.trainSize < 1 || spec.trainSize >= rows) {
    throw inputError(source, 'data.trainSize', `a whole number from 1 to ${rows - 1} so that some of the ${rows} rows are left to test`, spec.trainSize);
  }
  return splitTable(table, spec.trainSize);
}

function loadTable(spec: DataSpec, baseDir: string): { table: Table; source: string | undefined } {
  if ('file' in spec) {
    const file = resolve(baseDir, spec.file);
    // A binary model ends in one sigmoid unit, so labels must be 0/1; spec.labels says when the task is another.
    const table = loadCsvTable(file, { label: spec.label, binary: spec.labels === undefined });
    if (spec.labels === 'classes') checkClassLabels(file, spec.label ?? 'the last column', table.y);
    return { table, source: file };
  }
  return { table: generatedTable(spec), source: undefined };
}
