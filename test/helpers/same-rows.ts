/** Summary rows compared cell by cell, as the streamed summary must equal the in-memory one (issue 13). */
import { expect } from 'chai';
import type { SummaryRow } from '../../src/report/summary.js';

/** Every cell equal: the same columns in the same order, strings and nulls exactly, numbers to 1e-12. */
export function expectSameRows(actual: readonly SummaryRow[], expected: readonly SummaryRow[], what: string): void {
  expect(actual.length, what).to.equal(expected.length);
  expected.forEach((want, r) => {
    const got = actual[r]!;
    expect(Object.keys(got), `${what}: row ${r} columns`).to.deep.equal(Object.keys(want));
    for (const [column, w] of Object.entries(want)) {
      const g = got[column];
      const where = `${what}: row ${r}, ${column}: ${String(g)} vs ${String(w)}`;
      if (typeof w === 'number' && typeof g === 'number') expect(Math.abs(g - w), where).to.be.at.most(1e-12 * Math.max(1, Math.abs(w)));
      else expect(g, where).to.equal(w);
    }
  });
}

