/**
 * One round of a race against hand-computed rounds. The p-values are scipy 1.10.1's
 * (`ttest_ind(x, best, equal_var=False)` for Welch, `ttest_rel(x, best)` for paired), Holm by hand:
 * sorted ascending, p₍ᵢ₎·(m − i + 1), running maximum.
 */
import { expect } from 'chai';
import { decideRound, type RoundInput } from '../../../src/plan/race/eliminate.js';

const A = [0.8, 0.82, 0.78, 0.81, 0.79];
const B = [0.79, 0.81, 0.79, 0.78, 0.8];
const C = [0.7, 0.83, 0.74, 0.72, 0.73];
const D = [0.5, 0.55, 0.52, 0.48, 0.51];
/** A less 0.01 per repeat, with a little noise: worse in every repeat, by less than the spread between repeats. */
const E = [0.79, 0.812, 0.771, 0.8, 0.779];

const byRepeat = (xs: readonly number[]) => new Map(xs.map((x, i) => [i, x]));

function round(points: readonly (readonly number[])[], extra: Partial<RoundInput> = {}): ReturnType<typeof decideRound> {
  return decideRound({
    round: 1,
    repeats: 5,
    survivors: points.map((_, i) => i),
    values: (i) => byRepeat(points[i]!),
    lowerIsBetter: false,
    baseline: null,
    alpha: 0.05,
    test: { paired: false },
    ...extra,
  });
}

describe('plan/race/eliminate', () => {
  it('Welch: compares every survivor with the best, Holm over the family, eliminates the significantly worse', () => {
    const r = round([A, B, C, D]);
    expect(r.best).to.equal(0);
    expect(r.comparisons.map((c) => c.point)).to.deep.equal([1, 2, 3]);
    // scipy: B 0.5126404914340792, C 0.06587946509946752, D 2.4482786693251826e-07.
    expect(r.comparisons[0]!.pValue).to.be.closeTo(0.5126404914340792, 1e-12);
    expect(r.comparisons[1]!.pValue).to.be.closeTo(0.06587946509946752, 1e-12);
    const pD = r.comparisons[2]!.pValue!;
    expect(pD).to.be.closeTo(2.4482786693251826e-7, 1e-18);
    // Holm: D smallest (×3), then C (×2), then B (×1), running maximum.
    expect(r.comparisons[2]!.pHolm).to.be.closeTo(3 * pD, 1e-15);
    expect(r.comparisons[1]!.pHolm).to.be.closeTo(2 * 0.06587946509946752, 1e-12);
    expect(r.comparisons[0]!.pHolm).to.be.closeTo(0.5126404914340792, 1e-12);
    expect(r.eliminated).to.deep.equal([3]);
    expect(r.contending).to.deep.equal([1, 2]);
  });

  it('paired: the per-repeat differences decide, so a point worse in every repeat goes where Welch keeps it', () => {
    // E against A: Welch p 0.3724803585489708, paired p 4.6869325531635923e-05 (scipy).
    const welch = round([A, E]);
    expect(welch.comparisons[0]!.pValue).to.be.closeTo(0.3724803585489708, 1e-12);
    expect(welch.eliminated).to.deep.equal([]);
    const paired = round([A, E], { test: { paired: true } });
    expect(paired.comparisons[0]!.pValue).to.be.closeTo(4.6869325531635923e-5, 1e-15);
    expect(paired.eliminated).to.deep.equal([1]);
    // Paired A, B, C: B 0.4676047546093987, C 0.046380562711297334; Holm keeps C (0.0928 > 0.05).
    const three = round([A, B, C], { test: { paired: true } });
    expect(three.comparisons.map((c) => c.pValue)).to.satisfy((ps: number[]) => Math.abs(ps[0]! - 0.4676047546093987) < 1e-12 && Math.abs(ps[1]! - 0.046380562711297334) < 1e-12);
    expect(three.comparisons[1]!.pHolm).to.be.closeTo(2 * 0.046380562711297334, 1e-12);
    expect(three.eliminated).to.deep.equal([]);
    // Without B the family is C alone: 0.046 ≤ 0.05, eliminated.
    expect(round([A, C], { test: { paired: true } }).eliminated).to.deep.equal([1]);
  });

  it('the Nadeau–Bengio correction widens the paired test when the repeats re-split the data', () => {
    // n_test/n_train = 1/4: variance (1/5 + 1/4)·s² instead of s²/5, so t shrinks by √(0.2/0.45).
    const plain = round([A, C], { test: { paired: true } }).comparisons[0]!.pValue!;
    const corrected = round([A, C], { test: { paired: true, testTrainRatio: () => 0.25 } });
    expect(corrected.comparisons[0]!.pValue!).to.be.greaterThan(plain);
    expect(corrected.eliminated).to.deep.equal([]);
  });

  it('never eliminates the baseline; a baseline shown worse no longer keeps the race going', () => {
    const r = round([A, B, C, D], { baseline: 3 });
    expect(r.comparisons[2]!.rejected).to.equal(true);
    expect(r.eliminated).to.deep.equal([]);
    expect(r.contending).to.deep.equal([1, 2]);
    const alone = round([A, D], { baseline: 1 });
    expect(alone.eliminated).to.deep.equal([]);
    expect(alone.contending).to.deep.equal([]);
  });

  it('is direction-aware: for a loss the lowest mean is best, and the same data mirrored decides the same', () => {
    const mirrored = [A, B, C, D].map((xs) => xs.map((x) => 1 - x));
    const r = round(mirrored, { lowerIsBetter: true });
    expect(r.best).to.equal(0);
    expect(r.eliminated).to.deep.equal([3]);
    // Read as higher-is-better, the mirrored D is the best and A, B, C are all far below it.
    const wrongWay = round(mirrored, { lowerIsBetter: false });
    expect(wrongWay.best).to.equal(3);
    expect(wrongWay.eliminated).to.have.members([0, 1, 2]);
  });

  it('reads only repeats below the round count, and survivors only', () => {
    const longA = [...A, 0.1, 0.1, 0.1];
    const r = round([longA, B, C, D], { survivors: [0, 1, 2] });
    expect(r.comparisons.map((c) => c.point)).to.deep.equal([1, 2]);
    expect(r.comparisons[0]!.pValue).to.be.closeTo(0.5126404914340792, 1e-12);
  });

  it('a tie for best goes to the lower point index; an untestable comparison is kept', () => {
    expect(round([C, A, A]).best).to.equal(1);
    expect(round([B, B], { test: { paired: true } }).contending).to.deep.equal([1]);
    // One value each: Welch has no variance, nothing is eliminated however far apart.
    const thin = round([[0.9], [0.1]], { repeats: 1 });
    expect(thin.comparisons[0]!.pValue).to.equal(null);
    expect(thin.eliminated).to.deep.equal([]);
    expect(thin.contending).to.deep.equal([1]);
    // No survivor has a value (every run failed): no best, every survivor still contends.
    const none = round([[], []]);
    expect(none.best).to.equal(null);
    expect(none.contending).to.deep.equal([0, 1]);
  });

  it('refuses an alpha outside (0, 1)', () => {
    expect(() => round([A, B], { alpha: 0 })).to.throw(RangeError, /decideRound: expected alpha in \(0, 1\), found 0/);
  });
});
