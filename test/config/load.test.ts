import { expect } from 'chai';
import { loadStudy, parseSet } from '../../src/config/load.js';
import { InputError } from '../../src/errors.js';
import { tmpFile } from '../helpers/tmp.js';

function errorOf(yaml: string, overrides = {}): string {
  const file = tmpFile('study.yaml', yaml);
  try {
    loadStudy(file, overrides);
  } catch (err) {
    expect(err).to.be.instanceOf(InputError);
    const message = (err as Error).message;
    expect(message, 'one line').not.to.include('\n');
    expect(message, 'names the file').to.include(file);
    return message.slice(file.length);
  }
  throw new Error('expected an InputError');
}

describe('config/load', () => {
  it('fills Keras/tutorial defaults for a minimal study', () => {
    const { study } = loadStudy(tmpFile('mini.yaml', 'name: mini\n'));
    expect(study.repeats).to.equal(10);
    expect(study.data).to.deep.equal({ generator: 'circles', samples: 100, noise: 0.1, seed: 1, factor: 0.8, trainSize: 30 });
    expect(study.model).to.deep.equal({ hidden: [500], activation: 'relu' });
    expect(study.train).to.include({ epochs: 4000, batchSize: 32, learningRate: 0.001, optimizer: 'adam', engine: 'auto' });
    expect(study.noise).to.deep.equal({ kind: 'gaussian', placement: 'none', stddev: 0.1 });
  });

  it('names the study after the file when name is missing', () => {
    expect(loadStudy(tmpFile('my study.yaml', 'repeats: 2\n')).study.name).to.equal('my-study');
  });

  it('applies --set and --repeats over the file', () => {
    const { study } = loadStudy(tmpFile('s.yaml', 'name: s\ntrain: { epochs: 10 }\n'), { set: ['train.epochs=3', 'noise.placement=[input, pre]'], repeats: 4 });
    expect(study.train.epochs).to.equal(3);
    expect(study.noise.placement).to.deep.equal(['input', 'pre']);
    expect(study.repeats).to.equal(4);
  });

  // One bad input per row: the message must name the key and say what was expected and found.
  const cases: [string, string, RegExp][] = [
    ['misspelt key', 'noise: { stdev: 0.1 }', /^: noise\.stdev: unknown key \(did you mean "stddev"\?\)/],
    ['unknown top-level key', 'repaets: 3', /^: repaets: unknown key \(did you mean "repeats"\?\)/],
    ['negative stddev', 'noise: { stddev: -0.1 }', /^: noise\.stddev: expected a number ≥ 0, found -0\.1/],
    ['repeats < 1', 'repeats: 0', /^: repeats: expected a number ≥ 1, found 0/],
    ['fractional repeats', 'repeats: 2.5', /^: repeats: expected an integer, found 2\.5/],
    ['unknown placement', 'noise: { placement: middle }', /^: noise\.placement: .*"none", "input", "pre", "post".*found "middle"/],
    ['unknown generator', 'data: { generator: spirals }', /^: data\.generator: expected one of "circles", "moons"(, "[a-z0-9-]+")*, found "spirals"/],
    ['unknown engine', 'train: { engine: torch }', /^: train\.engine: expected one of "auto", "fused", "tfjs", found "torch"/],
    ['wrong type', 'train: { epochs: many }', /^: train\.epochs: expected a number, found "many"/],
    ['empty grid list', 'grid: { noise.stddev: [] }', /^: grid\.noise\.stddev: expected at least 1 item/],
    ['factor for moons', 'data: { generator: moons, factor: 0.5 }', /^: data\.factor: expected no "factor" for generator moons/],
    ['generator and file', 'data: { generator: circles, file: x.csv }', /^: data\.file: expected either generator or file, not both/],
    ['trainSize too large', 'data: { generator: circles, samples: 20, trainSize: 20 }', /^: data\.trainSize: expected fewer than data\.samples \(20\)/],
    // A 569-row file once trained on the default 30 rows without a word: a file must say how many rows train.
    ['a data file without trainSize', 'data: { file: x.csv }', /^: data\.trainSize: expected the number of training rows for a data file \(the first rows train, after data\.shuffle; the rest test\) or a fraction such as 0\.7, found nothing$/],
    ['a trainSize that is neither a count nor a fraction', 'data: { file: x.csv, trainSize: 1.5 }', /^: data\.trainSize: expected a whole number of training rows, or a fraction between 0 and 1 such as 0\.7, found 1\.5$/],
    ['a fraction that leaves no training rows', 'data: { generator: circles, samples: 20, trainSize: 0.01 }', /^: data\.trainSize: expected a fraction that leaves at least one of data\.samples \(20\) rows to train, found 0\.01$/],
    ['a shuffle that is not a seed', 'data: { generator: circles, shuffle: -1 }', /^: data\.shuffle: /],
    ['a pinned hash without a file', 'data: { generator: circles, sha256: abc }', /^: data\.sha256: /],
    ['a pinned hash that is not one', 'data: { file: x.csv, trainSize: 3, sha256: abc }', /^: data\.sha256: expected the 64 lowercase hex digits of a sha256/],
  ];
  for (const [what, yaml, pattern] of cases) {
    it(`rejects ${what} with a one-line message`, () => {
      expect(errorOf(`name: s\n${yaml}\n`)).to.match(pattern);
    });
  }

  it('takes data.trainSize as a count or a fraction (floor, as train_test_split), and data.shuffle/standardize', () => {
    const data = (yaml: string) => loadStudy(tmpFile('d.yaml', `name: d\ndata: ${yaml}\n`)).study.data;
    expect(data('{ generator: circles, samples: 569, trainSize: 0.7 }')).to.include({ trainSize: 398 });
    expect(data('{ generator: circles, samples: 100, trainSize: 0.29 }')).to.include({ trainSize: 28 }); // 0.29 · 100 = 28.999999999999996
    expect(data('{ file: x.csv, trainSize: 0.7 }')).to.deep.equal({ file: 'x.csv', trainSize: 0.7 }); // the file's rows decide
    expect(data('{ file: x.csv, trainSize: 400, shuffle: true, standardize: true }')).to.deep.equal({ file: 'x.csv', trainSize: 400, shuffle: true, standardize: true });
    expect(data('{ generator: moons, shuffle: 7 }')).to.include({ shuffle: 7 });
    // At their defaults the keys are left out, so studies without them keep their run identities.
    expect(data('{ generator: moons, shuffle: false, standardize: false }')).to.deep.equal(data('{ generator: moons }'));
    expect(data('{ generator: moons }')).not.to.have.any.keys('shuffle', 'standardize');
  });

  it('rejects a document that is not a mapping', () => {
    expect(errorOf('- a\n- b\n')).to.match(/^: expected a YAML mapping of study keys.*found a list/);
    expect(errorOf('')).to.match(/found an empty document/);
  });

  it('reports YAML syntax errors with line and column', () => {
    expect(errorOf('name: s\ntrain: {epochs: 10\n')).to.match(/^:\d+:\d+: invalid YAML: /);
  });

  it('refuses YAML tags instead of running them', () => {
    expect(errorOf('name: s\nrepeats: !!js/function "return 1"\n')).to.match(/^:2:\d+: invalid YAML: Unresolved tag/);
  });

  it('reports duplicate keys', () => {
    expect(errorOf('name: s\nrepeats: 1\nrepeats: 2\n')).to.match(/^:3:1: invalid YAML: Map keys must be unique/);
  });

  it('reports a missing file without a stack trace', () => {
    expect(() => loadStudy('/nonexistent/study.yaml')).to.throw(InputError, '/nonexistent/study.yaml: expected a readable YAML study, found no such file');
  });

  it('rejects a bad --set key', () => {
    expect(() => parseSet('noise stddev=1')).to.throw(InputError, /expected a dotted key/);
    expect(() => parseSet('=1')).to.throw(InputError, /expected key=value/);
  });

  it('names the --set key whose value is wrong', () => {
    expect(errorOf('name: s\n', { set: ['train.epochs=-3'] })).to.match(/^: train\.epochs: expected a number ≥ 1, found -3/);
  });
});
