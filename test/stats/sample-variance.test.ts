/** sampleVariance against np.std(ddof=1)² (test/fixtures/stats/sample-std.json, numpy 1.24.2). */
import { expect } from 'chai';
import { sampleVariance } from '../../src/stats/sample-variance.js';
import { expectClose, readCases } from './fixtures.js';

describe('sampleVariance', () => {
  const cases = readCases<{ name: string; x: number[]; std: number }>('sample-std.json');

  it('is the square of numpy\'s sample std on every reference sample', () => {
    for (const c of cases) expectClose(sampleVariance(c.x), c.std * c.std, c.name, 1e-12, 1e-30);
  });

  it('is exactly 0 for a constant sample, null for fewer than two values', () => {
    expect(sampleVariance([0.1, 0.1, 0.1])).to.equal(0);
    expect(sampleVariance([3])).to.equal(null);
  });

  it('names itself on bad input', () => {
    expect(() => sampleVariance([Infinity, 1])).to.throw(TypeError, /^sampleVariance:/);
  });
});
