/**
 * Goodness-of-fit and independence checks for a standard normal sample, used by normal.test.ts on the ziggurat and on
 * deliberately broken generators (to show each check can fail). Each returns null when the sample passes,
 * else a line saying what is off. Thresholds are fixed multiples of the standard error, so with a fixed seed
 * the outcome is deterministic, and a correct generator passes with probability far above 99.9%.
 */
import cdf from '@stdlib/stats-base-dists-normal-cdf';

/** Standard normal CDF Φ (stdlib's, accurate to double precision). */
export const phi = (x: number): number => cdf(x, 0, 1);

/** Mean, variance, skewness and excess kurtosis within 5 standard errors of N(0, 1)'s 0, 1, 0, 0. */
export function momentsCheck(z: Float64Array): string | null {
  const n = z.length;
  let s1 = 0, s2 = 0, s3 = 0, s4 = 0;
  for (let i = 0; i < n; i++) {
    const x = z[i]!;
    const x2 = x * x;
    s1 += x;
    s2 += x2;
    s3 += x2 * x;
    s4 += x2 * x2;
  }
  const mean = s1 / n;
  // Raw moments about 0 are the ones the standard errors below are for (the true mean is 0).
  const variance = s2 / n;
  const skew = s3 / n;
  const kurtosis = s4 / n - 3;
  // Standard errors of these sample moments for N(0,1): sqrt(1/n), sqrt(2/n), sqrt(15/n), sqrt(96/n)
  // (Var z = 1, Var z² = 2, Var z³ = 15, Var z⁴ = 105 - 9 = 96).
  const checks: [string, number, number][] = [
    ['mean', mean, Math.sqrt(1 / n)],
    ['variance - 1', variance - 1, Math.sqrt(2 / n)],
    ['E z³', skew, Math.sqrt(15 / n)],
    ['E z⁴ - 3', kurtosis, Math.sqrt(96 / n)],
  ];
  for (const [name, value, se] of checks) if (Math.abs(value) > 5 * se) return `${name} = ${value.toExponential(3)}, more than 5 SE (${se.toExponential(2)})`;
  return null;
}

/**
 * Kolmogorov–Smirnov distance to Φ below the 0.1% critical value 1.9495 / sqrt(n) (asymptotic Kolmogorov
 * distribution: K^{-1}(0.999) = 1.9495, e.g. scipy.special.kolmogi(0.001)).
 */
export function ksCheck(z: Float64Array): string | null {
  const sorted = Float64Array.from(z).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = phi(sorted[i]!);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  const critical = 1.9495 / Math.sqrt(n);
  return d > critical ? `KS distance ${d.toExponential(3)} > ${critical.toExponential(3)}` : null;
}

/**
 * Pearson chi-square over `bins` equiprobable bins (bin = floor(bins · Φ(z))) below the 0.1% critical value,
 * from the Wilson–Hilferty approximation of the chi-square quantile (for 999 degrees of freedom it gives
 * 1142.8; scipy.stats.chi2.ppf(0.999, 999) = 1142.7).
 */
export function chiSquareCheck(z: Float64Array, bins = 1000): string | null {
  const counts = new Float64Array(bins);
  for (let i = 0; i < z.length; i++) counts[Math.min(bins - 1, Math.floor(bins * phi(z[i]!)))]!++;
  const expected = z.length / bins;
  let chi2 = 0;
  for (let b = 0; b < bins; b++) chi2 += (counts[b]! - expected) ** 2 / expected;
  const df = bins - 1;
  const zq = 3.0902; // standard normal 0.999 quantile
  const critical = df * (1 - 2 / (9 * df) + zq * Math.sqrt(2 / (9 * df))) ** 3;
  return chi2 > critical ? `chi-square ${chi2.toFixed(1)} > ${critical.toFixed(1)} (${bins} bins)` : null;
}

/**
 * Counts of n draws of `next` beyond t = 3, 4 and 4.5 (above t, below -t, and both) within 5 binomial standard errors of their
 * expectation from Φ: the tails are where a ziggurat's special cases live and where KS and chi-square have little
 * power. 2e7 draws detect a tail drawn from the exponential proposal without Marsaglia's rejection step
 * (8 SE at 4.5), which 1e7 draws at ±4 alone do not.
 */
export function tailCheck(next: () => number, n: number): string | null {
  const thresholds = [3, 4, 4.5];
  const above = [0, 0, 0];
  const below = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const z = next();
    for (let k = 0; k < 3; k++) {
      if (z > thresholds[k]!) above[k]!++;
      else if (z < -thresholds[k]!) below[k]!++;
    }
  }
  for (let k = 0; k < 3; k++) {
    const t = thresholds[k]!;
    const p = 1 - phi(t);
    const sides: [string, number, number][] = [
      [`above ${t}`, above[k]!, p],
      [`below -${t}`, below[k]!, p],
      [`beyond ±${t}`, above[k]! + below[k]!, 2 * p],
    ];
    for (const [side, count, q] of sides) {
      const se = Math.sqrt(n * q * (1 - q));
      if (Math.abs(count - n * q) > 5 * se) return `${count} draws ${side}, expected ${(n * q).toFixed(1)} ± ${se.toFixed(1)}`;
    }
  }
  return null;
}

/**
 * Pearson correlation of z[i] with z[i + lag], and of z[i]² with z[i + lag]², below 5 / sqrt(n) in absolute
 * value for each lag (the standard error of a sample correlation of independent values is 1 / sqrt(n)): for a
 * laned generator, lags 1..3 pair values of different lanes and lag 4 consecutive values of one lane.
 */
export function correlationCheck(z: Float64Array, lags: readonly number[]): string | null {
  for (const lag of lags) {
    const n = z.length - lag;
    for (const [what, f] of [['z', (x: number) => x], ['z²', (x: number) => x * x]] as const) {
      let sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
      for (let i = 0; i < n; i++) {
        const a = f(z[i]!), b = f(z[i + lag]!);
        sa += a;
        sb += b;
        saa += a * a;
        sbb += b * b;
        sab += a * b;
      }
      const cov = sab / n - (sa / n) * (sb / n);
      const r = cov / Math.sqrt((saa / n - (sa / n) ** 2) * (sbb / n - (sb / n) ** 2));
      const bound = 5 / Math.sqrt(n);
      if (!(Math.abs(r) < bound)) return `corr(${what}, lag ${lag}) = ${r.toExponential(3)}, beyond ±${bound.toExponential(2)}`;
    }
  }
  return null;
}
