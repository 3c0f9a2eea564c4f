/**
 * stdCi against scipy 1.17.1 (`chi2.ppf`, /opt/venv-ml): for n = 2, 5, 10, 30 the quantiles below, printed by
 *   python -c "from scipy.stats import chi2; print(chi2.ppf(0.025, n - 1), chi2.ppf(0.975, n - 1))"
 */
import { expect } from 'chai';
import { stdCi } from '../../src/stats/std-ci.js';
import { sampleStd } from '../../src/stats/sample-std.js';

const SCIPY_CHI2: Record<number, [number, number]> = {
  2: [0.0009820691171752555, 5.023886187314888],
  5: [0.4844185570879299, 11.143286781877796],
  10: [2.7003894999803584, 19.02276779864163],
  30: [16.04707169536489, 45.72228580417452],
};

describe('stdCi', () => {
  it('gives the chi-square interval of a standard deviation, as scipy computes it', () => {
    for (const [n, [lo, hi]] of Object.entries(SCIPY_CHI2).map(([n, q]) => [Number(n), q] as const)) {
      const xs = Array.from({ length: n }, (_, i) => Math.sin(i * 1.7) + i / n);
      const s = sampleStd(xs)!;
      const ci = stdCi(xs)!;
      expect(ci.std).to.equal(s);
      expect(ci.low).to.be.closeTo(s * Math.sqrt((n - 1) / hi), 1e-12 * s, `n=${n} low`);
      expect(ci.high).to.be.closeTo(s * Math.sqrt((n - 1) / lo), 1e-10 * s, `n=${n} high`);
      expect(ci.low).to.be.below(s);
      expect(ci.high).to.be.above(s);
    }
  });

  it('narrows with a lower level and is null below two values', () => {
    const xs = [0.8, 0.82, 0.79, 0.81, 0.84];
    const wide = stdCi(xs, 0.95)!;
    const narrow = stdCi(xs, 0.5)!;
    expect(narrow.low).to.be.above(wide.low);
    expect(narrow.high).to.be.below(wide.high);
    expect(stdCi([0.8])).to.equal(null);
  });

  it('names itself on bad input', () => {
    expect(() => stdCi([1, Number.NaN])).to.throw(TypeError, /^stdCi:/);
    expect(() => stdCi([1, 2], 1)).to.throw(TypeError, /^stdCi: expected a level/);
  });
});
