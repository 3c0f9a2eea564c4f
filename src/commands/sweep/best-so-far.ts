/** The progress line's "best so far": the grid point whose ok runs have the best mean sort metric yet. */
import type { GridPoint } from '../../plan/plan.js';
import type { RunResult } from '../../protocol.js';
import { renderValue } from '../../report/cells.js';

/** "noise.placement=pre noise.stddev=0.1" for messages. */
export function pointLabel(point: GridPoint<unknown>, gridKeys: readonly string[]): string {
  return gridKeys.map((k) => `${k}=${renderValue(point.values[k]) || '·'}`).join(' ') || 'the study';
}

/** A sum and count per grid point (O(1) a point), fed each result as it comes. */
export class BestSoFar {
  private readonly sums = new Map<number, { total: number; n: number }>();

  constructor(private readonly metric: string, private readonly lowerIsBetter: boolean, private readonly points: readonly GridPoint<unknown>[], private readonly gridKeys: readonly string[]) {}

  add(r: RunResult): void {
    if (r.status !== 'ok') return;
    const s = this.sums.get(r.pointIndex) ?? { total: 0, n: 0 };
    s.total += r.metrics[this.metric] ?? 0;
    s.n++;
    this.sums.set(r.pointIndex, s);
  }

  /** "0.912 (noise.stddev=0.1)", or "—" before any ok run. */
  label(): string {
    let best: { mean: number; index: number } | undefined;
    const better = this.lowerIsBetter ? (a: number, b: number) => a < b : (a: number, b: number) => a > b;
    for (const [index, s] of this.sums) if (!best || better(s.total / s.n, best.mean)) best = { mean: s.total / s.n, index };
    return best ? `${best.mean.toFixed(3)} (${pointLabel(this.points[best.index]!, this.gridKeys)})` : '—';
  }
}
