/**
 * makeClassification against scikit-learn 1.2.1 + numpy 1.24.2 on the reference BLAS
 * (test/fixtures/tasks/classification_*.csv, from test/fixtures/gen/make_task_data.py): every double identical
 * except the listed deviations (glibc's log; the port uses a correctly rounded one). The cases cover the three
 * ways sample_without_replacement picks hypercube vertices, hypercube off, and more than 30 informative features.
 */
import { expect } from 'chai';
import { makeClassification } from '../../src/data/classification.js';
import { RandomState } from '../../src/data/random-state.js';
import { sampleWithoutReplacement } from '../../src/data/sample-without-replacement.js';
import { differences, expectedTable, taskManifest, type TaskTable } from './task-fixtures.js';

function generate(t: TaskTable) {
  const n = (k: string) => t[k] as number;
  return makeClassification({
    samples: t.samples, features: n('features'), informative: n('informative'), redundant: n('redundant'), repeated: n('repeated'), classes: n('classes'),
    clustersPerClass: n('clustersPerClass'), flipY: n('flipY'), classSep: n('classSep'), hypercube: t.hypercube as boolean, seed: t.seed,
  });
}

describe(`makeClassification against scikit-learn ${taskManifest.sklearn}`, () => {
  for (const t of taskManifest.tables.filter((t) => t.generator === 'classification')) {
    it(`${t.file}: same labels, same doubles`, () => {
      expect(differences(generate(t), expectedTable(t))).to.deep.equal([]);
    });
  }

  it('draws nothing for vertices when it takes them all (reservoir sampling of 4 out of 4)', () => {
    const rng = new RandomState(3);
    expect(sampleWithoutReplacement(rng, 4, 4)).to.deep.equal([0, 1, 2, 3]);
    expect(rng.randomSample()).to.equal(new RandomState(3).randomSample());
  });

  it('returns distinct values in range for every method', () => {
    for (const [pop, n] of [[1000, 3], [8, 3], [10, 9], [100, 100]] as const) {
      const out = sampleWithoutReplacement(new RandomState(1), pop, n);
      expect(new Set(out).size).to.equal(n);
      expect(out.every((v) => v >= 0 && v < pop)).to.equal(true);
    }
  });

  it('refuses arguments make_classification refuses', () => {
    const base = { samples: 10, features: 4, informative: 2, redundant: 2, repeated: 0, classes: 2, clustersPerClass: 2, flipY: 0, classSep: 1, hypercube: true, seed: 0 };
    expect(() => makeClassification({ ...base, redundant: 3 })).to.throw(RangeError, /at most features/);
    expect(() => makeClassification({ ...base, classes: 3 })).to.throw(RangeError, /2\^informative/);
  });
});
