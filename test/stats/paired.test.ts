/** The shared paired helpers: length checks, and which differences count as ties (rounding, not spread). */
import { expect } from 'chai';
import { allWithin, checkPaired, differences, roundingTolerance, snapTies } from '../../src/stats/paired.js';

describe('paired helpers', () => {
  it('refuses unequal lengths and bad values, naming the statistic', () => {
    expect(() => checkPaired('pairedT', [1, 2], [1])).to.throw(RangeError, /^pairedT: expected paired samples of equal length, found 2 and 1 values/);
    expect(() => checkPaired('pairedT', [1, NaN], [1, 2])).to.throw(TypeError, /^pairedT: expected finite numbers, found NaN at index 1/);
    expect(() => checkPaired('probabilityBetter', [], [], 1)).to.throw(RangeError, /^probabilityBetter: expected at least 1/);
    expect(() => checkPaired('pairedT', [], [])).not.to.throw();
  });

  it('sees the differences of k/70 accuracies that are one point apart as one value, not 1e-17 of spread', () => {
    const b = Array.from({ length: 69 }, (_, k) => k / 70);
    const a = b.map((_, k) => (k + 1) / 70);
    const d = differences(a, b);
    expect(new Set(d).size, 'distinct doubles').to.be.greaterThan(1);
    expect(allWithin(d, roundingTolerance(a, b))).to.equal(true);
    // A real gap of one point in a single repeat is far above the tolerance.
    const a2 = [...a.slice(0, -1), (69 + 2) / 70];
    expect(allWithin(differences(a2, b), roundingTolerance(a2, b))).to.equal(false);
  });

  it('scales the tolerance with the inputs (8 ε · max |x|)', () => {
    expect(roundingTolerance([0.5, -2], [1, 0.25])).to.equal(8 * Number.EPSILON * 2);
    expect(roundingTolerance([], [])).to.equal(0);
  });

  it('snaps runs of rounding-level gaps to their smallest value, and values near 0 to 0', () => {
    expect(snapTies([0.3, 1e-17, 0.30000000000000004, 0.5], 1e-15)).to.deep.equal([0.3, 0, 0.3, 0.5]);
    expect(snapTies([2, 1, 1 + 2e-16, 3], 1e-15)).to.deep.equal([2, 1, 1, 3]);
    // With no tolerance only exact equality ties; a true 0 stays 0.
    expect(snapTies([0, 1e-300, 1], 0)).to.deep.equal([0, 1e-300, 1]);
  });
});
