/**
 * cohensD against the exact (mean(x) − mean(b)) / pooled std(ddof=1), computed with Python fractions and one
 * final rounding (test/fixtures/stats/cohens-d.json; scipy has no Cohen's d).
 */
import { expect } from 'chai';
import { cohensD } from '../../src/stats/cohens-d.js';
import { expectClose, readCases } from './fixtures.js';

/** Samples near 1e6 with means about 1 apart: the difference of rounded means keeps ~10 digits (any double code). */
const CANCELLING = new Set(['offset vs offset2']);

describe('cohensD', () => {
  const cases = readCases<{ name: string; baseline: number[]; x: number[]; d: number | null }>('cohens-d.json');

  it('matches the exact value on every pair, sign included (positive when x scores higher)', () => {
    const defined = cases.filter((c) => c.d !== null);
    expect(defined.length).to.be.greaterThan(14);
    expect(defined.some((c) => c.d! < 0) && defined.some((c) => c.d! > 0)).to.equal(true);
    for (const c of defined) expectClose(cohensD(c.baseline, c.x), c.d!, c.name, CANCELLING.has(c.name) ? 1e-9 : 1e-12, 1e-15);
  });

  it('is null where the pooled std is 0 (both samples constant)', () => {
    for (const c of cases.filter((k) => k.d === null)) expect(cohensD(c.baseline, c.x), c.name).to.equal(null);
    expect(cohensD([0.8, 0.8, 0.8], [0.9, 0.9])).to.equal(null);
  });

  it('pools a one-value side as adding no spread, and is null for two values in all', () => {
    // Pooled: √((2·1 + 0) / 2) = 1 for baseline [1, 2, 3]; (5 − 2) / 1 = 3.
    expect(cohensD([1, 2, 3], [5])).to.equal(3);
    expect(cohensD([1], [2])).to.equal(null);
  });

  it('names itself on bad input', () => {
    expect(() => cohensD([], [1, 2])).to.throw(RangeError, /^cohensD:/);
  });
});
