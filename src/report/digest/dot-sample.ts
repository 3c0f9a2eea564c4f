/**
 * A bounded, seeded sample of runs per grid point, chosen in one pass whatever the order rows arrive in:
 * bottom-k sampling, keeping the k runs whose seeded hash of their run id is smallest. The same results give
 * the same dots (resumed, merged or rebuilt by `sweep report`), and every run is equally likely to be drawn.
 */

/** FNV-1a over the run id, then murmur3's finalizer mixed with the seed: 32 well-spread bits. */
export function sampleHash(seed: number, id: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

interface Entry<T> {
  readonly hash: number;
  readonly id: string;
  readonly item: T;
}

/** Orders by hash, ties by id: a total order, so the sample does not depend on arrival order. */
const before = (a: Entry<unknown>, b: Entry<unknown>) => a.hash < b.hash || (a.hash === b.hash && a.id < b.id);

/** At most `k` items, those with the smallest hashes. */
export class BottomK<T> {
  private readonly kept: Entry<T>[] = [];
  /** Index of the largest kept entry (the one a smaller newcomer replaces), -1 until full. */
  private largest = -1;
  private seen = 0;

  constructor(
    private readonly k: number,
    private readonly seed: number,
  ) {}

  offer(id: string, item: T): void {
    this.seen++;
    if (this.k <= 0) return;
    const entry = { hash: sampleHash(this.seed, id), id, item };
    if (this.kept.length < this.k) {
      this.kept.push(entry);
      if (this.kept.length === this.k) this.findLargest();
      return;
    }
    if (!before(entry, this.kept[this.largest]!)) return;
    this.kept[this.largest] = entry;
    this.findLargest();
  }

  private findLargest(): void {
    let at = 0;
    for (let i = 1; i < this.kept.length; i++) if (before(this.kept[at]!, this.kept[i]!)) at = i;
    this.largest = at;
  }

  /** How many items were offered. */
  get offered(): number {
    return this.seen;
  }

  /** The kept items, ordered by id (a stable order for the page). */
  items(): T[] {
    return [...this.kept].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((e) => e.item);
  }
}
