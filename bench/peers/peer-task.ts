/**
 * One run of a study as a task file for the Python peers (bench/torch_models.py, bench/jax_models.py): the
 * resolved model, noise sites, training settings and the exact rows our engines see, as plain JSON.
 * bench/peer_task.py documents the format from the reading side.
 *
 * The rows are written from the Dataset the engines train on (after shuffle, split and standardize), not
 * re-exported with `sweep data`, which writes a generator's table before any of that and refuses data files.
 */
import type { LayerSpec, NoiseSite, RunConfig, Task } from '../../src/config/schema.js';
import type { Dataset } from '../../src/data/dataset.js';
import { declaredClasses, featureShape } from '../../src/data/generate.js';
import { hiddenLayers } from '../../src/engine/stack.js';

export interface PeerTask {
  readonly task: Task;
  /** Shape of one row (batch left out): [features], [steps, features] or [height, width, channels]. */
  readonly input_shape: number[];
  /** Output units: 1, or the number of classes. */
  readonly outputs: number;
  /** The hidden layers with their defaults filled in; the output layer follows from `task`. */
  readonly layers: readonly LayerSpec[];
  readonly noise: { readonly kind: string; readonly sites: readonly NoiseSite[]; readonly mask?: boolean };
  readonly eval: RunConfig['eval'];
  readonly train: { readonly epochs: number; readonly batchSize: number; readonly learningRate: number; readonly optimizer: string; readonly loss: string };
  /** Seconds a peer may spend on repeats after the first timed run (it stops at 3 runs). */
  readonly budget: number;
  /** JAX only: train this many seeds in one vmapped call (the tutorial MLP, as issue 18 measured it). */
  readonly vmap?: number;
  /** End to end (bench/point-end-to-end.ts): train exactly this many seeds, no warm-up, and time nothing. */
  readonly repeats?: number;
  readonly x_train: number[];
  readonly y_train: number[];
  readonly x_test: number[];
  readonly y_test: number[];
}

/**
 * Row shape and output units, by the tfjs engine's rule (src/engine/tfjs/index.ts layoutOf, not exported):
 * flat rows for `hidden`, else model.inputShape or the generator's own shape; outputs: the declared classes or
 * the largest label + 1 for multiclass, else 1.
 */
export function layoutOf(config: RunConfig, data: Dataset): { input: number[]; outputs: number } {
  const task = config.model.task ?? 'binary';
  const input = config.model.layers === undefined ? [data.nFeatures] : (config.model.inputShape ?? featureShape(config.data) ?? [data.nFeatures]);
  let outputs = 1;
  if (task === 'multiclass') {
    let largest = 0;
    for (const y of [data.yTrain, data.yTest]) for (const v of y) largest = Math.max(largest, v);
    outputs = Math.max(declaredClasses(config.data) ?? 2, largest + 1);
  }
  return { input, outputs };
}

export function peerTask(config: RunConfig, data: Dataset, options: { budget: number; vmap?: number; repeats?: number }): PeerTask {
  const { input, outputs } = layoutOf(config, data);
  const { epochs, batchSize, learningRate, optimizer, loss } = config.train;
  return {
    task: config.model.task ?? 'binary',
    input_shape: input,
    outputs,
    layers: hiddenLayers(config.model),
    noise: { kind: config.noise.kind, sites: config.noise.sites, ...(config.noise.mask === undefined ? {} : { mask: config.noise.mask }) },
    eval: config.eval,
    train: { epochs, batchSize, learningRate, optimizer, loss: loss ?? 'mse' },
    budget: options.budget,
    ...(options.vmap === undefined ? {} : { vmap: options.vmap }),
    ...(options.repeats === undefined ? {} : { repeats: options.repeats }),
    x_train: Array.from(data.xTrain),
    y_train: Array.from(data.yTrain),
    x_test: Array.from(data.xTest),
    y_test: Array.from(data.yTest),
  };
}
