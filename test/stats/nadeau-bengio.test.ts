/** nadeauBengioVariance against hand-computed cases (exact fractions worked out in the comments). */
import { expect } from 'chai';
import { nadeauBengioVariance } from '../../src/stats/nadeau-bengio.js';
import { expectClose } from './fixtures.js';

describe('nadeauBengioVariance', () => {
  it('is (1/n + n_test/n_train) · s² : d = [1, 2, 3, 4, 5], 100 test / 400 train rows', () => {
    // mean 3, Σ(d − 3)² = 4 + 1 + 0 + 1 + 4 = 10, s² = 10/4 = 5/2; (1/5 + 1/4) · 5/2 = 9/20 · 5/2 = 9/8.
    expect(nadeauBengioVariance([1, 2, 3, 4, 5], 100 / 400)).to.equal(1.125);
  });

  it('corrects a 10-fold-like case: d = [0.02, −0.01, 0.03, 0, 0.01, 0.02], ratio 1/9', () => {
    // In hundredths: d = [2, −1, 3, 0, 1, 2], mean 7/6, Σd² = 19, Σ(d − 7/6)² = 19 − 6·(7/6)² = 19 − 49/6 = 65/6,
    // s² = 65/30 = 13/6 (hundredths²); (1/6 + 1/9) · 13/6 = 5/18 · 13/6 = 65/108, times 1e-4.
    expectClose(nadeauBengioVariance([0.02, -0.01, 0.03, 0, 0.01, 0.02], 1 / 9), (65 / 108) * 1e-4, 'variance', 1e-14);
  });

  it('is the plain s²/n with ratio 0, and never smaller with a positive ratio', () => {
    const d = [0.5, 1.5, -0.25, 2];
    // mean 15/16; s² = (Σd² − 4·mean²)/3 = (6.5625 − 3.515625)/3 = 1.015625; /4 = 0.25390625.
    expect(nadeauBengioVariance(d, 0)).to.equal(0.25390625);
    expect(nadeauBengioVariance(d, 0.2)).to.be.greaterThan(nadeauBengioVariance(d, 0));
  });

  it('is exactly 0 for constant differences', () => {
    expect(nadeauBengioVariance([0.1, 0.1, 0.1], 0.25)).to.equal(0);
  });

  it('names itself on bad input', () => {
    expect(() => nadeauBengioVariance([0.1], 0.25)).to.throw(RangeError, /^nadeauBengioVariance: expected at least 2/);
    expect(() => nadeauBengioVariance([0.1, 0.2], -1)).to.throw(RangeError, /^nadeauBengioVariance: expected testTrainRatio/);
    expect(() => nadeauBengioVariance([0.1, 0.2], Infinity)).to.throw(RangeError, /^nadeauBengioVariance: expected testTrainRatio/);
    expect(() => nadeauBengioVariance([0.1, NaN], 0.25)).to.throw(TypeError, /^nadeauBengioVariance:/);
  });
});
