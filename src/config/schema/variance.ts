/**
 * How repeats differ and how points are compared (issue 15): pairing, the sources of variance that change from
 * repeat to repeat, and the verdict's settings. Study-level keys: they describe the study, not a run, so a grid
 * cannot vary them.
 */
import { z } from 'zod';

/** The sources of randomness a repeat can change: initial weights, batch order, noise draws, the train/test split. */
export const VARIANCE_SOURCES = ['init', 'order', 'noise', 'split'] as const;
export type VarianceSource = (typeof VARIANCE_SOURCES)[number];
/** What changes between repeats unless `vary:` says otherwise: everything but the split (the tutorial's scheme). */
export const DEFAULT_VARY: readonly VarianceSource[] = ['init', 'order', 'noise'];

export const PAIRINGS = ['paired', 'independent'] as const;
export type Pairing = (typeof PAIRINGS)[number];

export const varianceKeys = {
  /**
   * paired (default): repeat k of every grid point uses the same seed for each source (common random numbers),
   * so two points differ only in what the grid changes; independent: every run draws its seeds from its own
   * identity (noise-sweep 0.1's scheme).
   */
  pairing: z.enum(PAIRINGS).default('paired'),
  /** The sources that change from repeat to repeat; the others keep repeat 0's draw. */
  vary: z
    .array(z.enum(VARIANCE_SOURCES))
    .min(1)
    .refine((v) => new Set(v).size === v.length, { message: 'expected each source at most once' })
    .default([...DEFAULT_VARY]),
  /** A difference in the sort metric within ±equivalence counts as no difference (verdict "equivalent"). */
  equivalence: z.number().positive().finite().optional(),
  /** The P(A>B) a verdict "better" must reach (Bouthillier et al. 2021 recommend 0.75). */
  gamma: z.number().gt(0.5).max(1).default(0.75),
};
