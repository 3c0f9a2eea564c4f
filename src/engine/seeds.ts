/**
 * The seeds of one run, one per source of randomness: the initial weights (init), the batch order (order) and
 * the noise draws (noise, training and noisy evaluation). Each engine stream is seeded from its source's seed
 * (rng/xoshiro128.ts STREAM), so a source can be held fixed or shared between runs while the others change:
 * this is what pairs grid points (common random numbers) and what `vary:` chooses.
 * A single number seeds every source, the scheme of a run whose randomness all comes from its own identity.
 */
export interface RunSeeds {
  readonly init: number;
  readonly order: number;
  readonly noise: number;
  /** The train/test split's draw (data.split only): the seed of its permutation, and kfold's testing fold. */
  readonly split?: number;
  readonly fold?: number;
}

/** Seeds as engines accept them: one per source, or one number for all. */
export type SeedInput = number | RunSeeds;

/** The per-source seeds of a seed input (a number seeds every source). */
export function runSeeds(seeds: SeedInput): RunSeeds {
  return typeof seeds === 'number' ? { init: seeds, order: seeds, noise: seeds } : seeds;
}
