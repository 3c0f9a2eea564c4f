/** Small run configurations for the tfjs engine's tests, written out in full (what the plan would resolve). */
import type { DataSpec, LayerSpec, NoiseSite, RunConfig, Task } from '../../../src/config/schema.js';

export interface TinyConfig {
  readonly data?: DataSpec;
  readonly task?: Task;
  readonly hidden?: number[];
  readonly layers?: LayerSpec[];
  readonly kind?: RunConfig['noise']['kind'];
  readonly sites?: NoiseSite[];
  readonly mask?: boolean;
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  readonly loss?: 'mse' | 'mae';
  readonly evalNoise?: 'off' | 'on' | 'both';
}

export const CIRCLES: DataSpec = { generator: 'circles', samples: 100, noise: 0.1, seed: 1, factor: 0.8, trainSize: 30 };

export function tinyConfig(o: TinyConfig = {}): RunConfig {
  const model = { hidden: o.layers ? [] : o.hidden ?? [16], activation: 'relu' as const, ...(o.layers ? { layers: o.layers } : {}), ...(o.task && o.task !== 'binary' ? { task: o.task } : {}) };
  return {
    studySeed: 1,
    data: o.data ?? CIRCLES,
    model,
    train: { epochs: o.epochs ?? 5, batchSize: o.batchSize ?? 16, learningRate: o.learningRate ?? 0.01, optimizer: 'adam', engine: 'tfjs', ...(o.loss ? { loss: o.loss } : {}) },
    noise: { kind: o.kind ?? 'gaussian', sites: o.sites ?? [], ...(o.mask !== undefined ? { mask: o.mask } : {}) },
    eval: { noise: o.evalNoise ?? 'off', samples: 3 },
    historyEvery: 0,
  };
}
