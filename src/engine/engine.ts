/**
 * The Engine seam: something that trains one run of a RunConfig on a Dataset from a seed.
 * Two implementations: tfjs (general, any layer stack tfjs supports) and fused (dense MLPs with noise,
 * hand-written forward/backward/Adam over typed arrays). Both draw initial weights and batch order from
 * the same seeded streams (init.ts, rng/), so they start from the same place.
 */
import type { RunConfig } from '../config/schema.js';
import type { Dataset } from '../data/dataset.js';
import type { HistoryPoint } from '../protocol.js';
import type { SeedInput } from './seeds.js';

export type EngineName = 'fused' | 'tfjs';

export interface TrainOutcome {
  /** train_loss, train_accuracy, test_loss, test_accuracy (and more for other tasks / eval modes). */
  readonly metrics: Record<string, number>;
  readonly history?: HistoryPoint[];
}

export interface Engine {
  readonly name: EngineName;
  /** null when this engine can train the config, else a short reason why not. */
  unsupported(config: RunConfig): string | null;
  /** Trains one run; every random draw comes from `seeds` (one per source, or one number for all; see seeds.ts). */
  train(config: RunConfig, data: Dataset, seeds: SeedInput): Promise<TrainOutcome>;
}
