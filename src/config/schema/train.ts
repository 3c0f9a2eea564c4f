/**
 * train: epochs, batches, optimizer, the engine, learning curves and the regression loss.
 */
import { z } from 'zod';
import { int, positive } from './common.js';

export const trainSpec = z.strictObject({
  epochs: int(1).default(4000),
  batchSize: int(1).default(32),
  learningRate: positive.default(0.001),
  optimizer: z.enum(['adam', 'sgd']).default('adam'),
  /** auto: the fused engine when it supports the model, else tfjs. */
  engine: z.enum(['auto', 'fused', 'tfjs']).default('auto'),
  /** Learning curves: false, true (every epoch) or every k epochs. */
  history: z.union([z.boolean(), int(1)]).default(false),
  /** Loss for model.task regression: mean squared or mean absolute error. Absent: mse. */
  loss: z.enum(['mse', 'mae']).optional(),
});

export type TrainSpec = z.output<typeof trainSpec>;
