/**
 * Holm's step-down adjustment of p-values for multiple comparisons (Holm 1979), as statsmodels'
 * `multipletests(p, method='holm')`: with the m non-null p-values sorted ascending, p₍ᵢ₎ becomes
 * max over j ≤ i of min(1, (m − j + 1) · p₍ⱼ₎). Rejecting where the adjusted p ≤ α controls the family-wise
 * error rate at α, so no α is needed here. Nulls (comparisons that could not be made) pass through and do not
 * count in m. Ties keep their input order; their adjusted values come out equal either way.
 * (Hand-written: simple-statistics and the stdlib packages used here have no multiple-comparison adjustment.)
 *
 * @param ps p-values in [0, 1], or null
 * @returns adjusted p-values in the input's order, monotone in the raw p-values, capped at 1
 * @throws {RangeError} when a p-value is outside [0, 1] or not a number
 * @example
 * holm([0.01, 0.04, 0.03, 0.005]); // => [0.03, 0.06, 0.06, 0.02]
 * holm([0.02, null]); // => [0.02, null]
 */
export function holm(ps: readonly (number | null)[]): (number | null)[] {
  if (!Array.isArray(ps)) throw new TypeError(`holm: expected an array of p-values, found ${typeof ps}`);
  ps.forEach((p, i) => {
    if (p !== null && !(typeof p === 'number' && p >= 0 && p <= 1)) throw new RangeError(`holm: expected p-values in [0, 1] or null, found ${String(p)} at index ${i}`);
  });
  const order = ps.flatMap((p, i) => (p === null ? [] : [i])).sort((a, b) => ps[a]! - ps[b]! || a - b);
  const m = order.length;
  const out: (number | null)[] = ps.map(() => null);
  let running = 0;
  order.forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * ps[index]!));
    out[index] = running;
  });
  return out;
}
