/** Reading the committed reference data in test/fixtures/data (made by test/fixtures/gen/make_data.py). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of a file in test/fixtures/data (tests run from dist/test/data). */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../../../test/fixtures/data/${name}`, import.meta.url));
}

export function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(fixturePath(name), 'utf8')) as T;
}

/** A headed CSV of plain numbers/words as rows of strings (the fixtures have no quoting). */
export function readCsvRows(name: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(fixturePath(name), 'utf8').trim().split('\n');
  return { header: lines[0]!.split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

/** One element where sklearn's value (glibc libm) is not what a correctly rounded libm gives. */
export interface Deviation {
  readonly row: number;
  readonly col: number;
  readonly sklearn: number;
  readonly correctlyRounded: number;
}

export interface ManifestTable {
  readonly file: string;
  readonly generator: 'circles' | 'moons';
  readonly samples: number;
  readonly noise: number | null;
  readonly seed: number;
  readonly factor?: number;
  readonly shuffle: boolean;
  readonly deviations: readonly Deviation[];
}

export interface Manifest {
  readonly sklearn: string;
  readonly numpy: string;
  readonly libc: string;
  readonly tables: readonly ManifestTable[];
}
