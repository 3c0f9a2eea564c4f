/** How a paired comparison of A with B ends (see verdictOf). */
export type Verdict = 'better' | 'worse' | 'equivalent' | 'inconclusive';

/** Bouthillier et al.'s (2021) threshold for a meaningful P(A>B). */
export const DEFAULT_GAMMA = 0.75;

/**
 * The fewest paired repeats that can call a comparison better or worse at a two-sided level α: with n
 * repeats, identical configurations still give n wins out of n (or n losses) with probability 2·2⁻ⁿ, and
 * every resample of such a sample is [1, 1]; so n must make 2·2⁻ⁿ ≤ α: 6 repeats at α = 0.05.
 *
 * @param alpha the two-sided error rate, in (0, 1); default 0.05
 * @returns the smallest such n
 * @example
 * minRepeatsForVerdict(); // => 6
 */
export function minRepeatsForVerdict(alpha = 0.05): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`minRepeatsForVerdict: expected alpha in (0, 1), found ${String(alpha)}`);
  return Math.ceil(Math.log2(2 / alpha));
}

export interface VerdictInput {
  /** The estimated P(A>B) (probabilityBetter): checked, and carried for the caller; the verdict rests on the intervals. */
  readonly probability: number;
  /** Its confidence interval (probabilityBetterCi). */
  readonly probabilityLow: number;
  readonly probabilityHigh: number;
  /**
   * The confidence interval of the mean difference A − B in the metric's units (pairedT's ci95Low/High);
   * null when there is none (fewer than two repeats, or every difference equal), which only an
   * equivalence band would have used.
   */
  readonly differenceLow: number | null;
  readonly differenceHigh: number | null;
  /** The P(A>B) that counts as meaningful, in (½, 1]; default 0.75. */
  readonly gamma?: number;
  /** The half-width d of the band ±d of differences that do not matter, in the metric's units; none by default. */
  readonly equivalence?: number;
  /**
   * How many paired repeats the intervals come from. Below minRepeatsForVerdict() no verdict of better or
   * worse is given (inconclusive: too few repeats); absent, the caller vouches for enough repeats.
   */
  readonly repeats?: number;
}

/**
 * The verdict on a paired comparison of A with B, after Bouthillier et al. (2021), "Accounting for Variance
 * in Machine Learning Benchmarks" (MLSys), who call A better than B when P(A>B) is both significantly above ½
 * and meaningfully large:
 *
 * 1. **equivalent**: an equivalence band ±d was given and the difference's interval lies inside it
 *    (−d ≤ low and high ≤ d). Checked first: the band is the user's statement of what does not matter, so a
 *    comparison that is consistently better by less than d (a P(A>B) interval above ½, a difference interval
 *    inside the band) is equivalent, not better;
 * 2. **better**: the P(A>B) interval lies above ½ and reaches γ (low > ½ and high ≥ γ);
 * 3. **worse**: the mirror (high < ½ and low ≤ 1 − γ);
 * 4. **inconclusive** otherwise: the interval contains ½ (more repeats may decide: see repeatsToDecide), or
 *    it clears ½ but stays short of γ (a real but small effect).
 *
 * The P(A>B) interval should come from enough repeats, and be the expanded one (probabilityBetterCi's
 * default): a percentile bootstrap of n wins out of n is [1, 1] however small n, so with identical
 * configurations "better" or "worse" would come out with probability 2·2⁻ⁿ (25 % at 3 repeats); given
 * `repeats`, fewer than minRepeatsForVerdict() (6) give "inconclusive". Measured over simulated comparisons of
 * identical configurations (test/stats/verdict-simulation.ts): see verdict.test.ts for the observed rates, at
 * or below the nominal 5 % from 6 repeats on.
 *
 * @param input P(A>B), its interval, the difference's interval, γ and the optional band
 * @returns the verdict
 * @throws {RangeError} when a probability is outside [0, 1], probabilityLow > probabilityHigh, the
 *   difference bounds are not finite or are out of order, gamma is outside (½, 1] or equivalence is not a
 *   finite number > 0
 * @example
 * verdictOf({ probability: 0.85, probabilityLow: 0.7, probabilityHigh: 0.95, differenceLow: 0.004, differenceHigh: 0.02 }); // => 'better'
 * verdictOf({ probability: 0.85, probabilityLow: 0.7, probabilityHigh: 0.95, differenceLow: 0.004, differenceHigh: 0.02, equivalence: 0.03 }); // => 'equivalent'
 */
export function verdictOf(input: VerdictInput): Verdict {
  const { probability, probabilityLow, probabilityHigh, differenceLow, differenceHigh, gamma = DEFAULT_GAMMA, equivalence, repeats } = input;
  const name = 'verdictOf';
  for (const [key, p] of [['probability', probability], ['probabilityLow', probabilityLow], ['probabilityHigh', probabilityHigh]] as const) {
    if (!(typeof p === 'number' && p >= 0 && p <= 1)) throw new RangeError(`${name}: expected ${key} in [0, 1], found ${String(p)}`);
  }
  if (probabilityLow > probabilityHigh) throw new RangeError(`${name}: expected probabilityLow ≤ probabilityHigh, found ${probabilityLow} > ${probabilityHigh}`);
  const hasDifference = differenceLow !== null && differenceHigh !== null;
  if (differenceLow !== null || differenceHigh !== null) {
    if (!hasDifference) throw new RangeError(`${name}: expected differenceLow and differenceHigh both numbers or both null, found ${String(differenceLow)} and ${String(differenceHigh)}`);
    if (!(Number.isFinite(differenceLow) && Number.isFinite(differenceHigh) && differenceLow <= differenceHigh)) {
      throw new RangeError(`${name}: expected finite differenceLow ≤ differenceHigh, found ${String(differenceLow)} and ${String(differenceHigh)}`);
    }
  }
  if (!(typeof gamma === 'number' && gamma > 0.5 && gamma <= 1)) throw new RangeError(`${name}: expected gamma in (0.5, 1], found ${String(gamma)}`);
  if (equivalence !== undefined && !(typeof equivalence === 'number' && Number.isFinite(equivalence) && equivalence > 0)) {
    throw new RangeError(`${name}: expected equivalence (the band's half-width) to be a finite number > 0, found ${String(equivalence)}`);
  }

  if (repeats !== undefined && !(Number.isInteger(repeats) && repeats >= 0)) throw new RangeError(`${name}: expected repeats to be a whole number, found ${String(repeats)}`);

  if (equivalence !== undefined && hasDifference && -equivalence <= differenceLow && differenceHigh <= equivalence) return 'equivalent';
  if (repeats !== undefined && repeats < minRepeatsForVerdict()) return 'inconclusive';
  if (probabilityLow > 0.5 && probabilityHigh >= gamma) return 'better';
  if (probabilityHigh < 0.5 && probabilityLow <= 1 - gamma) return 'worse';
  return 'inconclusive';
}
