/**
 * Where each run's random numbers come from (issue 15): one seed per source (init, order, noise, and split
 * when data.split draws the train/test rows), derived from the study seed, the source's name and the repeat.
 *
 * - pairing: paired (the default): repeat k of every grid point gets the same seed for each source: common
 *   random numbers, so two points of a repeat differ only in what the grid changes, and a comparison can work
 *   on per-repeat differences (stats/compare-points.ts). The seeds do not depend on the point at all.
 * - pairing: independent: each run's seeds come from its own identity (run id), noise-sweep 0.1's scheme; a
 *   study with the default `vary` keeps the run ids and numbers it had.
 * - vary: the sources that change from repeat to repeat; a source not listed keeps repeat 0's seed, so e.g.
 *   `vary: [split]` measures how much the split alone moves the metric.
 * Seeds never depend on the order in which workers pick runs up.
 */
import type { Pairing, SplitSpec, VarianceSource } from '../config/schema.js';
import { DEFAULT_VARY } from '../config/schema.js';
import type { RunSeeds } from '../engine/seeds.js';
import { contentHash, runId, runSeed } from './identity.js';

/** How a study draws its seeds: what its plan needs from the study. */
export interface Seeding {
  readonly pairing: Pairing;
  readonly vary: readonly VarianceSource[];
}

/** A 32-bit seed for one source at one index, from the study seed: the first 32 bits of a sha256. */
export function sourceSeed(studySeed: number, source: VarianceSource | 'run', index: number): number {
  return runSeed(contentHash({ studySeed, source, index }));
}

/** True when `vary` is the default set (in any order). */
export function isDefaultVary(vary: readonly VarianceSource[]): boolean {
  return vary.length === DEFAULT_VARY.length && DEFAULT_VARY.every((s) => vary.includes(s));
}

/**
 * What a seeding adds to a point's identity: nothing for the scheme of noise-sweep 0.1 (independent, default
 * vary), so those runs keep their ids; otherwise the pairing and the sources, which change the numbers.
 */
export function seedingIdentity(seeding: Seeding): Record<string, unknown> | undefined {
  if (seeding.pairing === 'independent' && isDefaultVary(seeding.vary)) return undefined;
  return { pairing: seeding.pairing, vary: [...seeding.vary].sort() };
}

/** Which draw of a source a repeat uses: the repeat itself when the source varies, else repeat 0's. */
function drawIndex(seeding: Seeding, source: VarianceSource, repeat: number): number {
  return seeding.vary.includes(source) ? repeat : 0;
}

/**
 * The seeds of repeat `repeat` of a point (configHash, its study seed and its data.split).
 * `seed` is the run's one seed (runs.csv's seed column, and `{seed}` for a run: study): per repeat when
 * paired, from the run id when independent.
 */
export function seedsOf(seeding: Seeding, point: { readonly configHash: string; readonly studySeed: number; readonly split?: SplitSpec }, repeat: number): { seed: number; seeds: RunSeeds } {
  const one = (source: VarianceSource): number => {
    const index = drawIndex(seeding, source, repeat);
    const drawn = source === 'split' && point.split?.kind === 'kfold' ? Math.floor(index / point.split.k) : index;
    return seeding.pairing === 'paired' ? sourceSeed(point.studySeed, source, drawn) : independentSeed(point.configHash, source, drawn);
  };
  const seed = seeding.pairing === 'paired' ? sourceSeed(point.studySeed, 'run', repeat) : runSeed(runId(point.configHash, repeat));
  const base: RunSeeds = { init: one('init'), order: one('order'), noise: one('noise') };
  if (point.split === undefined) return { seed, seeds: base };
  const fold = point.split.kind === 'kfold' ? drawIndex(seeding, 'split', repeat) % point.split.k : 0;
  return { seed, seeds: { ...base, split: one('split'), fold } };
}

/**
 * An independent run's seed for a source: the seed of the run id of its draw (so the default scheme gives every
 * source the run's own seed, as before), the split's from its own hash (no run had one before).
 */
function independentSeed(configHash: string, source: VarianceSource, index: number): number {
  const id = runId(configHash, index);
  return source === 'split' ? runSeed(contentHash({ id, source })) : runSeed(id);
}
