/**
 * RunningSample against mean, sampleStd and momentsOf over the reference samples of test/fixtures/stats (numpy,
 * scipy): the mean is the same double when the values come in the same order (the same Kahan–Babuska sum as
 * simple-statistics'), a constant sample is exact, and the variance agrees to 1e-12 relative.
 */
import { expect } from 'chai';
import { mean } from '../../src/stats/mean.js';
import { RunningSample } from '../../src/stats/running-sample.js';
import { sampleVariance } from '../../src/stats/sample-variance.js';
import { expectClose, readCases } from './fixtures.js';

function running(xs: readonly number[]): RunningSample {
  const s = new RunningSample();
  for (const x of xs) s.add(x);
  return s;
}

describe('stats/running-sample', () => {
  it('has the mean of mean() bit for bit, and the variance of sampleVariance to 1e-12', () => {
    const cases = readCases<{ name: string; x: number[] }>('mean.json');
    expect(cases.length).to.be.greaterThan(15);
    for (const c of cases) {
      const s = running(c.x);
      expect(s.mean(), c.name).to.equal(mean(c.x));
      const m = s.moments();
      const variance = sampleVariance(c.x);
      if (variance === null) expect(m.n, c.name).to.be.below(2);
      // Samples near 1e6 with a spread of 1: Welford keeps about 11 digits there (moments.ts).
      else expectClose(m.m2 / (m.n - 1), variance, c.name, /offset/.test(c.name) ? 1e-9 : 1e-12, 1e-15);
    }
  });

  it('treats a constant sample exactly, where a plain sum does not', () => {
    const s = running([0.8, 0.8, 0.8, 0.8, 0.8, 0.8]);
    expect(s.mean()).to.equal(0.8);
    expect(s.moments()).to.deep.equal({ n: 6, mean: 0.8, m2: 0 });
  });

  it('is empty before the first value and refuses a value that is not finite', () => {
    const s = new RunningSample();
    expect(s.mean()).to.equal(null);
    expect(s.moments()).to.deep.equal({ n: 0, mean: 0, m2: 0 });
    expect(() => s.add(NaN)).to.throw(TypeError, /RunningSample.add: expected a finite number, found NaN/);
  });
});
