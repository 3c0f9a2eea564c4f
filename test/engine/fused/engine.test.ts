import { expect } from 'chai';
import type { RunConfig } from '../../../src/config/schema.js';
import { createFusedEngine, fusedEngine } from '../../../src/engine/fused/index.js';
import { initialDenseWeights } from '../../../src/engine/init.js';
import { metricNames } from '../../../src/engine/metrics.js';
import { STREAM, Xoshiro128 } from '../../../src/engine/rng/xoshiro128.js';
import { shuffleInPlace } from '../../../src/engine/shuffle.js';
import { drawNoise, referenceForward, referenceGradients, referenceLoss, refNetFrom } from './reference.js';
import { type ConfigOverrides, tutorialConfig } from './run-config.js';
import { ringsDataset } from './tiny-data.js';

const data = ringsDataset();
/** A small, quick version of the tutorial run. */
const small = (o: ConfigOverrides = {}): RunConfig => tutorialConfig({ hidden: [24], epochs: 60, learningRate: 0.01, ...o });
const train = async (config: RunConfig, seed = 1) => fusedEngine.train(config, data, seed);

describe('engine/fused (engine)', () => {
  describe('unsupported', () => {
    it('accepts the tutorial and every activation, optimizer and placement of the schema', () => {
      expect(fusedEngine.unsupported(tutorialConfig())).to.equal(null);
      for (const activation of ['relu', 'tanh', 'sigmoid', 'linear'] as const) expect(fusedEngine.unsupported(tutorialConfig({ activation }))).to.equal(null);
      expect(fusedEngine.unsupported(tutorialConfig({ optimizer: 'sgd', hidden: [3, 4, 5] }))).to.equal(null);
      expect(fusedEngine.unsupported(tutorialConfig({ sites: [{ placement: 'input', stddev: 0.1 }, { placement: 'pre', stddev: 0.1 }, { placement: 'post', stddev: 0.2 }] }))).to.equal(null);
    });
    it('gives a reason otherwise', () => {
      const base = tutorialConfig();
      const cases: RunConfig[] = [
        { ...base, model: { ...base.model, activation: 'elu' as 'relu' } },
        { ...base, model: { ...base.model, hidden: [] } },
        { ...base, train: { ...base.train, optimizer: 'rmsprop' as 'adam' } },
      ];
      for (const c of cases) expect(fusedEngine.unsupported(c)).to.be.a('string');
    });
  });

  it('same seed ⇒ identical metrics; different seed ⇒ different metrics', async () => {
    const config = small({ sites: [{ placement: 'pre', stddev: 0.2 }] });
    const [a, b, c] = [await train(config, 7), await train(config, 7), await train(config, 8)];
    expect(a.metrics).to.deep.equal(b.metrics);
    expect(a.metrics.train_loss).to.not.equal(c.metrics.train_loss);
  });

  it('a site with stddev 0 gives exactly the result of no site', async () => {
    const none = await train(small());
    for (const placement of ['input', 'pre', 'post'] as const) {
      expect((await train(small({ sites: [{ placement, stddev: 0 }] }))).metrics, placement).to.deep.equal(none.metrics);
    }
  });

  it('noise at each placement changes training, and the noise-off evaluation is deterministic', async () => {
    const none = await train(small());
    for (const placement of ['input', 'pre', 'post'] as const) {
      const config = small({ sites: [{ placement, stddev: 0.3 }], historyEvery: 30 });
      const noisy = await train(config);
      expect(noisy.metrics.train_loss, placement).to.not.equal(none.metrics.train_loss);
      // The history's last point is an evaluation of the same final weights: with noise off it must agree.
      const last = noisy.history!.filter((p) => p.epoch === 60);
      for (const p of last) expect(p.value, `${placement} ${p.metric}`).to.equal(noisy.metrics[p.metric]);
    }
  });

  describe('eval.noise', () => {
    const sites = [{ placement: 'pre' as const, stddev: 0.5 }];
    it("'on' gives only the _noisy metrics, 'both' all eight, in metricNames order", async () => {
      for (const evalNoise of ['off', 'on', 'both'] as const) {
        const config = small({ sites, evalNoise, evalSamples: 3 });
        expect(Object.keys((await train(config)).metrics), evalNoise).to.deep.equal(metricNames(config));
      }
    });
    it('noisy metrics average noisy passes: different from clean ones with noise, equal without', async () => {
      const both = (await train(small({ sites, evalNoise: 'both', evalSamples: 3 }))).metrics;
      expect(both.test_loss_noisy).to.not.equal(both.test_loss);
      const clean = (await train(small({ evalNoise: 'both', evalSamples: 3 }))).metrics;
      expect(clean.test_loss_noisy).to.be.closeTo(clean.test_loss!, 1e-12);
      expect(clean.train_accuracy_noisy).to.be.closeTo(clean.train_accuracy!, 1e-12);
    });
    it("evaluation noise comes from its own stream: 'both' and 'off' train identically", async () => {
      const off = (await train(small({ sites }))).metrics;
      const both = (await train(small({ sites, evalNoise: 'both', evalSamples: 2 }))).metrics;
      expect(both.train_loss).to.equal(off.train_loss);
    });
  });

  it('history every k epochs and at the last epoch, 1-based, for each metric', async () => {
    const { history } = await train(small({ epochs: 25, historyEvery: 10 }));
    expect(history!.map((p) => `${p.epoch} ${p.metric}`)).to.deep.equal(
      [10, 20, 25].flatMap((e) => ['train_loss', 'train_accuracy', 'test_loss', 'test_accuracy'].map((m) => `${e} ${m}`)),
    );
    expect((await train(small())).history).to.equal(undefined);
  });

  describe('a diverging run ends with NaN losses, as on the tfjs engine, so the sweep records it as failed', () => {
    // The tfjs engine gives NaN train/test losses for both settings on this kind of model (tutorial shape,
    // 50 epochs, measured); in doubles the fused engine's logits would stay finite and the clipped losses too.
    for (const kernel of ['wasm', 'js'] as const) {
      it(`${kernel} kernel: sgd with learning rate 1e38, adam with 1e30`, async () => {
        for (const [optimizer, learningRate] of [['sgd', 1e38], ['adam', 1e30]] as const) {
          const { metrics } = await createFusedEngine(kernel).train(small({ optimizer, learningRate }), data, 1);
          expect(metrics.train_loss, `${optimizer} train_loss`).to.be.NaN;
          expect(metrics.test_loss, `${optimizer} test_loss`).to.be.NaN;
        }
      });
    }
    it('a large but sane learning rate still gives finite losses', async () => {
      const { metrics } = await train(small({ optimizer: 'sgd', learningRate: 10 }));
      expect(Number.isFinite(metrics.train_loss)).to.equal(true);
    });
  });

  it('learns the rings: training loss falls and training accuracy rises above 80%', async () => {
    const { history, metrics } = await train(small({ epochs: 300, historyEvery: 1 }));
    const first = history!.find((p) => p.metric === 'train_loss')!.value;
    expect(metrics.train_loss).to.be.lessThan(first / 2);
    expect(metrics.train_accuracy).to.be.greaterThan(0.8);
  });

  it('equals a plain re-implementation of the training contract (shuffle per epoch, batches, noise per batch, Adam)', async () => {
    // 30 rows in batches of 8 (the last one 6), noise at input and pre, 12 epochs of a 2 → 5 → 1 relu net.
    const config = tutorialConfig({ hidden: [5], epochs: 12, batchSize: 8, learningRate: 0.01, sites: [{ placement: 'input', stddev: 0.05 }, { placement: 'pre', stddev: 0.2 }] });
    const seed = 3;
    const sizes = [2, 5, 1];
    const init = initialDenseWeights(sizes, seed);
    const ref = refNetFrom(sizes, 'relu', init.kernels, init.biases);
    const shuffleRng = Xoshiro128.fromSeed(seed, STREAM.shuffle);
    const noiseRng = Xoshiro128.fromSeed(seed, STREAM.noise);
    const rows = (x: Float32Array, idx: number[]) => idx.map((r) => [x[2 * r]!, x[2 * r + 1]!]);
    // Adam in double precision with exact β^t (Kingma & Ba); ε outside the root as in tfjs.
    const params = [...ref.kernels.flatMap((w) => w), ...ref.biases];
    const m = params.map((row) => row.map(() => 0));
    const v = params.map((row) => row.map(() => 0));
    let t = 0;
    const order = new Int32Array(30);
    for (let epoch = 0; epoch < 12; epoch++) {
      shuffleInPlace(shuffleRng, order);
      for (let start = 0; start < 30; start += 8) {
        const idx = Array.from(order.subarray(start, Math.min(start + 8, 30)));
        const noise = drawNoise(noiseRng, sizes, idx.length, { input: 0.05, pre: 0.2, post: 0 });
        const g = referenceGradients(ref, rows(data.xTrain, idx), idx.map((r) => data.yTrain[r]!), noise);
        const grads = [...g.kernels.flatMap((w) => w), ...g.biases];
        t++;
        params.forEach((row, i) =>
          row.forEach((_, j) => {
            const gij = grads[i]![j]!;
            m[i]![j] = 0.9 * m[i]![j]! + 0.1 * gij;
            v[i]![j] = 0.999 * v[i]![j]! + 0.001 * gij * gij;
            row[j]! -= (0.01 * (m[i]![j]! / (1 - 0.9 ** t))) / (Math.sqrt(v[i]![j]! / (1 - 0.999 ** t)) + 1e-7);
          }),
        );
      }
    }
    const all = (n: number) => Array.from({ length: n }, (_, i) => i);
    const expectedTrain = referenceLoss(ref, rows(data.xTrain, all(30)), Array.from(data.yTrain), null);
    const expectedTest = referenceLoss(ref, rows(data.xTest, all(70)), Array.from(data.yTest), null);
    const p = referenceForward(ref, rows(data.xTest, all(70)), null);
    const expectedAccuracy = p.filter((pi, i) => (pi > 0.5 ? 1 : 0) === data.yTest[i]).length / 70;

    const { metrics } = await fusedEngine.train(config, data, seed);
    // float32 weights and tfjs' float32 β^t in the engine vs doubles here: agreement to ~1e-5 relative.
    expect(metrics.train_loss).to.be.closeTo(expectedTrain, 1e-4 * expectedTrain);
    expect(metrics.test_loss).to.be.closeTo(expectedTest, 1e-4 * expectedTest);
    expect(metrics.test_accuracy).to.be.closeTo(expectedAccuracy, 1.5 / 70);
  });
});
