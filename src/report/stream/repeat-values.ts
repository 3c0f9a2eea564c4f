/**
 * One number per run: a grid point's value of one metric by repeat index, 8 bytes a repeat (a Float64Array,
 * NaN where the repeat has no value), for the statistics that pair repeats (compare-points.ts needs the sort
 * metric of every repeat: paired differences, Wilcoxon, the P(A>B) bootstrap). A Map would take 5 to 10 times
 * as much per entry; at a million runs this is 8 MB.
 */

/** Capacity of a new store; it doubles as repeats beyond it arrive. */
const INITIAL_CAPACITY = 16;

export class RepeatValues {
  private values = new Float64Array(INITIAL_CAPACITY).fill(NaN);
  private count = 0;

  /**
   * Records the value of a repeat (a later value of the same repeat replaces it).
   * @throws {RangeError} when repeat is not a whole number ≥ 0 or value is not finite
   */
  set(repeat: number, value: number): void {
    if (!(Number.isInteger(repeat) && repeat >= 0)) throw new RangeError(`RepeatValues.set: expected a repeat index ≥ 0, found ${String(repeat)}`);
    if (!Number.isFinite(value)) throw new RangeError(`RepeatValues.set: expected a finite value, found ${String(value)}`);
    if (repeat >= this.values.length) {
      let capacity = this.values.length;
      while (capacity <= repeat) capacity *= 2;
      const grown = new Float64Array(capacity).fill(NaN);
      grown.set(this.values);
      this.values = grown;
    }
    if (Number.isNaN(this.values[repeat]!)) this.count++;
    this.values[repeat] = value;
  }

  /** The value of a repeat, or undefined when it has none. */
  get(repeat: number): number | undefined {
    const v = this.values[repeat];
    return v === undefined || Number.isNaN(v) ? undefined : v;
  }

  /** Repeats with a value. */
  get size(): number {
    return this.count;
  }

  /** repeat → value in repeat order, as compare-points takes them (built when asked: one point at a time). */
  toMap(): Map<number, number> {
    const out = new Map<number, number>();
    for (let r = 0; r < this.values.length; r++) if (!Number.isNaN(this.values[r]!)) out.set(r, this.values[r]!);
    return out;
  }
}
