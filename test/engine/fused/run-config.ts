/** The tutorial's run configuration for the fused engine's tests, with overrides. */
import type { NoiseSite, RunConfig } from '../../../src/config/schema.js';

export interface ConfigOverrides {
  hidden?: number[];
  activation?: RunConfig['model']['activation'];
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  optimizer?: 'adam' | 'sgd';
  sites?: NoiseSite[];
  evalNoise?: 'off' | 'on' | 'both';
  evalSamples?: number;
  historyEvery?: number;
}

export function tutorialConfig(o: ConfigOverrides = {}): RunConfig {
  return {
    studySeed: 1,
    data: { generator: 'circles', samples: 100, noise: 0.1, seed: 1, factor: 0.8, trainSize: 30 },
    model: { hidden: o.hidden ?? [500], activation: o.activation ?? 'relu' },
    train: { epochs: o.epochs ?? 4000, batchSize: o.batchSize ?? 32, learningRate: o.learningRate ?? 0.001, optimizer: o.optimizer ?? 'adam', engine: 'fused' },
    noise: { kind: 'gaussian', sites: o.sites ?? [] },
    eval: { noise: o.evalNoise ?? 'off', samples: o.evalSamples ?? 10 },
    historyEvery: o.historyEvery ?? 0,
  };
}
