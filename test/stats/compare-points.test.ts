/**
 * comparePaired: one point against another on repeats matched by index. Its parts are tested against scipy in
 * their own files; here: the matching, the value scipy gives for one case (scipy 1.10.1: ttest_rel(a, b).pvalue), the correction flag, the verdicts, and a simulation of identical
 * configurations (no better/worse beyond the nominal rate).
 */
import { expect } from 'chai';
import { nextNormal } from '../../src/engine/rng/normal.js';
import { Xoshiro128 } from '../../src/engine/rng/xoshiro128.js';
import { comparePaired, matchRepeats } from '../../src/stats/compare-points.js';
import { wilcoxonSignedRank } from '../../src/stats/wilcoxon.js';

const A = [0.81, 0.8, 0.83, 0.79, 0.82, 0.84, 0.8, 0.81, 0.83, 0.82];
const B = [0.78, 0.79, 0.8, 0.79, 0.8, 0.81, 0.77, 0.8, 0.8, 0.79];
const byIndex = (xs: readonly number[]) => new Map(xs.map((x, i) => [i, x]));

describe('stats/compare-points', () => {
  it('matches repeats by index, keeping only those both points finished', () => {
    expect(matchRepeats(new Map([[0, 1], [2, 3], [5, 4]]), new Map([[5, 9], [0, 8], [1, 7]]))).to.deep.equal({ a: [1, 4], b: [8, 9] });
  });

  it('gives scipy\'s paired t and Wilcoxon p-values, and "better" for a clear, consistent gain', () => {
    const c = comparePaired(byIndex(A), byIndex(B), { lowerIsBetter: false, seed: 1 });
    expect(c.n).to.equal(10);
    expect(c.meanDifference).to.be.closeTo(0.022, 1e-12);
    expect(c.pValue).to.be.closeTo(0.00017327723687816753, 1e-12);
    // Wilcoxon: wilcoxon.ts (tested against scipy there); scipy's own 0.00706 here differs only because it takes
    // differences such as 0.83 − 0.80 and 0.81 − 0.78 as unequal floats, where wilcoxon.ts counts them as ties.
    expect(c.wilcoxonP).to.equal(wilcoxonSignedRank(A, B)!.pValue);
    expect(c.probability).to.equal(0.95); // 9 wins, 1 tie
    expect(c.verdict).to.equal('better');
    expect(c.corrected).to.equal(false);
    expect(c.repeatsToDecide).to.equal(null);
  });

  it('the mirror is "worse"; lower-is-better flips it back', () => {
    expect(comparePaired(byIndex(B), byIndex(A), { lowerIsBetter: false, seed: 1 }).verdict).to.equal('worse');
    expect(comparePaired(byIndex(B), byIndex(A), { lowerIsBetter: true, seed: 1 }).verdict).to.equal('better');
  });

  it('re-split repeats: the Nadeau–Bengio correction widens the interval and raises p', () => {
    const plain = comparePaired(byIndex(A), byIndex(B), { lowerIsBetter: false, seed: 1 });
    const nb = comparePaired(byIndex(A), byIndex(B), { lowerIsBetter: false, seed: 1, testTrainRatio: 70 / 30 });
    expect(nb.corrected).to.equal(true);
    expect(nb.pValue!).to.be.greaterThan(plain.pValue!);
    expect(nb.differenceHigh! - nb.differenceLow!).to.be.greaterThan(plain.differenceHigh! - plain.differenceLow!);
  });

  it('equivalent when the difference\'s interval is inside ±equivalence; inconclusive (with repeats to decide) otherwise', () => {
    const a = A.map((x, i) => x + (i % 2 ? 0.001 : -0.001));
    expect(comparePaired(byIndex(a), byIndex(A), { lowerIsBetter: false, seed: 3, equivalence: 0.01 }).verdict).to.equal('equivalent');
    const c = comparePaired(byIndex(a), byIndex(A), { lowerIsBetter: false, seed: 3 });
    expect(c.verdict).to.equal('inconclusive');
    expect(c.repeatsToDecide).to.equal(null); // P = 0.5 exactly: no number of repeats decides it
  });

  it('fewer than 6 repeats never say better or worse', () => {
    expect(comparePaired(byIndex(A.slice(0, 5)), byIndex(B.slice(0, 5)), { lowerIsBetter: false, seed: 1 }).verdict).to.equal('inconclusive');
  });

  it('identical configurations: better/worse in at most the nominal share of 400 simulated studies of 10 repeats', () => {
    const rng = Xoshiro128.fromSeed(12345, 7);
    let wrong = 0;
    for (let s = 0; s < 400; s++) {
      // A shared per-repeat effect (the paired seeds) plus independent noise: the two points are the same.
      const shared = Array.from({ length: 10 }, () => nextNormal(rng));
      const a = shared.map((x) => x + 0.5 * nextNormal(rng));
      const b = shared.map((x) => x + 0.5 * nextNormal(rng));
      const v = comparePaired(byIndex(a), byIndex(b), { lowerIsBetter: false, seed: s }).verdict;
      if (v === 'better' || v === 'worse') wrong++;
    }
    // nominal 5 %: 20 of 400, allow three binomial standard errors (√(400·0.05·0.95) ≈ 4.4)
    expect(wrong).to.be.at.most(33);
  });
});
