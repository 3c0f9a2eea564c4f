/** Row shapes through model.layers, with Keras' output-size rules (conv_output_length, pooling), as a table. */
import { expect } from 'chai';
import type { LayerSpec } from '../../../src/config/schema.js';
import { layerShapes, ShapeMismatch, windowOutput } from '../../../src/engine/tfjs/layer-shapes.js';

const conv2d = (filters: number, kernelSize: number, padding: 'valid' | 'same' = 'valid'): LayerSpec => ({ type: 'conv2d', filters, kernelSize, padding, activation: 'relu' });
const pool2d: LayerSpec = { type: 'maxPooling2d', poolSize: 2, strides: 2, padding: 'valid' };
const flatten: LayerSpec = { type: 'flatten' };
const dense = (units: number): LayerSpec => ({ type: 'dense', units, activation: 'relu' });
const lstm = (units: number, returnSequences = false): LayerSpec => ({ type: 'lstm', units, returnSequences });

describe('layerShapes', () => {
  const cases: [string, LayerSpec[], number[], number[][]][] = [
    ['dense stack', [dense(8), dense(4)], [2], [[2], [8], [4]]],
    ['the tutorial CNN shape', [conv2d(8, 3), pool2d, flatten, dense(16)], [12, 12, 1], [[12, 12, 1], [10, 10, 8], [5, 5, 8], [200], [16]]],
    ['same padding keeps the size', [conv2d(4, 3, 'same'), { type: 'maxPooling2d', poolSize: 2, strides: 2, padding: 'same' }, flatten], [7, 7, 1], [[7, 7, 1], [7, 7, 4], [4, 4, 4], [64]]],
    ['masking, stacked LSTMs', [{ type: 'masking', maskValue: 0 }, lstm(8, true), lstm(4)], [20, 1], [[20, 1], [20, 1], [20, 8], [4]]],
    ['average pooling 2d, valid and same (windows cut at the edges)', [{ type: 'averagePooling2d', poolSize: 2, strides: 2, padding: 'valid' }, { type: 'averagePooling2d', poolSize: 3, strides: 2, padding: 'same' }, flatten], [9, 7, 3], [[9, 7, 3], [4, 3, 3], [2, 2, 3], [12]]],
    ['average pooling 1d, overlapping windows', [{ type: 'averagePooling1d', poolSize: 3, strides: 1, padding: 'valid' }, flatten], [10, 2], [[10, 2], [8, 2], [16]]],
    ['conv1d and pooling over steps', [{ type: 'conv1d', filters: 6, kernelSize: 5, padding: 'valid', activation: 'relu' }, { type: 'maxPooling1d', poolSize: 3, strides: 3, padding: 'valid' }, flatten], [20, 2], [[20, 2], [16, 6], [5, 6], [30]]],
  ];
  for (const [name, layers, input, expected] of cases) {
    it(name, () => expect(layerShapes(layers, input)).to.deep.equal(expected));
  }

  const errors: [string, LayerSpec[], number[], RegExp][] = [
    ['conv2d on sequences', [conv2d(4, 3)], [20, 1], /model\.layers\[0\]: expected rows of shape \[height, width, channels\] for conv2d, found rows of shape \[20, 1\]/],
    ['lstm on flat rows', [lstm(4)], [10], /layers\[0\].*\[steps, features\] for lstm/],
    ['a window larger than the rows', [conv2d(4, 5)], [4, 4, 1], /at least 5 wide/],
    ['averagePooling2d on sequences', [{ type: 'averagePooling2d', poolSize: 2, strides: 2, padding: 'valid' }], [20, 1], /^model\.layers\[0\]: expected rows of shape \[height, width, channels\] for averagePooling2d, found rows of shape \[20, 1\]$/],
    ['averagePooling1d on images', [conv2d(2, 3), { type: 'averagePooling1d', poolSize: 2, strides: 2, padding: 'valid' }], [6, 6, 1], /^model\.layers\[1\]: expected rows of shape \[steps, channels\] for averagePooling1d, found rows of shape \[4, 4, 2\]$/],
    ['an average window larger than the rows', [{ type: 'averagePooling1d', poolSize: 6, strides: 1, padding: 'valid' }], [5, 2], /^model\.layers\[0\]: expected rows at least 6 wide for a window of 6 \(or padding: same\), found rows of shape \[5, 2\]$/],
    ['no flat rows at the end', [conv2d(4, 3)], [6, 6, 1], /layers\[0\]: expected flat rows before the output layer \(add a flatten layer/],
  ];
  for (const [name, layers, input, message] of errors) {
    it(`rejects ${name}`, () => {
      expect(() => layerShapes(layers, input)).to.throw(ShapeMismatch, message);
    });
  }

  it('computes window outputs as Keras does', () => {
    expect([windowOutput(10, 3, 1, 'valid'), windowOutput(10, 2, 2, 'valid'), windowOutput(7, 2, 2, 'valid'), windowOutput(7, 2, 2, 'same')]).to.deep.equal([8, 5, 3, 4]);
  });
});
