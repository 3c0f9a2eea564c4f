/**
 * noetherSampleSize against N = ⌈(z₁₋α + z₁₋β)² / (6(γ − ½)²)⌉ with scipy 1.10's norm.ppf
 * (test/fixtures/stats/noether.json, test/fixtures/gen/paired_reference.py), and Bouthillier et al.'s 29.
 */
import { expect } from 'chai';
import { noetherSampleSize, repeatsToDecide } from '../../src/stats/noether.js';
import { readCases } from './fixtures.js';

describe('noetherSampleSize', () => {
  const cases = readCases<{ gamma: number; alpha: number; beta: number; raw: number; n: number }>('noether.json');

  it('gives Bouthillier et al.\'s 29 repeats for γ = 0.75, α = β = 0.05 (28.86 rounded up)', () => {
    expect(noetherSampleSize(0.75)).to.equal(29);
    expect(cases[0]).to.include({ gamma: 0.75, n: 29 });
    expect(cases[0]!.raw).to.be.closeTo(28.859, 0.001);
  });

  it('matches the formula with scipy\'s normal quantiles on every reference case', () => {
    expect(cases.length).to.be.greaterThan(7);
    for (const c of cases) expect(noetherSampleSize(c.gamma, c.alpha, c.beta), JSON.stringify(c)).to.equal(c.n);
  });

  it('needs the same N for γ and 1 − γ, and more for effects nearer ½', () => {
    expect(noetherSampleSize(0.25)).to.equal(noetherSampleSize(0.75));
    expect(noetherSampleSize(0.6)).to.be.greaterThan(noetherSampleSize(0.75));
  });

  it('names itself on bad input', () => {
    expect(() => noetherSampleSize(0.5)).to.throw(RangeError, /^noetherSampleSize: expected gamma in \[0, 1\] other than 0.5/);
    expect(() => noetherSampleSize(1.2)).to.throw(RangeError, /^noetherSampleSize: expected gamma/);
    expect(() => noetherSampleSize(0.75, 0)).to.throw(RangeError, /^noetherSampleSize: expected alpha in \(0, 0.5\)/);
    expect(() => noetherSampleSize(0.75, 0.05, 0.7)).to.throw(RangeError, /^noetherSampleSize: expected beta/);
  });
});

describe('repeatsToDecide', () => {
  it('plans for the observed effect when it is smaller than γ\'s: N(P̂)', () => {
    expect(repeatsToDecide(0.6)).to.equal(181);
    expect(repeatsToDecide(0.4)).to.equal(181);
    expect(repeatsToDecide(0.6, 0.75, 0.05, 0.05)).to.equal(noetherSampleSize(0.6));
  });

  it('never plans for more than γ: an observed P̂ beyond γ gets N(γ)', () => {
    expect(repeatsToDecide(0.9)).to.equal(29);
    expect(repeatsToDecide(0)).to.equal(29);
    expect(repeatsToDecide(1, 0.9)).to.equal(noetherSampleSize(0.9));
  });

  it('is null when no effect was seen (P̂ = ½): no number of repeats is predicted to decide', () => {
    expect(repeatsToDecide(0.5)).to.equal(null);
  });

  it('names itself on bad input', () => {
    expect(() => repeatsToDecide(1.5)).to.throw(RangeError, /^repeatsToDecide: expected probability/);
    expect(() => repeatsToDecide(0.6, 0.5)).to.throw(RangeError, /^repeatsToDecide: expected gamma in \(0.5, 1\]/);
    expect(() => repeatsToDecide(0.6, 0.75, 0.5)).to.throw(RangeError, /^repeatsToDecide: expected alpha/);
  });
});
