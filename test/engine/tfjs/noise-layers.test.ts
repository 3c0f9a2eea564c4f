/**
 * The seeded noise layers against Keras' definitions (keras/layers/regularization/*.py, tf.nn.dropout):
 * identity at inference; in training, GaussianNoise adds N(0, σ²), GaussianDropout multiplies by
 * N(1, rate/(1-rate)), Dropout zeroes a fraction `rate` and scales the rest by 1/(1-rate), AlphaDropout sets
 * dropped units to -λα and applies a·x + b so standardized inputs keep mean 0 and variance 1 (Klambauer et al.
 * 2017). Statistical bounds are about 5 standard errors wide for the sample sizes used.
 */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'chai';
import { STREAM, Xoshiro128 } from '../../../src/engine/rng/xoshiro128.js';
import { ALPHA_PRIME, alphaDropoutAffine, SeededAlphaDropout } from '../../../src/engine/tfjs/seeded-alpha-dropout.js';
import { SeededDropout } from '../../../src/engine/tfjs/seeded-dropout.js';
import { SeededGaussianDropout } from '../../../src/engine/tfjs/seeded-gaussian-dropout.js';
import { NoiseSource, SeededGaussianNoise, type SeededNoiseLayer } from '../../../src/engine/tfjs/seeded-noise.js';
import { useWorkerBackend } from './backend.js';

const source = (seed = 1) => new NoiseSource(Xoshiro128.fromSeed(seed, STREAM.noise));

function run(layer: SeededNoiseLayer, x: tf.Tensor, training: boolean, mask?: tf.Tensor): Float32Array {
  return tf.tidy(() => (layer.apply(x, mask ? { training, mask } : { training }) as tf.Tensor).dataSync() as Float32Array);
}

function stats(values: ArrayLike<number>): { mean: number; variance: number } {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i]! / n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (values[i]! - mean) ** 2 / (n - 1);
  return { mean, variance };
}

const N = 40000;

describe('seeded noise layers', () => {
  useWorkerBackend();
  const standard = () => tf.tensor2d(Float32Array.from({ length: N }, (_, i) => Math.sqrt(2) * Math.cos(i * 0.7)), [N / 40, 40]);
  const makers: [string, (s: NoiseSource) => SeededNoiseLayer][] = [
    ['GaussianNoise', (s) => new SeededGaussianNoise({ stddev: 0.5, source: s })],
    ['GaussianDropout', (s) => new SeededGaussianDropout({ rate: 0.3, source: s })],
    ['Dropout', (s) => new SeededDropout({ rate: 0.3, source: s })],
    ['AlphaDropout', (s) => new SeededAlphaDropout({ rate: 0.3, source: s })],
  ];

  for (const [name, make] of makers) {
    describe(name, () => {
      it('is the identity at inference and draws nothing', () => {
        const s = source();
        const x = tf.tensor2d([[1, -2, 3], [0.5, 0, -0.25]]);
        expect(Array.from(run(make(s), x, false))).to.deep.equal(Array.from(x.dataSync()));
        expect(s.rng.nextUint32()).to.equal(source().rng.nextUint32());
      });

      it('changes its input in training, the same way for the same seed, another way for another', () => {
        const x = tf.ones([8, 5]);
        const a = run(make(source(3)), x, true);
        expect(Array.from(a).some((v) => v !== 1)).to.equal(true);
        expect(Array.from(run(make(source(3)), x, true))).to.deep.equal(Array.from(a));
        expect(Array.from(run(make(source(4)), x, true))).to.not.deep.equal(Array.from(a));
      });

      it('leaves masked steps as they are, and draws the same block as without a mask', () => {
        const x = tf.ones([2, 4, 3]);
        const real = [[1, 1, 0, 0], [1, 0, 0, 0]];
        const masked = run(make(source(5)), x, true, tf.tensor2d(real));
        const unmasked = run(make(source(5)), x, true);
        for (let b = 0; b < 2; b++) {
          for (let t = 0; t < 4; t++) {
            for (let f = 0; f < 3; f++) {
              const i = (b * 4 + t) * 3 + f;
              expect(masked[i], `[${b}, ${t}, ${f}]`).to.equal(real[b]![t] ? unmasked[i] : 1);
            }
          }
        }
      });

      it('round-trips its setting through getConfig: a layer built from the config adds the same noise', () => {
        const layer = make(source(6));
        const Rebuilt = layer.constructor as new (args: Record<string, unknown>) => SeededNoiseLayer;
        const copy = new Rebuilt({ ...layer.getConfig(), source: source(6) });
        const x = tf.ones([3, 4]);
        expect(Array.from(run(copy, x, true))).to.deep.equal(Array.from(run(layer, x, true)));
        expect(copy.getConfig()).to.deep.equal({ ...layer.getConfig(), name: copy.name });
      });
    });
  }

  it('GaussianNoise adds N(0, stddev²)', () => {
    const x = standard();
    const clean = x.dataSync();
    const noise = Array.from(run(new SeededGaussianNoise({ stddev: 0.5, source: source() }), x, true), (v, i) => v - clean[i]!);
    const s = stats(noise);
    expect(s.mean).to.be.closeTo(0, 5 * 0.5 / Math.sqrt(N));
    expect(s.variance).to.be.closeTo(0.25, 5 * 0.25 * Math.sqrt(2 / N));
  });

  it('GaussianDropout multiplies by N(1, rate / (1 - rate))', () => {
    const out = run(new SeededGaussianDropout({ rate: 0.3, source: source() }), tf.fill([N / 40, 40], 2), true);
    const s = stats(out);
    const sd = 2 * Math.sqrt(0.3 / 0.7);
    expect(s.mean).to.be.closeTo(2, 5 * sd / Math.sqrt(N));
    expect(Math.sqrt(s.variance)).to.be.closeTo(sd, 5 * sd / Math.sqrt(2 * N));
  });

  it('Dropout zeroes a fraction rate and scales the rest by 1 / (1 - rate)', () => {
    const rate = 0.3;
    const out = run(new SeededDropout({ rate, source: source() }), tf.fill([N / 40, 40], 2), true);
    const zeros = Array.from(out).filter((v) => v === 0).length;
    expect(zeros / N).to.be.closeTo(rate, 5 * Math.sqrt(rate * (1 - rate) / N));
    expect(new Set(Array.from(out).filter((v) => v !== 0))).to.deep.equal(new Set([Math.fround(2 * Math.fround(1 / (1 - rate)))]));
  });

  it('AlphaDropout keeps standardized inputs at mean 0 and variance 1, and sets dropped units to a·α\' + b', () => {
    const rate = 0.3;
    const x = standard();
    const out = run(new SeededAlphaDropout({ rate, source: source() }), x, true);
    const s = stats(out);
    expect(s.mean).to.be.closeTo(0, 5 / Math.sqrt(N));
    expect(s.variance).to.be.closeTo(1, 0.05);
    const { a, b } = alphaDropoutAffine(rate);
    const dropped = Math.fround(Math.fround(ALPHA_PRIME * a) + b);
    const share = Array.from(out).filter((v) => Math.abs(v - dropped) < 1e-6).length / N;
    expect(share).to.be.closeTo(rate, 5 * Math.sqrt(rate * (1 - rate) / N));
    // Keras' constants: a = 0.8057 and b = 0.4219 (up to rounding) for rate 0.3, from its formula.
    expect(a).to.be.closeTo(((0.7 * (1 + 0.3 * 1.7580993408473766 ** 2)) ** -0.5), 1e-12);
    expect(b).to.be.closeTo(-a * -1.7580993408473766 * 0.3, 1e-12);
  });

  it('rate 0 or stddev 0 is the identity in training too, and draws nothing', () => {
    const s = source();
    const x = tf.tensor2d([[1, 2]]);
    for (const layer of [new SeededGaussianNoise({ stddev: 0, source: s }), new SeededDropout({ rate: 0, source: s }), new SeededAlphaDropout({ rate: 0, source: s })]) {
      expect(Array.from(run(layer, x, true))).to.deep.equal([1, 2]);
    }
    expect(s.rng.nextUint32()).to.equal(source().rng.nextUint32());
  });

  it('refuses a rate of 1 (it would drop everything and divide by zero)', () => {
    expect(() => new SeededDropout({ rate: 1, source: source() })).to.throw(RangeError);
  });
});
