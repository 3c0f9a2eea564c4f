/**
 * How a run's rows are shaped and what its network outputs, from the config and the data: the same for both
 * engines (they must agree on the number of classes to start from the same output weights).
 */
import type { RunConfig } from '../config/schema.js';
import type { Dataset } from '../data/dataset.js';
import { declaredClasses, featureShape } from '../data/generate.js';

export interface Layout {
  /** Shape of one input row: flat for `hidden: [...]`, else model.inputShape or the data's own shape. */
  readonly input: number[];
  /** Output units: 1, or the number of classes. */
  readonly outputs: number;
}

/** @throws Error when model.inputShape does not hold a row of the data. */
export function layoutOf(config: RunConfig, data: Dataset): Layout {
  const task = config.model.task ?? 'binary';
  const input = config.model.layers === undefined ? [data.nFeatures] : config.model.inputShape ?? featureShape(config.data) ?? [data.nFeatures];
  const size = input.reduce((a, b) => a * b, 1);
  if (size !== data.nFeatures) throw new Error(`model.inputShape [${input.join(', ')}] holds ${size} values per row, but the data has ${data.nFeatures}`);
  let outputs = 1;
  if (task === 'multiclass') {
    let largest = 0;
    for (const y of [data.yTrain, data.yTest]) for (const v of y) largest = Math.max(largest, v);
    outputs = Math.max(declaredClasses(config.data) ?? 2, largest + 1);
  }
  return { input, outputs };
}
