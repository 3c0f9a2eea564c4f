/**
 * PairedDifferences against comparePaired's p-value (pairedT, itself checked against scipy's ttest_rel): random
 * paired accuracies, differences tied by rounding (one test row better in every repeat), identical samples, one
 * pair, and the Nadeau–Bengio correction.
 */
import { expect } from 'chai';
import { Xoshiro128 } from '../../src/engine/rng/xoshiro128.js';
import { comparePaired } from '../../src/stats/compare-points.js';
import { PairedDifferences } from '../../src/stats/paired-differences.js';

function streamed(a: readonly number[], b: readonly number[]): PairedDifferences {
  const d = new PairedDifferences();
  a.forEach((x, i) => d.add(x, b[i]!));
  return d;
}

function expected(a: readonly number[], b: readonly number[], testTrainRatio?: number): number | null {
  const map = (xs: readonly number[]) => new Map(xs.map((x, i) => [i, x]));
  return comparePaired(map(a), map(b), { lowerIsBetter: false, seed: 1, ...(testTrainRatio !== undefined ? { testTrainRatio } : {}) }).pValue;
}

describe('stats/paired-differences', () => {
  const rng = Xoshiro128.fromSeed(5, 2);

  it("gives comparePaired's p-value to 1e-12 on random paired accuracies, plain and corrected", () => {
    for (let trial = 0; trial < 40; trial++) {
      const n = 2 + rng.nextBelow(300);
      const shift = rng.nextBelow(5) - 2;
      const b = Array.from({ length: n }, () => rng.nextBelow(71) / 70);
      const a = b.map((x) => Math.min(1, Math.max(0, x + (shift + rng.nextBelow(7) - 3) / 70)));
      for (const ratio of [undefined, 0.25]) {
        const want = expected(a, b, ratio)!;
        const got = streamed(a, b).pValue(ratio)!;
        expect(Math.abs(got - want), `n ${n}, ratio ${ratio}: ${got} vs ${want}`).to.be.at.most(1e-12);
      }
    }
  });

  it('gives 0 for differences equal up to rounding, 1 for identical samples, null for fewer than two pairs', () => {
    const b = Array.from({ length: 70 }, (_, k) => k / 70);
    const a = b.map((x) => x + 1 / 70);
    expect(expected(a, b)).to.equal(0);
    expect(streamed(a, b).pValue()).to.equal(0);
    expect(streamed(b, b).pValue()).to.equal(1);
    expect(expected(b, b)).to.equal(1);
    expect(streamed([0.5], [0.4]).pValue()).to.equal(null);
    expect(new PairedDifferences().pValue()).to.equal(null);
    expect(streamed([0.5, 0.7], [0.4, 0.4]).n).to.equal(2);
  });

  it('refuses values that are not finite and a negative ratio', () => {
    expect(() => new PairedDifferences().add(NaN, 1)).to.throw(TypeError, /expected finite numbers/);
    expect(() => streamed([1, 2], [0, 0]).pValue(-1)).to.throw(RangeError, /testTrainRatio/);
  });
});
