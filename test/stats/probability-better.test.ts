/** probabilityBetter against hand-counted shares (the definition: wins plus half the ties, over n). */
import { expect } from 'chai';
import { pairScores, probabilityBetter } from '../../src/stats/probability-better.js';

describe('probabilityBetter', () => {
  it('counts wins and half the ties: one win, one tie, two losses of four → 0.375', () => {
    expect(probabilityBetter([0.9, 0.8, 0.7, 0.6], [0.8, 0.8, 0.8, 0.8])).to.equal(0.375);
  });

  it('ranks lower values first when lower is better (losses, errors)', () => {
    expect(probabilityBetter([0.2, 0.3], [0.4, 0.3], true)).to.equal(0.75);
    expect(probabilityBetter([0.2, 0.3], [0.4, 0.3])).to.equal(0.25);
  });

  it('gives ½ for identical samples and all ties, 1 and 0 for clean sweeps, and P(A>B) + P(B>A) = 1', () => {
    const a = [0.81, 0.8, 0.79, 0.83, 0.8];
    const b = [0.8, 0.8, 0.8, 0.8, 0.81];
    expect(probabilityBetter(a, a)).to.equal(0.5);
    expect(probabilityBetter([0.8, 0.8, 0.8], [0.8, 0.8, 0.8])).to.equal(0.5);
    expect(probabilityBetter([2, 3], [1, 1])).to.equal(1);
    expect(probabilityBetter([0, 0], [1, 1])).to.equal(0);
    // Wins 0.81>0.8, 0.83>0.8; tie 0.8=0.8; losses 0.79<0.8, 0.8<0.81: (2 + ½)/5.
    expect(probabilityBetter(a, b)).to.equal(0.5);
    expect(probabilityBetter(a, b) + probabilityBetter(b, a)).to.equal(1);
  });

  it('is a multiple of 1/(2n) for one pair and for many', () => {
    expect(probabilityBetter([1], [0])).to.equal(1);
    expect(probabilityBetter([1], [1])).to.equal(0.5);
    const a = Array.from({ length: 37 }, (_, i) => (i * 7) % 11);
    const b = Array.from({ length: 37 }, (_, i) => (i * 5) % 11);
    expect(Number.isInteger(probabilityBetter(a, b) * 2 * 37)).to.equal(true);
  });

  it('scores each pair 1, ½ or 0', () => {
    expect(Array.from(pairScores([3, 2, 1], [2, 2, 2], false))).to.deep.equal([1, 0.5, 0]);
    expect(Array.from(pairScores([3, 2, 1], [2, 2, 2], true))).to.deep.equal([0, 0.5, 1]);
  });

  it('names itself on bad input', () => {
    expect(() => probabilityBetter([], [])).to.throw(RangeError, /^probabilityBetter: expected at least 1/);
    expect(() => probabilityBetter([1, 2], [1])).to.throw(RangeError, /^probabilityBetter: expected paired samples/);
    expect(() => probabilityBetter([1], [NaN])).to.throw(TypeError, /^probabilityBetter:/);
  });
});
