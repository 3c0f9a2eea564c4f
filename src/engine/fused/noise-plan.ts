/**
 * Where the fused network adds noise, and in which order it draws it: the contract with the tfjs engine's
 * SeededGaussianNoise layers (src/engine/tfjs/dense-model.ts), so both engines add the same numbers.
 *
 * Draw order for one forward pass over R rows (a training batch, or a whole set in a noisy evaluation),
 * each site a block of R × width standard normals from fillNormal, row-major, rows in batch order:
 *   input (R × nFeatures), then for each hidden layer i in order: pre_i (R × hidden[i]), post_i (R × hidden[i]).
 * The normals are the generator's normal lanes in turn (rng/normal.ts fillNormal: the run's m-th normal from
 * lane m mod 4, counted across blocks), so a block drawn whole or row by row is the same numbers.
 * A site with stddev 0 draws nothing (the tfjs layer returns its input untouched), so it is exactly "no site".
 */
import type { NoiseSite, Placement } from '../../config/schema.js';

/** Stddev of the noise at each placement; 0 where there is none. `pre` and `post` apply to every hidden layer. */
export interface NoisePlan {
  readonly input: number;
  readonly pre: number;
  readonly post: number;
}

export const NO_NOISE: NoisePlan = { input: 0, pre: 0, post: 0 };

/** The plan of a run's noise sites (a later site at the same placement wins, as in the tfjs model's map). */
export function noisePlan(sites: readonly NoiseSite[]): NoisePlan {
  const at: Record<Placement, number> = { input: 0, pre: 0, post: 0 };
  for (const site of sites) at[site.placement] = site.stddev;
  return at;
}
