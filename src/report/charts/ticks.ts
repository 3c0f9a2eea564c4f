/**
 * Axis ticks whose labels never repeat. vega picks its label format from the tick step it computes, but a
 * fixed format, a narrow range rounded by a `nice` domain, or a facet's shared scale can still print "0.49 0.49
 * 0.49" (seen at 48,000 runs, where intervals are a few 1e-4 wide). Here the domain, the tick values and their
 * format are chosen together from the data: the labels have as many decimals as the step needs, and more if two
 * of them would still read alike.
 */

export interface AxisTicks {
  /** The scale's domain: the data's range, widened to whole ticks. */
  readonly domain: [number, number];
  /** Tick values, ascending, every one inside the domain. */
  readonly values: number[];
  /** A d3-format specifier, e.g. ".3f", under which every value has its own label. */
  readonly format: string;
  /** The values as `format` prints them (what the axis shows). */
  readonly labels: string[];
}

/** Steps are 1, 2 or 5 times a power of ten: the usual nice numbers (d3-array's tickIncrement uses the same). */
const NICE_MANTISSAS = [1, 2, 5, 10];

/** The nice step closest above (max - min) / count. */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  return NICE_MANTISSAS.find((m) => m * power >= raw * (1 - 1e-12))! * power;
}

/** Decimals that a step of this size needs to be seen: 0.05 → 2, 0.0002 → 4, 10 → 0. */
function decimalsFor(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/** The most decimals a label ever gets: past this doubles cannot tell the values apart anyway. */
const MAX_DECIMALS = 15;

/**
 * Ticks for data spanning [min, max] with about `count` of them.
 *
 * @param min smallest value drawn (finite)
 * @param max largest value drawn (finite, ≥ min)
 * @param count wanted number of ticks (≥ 2); fewer may come when the range is whole steps
 * @throws Error if min or max is not finite or max < min
 * @example axisTicks(0.4901, 0.4904, 5) // values 0.49010 … 0.49040, format ".5f"
 */
export function axisTicks(min: number, max: number, count = 5): AxisTicks {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) throw new Error(`axisTicks: expected finite min ≤ max, found ${min}, ${max}`);
  // A single value gets a range around it: ± 1 % of its size, or ± 1 at 0, so it sits between two ticks.
  // A range below doubles' resolution at its size counts as a single value.
  const single = max - min <= Math.max(Math.abs(min), Math.abs(max)) * 1e-12;
  const half = !single ? 0 : Math.abs(min) > 0 ? Math.abs(min) * 0.01 : 1;
  const lo = min - half;
  const hi = max + half;
  const step = niceStep(hi - lo, count);
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  // Multiples of the step, rounded to its decimals so 3 × 0.1 is 0.3 and not 0.30000000000000004.
  const base = decimalsFor(step);
  const round = (v: number) => Number(v.toFixed(Math.min(MAX_DECIMALS, base + 1)));
  const values: number[] = [];
  for (let k = first; k <= last; k++) values.push(round(k * step));
  let decimals = base;
  const print = (d: number) => values.map((v) => v.toFixed(d));
  while (decimals < MAX_DECIMALS && new Set(print(decimals)).size < values.length) decimals++;
  return { domain: [values[0]!, values[values.length - 1]!], values, format: `.${decimals}f`, labels: print(decimals) };
}

/** Smallest and largest finite number among `values`, or null when there is none. */
export function extentOf(values: Iterable<number | null | undefined>): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

/**
 * A vega-lite scale and axis for data spanning `extent`: explicit domain, tick values and format, so vega
 * neither rounds the domain (nice) nor chooses labels of its own. `null` extent: vega's defaults.
 */
export function quantitativeAxis(extent: [number, number] | null, count = 5): { scale: Record<string, unknown>; axis: Record<string, unknown> } {
  if (extent === null) return { scale: { zero: false }, axis: { tickCount: count } };
  const ticks = axisTicks(extent[0], extent[1], count);
  return { scale: { zero: false, nice: false, domain: ticks.domain }, axis: { values: ticks.values, format: ticks.format } };
}
