/** sampleStd against np.std(ddof=1) (test/fixtures/stats/sample-std.json, numpy 1.24.2). */
import { expect } from 'chai';
import { sampleStd } from '../../src/stats/sample-std.js';
import { expectClose, readCases } from './fixtures.js';

describe('sampleStd', () => {
  const cases = readCases<{ name: string; x: number[]; std: number }>('sample-std.json');

  it('matches numpy on every reference sample', () => {
    expect(cases.length).to.be.greaterThan(15);
    // numpy's std of a constant sample can be 1e-16 instead of 0 (its rounded mean): hence the absolute floor.
    for (const c of cases) expectClose(sampleStd(c.x), c.std, c.name, 1e-12, 1e-15);
  });

  it('is exactly 0 for a constant sample and null for one value', () => {
    expect(sampleStd([0.8, 0.8, 0.8, 0.8, 0.8, 0.8])).to.equal(0);
    expect(sampleStd([0.8])).to.equal(null);
    expect(sampleStd([])).to.equal(null);
  });

  it('names itself on bad input', () => {
    expect(() => sampleStd([1, Number.NaN])).to.throw(TypeError, /^sampleStd:/);
  });
});
