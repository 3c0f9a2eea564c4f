/**
 * The plan of a sweep: what to run, apart from where it runs (see src/launch/). Study in, runs out; pure but
 * for one read: a data file's sha256, which stands for the file in its runs' identities.
 *  1. expand the grid into assignments (cross product);
 *  2. apply each assignment to the study and validate it as a whole (a bad grid value names its grid entry);
 *  3. resolve each point's effective run configuration (a data file's hash included) and merge points that train identically
 *     (e.g. placement none at every stddev), showing the grid keys that made no difference as blank;
 *  4. give each point `repeats` runs, each with a content-addressed id and a seed derived from it.
 */
import { resolve } from 'node:path';
import type { RunConfig, Study } from '../config/schema.js';
import { fileSha256 } from '../data/data-hash.js';
import { validateStudy } from '../config/load.js';
import { withPath } from '../config/paths.js';
import { InputError } from '../errors.js';
import type { RunTask } from '../protocol.js';
import { didYouMean } from '../config/suggest.js';
import { knownKeysAt } from '../config/issues.js';
import { studySpec } from '../config/schema.js';
import { expandGrid } from './grid.js';
import { contentHash, runId, runSeed } from './identity.js';
import { resolveRunConfig } from './resolve.js';

/** One distinct configuration of the study. */
export interface GridPoint {
  readonly index: number;
  /** Grid key → value; undefined where the key made no difference to this point (shown blank). */
  readonly values: Readonly<Record<string, unknown>>;
  readonly config: RunConfig;
  /** Hash of `config` (the study seed included): equal hashes train identically. */
  readonly configHash: string;
  /** noise as the study wrote it for this point ("after:pool", not the site it resolves to), for messages. */
  readonly noise: Study['noise'];
}

export interface Plan {
  readonly study: Study;
  readonly gridKeys: readonly string[];
  readonly points: readonly GridPoint[];
  /** Every run, repeat-major (repeat 0 of every point first) so early results cover the whole grid. */
  readonly runs: readonly RunTask[];
}

/** Keys that a grid may not vary: they describe the study, not a run. */
const NOT_GRIDDABLE = new Set(['name', 'repeats', 'grid', 'baseline', 'expect']);

function checkGridKey(key: string, file: string): void {
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
 * config.yaml does, so reading results back needs no data), else the file's hash, read once per file.
 */
function withDataHash(config: RunConfig, baseDir: string, hashes: Map<string, string>): RunConfig {
  const data = config.data;
  if (!('file' in data) || data.sha256 !== undefined) return config;
  const path = resolve(baseDir, data.file);
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

export function makePlan(raw: Record<string, unknown>, study: Study, file: string, baseDir: string): Plan {
  const gridKeys = Object.keys(study.grid);
  for (const key of gridKeys) checkGridKey(key, file);
  const assignments = expandGrid(study.grid);

  const byHash = new Map<string, { config: RunConfig; noise: Study['noise']; assignments: Record<string, unknown>[] }>();
  const hashes = new Map<string, string>();
  for (const assignment of assignments) {
    let pointRaw = raw;
    for (const [key, value] of Object.entries(assignment)) pointRaw = withPath(pointRaw, key, value);
    const where = gridPointWhere(file, gridKeys, assignment);
    const pointStudy = gridKeys.length === 0 ? study : validateStudy(pointRaw, where);
    const config = withDataHash(resolveRunConfig(pointStudy, gridKeys.length === 0 ? file : where), baseDir, hashes);
    const hash = contentHash(identityOf(config));
    const entry = byHash.get(hash);
    if (entry) entry.assignments.push({ ...assignment });
    else byHash.set(hash, { config, noise: pointStudy.noise, assignments: [{ ...assignment }] });
  }

  const points: GridPoint[] = [];
  for (const [configHash, { config, noise, assignments: merged }] of byHash) {
    const values: Record<string, unknown> = {};
    for (const key of gridKeys) {
      const distinct = new Set(merged.map((a) => JSON.stringify(a[key])));
      values[key] = distinct.size === 1 ? merged[0]![key] : undefined;
    }
    points.push({ index: points.length, values, config, configHash, noise });
  }

  const runs: RunTask[] = [];
  for (let repeat = 0; repeat < study.repeats; repeat++) {
    for (const point of points) {
      const id = runId(point.configHash, repeat);
      const seed = runSeed(id);
      runs.push({ runId: id, pointIndex: point.index, repeat, seed, seeds: { init: seed, order: seed, noise: seed }, config: point.config, baseDir });
    }
  }
  return { study, gridKeys, points, runs };
}
