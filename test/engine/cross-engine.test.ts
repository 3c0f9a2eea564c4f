/**
 * The fused engine against the tfjs engine, which is the reference (tfjs layers and autodiff):
 *  - noise off: from the same initial weights and batches both reach the same losses and accuracies, to float
 *    tolerance (float32 sums in a different order are all that separates them);
 *  - noise on, each engine with its own 30 seeds: the means of test accuracy and loss agree within what the
 *    spread allows (three standard errors of the difference). Seeds are fixed, so the test is deterministic.
 */
import { expect } from 'chai';
import { loadStudy } from '../../src/config/load.js';
import type { RunConfig } from '../../src/config/schema.js';
import { loadDataset } from '../../src/data/load-dataset.js';
import { fusedEngine } from '../../src/engine/fused/index.js';
import { initBackend } from '../../src/engine/tfjs/backend.js';
import { tfjsEngine } from '../../src/engine/tfjs/index.js';
import { makePlan } from '../../src/plan/plan.js';
import { tmpFile } from '../helpers/tmp.js';

function configOf(yaml: string): RunConfig {
  const loaded = loadStudy(tmpFile('x.yaml', yaml));
  return makePlan(loaded.raw, loaded.study, loaded.file, loaded.baseDir).runs.get(0).config;
}

function meanAndSe(xs: number[]): { mean: number; se2: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1);
  return { mean, se2: variance / xs.length };
}

describe('engines: fused against tfjs', function () {
  this.timeout(120_000);
  before(async () => {
    await initBackend(false);
  });

  it('noise off: the same losses and accuracies from the same initial weights', async () => {
    const config = configOf('name: x\nmodel: { hidden: [32] }\ntrain: { epochs: 300 }\n');
    const data = loadDataset(config.data, '.');
    for (const seed of [1, 2, 3]) {
      const fused = (await fusedEngine.train({ ...config, train: { ...config.train, engine: 'fused' } }, data, seed)).metrics;
      const tfjs = (await tfjsEngine.train({ ...config, train: { ...config.train, engine: 'tfjs' } }, data, seed)).metrics;
      for (const m of ['train_loss', 'test_loss']) expect(fused[m], `${m}, seed ${seed}`).to.be.closeTo(tfjs[m]!, 1e-5);
      for (const m of ['train_accuracy', 'test_accuracy']) expect(fused[m], `${m}, seed ${seed}`).to.equal(tfjs[m]);
    }
  });

  it('noise on: 30-repeat means agree within three standard errors', async () => {
    const config = configOf('name: x\nmodel: { hidden: [32] }\ntrain: { epochs: 200 }\nnoise: { placement: pre, stddev: 0.3 }\n');
    const data = loadDataset(config.data, '.');
    const fused: Record<string, number[]> = { test_accuracy: [], test_loss: [] };
    const tfjs: Record<string, number[]> = { test_accuracy: [], test_loss: [] };
    for (let i = 0; i < 30; i++) {
      const f = (await fusedEngine.train({ ...config, train: { ...config.train, engine: 'fused' } }, data, 1000 + i)).metrics;
      const t = (await tfjsEngine.train({ ...config, train: { ...config.train, engine: 'tfjs' } }, data, 2000 + i)).metrics;
      for (const m of Object.keys(fused)) {
        fused[m]!.push(f[m]!);
        tfjs[m]!.push(t[m]!);
      }
    }
    for (const m of Object.keys(fused)) {
      const a = meanAndSe(fused[m]!);
      const b = meanAndSe(tfjs[m]!);
      expect(Math.abs(a.mean - b.mean), `${m}: fused ${a.mean} vs tfjs ${b.mean}`).to.be.below(3 * Math.sqrt(a.se2 + b.se2));
      expect(a.se2, `${m} varies over seeds`).to.be.above(0);
    }
  });
});
