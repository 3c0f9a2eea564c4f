/**
 * pairedT against the exact paired t-test (mpmath, 50 digits; Nadeau–Bengio-corrected cases too, which scipy
 * lacks) and scipy 1.10's ttest_rel (test/fixtures/stats/paired-t.json, test/fixtures/gen/paired_reference.py).
 * scipy 1.10's t quantile is off by up to 4e-11 relative for small df (see ci95.test.ts), so its intervals are
 * compared more loosely than the exact ones.
 */
import { expect } from 'chai';
import { pairedT } from '../../src/stats/paired-t.js';
import { expectClose, readCases } from './fixtures.js';

interface Case {
  name: string;
  a: number[];
  b: number[];
  testTrainRatio?: number;
  scipy?: { statistic: number | null; pValue: number | null; low?: number; high?: number };
  exact: { meanDifference: number; standardError: number; t: number; pValue: number; low: number; high: number } | null;
}

/** Samples near 1e6 (0.5 apart): a difference of doubles keeps ~10 digits, in any arithmetic, numpy's included. */
const CANCELLING = new Set(['offset']);

describe('pairedT', () => {
  const cases = readCases<Case>('paired-t.json');
  const defined = cases.filter((c) => c.exact !== null);

  it('matches the exact test on every pair: mean difference, SE, t, p and the 95 % interval', () => {
    expect(defined.filter((c) => c.testTrainRatio === undefined).length).to.be.greaterThan(14);
    for (const c of defined) {
      const r = pairedT(c.a, c.b, c.testTrainRatio === undefined ? {} : { testTrainRatio: c.testTrainRatio })!;
      const rel = CANCELLING.has(c.name) ? 1e-9 : 1e-12;
      expect(r, c.name).to.not.equal(null);
      expect([r.n, r.df, r.corrected], c.name).to.deep.equal([c.a.length, c.a.length - 1, c.testTrainRatio !== undefined]);
      expectClose(r.meanDifference, c.exact!.meanDifference, `${c.name} mean`, rel);
      expectClose(r.standardError, c.exact!.standardError, `${c.name} se`, rel);
      expectClose(r.t, c.exact!.t, `${c.name} t`, rel);
      expectClose(r.pValue, c.exact!.pValue, `${c.name} p`, CANCELLING.has(c.name) ? 1e-8 : 1e-10);
      expectClose(r.ci95Low, c.exact!.low, `${c.name} low`, rel);
      expectClose(r.ci95High, c.exact!.high, `${c.name} high`, rel);
    }
  });

  it('matches scipy 1.10 ttest_rel (t, p; the interval to scipy\'s own 1e-9 of its width)', () => {
    for (const c of defined.filter((k) => k.scipy !== undefined)) {
      const r = pairedT(c.a, c.b)!;
      const rel = CANCELLING.has(c.name) ? 1e-9 : 1e-12;
      expectClose(r.t, c.scipy!.statistic!, `${c.name} t`, rel);
      expectClose(r.pValue, c.scipy!.pValue!, `${c.name} p`, CANCELLING.has(c.name) ? 1e-8 : 1e-10);
      // Relative to the interval's width: a bound near 0 inherits the quantile's error at the width's scale.
      const width = c.scipy!.high! - c.scipy!.low!;
      expectClose(r.ci95Low, c.scipy!.low!, `${c.name} low`, 0, 1e-9 * width);
      expectClose(r.ci95High, c.scipy!.high!, `${c.name} high`, 0, 1e-9 * width);
    }
  });

  it('corrects for overlapping training sets: same mean and df, SE × √(1 + n·ratio), a larger p', () => {
    for (const c of defined.filter((k) => k.testTrainRatio !== undefined)) {
      const plain = pairedT(c.a, c.b)!;
      const corrected = pairedT(c.a, c.b, { testTrainRatio: c.testTrainRatio! })!;
      expect(corrected.meanDifference, c.name).to.equal(plain.meanDifference);
      expectClose(corrected.standardError, plain.standardError * Math.sqrt(1 + c.a.length * c.testTrainRatio!), c.name, 1e-14);
      expect(corrected.pValue, c.name).to.be.greaterThan(plain.pValue);
    }
    // Ratio 0 is the plain test, still marked as corrected (the caller asked for it).
    const c = defined[0]!;
    const zero = pairedT(c.a, c.b, { testTrainRatio: 0 })!;
    expect({ ...zero, corrected: false }).to.deep.equal(pairedT(c.a, c.b));
  });

  it('is null when every difference is the same, where scipy reports p = 0 (or 2e-131 from rounding) or nan', () => {
    const undefinedCases = cases.filter((c) => c.exact === null);
    expect(undefinedCases.map((c) => c.name)).to.deep.equal(['constant difference', 'no difference', 'one point each repeat']);
    for (const c of undefinedCases) expect(pairedT(c.a, c.b), c.name).to.equal(null);
    // The k/70 case: mathematically one point in every repeat; the doubles differ by ~1e-17 and scipy finds t ≈ 8e14.
    const onePoint = undefinedCases[2]!;
    expect(onePoint.scipy!.pValue).to.be.below(1e-100);
  });

  it('is null for fewer than two pairs, and handles two', () => {
    expect(pairedT([], [])).to.equal(null);
    expect(pairedT([0.8], [0.7])).to.equal(null);
    const two = pairedT([1, 2], [0, 0])!;
    // d = [1, 2]: mean 1.5, s = √0.5, SE = 0.5, t = 3, df = 1; the interval is 1.5 ± tan(0.475π) · 0.5.
    expect([two.meanDifference, two.standardError, two.t, two.df]).to.deep.equal([1.5, 0.5, 3, 1]);
    expectClose(two.ci95High - two.ci95Low, 12.706204736174705, 'width', 1e-12);
  });

  it('is antisymmetric: swapping a and b negates the difference and keeps p', () => {
    const c = defined[0]!;
    const ab = pairedT(c.a, c.b)!;
    const ba = pairedT(c.b, c.a)!;
    expect([ba.meanDifference, ba.t, ba.ci95Low]).to.deep.equal([-ab.meanDifference, -ab.t, -ab.ci95High]);
    expect(ba.pValue).to.equal(ab.pValue);
  });

  it('names itself on bad input', () => {
    expect(() => pairedT([1, 2], [1])).to.throw(RangeError, /^pairedT: expected paired samples of equal length/);
    expect(() => pairedT([1, 2], [1, Infinity])).to.throw(TypeError, /^pairedT:/);
    expect(() => pairedT([1, 2], [0, 0], { testTrainRatio: -0.1 })).to.throw(RangeError, /^pairedT: expected testTrainRatio/);
    expect(() => pairedT([1, 2], [0, 0], { testTrainRatio: NaN })).to.throw(RangeError, /^pairedT: expected testTrainRatio/);
  });
});
