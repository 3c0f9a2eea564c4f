/** The task file the Python peers read: the resolved model, its sites and the engines' own rows. */
import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { modelStudies } from '../../../bench/per-model.js';
import { peerTask } from '../../../bench/peers/peer-task.js';
import { loadDataset } from '../../../src/data/load-dataset.js';

const root = fileURLToPath(new URL('../../../..', import.meta.url));

describe('bench/peers/peer-task', () => {
  const studies = modelStudies(root, true);
  const taskOf = (prefix: string) => {
    const { task } = studies.find((s) => s.label.startsWith(prefix))!;
    const data = loadDataset(task.config.data, task.baseDir);
    return { data, peer: peerTask(task.config, data, { budget: 0 }) };
  };

  it('describes the CNN example as images with its layers, 3 outputs and its input noise', () => {
    const { data, peer } = taskOf('cnn-shapes');
    expect(peer.task).to.equal('multiclass');
    expect(peer.input_shape).to.deep.equal([12, 12, 1]);
    expect(peer.outputs).to.equal(3);
    expect(peer.layers.map((l) => l.type)).to.deep.equal(['conv2d', 'maxPooling2d', 'flatten', 'dense']);
    expect(peer.layers[0]).to.include({ filters: 8, kernelSize: 3, padding: 'valid', activation: 'relu' });
    expect(peer.noise).to.deep.equal({ kind: 'gaussian', sites: [{ placement: 'input', stddev: 0.2 }] });
    expect(peer.x_train).to.have.length(data.nTrain * 144);
    expect(peer.x_test[5]).to.equal(data.xTest[5]);
  });

  it('gives digits as 8 × 8 images (model.inputShape) with 10 outputs, standardized rows as the engines see them', () => {
    const { data, peer } = taskOf('digits-cnn-images');
    expect(peer.input_shape).to.deep.equal([8, 8, 1]);
    expect(peer.outputs).to.equal(10);
    expect(peer.y_train).to.deep.equal(Array.from(data.yTrain));
    const mean = peer.x_train.filter((_, i) => i % 64 === 27).reduce((a, b) => a + b, 0) / data.nTrain;
    expect(Math.abs(mean)).to.be.below(1e-5);
  });

  it('keeps the LSTM example\'s mask flag and the regression loss', () => {
    expect(taskOf('lstm-padding-mask').peer.noise).to.include({ mask: true });
    expect(taskOf('lstm-padding-mask').peer.input_shape).to.deep.equal([20, 1]);
    expect(taskOf('regression-friedman1').peer.train.loss).to.equal('mse');
    expect(taskOf('tutorial').peer.layers).to.deep.equal([{ type: 'dense', units: 500, activation: 'relu' }]);
  });
});
