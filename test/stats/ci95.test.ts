/**
 * ci95 against the exact interval (mpmath, 50 digits) and scipy.stats.t.interval(0.95, n-1, loc=mean, scale=sem)
 * (test/fixtures/stats/ci95.json, scipy 1.10.1). scipy 1.10's t quantile is off by up to 4e-11 relative for
 * small df (t.ppf(0.975, 1) = 12.706204736432095; the true value is 12.706204736174705), so the comparison
 * with scipy is looser than the one with the exact values.
 */
import { expect } from 'chai';
import { ci95 } from '../../src/stats/ci95.js';
import { expectClose, readCases } from './fixtures.js';

describe('ci95', () => {
  const cases = readCases<{ name: string; x: number[]; low: number | null; high: number | null; lowExact?: number; highExact?: number }>('ci95.json');
  const withSpread = cases.filter((c) => c.lowExact !== undefined);

  it('matches the exact t interval on every reference sample with spread', () => {
    expect(withSpread.length).to.be.greaterThan(12);
    for (const c of withSpread) {
      const { low, high } = ci95(c.x);
      expectClose(low, c.lowExact!, `${c.name} low`);
      expectClose(high, c.highExact!, `${c.name} high`);
    }
  });

  it('matches scipy 1.10 to its own accuracy (1e-9)', () => {
    for (const c of withSpread) {
      const { low, high } = ci95(c.x);
      expectClose(low, c.low!, `${c.name} low`, 1e-9);
      expectClose(high, c.high!, `${c.name} high`, 1e-9);
    }
  });

  it('is [mean, mean] for a constant sample (scipy: nan, or a 1e-16-wide interval from rounding)', () => {
    expect(ci95([0.8, 0.8, 0.8, 0.8, 0.8, 0.8])).to.deep.equal({ low: 0.8, high: 0.8 });
    expect(ci95([0.9, 0.9, 0.9, 0.9])).to.deep.equal({ low: 0.9, high: 0.9 });
  });

  it('has null bounds for one value', () => {
    expect(ci95([0.7])).to.deep.equal({ low: null, high: null });
  });

  it('uses the t quantile, not the normal 1.96: for n = 2 the half-width is 12.706 · s/√2', () => {
    const { low, high } = ci95([0, 1]);
    // t(0.975, 1) = tan(0.475π) = 12.706204736174705 (mpmath); s/√n = 0.5.
    expectClose(high! - low!, 2 * 12.706204736174705 * 0.5, 'width', 1e-12);
  });

  it('names itself on bad input', () => {
    expect(() => ci95([])).to.throw(RangeError, /^ci95:/);
  });
});
