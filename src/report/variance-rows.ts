/**
 * "Where the variance comes from" (`sweep variance`, issue 15): for a study whose grid varies `vary` (one arm
 * per source of randomness, plan/variance-study.ts), each arm's spread of the sort metric: its standard
 * deviation with a 95 % chi-square interval, and its variance as a share of the arm that varies every source.
 * Shares need not add up to 100 %: sources interact, and each share is itself an estimate.
 */
import type { VarianceSource } from '../config/schema.js';
import { VARIANCE_SOURCES } from '../config/schema.js';
import type { AnyPlan } from '../plan/plan.js';
import { ALL_SOURCES, idleBecause, SOURCE_MEANING } from '../plan/variance-study.js';
import type { RunConfig } from '../config/schema.js';
import type { RunResult } from '../protocol.js';
import { mean } from '../stats/mean.js';
import { stdCi } from '../stats/std-ci.js';

export interface VarianceRow {
  /** One source's name, or "all". */
  readonly source: string;
  /** What it changes, in words. */
  readonly varies: string;
  readonly runs: number;
  readonly mean: number | null;
  readonly std: number | null;
  readonly stdLow: number | null;
  readonly stdHigh: number | null;
  /** std² over the "all" arm's std² (null without it, or when that is 0). */
  readonly shareOfAll: number | null;
}

/** True when the plan is a variance study: its only grid key is `vary`. */
export function isVariancePlan(plan: AnyPlan): boolean {
  return plan.gridKeys.length === 1 && plan.gridKeys[0] === 'vary';
}

function sourcesOf(value: unknown): VarianceSource[] {
  const list = Array.isArray(value) ? value : [value];
  return VARIANCE_SOURCES.filter((s) => list.includes(s));
}

/** One row per arm of a variance study, single sources first (init, order, noise, split), then "all". */
export function varianceRows(plan: AnyPlan, results: readonly RunResult[], metric: string): VarianceRow[] {
  const arms = plan.points.map((p) => ({ index: p.index, sources: sourcesOf(p.values.vary) }));
  const widest = Math.max(...arms.map((a) => a.sources.length));
  const values = new Map<number, number[]>();
  for (const r of results) {
    const v = r.metrics[metric];
    if (r.status !== 'ok' || v === undefined || !Number.isFinite(v)) continue;
    values.set(r.pointIndex, [...(values.get(r.pointIndex) ?? []), v]);
  }
  const rowOf = (arm: { index: number; sources: VarianceSource[] }) => {
    const xs = values.get(arm.index) ?? [];
    const ci = stdCi(xs);
    const all = arm.sources.length === widest && arms.length > 1;
    return {
      source: all ? ALL_SOURCES : arm.sources.join('+'),
      varies: all ? 'all of the above together' : arm.sources.map((s) => SOURCE_MEANING[s]).join(', '),
      runs: xs.length,
      mean: xs.length > 0 ? mean(xs) : null,
      std: ci?.std ?? null,
      stdLow: ci?.low ?? null,
      stdHigh: ci?.high ?? null,
    };
  };
  const rows = arms.map(rowOf).sort((a, b) => order(a.source) - order(b.source));
  const allStd = rows.find((r) => r.source === ALL_SOURCES)?.std ?? null;
  return rows.map((r) => ({ ...r, shareOfAll: allStd !== null && allStd > 0 && r.std !== null ? (r.std * r.std) / (allStd * allStd) : null }));
}

function order(source: string): number {
  const i = (VARIANCE_SOURCES as readonly string[]).indexOf(source);
  return i >= 0 ? i : source === ALL_SOURCES ? 100 : 50;
}

const f = (v: number | null, digits = 4) => (v === null ? '—' : v.toFixed(digits));

/** The terminal table: source, what it varies, runs, mean, std [95% CI], share of all. */
export function renderVarianceTable(rows: readonly VarianceRow[], metric: string): string {
  const head = ['source', 'varies', 'runs', `${metric} mean`, 'std [95% CI]', 'var / var(all)'];
  const body = rows.map((r) => [r.source, r.varies, String(r.runs), f(r.mean), `${f(r.std)} [${f(r.stdLow)}, ${f(r.stdHigh)}]`, r.shareOfAll === null ? '—' : `${(100 * r.shareOfAll).toFixed(0)} %`]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/** variance.csv's rows (numbers as numbers, blanks for none). */
export function varianceCsvRows(rows: readonly VarianceRow[], metric: string): Record<string, string | number>[] {
  const cell = (v: number | null) => (v === null ? '' : v);
  return rows.map((r) => ({ source: r.source, varies: r.varies, runs: r.runs, [`${metric}_mean`]: cell(r.mean), [`${metric}_std`]: cell(r.std), [`${metric}_std_low`]: cell(r.stdLow), [`${metric}_std_high`]: cell(r.stdHigh), share_of_all: cell(r.shareOfAll) }));
}

/** "split: no arm: data.split is not set: …" for each source the study left out, and why. */
export function skippedSources(plan: AnyPlan): string[] {
  const present = new Set(plan.points.flatMap((p) => sourcesOf(p.values.vary)));
  const config = plan.points[0]?.config as RunConfig | undefined;
  if (config === undefined) return [];
  return VARIANCE_SOURCES.filter((s) => !present.has(s)).map((s) => `${s} (${SOURCE_MEANING[s]}): no arm, ${idleBecause(s, config) ?? 'not asked for'}`);
}
