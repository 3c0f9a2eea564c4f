/**
 * Small two-ring datasets for the fused engine's tests and timing script, made here so they do not depend on
 * the data module: `samples` points on two noisy concentric circles (radius 1 and `factor`), labels alternating,
 * first `trainSize` rows train, the rest test — the shape of the tutorial's make_circles data, not its numbers.
 */
import type { Dataset } from '../../../src/data/dataset.js';
import { nextNormal } from '../../../src/engine/rng/normal.js';
import { Xoshiro128 } from '../../../src/engine/rng/xoshiro128.js';

export function ringsDataset(samples = 100, trainSize = 30, noise = 0.1, factor = 0.8, seed = 1): Dataset {
  const rng = Xoshiro128.fromSeed(seed, 99);
  const x = new Float32Array(samples * 2);
  const y = new Float32Array(samples);
  for (let i = 0; i < samples; i++) {
    const label = i % 2;
    const radius = label === 1 ? factor : 1;
    const angle = 2 * Math.PI * rng.nextFloat();
    x[2 * i] = radius * Math.cos(angle) + noise * nextNormal(rng);
    x[2 * i + 1] = radius * Math.sin(angle) + noise * nextNormal(rng);
    y[i] = label;
  }
  return {
    nFeatures: 2,
    nTrain: trainSize,
    nTest: samples - trainSize,
    xTrain: x.slice(0, trainSize * 2),
    yTrain: y.slice(0, trainSize),
    xTest: x.slice(trainSize * 2),
    yTest: y.slice(trainSize),
  };
}
