import type { Interval } from './ci95.js';

/** The values a metric can take: accuracy in [0, 1], losses and errors in [0, ∞). */
export interface Range {
  readonly min: number;
  readonly max: number;
}

/** No bounds: an interval is left as it is. */
export const UNBOUNDED: Range = { min: -Infinity, max: Infinity };

/**
 * An interval intersected with the range its metric can take: max(low, min) and min(high, max). A Student t
 * interval of a bounded metric can pass its bounds when the runs are few and spread (two accuracies 0.7 and 1.0
 * give [−1.056, 2.756], scipy's t.interval); no mean can lie outside, so the part outside says nothing and is
 * cut: the clipped interval holds every value the t interval holds that the metric can take. Callers say when
 * a bound was cut (report/interval-note.ts).
 *
 * @param interval bounds, both null when there is no interval (n < 2)
 * @param range the metric's range, min ≤ max
 * @returns the clipped bounds (nulls stay null)
 * @throws {RangeError} when the range is empty (min > max) or a bound is NaN
 * @example
 * clipInterval({ low: 0.610, high: 1.136 }, { min: 0, max: 1 }); // => { low: 0.61, high: 1 }
 */
export function clipInterval(interval: Interval, range: Range): Interval {
  if (!(range.min <= range.max)) throw new RangeError(`clipInterval: expected min ≤ max, found [${range.min}, ${range.max}]`);
  const { low, high } = interval;
  if (low === null || high === null) return { low: null, high: null };
  if (Number.isNaN(low) || Number.isNaN(high)) throw new RangeError('clipInterval: expected numbers, found NaN');
  return { low: Math.min(Math.max(low, range.min), range.max), high: Math.max(Math.min(high, range.max), range.min) };
}

/**
 * Whether an interval ends exactly at an edge of the range, as clipInterval leaves one it cut (a t interval
 * lands there exactly only by chance). An interval past the edge was not clipped: it is not reported as cut.
 */
export function touchesBound(interval: Interval, range: Range): boolean {
  return (interval.low !== null && interval.low === range.min) || (interval.high !== null && interval.high === range.max);
}
