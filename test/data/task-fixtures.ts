/** Reading the committed reference tables in test/fixtures/tasks (made by test/fixtures/gen/make_task_data.py). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Table } from '../../src/data/dataset.js';

function taskFixturePath(name: string): string {
  return fileURLToPath(new URL(`../../../test/fixtures/tasks/${name}`, import.meta.url));
}

/** One element of sklearn's output that differs from what its code gives with a correctly rounded log. */
export interface TaskDeviation {
  readonly row: number;
  readonly col?: number;
  readonly sklearn: number;
  readonly expected: number;
}

/** A fixture's arguments (named as in the data spec) and its deviations. */
export interface TaskTable {
  readonly file: string;
  readonly generator: 'blobs' | 'classification' | 'friedman1';
  readonly samples: number;
  readonly seed: number;
  readonly [arg: string]: unknown;
  readonly deviations?: readonly TaskDeviation[];
  readonly targetDeviations?: readonly TaskDeviation[];
}

export interface TaskManifest {
  readonly sklearn: string;
  readonly numpy: string;
  readonly tables: readonly TaskTable[];
}

export const taskManifest = JSON.parse(readFileSync(taskFixturePath('manifest.json'), 'utf8')) as TaskManifest;

/** The fixture's table with every listed deviation replaced by the value the port must give. */
export function expectedTable(t: TaskTable): { X: number[]; y: number[]; nFeatures: number } {
  const lines = readFileSync(taskFixturePath(t.file), 'utf8').trim().split('\n');
  const nFeatures = lines[0]!.split(',').length - 1;
  const rows = lines.slice(1).map((l) => l.split(',').map(Number));
  const X = rows.flatMap((r) => r.slice(0, nFeatures));
  const y = rows.map((r) => r[nFeatures]!);
  for (const d of t.deviations ?? []) {
    if (X[d.row * nFeatures + d.col!] !== d.sklearn) throw new Error(`${t.file}: deviation at row ${d.row} does not match the CSV`);
    X[d.row * nFeatures + d.col!] = d.expected;
  }
  for (const d of t.targetDeviations ?? []) y[d.row] = d.expected;
  return { X, y, nFeatures };
}

/** "row r col c: got !== want" for every element of `table` that is not bit-identical to the fixture's. */
export function differences(table: Table, want: { X: number[]; y: number[]; nFeatures: number }): string[] {
  const out: string[] = [];
  if (table.nFeatures !== want.nFeatures) out.push(`nFeatures ${table.nFeatures} !== ${want.nFeatures}`);
  Array.from(table.X).forEach((v, i) => {
    if (!Object.is(v, want.X[i]) && v !== want.X[i]) out.push(`row ${Math.floor(i / want.nFeatures)} col ${i % want.nFeatures}: ${v} !== ${want.X[i]}`);
  });
  Array.from(table.y).forEach((v, i) => {
    if (v !== want.y[i]) out.push(`label ${i}: ${v} !== ${want.y[i]}`);
  });
  if (table.y.length !== want.y.length) out.push(`rows ${table.y.length} !== ${want.y.length}`);
  return out.slice(0, 10);
}
