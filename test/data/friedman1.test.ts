/**
 * makeFriedman1 against scikit-learn 1.2.1 + numpy 1.24.2 (test/fixtures/tasks/friedman1_*.csv, from
 * test/fixtures/gen/make_task_data.py, numpy's AVX-512 loops off so np.sin is glibc's): inputs and targets
 * identical to the last bit except listed target deviations (glibc's sin or log versus correctly rounded ones).
 */
import { expect } from 'chai';
import { makeFriedman1 } from '../../src/data/friedman1.js';
import { differences, expectedTable, taskManifest } from './task-fixtures.js';

describe(`makeFriedman1 against scikit-learn ${taskManifest.sklearn}`, () => {
  for (const t of taskManifest.tables.filter((t) => t.generator === 'friedman1')) {
    it(`${t.file}: same inputs, same targets`, () => {
      const table = makeFriedman1({ samples: t.samples, features: t.features as number, noise: t.noise as number, seed: t.seed });
      expect(differences(table, expectedTable(t))).to.deep.equal([]);
    });
  }

  it('is the Friedman #1 function of the first five inputs when noise is 0', () => {
    const { X, y } = makeFriedman1({ samples: 3, features: 6, noise: 0, seed: 5 });
    for (let r = 0; r < 3; r++) {
      const x = Array.from(X.subarray(r * 6, r * 6 + 6));
      const f = 10 * Math.sin(Math.PI * x[0]! * x[1]!) + 20 * (x[2]! - 0.5) ** 2 + 10 * x[3]! + 5 * x[4]!;
      expect(y[r]).to.be.closeTo(f, 1e-12);
    }
  });

  it('refuses fewer than 5 features', () => {
    expect(() => makeFriedman1({ samples: 10, features: 4, noise: 0, seed: 0 })).to.throw(RangeError, /features/);
  });
});
