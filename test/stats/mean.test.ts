/** mean against np.mean (test/fixtures/stats/mean.json, numpy 1.24.2). */
import { expect } from 'chai';
import { mean } from '../../src/stats/mean.js';
import { expectClose, readCases } from './fixtures.js';

describe('mean', () => {
  const cases = readCases<{ name: string; x: number[]; mean: number }>('mean.json');

  it('matches numpy on every reference sample', () => {
    expect(cases.length).to.be.greaterThan(15);
    for (const c of cases) expectClose(mean(c.x), c.mean, c.name);
  });

  it('gives a constant sample its value exactly, where summation rounds (simple-statistics: 0.8000000000000002)', () => {
    expect(mean([0.8, 0.8, 0.8, 0.8, 0.8, 0.8])).to.equal(0.8);
    expect(mean([0.1, 0.1, 0.1])).to.equal(0.1);
  });

  it('names itself when the input is empty or not finite', () => {
    expect(() => mean([])).to.throw(RangeError, /^mean: expected at least 1/);
    expect(() => mean([1, NaN])).to.throw(TypeError, /^mean: expected finite numbers, found NaN at index 1/);
    expect(() => mean([Infinity])).to.throw(TypeError, /^mean:/);
  });
});
