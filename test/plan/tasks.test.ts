/**
 * The study keys for tasks beyond the tutorial (model.layers, model.task, noise kinds, rate and mask, the new
 * generators), through loading and planning: what they resolve to, and one-line errors for bad values.
 */
import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { loadStudy } from '../../src/config/load.js';
import { InputError } from '../../src/errors.js';
import { makePlan } from '../../src/plan/plan.js';
import { tmpFile } from '../helpers/tmp.js';

function planOf(yaml: string) {
  const loaded = loadStudy(tmpFile('study.yaml', `name: s\n${yaml}\n`));
  return makePlan(loaded.raw, loaded.study, loaded.file, loaded.baseDir);
}

function errorOf(yaml: string): string {
  try {
    planOf(yaml);
  } catch (err) {
    expect(err).to.be.instanceOf(InputError);
    expect((err as Error).message).not.to.include('\n');
    return (err as Error).message.replace(/^.*?study\.yaml/, '');
  }
  throw new Error('expected an InputError');
}

const CNN = `data: { generator: shapes, samples: 60, trainSize: 40 }
model:
  task: multiclass
  layers:
    - { type: conv2d, filters: 4, kernelSize: 3 }
    - { type: maxPooling2d, name: pool }
    - { type: flatten }
    - { type: dense, units: 8, activation: tanh }`;

const LSTM = `data: { generator: sequences, samples: 60, trainSize: 40 }
model:
  layers: [{ type: masking }, { type: lstm, units: 4 }]`;

describe('plan: tasks, layers and noise kinds', () => {
  it('fills layer defaults (Keras\') and the model activation', () => {
    const model = planOf(CNN).points[0]!.config.model;
    expect(model.layers).to.deep.equal([
      { type: 'conv2d', filters: 4, kernelSize: 3, padding: 'valid', activation: 'relu' },
      { type: 'maxPooling2d', name: 'pool', poolSize: 2, strides: 2, padding: 'valid' },
      { type: 'flatten' },
      { type: 'dense', units: 8, activation: 'tanh' },
    ]);
    expect(model.hidden).to.deep.equal([]);
  });

  it('fills the average pooling layers\' defaults as Keras does (poolSize 2, strides = poolSize, valid), and engine auto picks fused for them', () => {
    const plan = planOf(CNN.replace('{ type: maxPooling2d, name: pool }', '{ type: averagePooling2d, name: pool, poolSize: 3, padding: same }'));
    expect(plan.points[0]!.config.model.layers![1]).to.deep.equal({ type: 'averagePooling2d', name: 'pool', poolSize: 3, strides: 3, padding: 'same' });
    expect(plan.points[0]!.config.train.engine).to.equal('fused');
    const seq = planOf(`data: { generator: sequences, samples: 60, trainSize: 40 }
model:
  layers: [{ type: conv1d, filters: 2, kernelSize: 3 }, { type: averagePooling1d }, { type: flatten }]`).points[0]!.config;
    expect(seq.model.layers![1]).to.deep.equal({ type: 'averagePooling1d', poolSize: 2, strides: 2, padding: 'valid' });
    expect(seq.train.engine).to.equal('fused');
  });

  it('resolves addressed placements to sites in network order', () => {
    const sites = (placement: string) => planOf(`${CNN}\nnoise: { placement: ${placement}, stddev: { input: 0.01, pre: 0.1, post: 0.2, "post:pool": 0.3, "before:flatten": 0.3, "pre:0": 0.4, "after:3": 0.5 } }`).points[0]!.config.noise.sites;
    expect(sites('"post:pool"')).to.deep.equal([{ placement: 'post', stddev: 0.3, layer: 1 }]);
    expect(sites('"before:flatten"')).to.deep.equal([{ placement: 'post', stddev: 0.3, layer: 1 }]);
    expect(sites('["after:3", "pre:0", input]')).to.deep.equal([{ placement: 'input', stddev: 0.01 }, { placement: 'pre', stddev: 0.4, layer: 0 }, { placement: 'post', stddev: 0.5, layer: 3 }]);
    // Bare pre and post: every layer with an activation / with weights.
    expect(sites('[pre, post]')).to.deep.equal([
      { placement: 'pre', stddev: 0.1, layer: 0 }, { placement: 'post', stddev: 0.2, layer: 0 },
      { placement: 'pre', stddev: 0.1, layer: 3 }, { placement: 'post', stddev: 0.2, layer: 3 },
    ]);
  });

  it('gives rate kinds their rate and the multiplicative stddev sqrt(rate / (1 - rate))', () => {
    const noise = planOf('noise: { kind: gaussianDropout, placement: pre, rate: 0.2 }').points[0]!.config.noise;
    expect(noise).to.deep.equal({ kind: 'gaussianDropout', sites: [{ placement: 'pre', stddev: 0.5, rate: 0.2 }] });
    expect(planOf('noise: { kind: dropout, placement: pre, rate: 0 }').points[0]!.config.noise.sites).to.deep.equal([]);
  });

  it('merges the points without noise whatever their kind', () => {
    const plan = planOf('noise: { rate: 0.1 }\ngrid: { noise.placement: [none, pre], noise.kind: [gaussian, dropout, alphaDropout] }');
    expect(plan.points.map((p) => p.values)).to.deep.equal([
      { 'noise.placement': 'none', 'noise.kind': undefined },
      { 'noise.placement': 'pre', 'noise.kind': 'gaussian' },
      { 'noise.placement': 'pre', 'noise.kind': 'dropout' },
      { 'noise.placement': 'pre', 'noise.kind': 'alphaDropout' },
    ]);
  });

  it('keeps noise.mask only where there is a masking layer, so it merges grid points elsewhere', () => {
    expect(planOf(`${LSTM}\nnoise: { placement: input, stddev: 0.5, mask: false }`).points[0]!.config.noise.mask).to.equal(false);
    expect(planOf(`${LSTM}\nnoise: { placement: input, stddev: 0.5 }`).points[0]!.config.noise.mask).to.equal(true);
    expect(planOf('noise: { placement: input }\ngrid: { noise.mask: [true, false] }').points).to.have.length(1);
    // After an LSTM that returns only its last output there are no steps left to mask.
    expect(planOf(`${LSTM}\nnoise: { placement: "after:lstm", stddev: 0.5, mask: false }`).points[0]!.config.noise).to.deep.equal({ kind: 'gaussian', sites: [{ placement: 'post', stddev: 0.5, layer: 1 }] });
    expect(planOf(`${LSTM}\nnoise: { placement: none }`).points[0]!.config.noise.mask).to.equal(undefined);
  });

  it('leaves the tutorial\'s configuration as it was: no task, no mask, engine auto picks fused', () => {
    const a = planOf('model: { task: binary }').points[0]!;
    const b = planOf('').points[0]!;
    expect(a.configHash).to.equal(b.configHash);
    expect(b.config.model).to.deep.equal({ hidden: [500], activation: 'relu' });
    // The fused engine's chain of layer kernels trains the other tasks and noise kinds too.
    expect(planOf('model: { task: multiclass }\ndata: { generator: blobs }').points[0]!.config.train.engine).to.equal('fused');
    expect(planOf('noise: { kind: dropout, placement: pre, rate: 0.1 }').points[0]!.config.train.engine).to.equal('fused');
  });

  it('sets the regression loss (mse by default) and tells CSV files what their labels are', () => {
    expect(planOf('model: { task: regression }\ndata: { generator: friedman1 }').points[0]!.config.train.loss).to.equal('mse');
    const file = tmpFile('x.csv', 'a,y\n1,0\n');
    const csv = planOf(`model: { task: multiclass }\ndata: { file: ${file}, trainSize: 30 }`).points[0]!.config.data;
    // The file's contents stand for it in the runs' identity: its sha256.
    expect(csv).to.deep.equal({ file, trainSize: 30, labels: 'classes', sha256: createHash('sha256').update('a,y\n1,0\n').digest('hex') });
  });

  const bad: [string, string, RegExp][] = [
    ['an unknown layer type', 'model: { layers: [{ type: dens, units: 3 }] }', /^: model\.layers\[0\]\.type: expected one of "dense", .*found "dens"$/],
    ['a key of another layer type', 'model: { layers: [{ type: dense, units: 3, poolSize: 2 }] }', /^: model\.layers\[0\]\.poolSize: expected no "poolSize" for a dense layer \(it takes units, activation\), found 2$/],
    ['a missing required key', 'model: { layers: [{ type: dense }] }', /^: model\.layers\[0\]\.units: expected "units" for a dense layer, found nothing$/],
    ['a misspelt layer key', 'model: { layers: [{ type: dense, unit: 3 }] }', /^: model\.layers\[0\]\.unit: unknown key \(did you mean "units"\?\)/],
    ['hidden and layers together', 'model: { hidden: [4], layers: [{ type: dense, units: 3 }] }', /^: model\.layers: expected either model\.hidden or model\.layers, not both/],
    ['two layers with one name', 'model: { layers: [{ type: dense, units: 3, name: a }, { type: dense, units: 3, name: a }] }', /^: model\.layers\[1\]\.name: expected a name not used before/],
    ['a layer stack that does not fit the data', 'model: { layers: [{ type: conv2d, filters: 2, kernelSize: 3 }] }', /^: model\.layers\[0\]: expected rows of shape \[height, width, channels\] for conv2d, found rows of shape \[2\]$/],
    ['a key average pooling does not take', 'model: { layers: [{ type: averagePooling2d, kernelSize: 2 }] }', /^: model\.layers\[0\]\.kernelSize: expected no "kernelSize" for a averagePooling2d layer \(it takes poolSize, strides, padding\), found 2$/],
    ['an average pooling padding that is not valid or same', 'model: { layers: [{ type: averagePooling1d, padding: causal }] }', /^: model\.layers\[0\]\.padding: expected one of "valid", "same", found "causal"$/],
    ['an average pool size of 0', 'model: { layers: [{ type: averagePooling2d, poolSize: 0 }] }', /^: model\.layers\[0\]\.poolSize: expected a number ≥ 1, found 0$/],
    ['average pooling 2d on flat rows', 'model: { layers: [{ type: averagePooling2d }, { type: flatten }] }', /^: model\.layers\[0\]: expected rows of shape \[height, width, channels\] for averagePooling2d, found rows of shape \[2\]$/],
    ['an average window wider than the steps', 'data: { generator: sequences, samples: 60, trainSize: 40, length: 4, minLength: 2 }\nmodel:\n  layers: [{ type: averagePooling1d, poolSize: 5 }, { type: flatten }]', /^: model\.layers\[0\]: expected rows at least 5 wide for a window of 5 \(or padding: same\), found rows of shape \[4, 1\]$/],
    ['an unknown task', 'model: { task: ranking }', /^: model\.task: expected one of "binary", "multiclass", "regression", found "ranking"$/],
    ['regression on class labels', 'model: { task: regression }', /^: model\.task: expected a task that fits data\.generator circles .*found "regression"$/],
    ['binary on three blobs', 'data: { generator: blobs }', /^: model\.task: expected multiclass for data\.generator blobs with 3 classes/],
    ['a loss for a classifier', 'train: { loss: mae }', /^: train\.loss: expected no train\.loss for model\.task binary/],
    ['a rate kind without a rate', 'noise: { kind: dropout, placement: pre }', /^: noise\.rate: expected a drop rate in \[0, 1\) for noise kind dropout/],
    ['a rate of 1', 'noise: { kind: dropout, placement: pre, rate: 1 }', /^: noise\.rate: expected a number < 1, found 1$/],
    ['an unknown noise kind', 'noise: { kind: salt }', /^: noise\.kind: expected one of "gaussian", "gaussianDropout", "alphaDropout", "dropout", found "salt"$/],
    ['an addressed placement with model.hidden', 'noise: { placement: "post:0" }', /^: noise\.placement: expected input, pre or post for a model given as model\.hidden .*found "post:0"$/],
    ['a layer that is not there', `${CNN}\nnoise: { placement: "post:poool" }`, /^: noise\.placement: expected a layer name, index or type in "post:poool" \(layers: 0, pool, 2, 3\), found "poool"$/],
    ['pre at a layer without activation', `${CNN}\nnoise: { placement: "pre:pool" }`, /^: noise\.placement: expected "pre:pool" to name a layer with an activation/],
    ['two placements at one place', `${CNN}\nnoise: { placement: ["post:pool", "before:flatten"] }`, /^: noise\.placement: expected each place named once, but "post:pool" and "before:flatten" both put noise post layer 1/],
    ['a bad per-placement key', 'noise: { placement: pre, stddev: { middle: 0.1 } }', /^: noise\.stddev: expected placements as keys .*not "middle"/],
    ['a generator key of another generator', 'data: { generator: blobs, factor: 0.5 }', /^: data\.factor: expected no "factor" for generator blobs \(it takes samples, seed, features, centers, clusterStd\), found 0\.5$/],
    ['too few informative features', 'data: { generator: classification, informative: 1 }\nmodel: { task: binary }', /^: data\.informative: expected at least log2\(classes × clustersPerClass\) = 2\.00 informative features/],
    ['an input shape that does not hold the data\'s rows', `${CNN.replace('task: multiclass', 'task: multiclass\n  inputShape: [12, 6, 1]')}`, /^: model\.inputShape: expected 144 values per row, as the data has \(shape \[12, 12, 1\]\), found \[12, 6, 1\]$/],
    ['a mask length out of order', 'data: { generator: sequences, length: 4, minLength: 6 }', /^: data\.minLength: expected at most data\.length \(4\), found 6$/],
  ];
  for (const [what, yaml, pattern] of bad) {
    it(`rejects ${what} with a one-line message`, () => expect(errorOf(yaml)).to.match(pattern));
  }
});
