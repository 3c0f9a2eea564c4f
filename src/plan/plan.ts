/**
 * The plan of a sweep: what to run, apart from where it runs (see src/launch/). Study in, runs out; pure but
 * for one read: a data file's sha256, which stands for the file in its runs' identities.
 *  1. expand the grid into assignments (cross product);
 *  2. apply each assignment to the study and validate it as a whole (a bad grid value names its grid entry);
 *  3. resolve each point's effective run configuration (a data file's hash included) and merge points that train identically
 *     (e.g. placement none at every stddev), showing the grid keys that made no difference as blank;
 *  4. give each point `repeats` runs (a race's `max`: the race runs a subset of them, see plan/race/), each with a content-addressed id and seeds per source of randomness:
 *     shared by repeat k of every point when the study is paired (the default), else from the run's id (seeding.ts).
 * A run: study (the user's own code) goes through the same four steps with its own kind of configuration, so
 * both kinds get their ids and seeds from one place.
 */
import type { AnyStudy, CommandConfig, CommandStudy, RunConfig, SplitSpec, Study } from '../config/schema.js';
import { isCommandStudy, plannedRepeats } from '../config/schema.js';
import { validateAnyStudy, validateStudy } from '../config/load.js';
import { fileSha256 } from '../data/data-hash.js';
import { withPath } from '../config/paths.js';
import { checkKeyPath } from '../config/safe-keys.js';
import { InputError, inputError } from '../errors.js';
import type { CommandTask, PlannedRun, RunTask } from '../protocol.js';
import { didYouMean } from '../config/suggest.js';
import { knownKeysAt } from '../config/issues.js';
import { studySpec } from '../config/schema.js';
import { resolveCommandConfig } from './command-config.js';
import { resolve as resolvePath } from 'node:path';
import { expandGrid } from './grid.js';
import { checkPointSize, checkStudySize } from './limits.js';
import { contentHash, runId } from './identity.js';
import { isDefaultVary, type Seeding, seedingIdentity, seedsOf } from './seeding.js';
import { resolveRunConfig } from './resolve.js';
import { RunList } from './run-list.js';

/** One distinct configuration of the study: a model's RunConfig, or a run: study's CommandConfig. */
export interface GridPoint<C = RunConfig> {
  readonly index: number;
  /** Grid key → value; undefined where the key made no difference to this point (shown blank). */
  readonly values: Readonly<Record<string, unknown>>;
  readonly config: C;
  /** Hash of `config` (the study seed included): equal hashes train identically. */
  readonly configHash: string;
  /**
   * How this point draws its seeds when the grid varies `vary` (a study of where the variance comes from,
   * `sweep variance`); absent: the study's own seeding.
   */
  readonly seeding?: Seeding;
}

export interface Plan<C = RunConfig, T extends PlannedRun = RunTask> {
  readonly study: AnyStudy;
  readonly gridKeys: readonly string[];
  readonly points: readonly GridPoint<C>[];
  /**
   * Every run, repeat-major (repeat 0 of every point first) so early results cover the whole grid; built one at
   * a time when asked for (run-list.ts): a plan of a million runs holds 8 bytes of id a run, not a million tasks.
   */
  readonly runs: RunList<T>;
  /** Content hash of each data file the study reads, by resolved path (recorded in meta.json). */
  readonly dataHashes: Readonly<Record<string, string>>;
}


/** The plan of a run: study: the user's command (or function) at every grid point. */
export type CommandPlan = Plan<CommandConfig, CommandTask>;
/** A plan of either kind, as results, statistics and bounds see it. */
export type AnyPlan = Plan<unknown, PlannedRun>;

export function isCommandPlan(plan: AnyPlan): plan is CommandPlan {
  return isCommandStudy(plan.study);
}

/** Keys that a grid may not vary: they describe the study, not a run. */
const NOT_GRIDDABLE = new Set(['name', 'repeats', 'grid', 'baseline', 'expect', 'sort', 'limits', 'pairing', 'equivalence', 'gamma', 'race']);

function checkGridKey(key: string, file: string): void {
  checkKeyPath(key, file, `grid.${key}`);
  const parts = key.split('.');
  if (NOT_GRIDDABLE.has(parts[0]!)) throw new InputError(`${file}: grid.${key}: expected a setting that changes a run (data.*, model.*, train.*, noise.*, eval.*, seed), found "${key}"`);
  for (let i = 0; i < parts.length; i++) {
    const known = knownKeysAt(studySpec, parts.slice(0, i));
    if (known.length === 0) return; // below a free-form value (e.g. a list): the schema check of each point decides
    if (!known.includes(parts[i]!)) {
      throw new InputError(`${file}: grid.${key}: no such setting${didYouMean(parts[i]!, known)}; expected one of ${known.map((k) => parts.slice(0, i).concat(k).join('.')).join(', ')}`);
    }
  }
}

/**
 * A data file's contents enter a run's identity as their sha256: data.sha256 when the study pins it (a saved
 * config.yaml does, so reading results back needs no data), else the file's hash, read once per file; `hashes`
 * collects them by resolved path (meta.json records them, to tell a resume which runs the new data made stale).
 */
function withDataHash(config: RunConfig, baseDir: string, hashes: Map<string, string>): RunConfig {
  const data = config.data;
  if (!('file' in data)) return config;
  const path = resolvePath(baseDir, data.file);
  if (data.sha256 !== undefined) {
    hashes.set(path, data.sha256);
    return config;
  }
  let sha256 = hashes.get(path);
  if (sha256 === undefined) {
    sha256 = fileSha256(path);
    hashes.set(path, sha256);
  }
  return { ...config, data: { ...data, sha256 } };
}

/**
 * What a run's identity is computed from: its configuration without what does not change its numbers: where
 * the data file is (its sha256 stands for it, so a study re-run from its saved config.yaml, or from another
 * checkout, has the same runs) and how often a learning curve is recorded.
 */
function identityOf(config: RunConfig): unknown {
  const data = 'file' in config.data ? { ...config.data, file: undefined } : config.data;
  return { ...config, data, historyEvery: undefined };
}

/** "file: grid point noise.placement=\"pre\", noise.stddev=0.1" for messages about one point; the file alone without a grid. */
export function gridPointWhere(file: string, gridKeys: readonly string[], values: Readonly<Record<string, unknown>>): string {
  const set = gridKeys.filter((k) => values[k] !== undefined);
  return set.length === 0 ? file : `${file}: grid point ${set.map((k) => `${k}=${JSON.stringify(values[k])}`).join(', ')}`;
}

/** A run: study varies its own params (and the study seed); the command itself is the same at every point. */
function checkCommandGridKey(key: string, file: string): void {
  if (key === 'seed' || /^params\.[^.]+/.test(key)) return;
  throw new InputError(`${file}: grid.${key}: expected params.<key> (your own settings) or seed in a study with run:, found "${key}"`);
}

/**
 * Steps 1-3 for either kind of study: every grid assignment applied, validated and resolved, and the points
 * that resolve to the same identity merged. `resolve` turns one point's study into its config and identity.
 */
function expandPoints<C>(raw: Record<string, unknown>, gridKeys: readonly string[], grid: AnyStudy['grid'], file: string, resolve: (pointRaw: Record<string, unknown> | null, where: string) => { config: C; identity: unknown; seeding?: Seeding }): GridPoint<C>[] {
  const byHash = new Map<string, { config: C; seeding?: Seeding; assignments: Record<string, unknown>[] }>();
  for (const assignment of expandGrid(grid)) {
    let pointRaw = raw;
    for (const [key, value] of Object.entries(assignment)) pointRaw = withPath(pointRaw, key, value);
    const where = gridPointWhere(file, gridKeys, assignment);
    const { config, identity, seeding } = gridKeys.length === 0 ? resolve(null, file) : resolve(pointRaw, where);
    const hash = contentHash(identity);
    const entry = byHash.get(hash);
    if (entry) entry.assignments.push({ ...assignment });
    else byHash.set(hash, { config, ...(seeding ? { seeding } : {}), assignments: [{ ...assignment }] });
  }

  const points: GridPoint<C>[] = [];
  for (const [configHash, { config, seeding, assignments: merged }] of byHash) {
    const values: Record<string, unknown> = {};
    for (const key of gridKeys) {
      const distinct = new Set(merged.map((a) => JSON.stringify(a[key])));
      values[key] = distinct.size === 1 ? merged[0]![key] : undefined;
    }
    points.push({ index: points.length, values, config, configHash, ...(seeding ? { seeding } : {}) });
  }
  return points;
}

/**
 * A planned run with its point's configuration, written out field by field (an object spread took about 290
 * bytes more a run when a plan held every run; now a task lives while it is launched and recorded).
 */
function withConfig<C>(run: PlannedRun, config: C, baseDir: string): PlannedRun & { readonly config: C; readonly baseDir: string } {
  return { runId: run.runId, pointIndex: run.pointIndex, repeat: run.repeat, seed: run.seed, seeds: run.seeds, config, baseDir };
}

/**
 * Step 4 for either kind: `repeats` runs per point, repeat-major, each with its id and seeds (seeding.ts),
 * the ids computed now and the rest when a run is asked for (run-list.ts).
 */
function planRuns<C extends { readonly studySeed: number }, T extends PlannedRun>(points: readonly GridPoint<C>[], repeats: number, seeding: Seeding, task: (run: PlannedRun, point: GridPoint<C>) => T): RunList<T> {
  return new RunList<T>(points.length, repeats, (point, repeat) => runId(points[point]!.configHash, repeat), ({ runId: id, pointIndex, repeat }) => {
    const point = points[pointIndex]!;
    const data = (point.config as { readonly data?: { readonly split?: SplitSpec } }).data;
    const { seed, seeds } = seedsOf(point.seeding ?? seeding, { configHash: point.configHash, studySeed: point.config.studySeed, ...(data?.split ? { split: data.split } : {}) }, repeat);
    return task({ runId: id, pointIndex, repeat, seed, seeds }, point);
  });
}

/** A point's identity with the study's seeding in it, when the seeding changes the numbers (seeding.ts). */
function withSeeding(identity: unknown, seeding: Seeding): unknown {
  const extra = seedingIdentity(seeding);
  return extra === undefined ? identity : { run: identity, seeding: extra };
}

export function makePlan(raw: Record<string, unknown>, study: Study, file: string, baseDir: string): Plan {
  const gridKeys = Object.keys(study.grid);
  for (const key of gridKeys) checkGridKey(key, file);
  checkStudySize(study, file); // before the cross product and the run list are allocated
  // Points that vary different sources share no repeats to pair: each draws its seeds from its own runs.
  const varyGridded = gridKeys.includes('vary');
  if (varyGridded && study.pairing !== 'independent') {
    throw inputError(file, 'grid.vary', 'pairing: independent with a grid over vary (points that vary different sources of randomness have no common repeats to pair)', study.pairing);
  }
  const hashes = new Map<string, string>();
  const points = expandPoints<RunConfig>(raw, gridKeys, study.grid, file, (pointRaw, where) => {
    const pointStudy = pointRaw === null ? study : validateStudy(pointRaw, where);
    const resolved = resolveRunConfig(pointStudy, where);
    checkPointSize(resolved, study.limits, where);
    const config = withDataHash(resolved, baseDir, hashes);
    const seeding: Seeding = { pairing: pointStudy.pairing, vary: pointStudy.vary };
    if (seeding.vary.includes('split') && config.data.split === undefined) {
      throw inputError(varyGridded ? where : file, 'vary', 'data.split ({ kind: shuffle | stratified | bootstrap | kfold }: how each repeat draws its train/test rows) when vary has split', seeding.vary);
    }
    return { config, identity: withSeeding(identityOf(config), seeding), ...(varyGridded ? { seeding } : {}) };
  });
  const runs = planRuns(points, plannedRepeats(study), study, (run, point): RunTask => withConfig(run, point.config, baseDir));
  return { study, gridKeys, points, runs, dataHashes: Object.fromEntries(hashes) };
}


/** The plan of a run: study (see plan/command-config.ts for what a point's identity holds). */
export function makeCommandPlan(raw: Record<string, unknown>, study: CommandStudy, file: string, baseDir: string): CommandPlan {
  const gridKeys = Object.keys(study.grid);
  for (const key of gridKeys) checkCommandGridKey(key, file);
  // A run: study's randomness is the one {seed} it hands the command: there are no sources to choose from.
  if (!isDefaultVary(study.vary)) throw new InputError(`${file}: vary: expected no vary in a study with run: (its runs get one seed, {seed}; pairing: paired|independent says whether repeat k of every point shares it)`);
  checkStudySize(study, file);
  const points = expandPoints<CommandConfig>(raw, gridKeys, study.grid, file, (pointRaw, where) => {
    const pointStudy = pointRaw === null ? study : validateAnyStudy(pointRaw, where);
    const { config, identity } = resolveCommandConfig(pointStudy as CommandStudy, where);
    return { config, identity: withSeeding(identity, study) };
  });
  const runs = planRuns(points, plannedRepeats(study), study, (run, point): CommandTask => withConfig(run, point.config, baseDir));
  return { study, gridKeys, points, runs, dataHashes: {} };
}

/** The plan of a study of either kind. */
export function planStudy(raw: Record<string, unknown>, study: AnyStudy, file: string, baseDir: string): Plan | CommandPlan {
  return isCommandStudy(study) ? makeCommandPlan(raw, study, file, baseDir) : makePlan(raw, study, file, baseDir);
}
