/**
 * The grid point every other point is compared with (Welch's p, Cohen's d): `baseline:` in the study, a
 * {dotted grid key: value} selection; by default the point with noise placement `none` when the grid has it.
 * Resolved with the plan, so a selection that matches nothing fails before any run.
 */
import { matchesWhere } from '../check/where.js';
import { describe, InputError } from '../errors.js';
import type { GridPoint } from './plan.js';

/** Index of the baseline point, or null when the study has none (no p-values or effect sizes then). */
export function resolveBaseline(baseline: Record<string, unknown> | undefined, points: readonly GridPoint<unknown>[], gridKeys: readonly string[], file: string): number | null {
  if (baseline === undefined) {
    if (!gridKeys.includes('noise.placement')) return null;
    const none = points.find((p) => p.values['noise.placement'] === 'none');
    return none ? none.index : null;
  }
  for (const key of Object.keys(baseline)) {
    if (!gridKeys.includes(key)) throw new InputError(`${file}: baseline.${key}: expected a grid key (${gridKeys.join(', ') || 'the study has no grid'}), found "${key}"`);
  }
  const matches = points.filter((p) => matchesWhere(p.values, baseline));
  if (matches.length !== 1) {
    throw new InputError(`${file}: baseline: expected a selection of exactly one grid point, found ${matches.length} for ${describe(baseline)}${matches.length > 1 ? ' (add keys to narrow it)' : ''}`);
  }
  return matches[0]!.index;
}
