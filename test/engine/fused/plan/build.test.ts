/**
 * The plan builder: the stages it chains for a model (noise where the tfjs stack puts it, an activation
 * stage after each dense and conv layer), the weight sizes it counts without drawing them, and the bytes a
 * counting build reports against what a real build allocates.
 */
import { expect } from 'chai';
import type { LayerSpec } from '../../../../src/config/schema.js';
import { CountingArena, HeapArena } from '../../../../src/engine/fused/plan/arena.js';
import { buildPlan, weightSizes } from '../../../../src/engine/fused/plan/build.js';
import { initialLayerWeights } from '../../../../src/engine/tfjs/init-layers.js';
import { layerShapes } from '../../../../src/engine/tfjs/layer-shapes.js';
import { tinyConfig } from '../../tfjs/configs.js';

const LAYERS: LayerSpec[] = [
  { type: 'conv1d', filters: 3, kernelSize: 2, padding: 'same', activation: 'relu', name: 'conv' },
  { type: 'maxPooling1d', poolSize: 2, strides: 2, padding: 'valid' },
  { type: 'lstm', units: 4, returnSequences: true },
  { type: 'dropout', rate: 0.2 },
  { type: 'lstm', units: 2, returnSequences: false },
  { type: 'dense', units: 5, activation: 'tanh' },
];
const INPUT = [8, 2];

describe('fused plan: build', () => {
  it('chains the stages of the tfjs stack, noise where the sites say', () => {
    const config = tinyConfig({ layers: LAYERS, sites: [{ placement: 'input', stddev: 0.1 }, { placement: 'pre', stddev: 0.1, layer: 0 }, { placement: 'post', stddev: 0.1, layer: 2 }, { placement: 'post', stddev: 0.1, layer: 5 }] });
    const plan = buildPlan({ config, input: INPUT, outputs: 1, initSeed: 1, maxRows: 4, arena: new HeapArena() });
    expect(plan.stages.map((s) => s.name)).to.deep.equal(['noise_input', 'conv1d_0', 'noise_pre_0', 'activation_0', 'maxPooling1d_1', 'lstm_2', 'noise_post_2', 'dropout_3', 'lstm_4', 'dense_5', 'activation_5', 'noise_post_5', 'output']);
    expect(plan.stages.filter((s) => s.weighted).map((s) => s.name)).to.deep.equal(['conv1d_0', 'lstm_2', 'lstm_4', 'dense_5', 'output']);
  });

  it('counts the weights initialLayerWeights draws, in its order', () => {
    const layers: LayerSpec[] = [...LAYERS, { type: 'flatten' }, { type: 'dense', units: 1, activation: 'linear' }];
    const shapes = layerShapes(layers.slice(0, -1), INPUT);
    const drawn = initialLayerWeights(layers, shapes, 3).map((ws) => ws.map((w) => w.values.length));
    expect(weightSizes(layers, shapes)).to.deep.equal(drawn);
    const images: LayerSpec[] = [{ type: 'conv2d', filters: 4, kernelSize: 3, padding: 'valid', activation: 'relu' }, { type: 'flatten' }, { type: 'dense', units: 2, activation: 'linear' }];
    const imageShapes = layerShapes(images.slice(0, -1), [5, 5, 2]);
    expect(weightSizes(images, imageShapes)).to.deep.equal(initialLayerWeights(images, imageShapes, 3).map((ws) => ws.map((w) => w.values.length)));
  });

  it('a counting build reports the bytes a real build takes, and allocates none of them', () => {
    const config = tinyConfig({ layers: LAYERS, sites: [{ placement: 'input', stddev: 0.1 }] });
    const heap = new HeapArena();
    const counting = new CountingArena();
    const real = buildPlan({ config, input: INPUT, outputs: 1, initSeed: 1, maxRows: 16, arena: heap });
    const counted = buildPlan({ config, input: INPUT, outputs: 1, initSeed: 1, maxRows: 16, arena: counting });
    expect(counting.bytes).to.equal(heap.bytes).and.to.be.above(0);
    expect(real.params.length).to.be.above(0);
    expect(counted.params.length).to.equal(0);
  });
});
