/**
 * A results directory read back: the plan rebuilt from its config.yaml (the resolved study it ran), and the
 * results from its runs.csv. `merge`, `report` and `check` all start here, so everything they write is
 * computed from runs.csv the same way a sweep computes it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYaml, validateAnyStudy } from '../config/load.js';
import { InputError } from '../errors.js';
import { resolveBaseline } from '../plan/baseline.js';
import { type CommandPlan, isCommandPlan, type Plan, planStudy } from '../plan/plan.js';
import { planMetrics, studyHash } from '../plan/study.js';
import type { RunResult } from '../protocol.js';
import { readMeta, type StudyMeta } from './results-dir.js';
import { orderMetrics } from './runs-header.js';
import { parseRunColumns, readCsvLog, resultFromRow } from './runs-csv.js';
import type { ResultSet } from './write-results.js';

export interface SavedResults {
  readonly dir: string;
  readonly meta: StudyMeta;
  readonly configPath: string;
  readonly set: ResultSet;
}

/** The plan a results directory ran, rebuilt from its config.yaml and checked against meta.json's hash. */
export function planOf(dir: string, meta: StudyMeta): Plan | CommandPlan {
  const configPath = join(dir, 'config.yaml');
  if (!existsSync(configPath)) throw new InputError(`${configPath}: expected the resolved study a sweep writes, found no such file`);
  const raw = parseYaml(readFileSync(configPath, 'utf8'), configPath) as Record<string, unknown>;
  const plan = planStudy(raw, validateAnyStudy(raw, configPath), configPath, meta.baseDir);
  if (studyHash(plan) !== meta.studyHash) throw new InputError(`${configPath}: expected the study recorded in meta.json (hash ${meta.studyHash}), found a different one: was config.yaml edited?`);
  return plan;
}

export function readResults(dir: string): SavedResults {
  const meta = readMeta(dir);
  const plan = planOf(dir, meta);
  const pointOf = new Map(plan.runs.map((r) => [r.runId, r.pointIndex]));
  const path = join(dir, 'runs.csv');
  if (!existsSync(path)) throw new InputError(`${path}: expected the runs a sweep records, found no such file`);
  const table = readCsvLog(path);
  const columns = parseRunColumns(table.header, path);
  // A run: study's metrics are the ones its runs reported: the columns of its runs.csv.
  const metrics = isCommandPlan(plan) ? orderMetrics(planMetrics(plan), columns.metrics) : planMetrics(plan);
  const results = new Map<string, RunResult>();
  const stale: Record<string, string>[] = [];
  for (const row of table.rows) {
    const pointIndex = pointOf.get(row.run_id ?? '');
    // A run may appear twice (failed, then retried on resume): the later row wins.
    if (pointIndex === undefined) stale.push(row);
    else results.set(row.run_id!, resultFromRow(row, metrics, pointIndex));
  }
  const baseline = resolveBaseline(plan.study.baseline, plan.points, plan.gridKeys, join(dir, 'config.yaml'));
  return { dir, meta, configPath: join(dir, 'config.yaml'), set: { plan, metrics, baseline, results, stale } };
}
