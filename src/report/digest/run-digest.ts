/**
 * What report.html needs of the runs, gathered one row at a time in memory that does not grow with the number
 * of runs: counts, each grid point's box of the charted metric (box-stats.ts) and a bounded seeded sample of
 * its runs as dots (dot-sample.ts). A report of a million runs holds at most MAX_DOTS dots and EXACT_LIMIT
 * values per point, not a million rows.
 */
import { pointKey, type TableRow } from '../../stats/table-row.js';
import { cellText } from '../charts/roles.js';
import { BoxAccumulator, type BoxStats } from './box-stats.js';
import { BottomK } from './dot-sample.js';

/** Dots drawn over all box plots together: about 150 bytes of SVG each, 0.3 MB in all. */
export const MAX_DOTS = 2000;
/** Each grid point shows at least this many dots, however many points the study has. */
export const MIN_DOTS_PER_POINT = 5;
/** The sample's seed when the caller gives none. */
const DEFAULT_SEED = 1;

export interface Dot {
  readonly key: string;
  readonly group: string;
  readonly value: number;
  readonly repeat: number;
}

export interface RunDigestOptions {
  readonly gridKeys: readonly string[];
  /** The metric box-plotted and dotted. */
  readonly metric: string;
  /** The grid key whose value colors a point (the charts' panel), if any. */
  readonly groupKey?: string;
  /** How many grid points the study has: the dot budget is shared among them. */
  readonly points: number;
  /** Seeds the sample of dots (the study's seed). */
  readonly seed?: number;
}

/** A successful run's value of the metric (a number, or numeric text as read from runs.csv), else null. */
export function runValue(run: TableRow, metric: string): number | null {
  const cell = run[metric];
  if (run.status !== 'ok' || cell === '' || cell === null || cell === undefined) return null;
  const value = Number(cell);
  return Number.isFinite(value) ? value : null;
}

export class RunDigest {
  /** Rows seen, and those with status ok. */
  runs = 0;
  ok = 0;
  private readonly boxes = new Map<string, BoxAccumulator>();
  private readonly samples = new Map<string, BottomK<Dot>>();
  private readonly perPoint: number;

  constructor(private readonly options: RunDigestOptions) {
    this.perPoint = Math.max(MIN_DOTS_PER_POINT, Math.floor(MAX_DOTS / Math.max(1, options.points)));
  }

  add(run: TableRow): void {
    this.runs++;
    if (run.status === 'ok') this.ok++;
    const value = runValue(run, this.options.metric);
    if (value === null) return;
    const key = pointKey(run, this.options.gridKeys);
    let box = this.boxes.get(key);
    let sample = this.samples.get(key);
    if (!box || !sample) {
      box = new BoxAccumulator();
      sample = new BottomK<Dot>(this.perPoint, this.options.seed ?? DEFAULT_SEED);
      this.boxes.set(key, box);
      this.samples.set(key, sample);
    }
    box.add(value);
    const repeat = Number(run.repeat) || 0;
    const id = run.run_id === undefined || run.run_id === null || run.run_id === '' ? `${key}#${repeat}` : String(run.run_id);
    sample.offer(id, { key, group: this.options.groupKey ? cellText(run, this.options.groupKey) : '', value, repeat });
  }

  /** Each point's box, by pointKey. */
  boxStats(): Map<string, BoxStats> {
    const out = new Map<string, BoxStats>();
    for (const [key, acc] of this.boxes) {
      const box = acc.box();
      if (box) out.set(key, box);
    }
    return out;
  }

  /** The sampled dots of every point. */
  dots(): Dot[] {
    return [...this.samples.values()].flatMap((s) => s.items());
  }

  /** Runs with a value of the metric, and how many of them are drawn as dots. */
  sampled(): { values: number; drawn: number; perPoint: number } {
    let values = 0;
    let drawn = 0;
    for (const s of this.samples.values()) {
      values += s.offered;
      drawn += s.items().length;
    }
    return { values, drawn, perPoint: this.perPoint };
  }

  /** How many points' boxes come from the sketch rather than every value. */
  sketched(): number {
    return [...this.boxes.values()].filter((b) => b.n > 0 && b.box()?.exact === false).length;
  }
}

/** A digest of rows already in memory (tests, small studies). */
export function digestRuns(runs: Iterable<TableRow>, options: RunDigestOptions): RunDigest {
  const digest = new RunDigest(options);
  for (const run of runs) digest.add(run);
  return digest;
}
