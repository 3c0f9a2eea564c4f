/**
 * A results directory read back: the plan rebuilt from its config.yaml (the resolved study it ran), and the
 * results from its runs.csv. `merge`, `report` and `check` all start here, so everything they write is
 * computed from runs.csv the same way a sweep computes it, streamed. A runs.csv that is not what a sweep writes stops
 * them with one line naming the file, row and column, before anything is written.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYaml, validateAnyStudy } from '../config/load.js';
import { InputError } from '../errors.js';
import { resolveBaseline } from '../plan/baseline.js';
import { type AnyPlan, type CommandPlan, isCommandPlan, type Plan, planStudy } from '../plan/plan.js';
import { planMetrics, studyHash } from '../plan/study.js';
import { asUserFsError } from '../store/fs-errors.js';
import { checkRunsLog, type CurrentStudy } from './check-runs.js';
import { readMeta, type StudyMeta } from './results-dir.js';
import { orderMetrics } from './runs-header.js';
import { parseRunColumns } from './runs-csv.js';
import { readLogHeader } from './stream/csv-records.js';
import { planOrder } from './stream/plan-order.js';
import type { StudyResults } from './stream/summarize-runs.js';

export interface SavedResults {
  readonly dir: string;
  readonly meta: StudyMeta;
  readonly configPath: string;
  /** The study: plan, metrics (a run: study's are its runs.csv's columns) and baseline. */
  readonly set: StudyResults;
  /** Its runs.csv, checked row by row; streamed by whoever reads the runs (never held: issue 13). */
  readonly runsPath: string;
}

/**
 * The plan a results directory ran, rebuilt from its config.yaml and checked against meta.json's hash. The
 * saved config.yaml pins each data file by its sha256 (data.sha256), so no data file is read here.
 */
export function planOf(dir: string, meta: StudyMeta): Plan | CommandPlan {
  const configPath = join(dir, 'config.yaml');
  if (!existsSync(configPath)) throw new InputError(`${configPath}: expected the resolved study a sweep writes, found no such file`);
  const saved = parseYaml(asUserFsError('reading it', () => readFileSync(configPath, 'utf8')), configPath) as Record<string, unknown>;
  // Written before paired seeds (format 1): its runs drew independent seeds, whatever today's default is.
  const raw = meta.format === 1 && saved.pairing === undefined ? { ...saved, pairing: 'independent' } : saved;
  const plan = planStudy(raw, validateAnyStudy(raw, configPath), configPath, meta.baseDir);
  if (studyHash(plan) !== meta.studyHash) throw new InputError(`${configPath}: expected the study recorded in meta.json (hash ${meta.studyHash}), found a different one: was config.yaml edited?`);
  return plan;
}

/**
 * A results directory's study, with its runs.csv checked row by row as a stream: nothing of its runs is kept.
 * @param opts.plan the directory's plan when the caller already rebuilt it (the shards of one study share one)
 * @param opts.check false: the caller checks the rows itself, in a pass of its own (merge)
 */
export async function readResults(dir: string, opts: { readonly plan?: Plan | CommandPlan; readonly check?: boolean } = {}): Promise<SavedResults> {
  const meta = readMeta(dir);
  const plan = opts.plan ?? planOf(dir, meta);
  const path = join(dir, 'runs.csv');
  if (!existsSync(path)) throw new InputError(`${path}: expected the runs a sweep records, found no such file`);
  const columns = parseRunColumns(await readLogHeader(path), path);
  // A run: study's metrics are the ones its runs reported: the columns of its runs.csv.
  const metrics = isCommandPlan(plan) ? orderMetrics(planMetrics(plan), columns.metrics) : planMetrics(plan);
  // A model study's finished runs must carry every metric its engine reports; a run: study's report what they report.
  if (opts.check !== false) await checkRunsLog(path, currentStudyOf(plan, metrics));
  const baseline = resolveBaseline(plan.study.baseline, plan.points, plan.gridKeys, join(dir, 'config.yaml'));
  return { dir, meta, configPath: join(dir, 'config.yaml'), set: { plan, metrics, baseline }, runsPath: path };
}

/** What an ok row of a results directory must carry: a model study's every metric; a run: study's, what it reports. */
export function currentStudyOf(plan: AnyPlan, metrics: readonly string[]): CurrentStudy | undefined {
  return isCommandPlan(plan) ? undefined : { metrics, runIds: planOrder(plan).indexOf };
}
