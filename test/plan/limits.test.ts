/**
 * plan/limits.ts: parameter counts against Keras' model.count_params() (keras 3.15, printed by
 * test/fixtures/gen/param_counts.py), and each limit refusing a study before it is allocated, naming the key.
 */
import { expect } from 'chai';
import { loadStudy } from '../../src/config/load.js';
import { InputError } from '../../src/errors.js';
import { parameterCount } from '../../src/plan/limits.js';
import { makePlan } from '../../src/plan/plan.js';
import { tmpFile } from '../helpers/tmp.js';

/** Keras' counts for the same models (test/fixtures/gen/param_counts.py). */
const KERAS = { tutorial_mlp: 2001, two_hidden: 2497, cnn_shapes: 13139, lstm_padding: 1169, conv1d: 105 };

describe('plan/limits', () => {
  it("counts parameters as Keras does", () => {
    expect(parameterCount({ hidden: [500], activation: 'relu' }, [2], 1)).to.equal(KERAS.tutorial_mlp);
    expect(parameterCount({ hidden: [64, 32], activation: 'relu' }, [5], 1)).to.equal(KERAS.two_hidden);
    const cnn = [
      { type: 'conv2d', filters: 8, kernelSize: 3, padding: 'valid', activation: 'linear' },
      { type: 'maxPooling2d', poolSize: 2, strides: 2, padding: 'valid' },
      { type: 'flatten' },
      { type: 'dense', units: 64, activation: 'linear' },
    ];
    expect(parameterCount({ hidden: [], activation: 'relu', layers: cnn } as never, [12, 12, 1], 3)).to.equal(KERAS.cnn_shapes);
    const lstm = [{ type: 'masking', maskValue: 0 }, { type: 'lstm', units: 16, returnSequences: false }, { type: 'activation', activation: 'relu' }];
    expect(parameterCount({ hidden: [], activation: 'relu', layers: lstm } as never, [20, 1], 1)).to.equal(KERAS.lstm_padding);
    const conv1d = [{ type: 'conv1d', filters: 4, kernelSize: 5, padding: 'same', activation: 'linear' }, { type: 'maxPooling1d', poolSize: 2, strides: 2, padding: 'valid' }, { type: 'flatten' }];
    expect(parameterCount({ hidden: [], activation: 'relu', layers: conv1d } as never, [30, 2], 1)).to.equal(KERAS.conv1d);
  });

  const plan = (yaml: string, limits = {}) => {
    const loaded = loadStudy(tmpFile('s.yaml', `name: s\n${yaml}\n`), { limits });
    return makePlan(loaded.raw, loaded.study, loaded.file, loaded.baseDir);
  };
  const refusal = (yaml: string, limits = {}) => {
    try {
      plan(yaml, limits);
    } catch (err) {
      expect(err).to.be.instanceOf(InputError);
      return (err as Error).message;
    }
    return expect.fail('expected a refusal');
  };

  it('refuses each size past its limit with one line naming the key, and takes a raised limit', () => {
    expect(refusal('grid: { noise.stddev: [0.1, 0.2, 0.3], train.epochs: [1, 2] }\nlimits: { gridPoints: 5 }')).to.match(/grid: expected at most 5 grid points \(limits\.gridPoints\), found 6 \(the product/);
    expect(refusal('repeats: 11', { repeats: 10 })).to.match(/repeats: expected at most 10 repeats \(limits\.repeats\), found 11; raise limits\.repeats in the study or pass --limit repeats=N/);
    expect(refusal('repeats: 6\ngrid: { noise.stddev: [0.1, 0.2] }\nlimits: { runs: 10 }')).to.match(/expected at most 10 runs \(limits\.runs\), found 12 \(grid points × repeats\)/);
    expect(refusal('data: { generator: moons, samples: 101 }\nlimits: { samples: 100 }')).to.match(/data\.samples: expected at most 100 generated rows \(limits\.samples\), found 101/);
    expect(refusal('model: { hidden: [500] }\nlimits: { parameters: 2000 }')).to.match(/model: expected at most 2,000 parameters per model \(limits\.parameters\), found 2,001/);
    expect(plan('model: { hidden: [500] }\nlimits: { parameters: 2001 }').points).to.have.length(1);
    expect(plan('repeats: 11', { repeats: 11 }).runs).to.have.length(11);
  });

  it('keeps limits out of run identity and out of the grid', () => {
    expect(plan('limits: { samples: 500 }').runs.get(0).runId).to.equal(plan('').runs.get(0).runId);
    expect(refusal('grid: { limits.samples: [1, 2] }')).to.match(/grid\.limits\.samples: expected a setting that changes a run/);
  });

  it('refuses a YAML file past limits.yamlBytes before reading it, and an alias bomb', () => {
    const big = tmpFile('big.yaml', `name: big\nrepeats: 1\n# ${'x'.repeat(2000)}\n`);
    expect(() => loadStudy(big, { limits: { yamlBytes: 1000 } })).to.throw(InputError, /expected a YAML study of at most 1,000 bytes \(limits\.yamlBytes\), found 2,02\d; pass --limit yamlBytes=N/);
    expect(loadStudy(big, { limits: { yamlBytes: 5000 } }).study.repeats).to.equal(1);
    const bomb = tmpFile('bomb.yaml', 'name: b\na: &a [1, 1, 1]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n');
    expect(() => loadStudy(bomb, { limits: { yamlAliases: 5 } })).to.throw(InputError, /expected at most 5 YAML alias expansions \(limits\.yamlAliases\)/);
  });
});
