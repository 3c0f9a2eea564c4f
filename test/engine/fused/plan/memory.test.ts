/**
 * A network too big for memory (the pool-memory test's conv2d of 3000 filters over 64 × 64 images, about
 * 25 GB of buffers for a pass of 64 rows): the fused engine refuses it at once, saying what it needs, instead
 * of allocating until the process is killed; the same model with 2 filters trains. Noise-off evaluation of a
 * set larger than a pass goes in parts, with the numbers of one whole-set pass.
 */
import { expect } from 'chai';
import type { LayerSpec } from '../../../../src/config/schema.js';
import { loadDataset } from '../../../../src/data/load-dataset.js';
import { fusedEngine } from '../../../../src/engine/fused/index.js';
import { chainBytes, MEMORY_LIMIT_BYTES } from '../../../../src/engine/fused/plan/chain-net.js';
import { tinyConfig } from '../../tfjs/configs.js';

const IMAGES = { generator: 'shapes', samples: 80, size: 64, classes: 3, noise: 0.2, seed: 1, trainSize: 64 } as const;
const conv = (filters: number): LayerSpec[] => [{ type: 'conv2d', filters, kernelSize: 3, padding: 'same', activation: 'relu' }, { type: 'flatten' }];
const config = (filters: number) => {
  const c = tinyConfig({ data: IMAGES, task: 'multiclass', layers: conv(filters), epochs: 1, batchSize: 64 });
  return { ...c, train: { ...c.train, engine: 'fused' as const } };
};

describe('fused plan: memory', () => {
  it('refuses a network whose buffers exceed the limit, before allocating them', async () => {
    const spec = { config: config(3000), input: [64, 64, 1], outputs: 3, initSeed: 1, maxRows: 64 };
    const bytes = chainBytes(spec);
    expect(bytes).to.be.above(20 * 2 ** 30);
    const data = loadDataset(IMAGES, '.');
    const before = process.memoryUsage().arrayBuffers;
    let error: unknown;
    await fusedEngine.train(config(3000), data, 1).catch((e: unknown) => (error = e));
    expect(String(error)).to.match(/^Error: the network needs \d+\.\d GiB for passes of 64 rows, more than the fused engine's 1\.0 GiB: use fewer filters or units, smaller inputs or a smaller train\.batchSize$/);
    expect(process.memoryUsage().arrayBuffers - before).to.be.below(64 * 2 ** 20);
    expect(chainBytes({ ...spec, config: config(2) })).to.be.below(MEMORY_LIMIT_BYTES / 10);
    const { metrics } = await fusedEngine.train(config(2), data, 1);
    expect(Number.isFinite(metrics.test_loss)).to.equal(true);
  });

  it('evaluates a set larger than a pass in parts, with the numbers of a whole-set pass', async () => {
    const data = { generator: 'blobs', samples: 700, seed: 3, features: 3, centers: 3, clusterStd: 1, trainSize: 100 } as const;
    const layers: LayerSpec[] = [{ type: 'dense', units: 8, activation: 'tanh' }];
    const base = tinyConfig({ data, task: 'multiclass', layers, epochs: 3 });
    const off = { ...base, train: { ...base.train, engine: 'fused' as const } };
    // eval.noise both: the network takes the whole test set (600 rows) at once, for its noisy passes too.
    const both = { ...off, eval: { noise: 'both' as const, samples: 1 } };
    const dataset = loadDataset(data, '.');
    const parts = (await fusedEngine.train(off, dataset, 4)).metrics;
    const whole = (await fusedEngine.train(both, dataset, 4)).metrics;
    for (const [metric, value] of Object.entries(parts)) expect(whole[metric], metric).to.equal(value);
  });
});
