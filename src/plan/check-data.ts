/**
 * The data of a plan, read once per distinct data spec before any run: a data file that no longer holds what
 * the study pinned (data.sha256), a bad CSV file, labels that do not fit the task, a trainSize that leaves no
 * rows, and a model whose layers do not fit a file's rows (or whose parameters pass limits.parameters) all stop
 * the sweep here (exit 2), instead of failing
 * every run in the workers. Returns what each dataset turned out to be,
 * so the split sizes can be printed at the start.
 */
import { relative, resolve, sep } from 'node:path';
import type { DataSpec } from '../config/schema.js';
import { checkPinnedHash } from '../data/data-hash.js';
import type { Dataset } from '../data/dataset.js';
import { loadDataset } from '../data/load-dataset.js';
import type { SplitDraw } from '../data/split/split-rows.js';
import type { Task } from '../config/schema.js';
import type { RunTask } from '../protocol.js';
import { inputError } from '../errors.js';
import { isFraction } from '../data/train-rows.js';
import { canonicalJson } from './identity.js';
import { checkPointSize } from './limits.js';
import { checkModelFits } from './model-fit.js';
import { gridPointWhere, type Plan } from './plan.js';

/** One distinct dataset of a plan, as loaded. */
export interface DataFacts {
  readonly spec: DataSpec;
  /** The file as the user can find it (relative to the working directory when inside it), or the generator's name. */
  readonly source: string;
  readonly features: number;
  readonly train: number;
  readonly test: number;
}

/** Loads each distinct dataset once; `load` is loadDataset (a parameter so tests can count the loads). */
export function checkPlanData(plan: Plan, file: string, load: (spec: DataSpec, baseDir: string, draw?: SplitDraw) => Dataset = loadDataset): DataFacts[] {
  const loaded = new Map<string, { data: Dataset; facts: DataFacts }>();
  for (const point of plan.points) {
    const spec = point.config.data;
    // Every run of a plan resolves its data against one folder: the study file's.
    const baseDir = plan.runs.at(0)?.baseDir ?? '.';
    const key = canonicalJson([spec, baseDir]);
    let entry = loaded.get(key);
    if (!entry) {
      if ('file' in spec && spec.sha256 !== undefined) checkPinnedHash(resolve(baseDir, spec.file), spec.sha256, file);
      const data = spec.split === undefined ? load(spec, baseDir) : checkSplits(spec, baseDir, plan.runs.ofPoint(point.index), point.config.model.task, file, load);
      entry = { data, facts: { spec, source: sourceOf(spec, baseDir), features: data.nFeatures, train: data.nTrain, test: data.nTest } };
      loaded.set(key, entry);
    }
    // Generators' shapes and sizes were checked by the plan; a file's column count is known only now.
    if ('file' in spec) {
      const where = gridPointWhere(file, plan.gridKeys, point.values);
      checkModelFits(point.config.model, { values: entry.data.nFeatures, name: entry.facts.source }, where);
      checkPointSize(point.config, plan.study.limits, where, [entry.data.nFeatures]);
    }
  }
  return [...loaded.values()].map((e) => e.facts);
}

/**
 * Every distinct split draw of a point's runs, loaded once each before any run: a draw that leaves a class with
 * no training row, or no test rows at all, stops the sweep (a model cannot learn a class it never sees, and an
 * accuracy over no rows is not a number). Returns repeat 0's dataset, for the sizes printed at the start.
 */
function checkSplits(spec: DataSpec, baseDir: string, runs: Iterable<RunTask>, task: Task | undefined, file: string, load: (spec: DataSpec, baseDir: string, draw?: SplitDraw) => Dataset): Dataset {
  const kind = spec.split!.kind;
  if (kind === 'stratified' && task === 'regression') throw inputError(file, 'data.split.kind', 'shuffle, bootstrap or kfold for a regression (stratified keeps class proportions: it needs class labels)', kind);
  const draws = new Map<string, SplitDraw>();
  for (const r of runs) draws.set(`${r.seeds.split}/${r.seeds.fold}`, { seed: r.seeds.split ?? 0, fold: r.seeds.fold ?? 0 });
  let first: Dataset | undefined;
  for (const draw of draws.values()) {
    const data = load(spec, baseDir, draw);
    first ??= data;
    if (data.nTest === 0) throw inputError(file, 'data.split', `a split that leaves rows to test; ${kind} left none (fewer training rows, or more samples)`, kind);
    if (task === 'regression') continue;
    const missing = [...new Set(data.yTest)].filter((c) => !data.yTrain.includes(c));
    if (missing.length > 0) {
      throw inputError(file, 'data.split', `splits that give every class a training row; a ${kind} draw (split seed ${draw.seed}) leaves class ${missing.join(', ')} out of training: use kind stratified, more training rows, or more samples`, kind);
    }
  }
  return first!;
}

function sourceOf(spec: DataSpec, baseDir: string): string {
  if (!('file' in spec)) return `data.generator ${spec.generator}`;
  const path = resolve(baseDir, spec.file);
  const cwd = process.cwd();
  return path.startsWith(cwd.endsWith(sep) ? cwd : cwd + sep) && cwd !== sep ? relative(cwd, path) : path;
}

/**
 * "data: configs/data/digits.csv: 1797 rows × 64 features → 1257 train, 540 test (trainSize 0.7); shuffled
 * (seed 1); standardized with the training rows' mean and std". Printed before the runs start: a split of 30
 * rows out of 569 should be seen before an hour of training, not after.
 */
export function describeData(facts: DataFacts): string {
  const { spec } = facts;
  const size = isFraction(spec.trainSize) ? ` (trainSize ${spec.trainSize})` : '';
  const steps = [
    ...(spec.shuffle !== undefined ? [`shuffled (seed ${spec.shuffle})`] : []),
    ...(spec.split ? [`split drawn by data.split ${spec.split.kind}${spec.split.kind === 'kfold' ? ` (k ${spec.split.k})` : ''} (sizes of repeat 0's draw)`] : []),
    ...(spec.standardize ? ["standardized with the training rows' mean and std"] : []),
  ];
  return `data: ${facts.source}: ${facts.train + facts.test} rows × ${facts.features} features → ${facts.train} train, ${facts.test} test${size}${steps.length ? `; ${steps.join('; ')}` : ''}`;
}
