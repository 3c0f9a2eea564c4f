/**
 * verdictOf: the decision table (Bouthillier et al. 2021: "significant and meaningful"), which comes first
 * when several apply, and a simulation of identical configurations: "better" or "worse" at most at the nominal
 * rate of the 95 % P(A>B) interval (5 %).
 */
import { expect } from 'chai';
import { minRepeatsForVerdict, verdictOf, type Verdict, type VerdictInput } from '../../src/stats/verdict.js';
import { accuracyScore, normalScore, simulateVerdicts, type Draw } from './verdict-simulation.js';

const base: VerdictInput = { probability: 0.5, probabilityLow: 0.3, probabilityHigh: 0.7, differenceLow: -0.01, differenceHigh: 0.01 };

describe('verdictOf', () => {
  const table: [string, Partial<VerdictInput>, Verdict][] = [
    ['interval above ½ reaching γ', { probability: 0.85, probabilityLow: 0.7, probabilityHigh: 0.95 }, 'better'],
    ['interval above ½, high exactly γ', { probability: 0.65, probabilityLow: 0.55, probabilityHigh: 0.75 }, 'better'],
    ['interval above ½ but short of γ: real, not meaningful', { probability: 0.62, probabilityLow: 0.55, probabilityHigh: 0.7 }, 'inconclusive'],
    ['low exactly ½: not above it', { probability: 0.75, probabilityLow: 0.5, probabilityHigh: 0.95 }, 'inconclusive'],
    ['interval below ½ reaching 1 − γ', { probability: 0.15, probabilityLow: 0.05, probabilityHigh: 0.3 }, 'worse'],
    ['interval below ½ but short of 1 − γ', { probability: 0.38, probabilityLow: 0.3, probabilityHigh: 0.45 }, 'inconclusive'],
    ['interval containing ½', {}, 'inconclusive'],
    ['a stricter γ', { probability: 0.85, probabilityLow: 0.7, probabilityHigh: 0.85, gamma: 0.9 }, 'inconclusive'],
    ['inside the band', { equivalence: 0.02 }, 'equivalent'],
    ['on the band\'s edges', { differenceLow: -0.02, differenceHigh: 0.02, equivalence: 0.02 }, 'equivalent'],
    ['crossing the band', { differenceLow: -0.03, differenceHigh: 0.01, equivalence: 0.02 }, 'inconclusive'],
    ['better and inside the band: the band wins', { probability: 0.9, probabilityLow: 0.8, probabilityHigh: 1, differenceLow: 0.001, differenceHigh: 0.004, equivalence: 0.005 }, 'equivalent'],
    ['better, difference past the band', { probability: 0.9, probabilityLow: 0.8, probabilityHigh: 1, differenceLow: 0.001, differenceHigh: 0.03, equivalence: 0.005 }, 'better'],
    ['no difference interval: the band cannot apply', { probability: 1, probabilityLow: 1, probabilityHigh: 1, differenceLow: null, differenceHigh: null, equivalence: 0.05 }, 'better'],
  ];
  for (const [what, input, verdict] of table) {
    it(`${what} → ${verdict}`, () => expect(verdictOf({ ...base, ...input })).to.equal(verdict));
  }

  it('names itself on bad input', () => {
    expect(() => verdictOf({ ...base, probability: 1.1 })).to.throw(RangeError, /^verdictOf: expected probability in \[0, 1\]/);
    expect(() => verdictOf({ ...base, probabilityLow: 0.8 })).to.throw(RangeError, /^verdictOf: expected probabilityLow ≤ probabilityHigh/);
    expect(() => verdictOf({ ...base, differenceLow: null })).to.throw(RangeError, /^verdictOf: expected differenceLow and differenceHigh both/);
    expect(() => verdictOf({ ...base, differenceLow: 0.1 })).to.throw(RangeError, /^verdictOf: expected finite differenceLow ≤ differenceHigh/);
    expect(() => verdictOf({ ...base, gamma: 0.5 })).to.throw(RangeError, /^verdictOf: expected gamma in \(0.5, 1\]/);
    expect(() => verdictOf({ ...base, equivalence: 0 })).to.throw(RangeError, /^verdictOf: expected equivalence/);
  });
});

/**
 * Identical configurations: A and B drawn from one distribution, so every "better" or "worse" is false. The
 * rates are exact for these seeds (the simulation is deterministic); verdict-simulation.ts prints them with
 * their standard errors over 20,000 comparisons: 3.84 % ± 0.14 % (normal) and 3.65 % ± 0.13 % (accuracies)
 * for 10–30 repeats, 2.96 % and 4.62 % at 6, 1.13 % and 1.45 % at 8, none below 6. Before the expanded interval
 * and the minimum of 6 repeats the same simulation gave 5.53 %, 6.9 % at 8 and 25.1 % at 3.
 */
describe('verdictOf on simulated identical configurations (2,000 comparisons each, 10–30 repeats unless said)', () => {
  const COMPARISONS = 2000;
  /** The nominal rate (a 95 % interval) plus 3 binomial standard errors of a rate over 2,000 comparisons: 6.5 %. */
  const BOUND = 0.05 + 3 * Math.sqrt((0.05 * 0.95) / COMPARISONS);
  const falseRate = (drawA: Draw, drawB: Draw, minRepeats = 10, maxRepeats = 30) => {
    const c = simulateVerdicts({ comparisons: COMPARISONS, drawA, drawB, minRepeats, maxRepeats });
    return { rate: (c.better + c.worse) / COMPARISONS, better: c.better / COMPARISONS, worse: c.worse / COMPARISONS };
  };

  it('says better or worse at most at the nominal 5 % for normal scores (observed 4.15 %: 2.15 % + 2.00 %)', () => {
    const { rate, better, worse } = falseRate(normalScore, normalScore);
    expect(rate).to.be.at.most(BOUND);
    expect(rate).to.be.closeTo(0.0415, 0.0003);
    // Neither direction is favoured.
    expect(Math.abs(better - worse)).to.be.below(0.01);
  });

  it('and for accuracies on 70 test points, with their ties (observed 3.15 %)', () => {
    const { rate } = falseRate(accuracyScore(0.8), accuracyScore(0.8));
    expect(rate).to.be.at.most(BOUND);
    expect(rate).to.be.closeTo(0.0315, 0.0003);
  });

  // Without the minimum, 3 wins of 3 give the interval [1, 1]: 2 · 2⁻³ = 25 % false verdicts.
  it('gives no verdict below 6 repeats, where n wins of n are too likely by chance', () => {
    expect(falseRate(normalScore, normalScore, 3, 3).rate).to.equal(0);
    expect(falseRate(normalScore, normalScore, 5, 5).rate).to.equal(0);
    expect(verdictOf({ probability: 1, probabilityLow: 1, probabilityHigh: 1, differenceLow: 0.01, differenceHigh: 0.03, repeats: 5 })).to.equal('inconclusive');
    expect(verdictOf({ probability: 1, probabilityLow: 1, probabilityHigh: 1, differenceLow: 0.01, differenceHigh: 0.03, repeats: 6 })).to.equal('better');
    expect(minRepeatsForVerdict()).to.equal(6);
  });

  it('and stays under nominal at 6 and 8 repeats (observed 2.80 % and 1.20 %)', () => {
    expect(falseRate(normalScore, normalScore, 6, 6).rate).to.be.closeTo(0.028, 0.0003);
    expect(falseRate(normalScore, normalScore, 8, 8).rate).to.be.closeTo(0.012, 0.0003);
  });

  // P(A>B) = Φ(1/√2) = 0.76 there: just past γ, so "better" needs its interval to clear ½ and reach 0.75.
  it('can tell a real difference: B one standard deviation lower → better in most comparisons (observed 61 %)', () => {
    const c = simulateVerdicts({ comparisons: 500, drawA: normalScore, drawB: (rng) => normalScore(rng) - 1 });
    expect(c.better / 500).to.be.above(0.5);
    expect(c.worse).to.equal(0);
  });
});
