/**
 * noise: which kind of noise, where it goes (placements, also addressed to one layer) and how strong it is.
 */
import { z } from 'zod';

/** Where noise goes: on the inputs, between a hidden Dense layer and its activation, or after the activation. */
export const PLACEMENTS = ['input', 'pre', 'post'] as const;
export type Placement = (typeof PLACEMENTS)[number];

const stddev = z.number().min(0).finite();

/**
 * Placements addressed to one layer of model.layers, by name, index, or type when only one layer has it:
 * pre:X (between X's linear part and its activation), post:X or after:X (on X's output), before:X (on X's input).
 */
export const ADDRESSED_PLACEMENT = /^(pre|post|before|after):([A-Za-z_][\w-]*|\d+)$/;

/** A placement that names noise sites: input, pre, post, or an addressed one (not "none"). */
export function isSitePlacement(p: string): boolean {
  return (PLACEMENTS as readonly string[]).includes(p) || ADDRESSED_PLACEMENT.test(p);
}

const placementName = z.string().refine((p) => p === 'none' || isSitePlacement(p), {
  message: 'expected one of "none", "input", "pre", "post", or "pre:<layer>", "post:<layer>", "before:<layer>", "after:<layer>" (layer: a name or index in model.layers)',
});

/** Noise kinds, with Keras' semantics: GaussianNoise, GaussianDropout, AlphaDropout, Dropout. */
export const NOISE_KINDS = ['gaussian', 'gaussianDropout', 'alphaDropout', 'dropout'] as const;
export type NoiseKind = (typeof NOISE_KINDS)[number];
/** The kinds set by a drop rate (noise.rate) instead of a stddev. */
export const RATE_KINDS: readonly NoiseKind[] = ['gaussianDropout', 'alphaDropout', 'dropout'];

/** Per-placement values: keys are placements (input, pre, post, or addressed ones such as "post:pool"). */
function perPlacement<T extends z.ZodType<number>>(value: T) {
  return z.record(z.string(), value).superRefine((rec, ctx) => {
    const bad = Object.keys(rec).filter((k) => !isSitePlacement(k));
    if (bad.length > 0) ctx.addIssue({ code: 'custom', path: [], message: `expected placements as keys (input, pre, post, or pre:/post:/before:/after:<layer>), not "${bad[0]}"` });
  });
}

const rate = z.number().min(0).lt(1);

export const noiseSpec = z
  .strictObject({
    kind: z.enum(NOISE_KINDS).default('gaussian'),
    placement: z.union([placementName, z.array(placementName).min(1)]).default('none'),
    /** One stddev for every placement, or one per placement (kind gaussian). */
    stddev: z.union([stddev, perPlacement(stddev)]).default(0.1),
    /** Drop rate in [0, 1), one for every placement or one per placement (kinds dropout, gaussianDropout, alphaDropout). */
    rate: z.union([rate, perPlacement(rate)]).optional(),
    /** On padded sequences (a masking layer in model.layers): noise only where the mask is 1. Absent: true. */
    mask: z.boolean().optional(),
  })
  .superRefine((n, ctx) => {
    if (RATE_KINDS.includes(n.kind) && n.rate === undefined && n.placement !== 'none') {
      ctx.addIssue({ code: 'custom', path: ['rate'], message: `expected a drop rate in [0, 1) for noise kind ${n.kind} (noise.stddev is for kind gaussian)` });
    }
  });

export type NoiseSpec = z.output<typeof noiseSpec>;

/** A noise layer after placement and stddev are resolved: one entry per placement, in network order. */
export interface NoiseSite {
  readonly placement: Placement;
  /**
   * Standard deviation of the noise. For the kinds set by a rate, the stddev of the multiplicative noise that
   * rate gives, sqrt(rate / (1 - rate)) (Keras' GaussianDropout; the same for Dropout's scaled keep mask).
   */
  readonly stddev: number;
  /**
   * Models given as model.layers: index of the layer the site belongs to (`pre`: between its linear part and
   * its activation; `post`: on its output). Absent: every hidden layer (the `hidden: [...]` form) or the input.
   */
  readonly layer?: number;
  /** Drop rate, for the kinds set by one (dropout, gaussianDropout, alphaDropout). */
  readonly rate?: number;
}
