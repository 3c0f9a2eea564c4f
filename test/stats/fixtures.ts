/** Reading test/fixtures/stats (numpy 1.24 / scipy 1.10 / statsmodels 0.13 from test/fixtures/gen/stats_reference.py). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

export function readCases<T>(name: string): T[] {
  const path = fileURLToPath(new URL(`../../../test/fixtures/stats/${name}`, import.meta.url));
  return (JSON.parse(readFileSync(path, 'utf8')) as { cases: T[] }).cases;
}

/** |actual − expected| ≤ rel·|expected| + abs: a relative bound, with an absolute floor for values near 0. */
export function expectClose(actual: number | null, expected: number, what: string, rel = 1e-12, abs = 1e-15): void {
  expect(actual, what).to.be.a('number');
  const tolerance = rel * Math.abs(expected) + abs;
  expect(Math.abs(actual! - expected), `${what}: ${actual} vs ${expected}`).to.be.at.most(tolerance);
}
