import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/** Bouthillier et al.'s defaults: a 5 % one-sided test with 95 % power. */
export const NOETHER_ALPHA = 0.05;
export const NOETHER_BETA = 0.05;

/**
 * Noether's (1987) sample size for detecting P(A>B) = γ: the number of repeats per configuration with which a
 * one-sided rank test at level α has power 1 − β against P(A>B) = γ,
 * N = ⌈(z₁₋α + z₁₋β)² / (6 (γ − ½)²)⌉ with z the standard normal quantiles
 * (G. E. Noether, "Sample Size Determination for Some Common Nonparametric Tests", JASA 82, 1987, for the
 * Mann–Whitney test with two equal groups). Bouthillier et al. (2021) use it to recommend repeats: for
 * γ = 0.75, α = β = 0.05 it gives (2 · 1.6449)² / 0.375 = 28.86, so 29, as they report.
 *
 * @param gamma the P(A>B) to detect: in [0, 1], not ½ (γ and 1 − γ need the same N)
 * @param alpha the one-sided level, in (0, ½); default 0.05
 * @param beta one minus the power, in (0, ½); default 0.05
 * @returns N, an integer ≥ 1
 * @throws {RangeError} when gamma is ½ or outside [0, 1], or alpha or beta is outside (0, ½)
 * @example
 * noetherSampleSize(0.75); // => 29
 * noetherSampleSize(0.9, 0.05, 0.2); // => 7
 */
export function noetherSampleSize(gamma: number, alpha = NOETHER_ALPHA, beta = NOETHER_BETA): number {
  const name = 'noetherSampleSize';
  if (!(typeof gamma === 'number' && gamma >= 0 && gamma <= 1 && gamma !== 0.5)) {
    throw new RangeError(`${name}: expected gamma in [0, 1] other than 0.5 (no sample size detects P(A>B) = 0.5), found ${String(gamma)}`);
  }
  checkErrorRate(name, 'alpha', alpha);
  checkErrorRate(name, 'beta', beta);
  const z = normalQuantile(1 - alpha, 0, 1) + normalQuantile(1 - beta, 0, 1);
  return Math.ceil((z * z) / (6 * (gamma - 0.5) ** 2));
}

/**
 * Roughly how many repeats (in all, not more) would decide an inconclusive comparison, from the P(A>B) it
 * showed: Noether's N for the observed effect, but never fewer than N for γ itself, i.e.
 * noetherSampleSize(½ + min(|P̂ − ½|, γ − ½)).
 *
 * - P̂ beyond γ (or below 1 − γ) that is still inconclusive rests on few repeats and is noisy, so this plans
 *   for the smallest effect that matters, γ: N(γ) repeats (29 for the defaults).
 * - ½ < P̂ < γ: N(P̂) repeats would likely show the effect is real (the interval clears ½), but an effect of
 *   that size is below γ, so the verdict may stay inconclusive; the table should say so ("≈ N repeats to tell
 *   from a coin toss; the effect seen is below γ"). Symmetrically below ½.
 * - P̂ = ½ exactly: null. No effect was seen, so no number of repeats is predicted to decide it (the limit is
 *   +∞); null rather than Infinity because Infinity does not survive JSON (it becomes null anyway) and
 *   would print as "Infinity" in CSV. The table should say "no effect seen: more repeats will not decide;
 *   set an equivalence band to conclude 'equivalent'".
 *
 * @param probability the observed P(A>B), in [0, 1]
 * @param gamma the meaningful P(A>B), in (½, 1]; default 0.75
 * @param alpha the one-sided level, in (0, ½); default 0.05
 * @param beta one minus the power, in (0, ½); default 0.05
 * @returns the total number of repeats, or null when probability is ½
 * @throws {RangeError} when an argument is out of range
 * @example
 * repeatsToDecide(0.9);  // => 29 (planned for γ = 0.75)
 * repeatsToDecide(0.6);  // => 181
 * repeatsToDecide(0.5);  // => null
 */
export function repeatsToDecide(probability: number, gamma = 0.75, alpha = NOETHER_ALPHA, beta = NOETHER_BETA): number | null {
  const name = 'repeatsToDecide';
  if (!(typeof probability === 'number' && probability >= 0 && probability <= 1)) throw new RangeError(`${name}: expected probability in [0, 1], found ${String(probability)}`);
  if (!(typeof gamma === 'number' && gamma > 0.5 && gamma <= 1)) throw new RangeError(`${name}: expected gamma in (0.5, 1], found ${String(gamma)}`);
  checkErrorRate(name, 'alpha', alpha);
  checkErrorRate(name, 'beta', beta);
  if (probability === 0.5) return null;
  return noetherSampleSize(0.5 + Math.min(Math.abs(probability - 0.5), gamma - 0.5), alpha, beta);
}

function checkErrorRate(name: string, key: string, value: number): void {
  if (!(typeof value === 'number' && value > 0 && value < 0.5)) throw new RangeError(`${name}: expected ${key} in (0, 0.5), found ${String(value)}`);
}

/**
 * The smallest P(A>B) that `repeats` per configuration detect by Noether's formula (its inverse):
 * γ = ½ + (z₁₋α + z₁₋β) / √(6 · repeats), capped at 1. What `--dry-run` tells before a study starts.
 *
 * @example
 * detectableProbability(10); // => 0.9247… (10 repeats detect P(A>B) ≈ 0.92; 0.75 needs 29)
 */
export function detectableProbability(repeats: number, alpha = NOETHER_ALPHA, beta = NOETHER_BETA): number {
  if (!(Number.isInteger(repeats) && repeats >= 1)) throw new RangeError(`detectableProbability: expected a whole number of repeats ≥ 1, found ${String(repeats)}`);
  checkErrorRate('detectableProbability', 'alpha', alpha);
  checkErrorRate('detectableProbability', 'beta', beta);
  return Math.min(1, 0.5 + (normalQuantile(1 - alpha, 0, 1) + normalQuantile(1 - beta, 0, 1)) / Math.sqrt(6 * repeats));
}
