/**
 * limits: the sizes a study may reach before anything is allocated for it. Each guards against a typo or a
 * hostile file that would otherwise hang the machine or die of heap exhaustion minutes later (10^12 grid
 * points, `repeats: 1e9`, `data.samples: 1e9`, a billion-parameter layer). A study that really needs more
 * raises the key here or with `--limit key=N`; the two that guard the YAML parser itself (yamlBytes,
 * yamlAliases) can only be raised with --limit, since they apply before the file is read.
 */
import { z } from 'zod';
import { int } from './common.js';

/** Defaults: far above any study this tool was built for (the tutorial grid is 21 points × 10 repeats). */
export const DEFAULT_LIMITS = {
  /** Grid points before de-duplication: the cross product of the grid's lists. */
  gridPoints: 100_000,
  /** Runs: grid points × repeats. */
  runs: 1_000_000,
  repeats: 100_000,
  /** Rows a data generator makes. */
  samples: 1_000_000,
  /** Trainable parameters of one model (weights and biases). */
  parameters: 10_000_000,
  /** Size of the YAML study file. */
  yamlBytes: 1_000_000,
  /** YAML aliases (*name) the parser expands: an "alias bomb" grows exponentially with them. */
  yamlAliases: 100,
} as const;

export type LimitName = keyof typeof DEFAULT_LIMITS;
export const LIMIT_NAMES = Object.keys(DEFAULT_LIMITS) as LimitName[];

export const limitsSpec = z.strictObject(Object.fromEntries(LIMIT_NAMES.map((k) => [k, int(1).default(DEFAULT_LIMITS[k])])) as { [K in LimitName]: z.ZodDefault<z.ZodNumber> });

export type Limits = z.output<typeof limitsSpec>;
