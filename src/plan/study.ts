/** Facts about a whole plan that several commands need: its metric columns and its identity. */
import { metricNames } from '../engine/metrics.js';
import { createHash } from 'node:crypto';
import { type AnyPlan, isCommandPlan, type Plan, type CommandPlan } from './plan.js';

/**
 * The metric columns of a plan known before any run: every metric any of its points produces, in a stable
 * order; for a run: study, the ones every run must report (sort:, run.columns; the rest are learned from the runs).
 */
export function planMetrics(plan: Plan | CommandPlan): string[] {
  if (isCommandPlan(plan)) return [...new Set(plan.points.flatMap((p) => p.config.require))];
  return [...new Set(plan.points.flatMap((p) => metricNames(p.config)))];
}

/** Ids a chunk of the hash's input holds: a few hundred KB of text at a time, not the whole list. */
const IDS_PER_UPDATE = 16_384;

/**
 * Identity of a whole study: shards of one study, and only they, share it. The hash of the canonical JSON of
 * the list of run ids (contentHash(ids), as meta.json has always recorded it), fed to sha256 a chunk at a time
 * rather than built as one string of 19 bytes a run.
 */
export function studyHash(plan: AnyPlan): string {
  const hash = createHash('sha256').update('[');
  const { runs } = plan;
  for (let start = 0; start < runs.length; start += IDS_PER_UPDATE) {
    const parts: string[] = [];
    for (let i = start; i < Math.min(runs.length, start + IDS_PER_UPDATE); i++) parts.push(`${i === 0 ? '' : ','}"${runs.idAt(i)}"`);
    hash.update(parts.join(''));
  }
  return hash.update(']').digest('hex');
}
