/**
 * The study a results directory saves as config.yaml: every default filled in, and re-runnable from anywhere:
 * data.file (and any grid values of it) as absolute paths, and the data's sha256 pinned (data.sha256), so
 * `sweep results/<study>/config.yaml` runs the same runs on the same data, or stops before any run when the file
 * changed. The pin also lets `sweep report` and `merge` rebuild the plan without reading the data.
 */
import { isAbsolute, resolve } from 'node:path';
import type { Study } from '../config/schema.js';
import type { Plan } from './plan.js';

const FILE_KEY = 'data.file';

export function savedStudy(plan: Plan, baseDir: string): Study {
  const study = plan.study as Study; // a Plan of noise-sweep's models: its study has data:
  const absolute = (file: unknown) => (typeof file === 'string' && !isAbsolute(file) ? resolve(baseDir, file) : file);
  const grid = FILE_KEY in study.grid ? { ...study.grid, [FILE_KEY]: study.grid[FILE_KEY]!.map(absolute) } : study.grid;
  if (!('file' in study.data)) return { ...study, grid };
  // One file for the whole study: pin its hash (a grid over data.file has one per point, recorded in the runs' identities).
  const hashes = new Set(plan.points.map((p) => ('file' in p.config.data ? p.config.data.sha256 : undefined)));
  const sha256 = !(FILE_KEY in study.grid) && hashes.size === 1 ? [...hashes][0] : undefined;
  return { ...study, grid, data: { ...study.data, file: absolute(study.data.file) as string, ...(sha256 ? { sha256 } : {}) } };
}
