/**
 * One grid point against another on paired repeats (issue 15): with paired seeds, repeat k of both points used
 * the same initial weights, batch order, noise draws and split, so their per-repeat differences carry the
 * comparison. Everything a verdict needs, from the repeats both points finished:
 * - the mean difference with its 95 % Student-t interval and the paired t-test (Nadeau–Bengio-corrected when
 *   the repeats re-split the same data, so that training sets overlap: paired-t.ts);
 * - Wilcoxon's signed-rank p, as a check that does not assume normal differences;
 * - P(A>B), the share of repeats in which A beats B (ties count ½), with a seeded percentile-bootstrap
 *   interval (bootstrap-ci.ts);
 * - the verdict (verdict.ts): better, worse, equivalent (the difference's interval inside ±equivalence) or
 *   inconclusive, and for an inconclusive one roughly how many repeats would decide it (Noether).
 * Pure: the same inputs give the same numbers.
 */
import { probabilityBetterCi } from './bootstrap-ci.js';
import { repeatsToDecide } from './noether.js';
import { pairedT } from './paired-t.js';
import { probabilityBetter } from './probability-better.js';
import { DEFAULT_GAMMA, type Verdict, verdictOf } from './verdict.js';
import { wilcoxonSignedRank } from './wilcoxon.js';

export interface PairedComparison {
  /** Repeats both points finished. */
  readonly n: number;
  /** Mean of A − B over those repeats (in the metric's units: positive means A scored higher). */
  readonly meanDifference: number | null;
  readonly differenceLow: number | null;
  readonly differenceHigh: number | null;
  /** Two-sided paired t p-value (Nadeau–Bengio-corrected when `corrected`). */
  readonly pValue: number | null;
  readonly corrected: boolean;
  readonly wilcoxonP: number | null;
  /** P(A better than B) over repeats, and its bootstrap interval. */
  readonly probability: number | null;
  readonly probabilityLow: number | null;
  readonly probabilityHigh: number | null;
  readonly verdict: Verdict;
  /** For an inconclusive verdict: about how many repeats would decide it at the observed P(A>B); null otherwise or unknown. */
  readonly repeatsToDecide: number | null;
}

export interface CompareOptions {
  readonly lowerIsBetter: boolean;
  /** n_test / n_train when repeats re-split overlapping data (Nadeau–Bengio); absent for a fixed split. */
  readonly testTrainRatio?: number;
  readonly gamma?: number;
  readonly equivalence?: number;
  /** Seeds the bootstrap: the same seed, the same interval. */
  readonly seed: number;
}

/** The values of both points at the repeats both have, in repeat order. */
export function matchRepeats(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): { a: number[]; b: number[] } {
  const repeats = [...a.keys()].filter((r) => b.has(r)).sort((x, y) => x - y);
  return { a: repeats.map((r) => a.get(r)!), b: repeats.map((r) => b.get(r)!) };
}

/**
 * The paired t-test's p as comparisons report it, with the cases the test leaves undefined: null below two
 * repeats; for differences that are all the same value (pairedT null), 1 when that value is 0 and 0 otherwise
 * (every repeat moved by the same amount: scipy's p for a non-zero constant difference).
 */
function pValueOf(t: ReturnType<typeof pairedT>, n: number, meanDifference: number): number | null {
  if (t !== null) return t.pValue;
  return n >= 2 ? (meanDifference === 0 ? 1 : 0) : null;
}

/**
 * The two-sided paired p of A against B on the repeats both have (each given as repeat → value), and the mean
 * difference A − B it is about: comparePaired's p without the rest of the comparison (no bootstrap), for
 * callers that need only the test, such as a race's eliminations (plan/race/eliminate.ts).
 */
export function pairedPValue(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>, testTrainRatio?: number): { n: number; meanDifference: number | null; pValue: number | null } {
  const pairs = matchRepeats(a, b);
  const n = pairs.a.length;
  if (n === 0) return { n, meanDifference: null, pValue: null };
  const meanDifference = pairs.a.reduce((s, x, i) => s + (x - pairs.b[i]!), 0) / n;
  const t = pairedT(pairs.a, pairs.b, testTrainRatio === undefined ? {} : { testTrainRatio });
  return { n, meanDifference, pValue: pValueOf(t, n, meanDifference) };
}

const NONE = { meanDifference: null, differenceLow: null, differenceHigh: null, pValue: null, corrected: false, wilcoxonP: null, probability: null, probabilityLow: null, probabilityHigh: null } as const;

/**
 * A against B, each given as repeat → metric value.
 * @example
 * comparePaired(new Map([[0, 0.8], [1, 0.82]]), new Map([[0, 0.78], [1, 0.8]]), { lowerIsBetter: false, seed: 1 }).verdict; // => 'inconclusive' (2 repeats)
 */
export function comparePaired(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>, options: CompareOptions): PairedComparison {
  const { lowerIsBetter, testTrainRatio, gamma = DEFAULT_GAMMA, equivalence, seed } = options;
  const pairs = matchRepeats(a, b);
  const n = pairs.a.length;
  if (n === 0) return { n, ...NONE, verdict: 'inconclusive', repeatsToDecide: null };
  const t = pairedT(pairs.a, pairs.b, testTrainRatio === undefined ? {} : { testTrainRatio });
  const meanDifference = pairs.a.reduce((s, x, i) => s + (x - pairs.b[i]!), 0) / n;
  // Identical differences (e.g. a grid key that changed nothing the metric sees): the difference is exactly known.
  const differenceLow = t === null ? (n >= 2 ? meanDifference : null) : t.ci95Low;
  const differenceHigh = t === null ? (n >= 2 ? meanDifference : null) : t.ci95High;
  const probability = probabilityBetter(pairs.a, pairs.b, lowerIsBetter);
  const interval = probabilityBetterCi(pairs.a, pairs.b, lowerIsBetter, { seed });
  const verdict = verdictOf({
    probability,
    probabilityLow: interval.low,
    probabilityHigh: interval.high,
    differenceLow,
    differenceHigh,
    gamma,
    ...(equivalence !== undefined ? { equivalence } : {}),
    repeats: n,
  });
  return {
    n,
    meanDifference,
    differenceLow,
    differenceHigh,
    pValue: pValueOf(t, n, meanDifference),
    corrected: t?.corrected ?? false,
    wilcoxonP: wilcoxonSignedRank(pairs.a, pairs.b)?.pValue ?? null,
    probability,
    probabilityLow: interval.low,
    probabilityHigh: interval.high,
    verdict,
    repeatsToDecide: verdict === 'inconclusive' ? repeatsToDecide(probability, gamma) : null,
  };
}
