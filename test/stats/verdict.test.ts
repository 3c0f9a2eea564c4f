/**
 * verdictOf: the decision table (Bouthillier et al. 2021: "significant and meaningful"), which comes first
 * when several apply, and a simulation of identical configurations: "better" or "worse" at most at the nominal
 * rate of the 95 % P(A>B) interval (5 %).
 */
import { expect } from 'chai';
import { Xoshiro128 } from '../../src/engine/rng/xoshiro128.js';
import { probabilityBetterCi } from '../../src/stats/bootstrap-ci.js';
import { pairedT } from '../../src/stats/paired-t.js';
import { probabilityBetter } from '../../src/stats/probability-better.js';
import { verdictOf, type Verdict, type VerdictInput } from '../../src/stats/verdict.js';

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

/** Standard normal draw (Box–Muller) from the generator. */
function normal(rng: Xoshiro128): number {
  let u = 0;
  while (u === 0) u = rng.nextFloat();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextFloat());
}

/** An accuracy on 70 test points with success probability p: k/70, so repeats tie often. */
function accuracy(rng: Xoshiro128, p: number): number {
  let k = 0;
  for (let i = 0; i < 70; i++) if (rng.nextFloat() < p) k++;
  return k / 70;
}

/**
 * The verdicts of `comparisons` simulated comparisons of n = minN..maxN paired repeats (n cycling), A drawn by
 * drawA and B by drawB, P(A>B) interval from 1,000 resamples (the default 10,000 gives the same rates to
 * within 0.3 %, measured, at ten times the cost).
 */
function simulate(comparisons: number, drawA: (rng: Xoshiro128) => number, drawB: (rng: Xoshiro128) => number, minN = 10, maxN = 30): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { better: 0, worse: 0, equivalent: 0, inconclusive: 0 };
  for (let k = 0; k < comparisons; k++) {
    const rng = Xoshiro128.fromSeed(k, 99);
    const n = minN + (k % (maxN - minN + 1));
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < n; i++) {
      a.push(drawA(rng));
      b.push(drawB(rng));
    }
    const interval = probabilityBetterCi(a, b, false, { seed: k, resamples: 1000 });
    const t = pairedT(a, b);
    counts[verdictOf({ probability: probabilityBetter(a, b), probabilityLow: interval.low, probabilityHigh: interval.high, differenceLow: t?.ci95Low ?? null, differenceHigh: t?.ci95High ?? null })]++;
  }
  return counts;
}

describe('verdictOf on simulated identical configurations (2,000 comparisons each, 10–30 repeats unless said)', () => {
  const COMPARISONS = 2000;
  /** The nominal rate (a 95 % interval) plus 2 binomial standard errors of a rate over 2,000 comparisons. */
  const BOUND = 0.05 + 2 * Math.sqrt((0.05 * 0.95) / COMPARISONS);

  // Observed: 2.7 % better + 2.5 % worse = 5.2 % (normal), 2.05 % + 2.85 % = 4.9 % (accuracies).
  it('says better or worse at about the nominal 5 % for normal scores (observed 5.2 %, bound 6.0 %)', () => {
    const c = simulate(COMPARISONS, normal, normal);
    const rate = (c.better + c.worse) / COMPARISONS;
    expect(rate).to.be.at.most(BOUND);
    expect(rate).to.be.closeTo(0.052, 0.0005);
    // Neither direction is favoured.
    expect(Math.abs(c.better - c.worse) / COMPARISONS).to.be.below(0.02);
  });

  it('and for accuracies on 70 test points, with their ties (observed 4.9 %)', () => {
    const c = simulate(COMPARISONS, (rng) => accuracy(rng, 0.8), (rng) => accuracy(rng, 0.8));
    expect((c.better + c.worse) / COMPARISONS).to.be.at.most(BOUND);
    expect((c.better + c.worse) / COMPARISONS).to.be.closeTo(0.049, 0.0005);
  });

  // The limit verdictOf's doc warns about: with very few repeats the percentile interval is too narrow.
  it('but not with 3 repeats: 3 wins of 3 give the interval [1, 1], so 2 · 2⁻³ = 25 % (observed 25.1 %)', () => {
    const c = simulate(COMPARISONS, normal, normal, 3, 3);
    expect((c.better + c.worse) / COMPARISONS).to.be.closeTo(0.251, 0.0005);
  });

  it('and still above nominal with 5 or 8 repeats (observed 6.6 % and 7.0 %)', () => {
    const five = simulate(COMPARISONS, normal, normal, 5, 5);
    const eight = simulate(COMPARISONS, normal, normal, 8, 8);
    expect((five.better + five.worse) / COMPARISONS).to.be.closeTo(0.066, 0.0005);
    expect((eight.better + eight.worse) / COMPARISONS).to.be.closeTo(0.0695, 0.0005);
  });

  // P(A>B) = Φ(1/√2) = 0.76 there: just past γ, so "better" needs its interval to clear ½ and reach 0.75.
  it('can tell a real difference: B one standard deviation lower → better in most comparisons (observed 64 %)', () => {
    const c = simulate(500, normal, (rng) => normal(rng) - 1);
    expect(c.better / 500).to.be.above(0.5);
    expect(c.worse).to.equal(0);
  });
});
