/**
 * A plan's runs without an object per run (issue 13): a plan of a million runs held every run as an object (its
 * id, seeds, config reference: about 240 bytes of heap a run, and as much again in garbage V8 let pile up), so
 * the main process grew with the study. The runs are a grid: run i is repeat ⌊i / points⌋ of point i mod points
 * (repeat-major, as before), and everything but the id follows from (point, repeat) when asked: the task,
 * with its seeds, is built by `at(i)` each time (a few sha256 of short strings: microseconds, against a run's
 * milliseconds). What is kept is the 64 bits of each run's id (8 bytes a run) and an open-addressing table
 * from id to run (4 bytes a slot, at most half full): 16 to 24 bytes a run, outside the JavaScript heap.
 * Hand-written rather than a Map<string, number>: a Map of a million 16-character ids takes about 100 bytes
 * an entry on the heap.
 */
import type { PlannedRun } from '../protocol.js';

/** What a run is before its seeds and configuration are attached: its id and place in the grid. */
export interface RunPlace {
  readonly runId: string;
  readonly pointIndex: number;
  readonly repeat: number;
}

const HEX_ID = /^[0-9a-f]{16}$/;
const EMPTY = -1;

/** The 16 hex digits of an id from its two 32-bit halves. */
function hexOf(hi: number, lo: number): string {
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

export class RunList<T extends PlannedRun> implements Iterable<T> {
  readonly length: number;
  /** Two words a run: the high and low 32 bits of its id. */
  private readonly ids: Uint32Array;
  /** Run index by slot (EMPTY where none); a run's first slot is the low word of its id, masked (the id is a sha256 prefix: uniform). */
  private readonly slots: Int32Array;
  private readonly mask: number;

  /**
   * @param points grid points in the plan
   * @param repeats repeats of every point
   * @param idOf the id of repeat `repeat` of point `point` (16 lowercase hex digits)
   * @param build the task of a run, from its place (called by `at`, each time)
   */
  constructor(readonly points: number, readonly repeats: number, idOf: (point: number, repeat: number) => string, private readonly build: (place: RunPlace) => T) {
    this.length = points * repeats;
    this.ids = new Uint32Array(2 * this.length);
    let capacity = 1;
    while (capacity < 2 * this.length) capacity *= 2;
    this.slots = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
    for (let i = 0; i < this.length; i++) {
      const id = idOf(i % points, Math.floor(i / points));
      if (!HEX_ID.test(id)) throw new RangeError(`RunList: expected a run id of 16 lowercase hex digits, found ${JSON.stringify(id)}`);
      const hi = Number.parseInt(id.slice(0, 8), 16);
      const lo = Number.parseInt(id.slice(8), 16);
      this.ids[2 * i] = hi;
      this.ids[2 * i + 1] = lo;
      // Two runs of one id would be one run twice (points are de-duplicated by their hash): the first keeps it.
      if (this.lookup(hi, lo) === undefined) this.slots[this.freeSlot(lo)] = i;
    }
  }

  private freeSlot(lo: number): number {
    let slot = lo & this.mask;
    while (this.slots[slot] !== EMPTY) slot = (slot + 1) & this.mask;
    return slot;
  }

  private lookup(hi: number, lo: number): number | undefined {
    for (let slot = lo & this.mask; ; slot = (slot + 1) & this.mask) {
      const i = this.slots[slot]!;
      if (i === EMPTY) return undefined;
      if (this.ids[2 * i] === hi && this.ids[2 * i + 1] === lo) return i;
    }
  }

  /** The index of the run with this id, or undefined when the plan has none. */
  indexOf(runId: string): number | undefined {
    if (!HEX_ID.test(runId)) return undefined;
    return this.lookup(Number.parseInt(runId.slice(0, 8), 16), Number.parseInt(runId.slice(8), 16));
  }

  /** The id of run `index`. */
  idAt(index: number): string {
    this.check(index);
    return hexOf(this.ids[2 * index]!, this.ids[2 * index + 1]!);
  }

  pointOf(index: number): number {
    return index % this.points;
  }

  repeatOf(index: number): number {
    return Math.floor(index / this.points);
  }

  /** The index of repeat `repeat` of point `point`. */
  indexAt(point: number, repeat: number): number {
    return repeat * this.points + point;
  }

  /** Where run `index` goes in runs.csv order (grid point, then repeat). */
  positionOf(index: number): number {
    return this.pointOf(index) * this.repeats + this.repeatOf(index);
  }

  /** The task of run `index`, built now; undefined outside 0..length-1 (as an array's at, without negative indices). */
  at(index: number): T | undefined {
    if (!(Number.isInteger(index) && index >= 0 && index < this.length)) return undefined;
    return this.build({ runId: this.idAt(index), pointIndex: this.pointOf(index), repeat: this.repeatOf(index) });
  }

  /** The task of run `index`. @throws {RangeError} outside 0..length-1 */
  get(index: number): T {
    this.check(index);
    return this.at(index)!;
  }

  /** The runs of one grid point, by repeat. */
  *ofPoint(point: number): IterableIterator<T> {
    for (let r = 0; r < this.repeats; r++) yield this.get(this.indexAt(point, r));
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = 0; i < this.length; i++) yield this.get(i);
  }

  // An array's read methods, for code that looks at every run (tests, small studies): each builds every task
  // again, so the sweep's own paths go by index instead (pointOf, repeatOf, indexOf).
  map<U>(f: (run: T, index: number) => U): U[] {
    const out: U[] = [];
    for (let i = 0; i < this.length; i++) out.push(f(this.get(i), i));
    return out;
  }

  filter(keep: (run: T, index: number) => boolean): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.length; i++) {
      const run = this.get(i);
      if (keep(run, i)) out.push(run);
    }
    return out;
  }

  find(test: (run: T, index: number) => boolean): T | undefined {
    for (let i = 0; i < this.length; i++) {
      const run = this.get(i);
      if (test(run, i)) return run;
    }
    return undefined;
  }

  some(test: (run: T, index: number) => boolean): boolean {
    return this.find(test) !== undefined;
  }

  reduce<U>(f: (acc: U, run: T, index: number) => U, initial: U): U {
    let acc = initial;
    for (let i = 0; i < this.length; i++) acc = f(acc, this.get(i), i);
    return acc;
  }

  private check(index: number): void {
    if (!(Number.isInteger(index) && index >= 0 && index < this.length)) throw new RangeError(`RunList: expected a run index in 0..${this.length - 1}, found ${index}`);
  }
}

/** Some of a plan's runs, by their indices: a shard, the runs a sweep has left to do (4 bytes a run). */
export class RunSelection<T extends PlannedRun> implements Iterable<T> {
  constructor(readonly runs: RunList<T>, readonly indices: Uint32Array) {}

  /** The runs of `runs` whose index passes `keep`, in plan order. */
  static where<T extends PlannedRun>(runs: RunList<T>, keep: (index: number) => boolean): RunSelection<T> {
    let n = 0;
    for (let i = 0; i < runs.length; i++) if (keep(i)) n++;
    const indices = new Uint32Array(n);
    n = 0;
    for (let i = 0; i < runs.length; i++) if (keep(i)) indices[n++] = i;
    return new RunSelection(runs, indices);
  }

  get length(): number {
    return this.indices.length;
  }

  at(k: number): T | undefined {
    const index = this.indices[k];
    return index === undefined || !Number.isInteger(k) ? undefined : this.runs.at(index);
  }

  /** The plan index of the selection's k-th run. */
  indexAt(k: number): number {
    return this.indices[k]!;
  }

  /** The runs of this selection whose plan index passes `keep`. */
  where(keep: (index: number) => boolean): RunSelection<T> {
    return new RunSelection(this.runs, this.indices.filter(keep));
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (const index of this.indices) yield this.runs.get(index);
  }
}
