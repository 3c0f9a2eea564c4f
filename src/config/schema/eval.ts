/**
 * eval: whether runs are also evaluated with the training noise on (test-time noise).
 */
import { z } from 'zod';
import { int } from './common.js';

export const evalSpec = z.strictObject({
  /** Evaluate with noise off (Keras default), on (mean over `samples` draws), or both. */
  noise: z.enum(['off', 'on', 'both']).default('off'),
  samples: int(1).default(10),
});

export type EvalSpec = z.output<typeof evalSpec>;
