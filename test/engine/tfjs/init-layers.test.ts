/**
 * Initial weights with Keras' default initializers (keras/initializers: GlorotUniform with _compute_fans,
 * Orthogonal, LSTM unit_forget_bias): a dense stack draws what initialDenseWeights draws (so both engines
 * start dense models alike), conv kernels use the receptive field in their fans, the recurrent kernel has
 * orthonormal rows, and the forget gate's bias starts at 1.
 */
import { expect } from 'chai';
import type { LayerSpec } from '../../../src/config/schema.js';
import { initialDenseWeights } from '../../../src/engine/init.js';
import { initialLayerWeights, orthogonal } from '../../../src/engine/tfjs/init-layers.js';
import { layerShapes } from '../../../src/engine/tfjs/layer-shapes.js';
import { STREAM, Xoshiro128 } from '../../../src/engine/rng/xoshiro128.js';

describe('initialLayerWeights', () => {
  it('draws a dense stack exactly as initialDenseWeights does', () => {
    const layers: LayerSpec[] = [{ type: 'dense', units: 5, activation: 'relu' }, { type: 'dense', units: 3, activation: 'relu' }, { type: 'dense', units: 1, activation: 'linear' }];
    const got = initialLayerWeights(layers, [[2], [5], [3]], 42);
    const want = initialDenseWeights([2, 5, 3, 1], 42);
    got.forEach((w, i) => {
      expect(Array.from(w[0]!.values)).to.deep.equal(Array.from(want.kernels[i]!));
      expect(w[0]!.shape).to.deep.equal([[2, 5, 3][i], [5, 3, 1][i]]);
      expect(Array.from(w[1]!.values)).to.deep.equal(Array.from(want.biases[i]!));
    });
  });

  it('bounds conv kernels by sqrt(6 / (fanIn + fanOut)) with the receptive field in both fans', () => {
    const layers: LayerSpec[] = [{ type: 'conv2d', filters: 8, kernelSize: 3, padding: 'valid', activation: 'relu' }, { type: 'maxPooling2d', poolSize: 2, strides: 2, padding: 'valid' }, { type: 'flatten' }];
    const [conv, pool] = initialLayerWeights(layers, layerShapes(layers, [12, 12, 2]), 1);
    expect(conv![0]!.shape).to.deep.equal([3, 3, 2, 8]);
    const limit = Math.sqrt(6 / (9 * 2 + 9 * 8));
    const values = Array.from(conv![0]!.values);
    expect(Math.max(...values.map(Math.abs))).to.be.below(limit).and.above(0.9 * limit);
    expect(pool).to.deep.equal([]);
  });

  it('gives the LSTM a glorot kernel, an orthogonal recurrent kernel and forget-gate biases of 1', () => {
    const layers: LayerSpec[] = [{ type: 'lstm', units: 4, returnSequences: false }];
    const [[kernel, recurrent, bias]] = initialLayerWeights(layers, [[10, 3]], 9) as [[{ shape: number[]; values: Float32Array }, { shape: number[]; values: Float32Array }, { shape: number[]; values: Float32Array }]];
    expect(kernel.shape).to.deep.equal([3, 16]);
    expect(recurrent.shape).to.deep.equal([4, 16]);
    expect(Array.from(bias.values)).to.deep.equal([0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('orthogonal: rows orthonormal, from the run\'s stream', () => {
    const { values, shape } = orthogonal(Xoshiro128.fromSeed(3, STREAM.init), 5, 12);
    expect(shape).to.deep.equal([5, 12]);
    for (let a = 0; a < 5; a++) {
      for (let b = 0; b < 5; b++) {
        let dot = 0;
        for (let i = 0; i < 12; i++) dot += values[a * 12 + i]! * values[b * 12 + i]!;
        expect(dot, `row ${a} · row ${b}`).to.be.closeTo(a === b ? 1 : 0, 1e-6);
      }
    }
    expect(Array.from(orthogonal(Xoshiro128.fromSeed(3, STREAM.init), 5, 12).values)).to.deep.equal(Array.from(values));
    expect(Array.from(orthogonal(Xoshiro128.fromSeed(4, STREAM.init), 5, 12).values)).to.not.deep.equal(Array.from(values));
  });
});
