/**
 * The study behind `sweep variance`: where does the spread of one grid point's metric come from? The point is
 * pinned (its grid values written into the study), and a grid over `vary` gives one arm per source of
 * randomness (init, order, noise, split): in an arm only that source changes from repeat to repeat, the others
 * keep repeat 0's draw (plan/seeding.ts); a last arm varies them all together. Seeds are drawn per run
 * (pairing: independent), since arms that vary different sources have no repeats in common to pair.
 *
 * Written as a plain study, so its plan, run identities, resume, report and saved config.yaml are those of any
 * sweep: `sweep results/<name>-variance/config.yaml --resume` continues it like any other.
 */
import type { LoadedStudy } from '../config/load.js';
import { validateStudy } from '../config/load.js';
import type { RunConfig, Study, VarianceSource } from '../config/schema.js';
import { withPath } from '../config/paths.js';
import { InputError } from '../errors.js';
import { didYouMean } from '../config/suggest.js';
import { matchesWhere, pointLabel, valuesOf } from '../check/where.js';
import { makePlan } from './plan.js';

/** What each source changes, for the table and the report. */
export const SOURCE_MEANING: Readonly<Record<VarianceSource, string>> = {
  init: 'initial weights',
  order: 'batch order',
  noise: 'noise draws',
  split: 'train/test split',
};

/** The name of the arm that varies every source at once. */
export const ALL_SOURCES = 'all';

export interface VarianceStudy {
  /** The derived study, as runSweep takes it. */
  readonly loaded: LoadedStudy;
  /** The sources that have an arm of their own, in the order init, order, noise, split. */
  readonly sources: readonly VarianceSource[];
  /** Sources left out, and why (nothing in the point draws from them). */
  readonly skipped: readonly { readonly source: VarianceSource; readonly why: string }[];
  /** The chosen point as the study's grid names it ("the study" without a grid). */
  readonly point: string;
}

/** Why a source has no arm at this point, or null when it moves something. */
export function idleBecause(source: VarianceSource, config: RunConfig): string | null {
  if (source === 'split' && config.data.split === undefined) return 'data.split is not set: the train/test rows never change';
  const dropout = (config.model.layers ?? []).some((l) => l.type === 'dropout');
  if (source === 'noise' && config.noise.sites.length === 0 && !dropout) return 'the point adds no noise';
  return null;
}

/**
 * The variance study of one grid point of `loaded`, chosen by `select` ({grid key: value}, as --point gives
 * them; may be empty when the grid has one point), with `repeats` runs per arm.
 */
export function varianceStudy(loaded: LoadedStudy, select: Readonly<Record<string, unknown>>, repeats: number): VarianceStudy {
  const { file } = loaded;
  // A race (race:) spends repeats to tell points apart; the arms here are one point's sources: not raced.
  const { race: _raceRaw, ...unraced } = loaded.raw;
  const { race: _race, ...unracedStudy } = loaded.study;
  const plan = makePlan({ ...unraced, repeats: 1 }, { ...unracedStudy, repeats: 1 }, file, loaded.baseDir);
  const { gridKeys } = plan;
  for (const key of Object.keys(select)) {
    if (!gridKeys.includes(key)) throw new InputError(`--point ${key}: expected a grid key of ${file} (${gridKeys.join(', ') || 'it has no grid'}), found "${key}"${didYouMean(key, gridKeys)}`);
  }
  const matches = plan.points.filter((p) => matchesWhere(p.values, select));
  if (matches.length !== 1) {
    const open = gridKeys.filter((k) => !(k in select) && valuesOf(matches.map((p) => p.values), k).length > 1);
    const hint = open.map((k) => `--point ${k}=${valuesOf(matches.map((p) => p.values), k).join('|')}`).join(' ');
    throw new InputError(matches.length === 0
      ? `--point ${pointLabel(select, Object.keys(select))}: expected a selection of one grid point of ${file}, found none (${Object.keys(select).map((k) => `${k}: ${valuesOf(plan.points.map((p) => p.values), k).join('|')}`).join('; ')})`
      : `--point: expected a selection of one grid point of ${file}, found ${matches.length}; add ${hint}`);
  }
  const point = matches[0]!;

  // The point pinned: each grid key at the value this point has (any of the merged values where it made none).
  let raw: Record<string, unknown> = { ...unraced };
  for (const key of gridKeys) {
    const value = point.values[key] ?? (key in select ? select[key] : loaded.study.grid[key]![0]);
    raw = withPath(raw, key, value);
  }
  const sources: VarianceSource[] = [];
  const skipped: { source: VarianceSource; why: string }[] = [];
  for (const source of ['init', 'order', 'noise', 'split'] as const) {
    const why = idleBecause(source, point.config);
    if (why === null) sources.push(source);
    else skipped.push({ source, why });
  }
  const arms = [...sources.map((s) => [s]), sources];
  delete raw.baseline;
  delete raw.expect;
  delete raw.vary;
  raw = { ...raw, name: `${loaded.study.name}-variance`, repeats, pairing: 'independent', grid: { vary: arms } };
  const study: Study = validateStudy(raw, file);
  return { loaded: { ...loaded, raw, study }, sources, skipped, point: pointLabel(point.values, gridKeys) };
}

