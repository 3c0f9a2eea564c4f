/**
 * Types only: the task a worker receives and the result it returns. Both cross a thread boundary
 * (structured clone), so they hold plain data: no classes, no functions.
 */
import type { CommandConfig, RunConfig } from './config/schema.js';
import type { RunSeeds } from './engine/seeds.js';

/** What the plan gives every run, whatever executes it: its identity, place in the study and seeds. */
export interface PlannedRun {
  /** Content address of the run: hash of its effective configuration and repeat index. */
  readonly runId: string;
  /** Index of the (de-duplicated) grid point this run belongs to. */
  readonly pointIndex: number;
  readonly repeat: number;
  /** 32-bit unsigned seed derived from the run's identity; every random draw of the run comes from it. */
  readonly seed: number;
  /** The seed of each source of randomness (initial weights, batch order, noise) the engine draws from. */
  readonly seeds: RunSeeds;
}

/** One training run: a resolved configuration, a repeat index and the seed derived from both. */
export interface RunTask extends PlannedRun {
  readonly config: RunConfig;
  /** Directory that relative dataset paths (data.file) resolve against: the config file's folder. */
  readonly baseDir: string;
}

/** One run of the user's own code (a `run:` study): its command or function, params and seed. */
export interface CommandTask extends PlannedRun {
  readonly config: CommandConfig;
  /** Directory that run.cwd resolves against: the config file's folder. */
  readonly baseDir: string;
}

/** One point of a learning curve, recorded when `train.history` is on. */
export interface HistoryPoint {
  readonly epoch: number;
  readonly metric: string;
  readonly value: number;
}

/** What a worker returns for a task. Small on purpose: it is cloned back to the main thread. */
export interface RunResult {
  readonly runId: string;
  readonly pointIndex: number;
  readonly repeat: number;
  readonly seed: number;
  readonly status: 'ok' | 'failed';
  /** One line describing the failure when status is 'failed'. */
  readonly error?: string;
  /** What trained the run: 'fused' or 'tfjs', or 'command' / 'function' for a run: study. */
  readonly engine: string;
  /** Metric name → value, e.g. train_loss, train_accuracy, test_loss, test_accuracy. */
  readonly metrics: Readonly<Record<string, number>>;
  readonly seconds: number;
  readonly history?: readonly HistoryPoint[];
}
