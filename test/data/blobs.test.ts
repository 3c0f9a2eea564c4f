/**
 * makeBlobs against scikit-learn 1.2.1 + numpy 1.24.2 (test/fixtures/tasks/blobs_*.csv, from
 * test/fixtures/gen/make_task_data.py): every double identical except the listed deviations, where glibc's log
 * misses the nearest double and the port gives what sklearn's code gives with a correctly rounded log.
 */
import { expect } from 'chai';
import { makeBlobs } from '../../src/data/blobs.js';
import { differences, expectedTable, taskManifest } from './task-fixtures.js';

describe(`makeBlobs against scikit-learn ${taskManifest.sklearn}`, () => {
  for (const t of taskManifest.tables.filter((t) => t.generator === 'blobs')) {
    it(`${t.file}: same labels, same doubles`, () => {
      const table = makeBlobs({ samples: t.samples, features: t.features as number, centers: t.centers as number, clusterStd: t.clusterStd as number, seed: t.seed });
      expect(differences(table, expectedTable(t))).to.deep.equal([]);
    });
  }

  it('gives the first clusters one extra point each when the count does not divide', () => {
    const y = Array.from(makeBlobs({ samples: 11, features: 2, centers: 3, clusterStd: 1, seed: 0 }).y);
    expect([0, 1, 2].map((c) => y.filter((v) => v === c).length)).to.deep.equal([4, 4, 3]);
  });

  it('keeps clusters in order without shuffle', () => {
    expect(Array.from(makeBlobs({ samples: 6, features: 2, centers: 3, clusterStd: 1, seed: 0, shuffle: false }).y)).to.deep.equal([0, 0, 1, 1, 2, 2]);
  });

  it('refuses counts that are not positive integers', () => {
    expect(() => makeBlobs({ samples: 10, features: 0, centers: 3, clusterStd: 1, seed: 0 })).to.throw(RangeError, /features/);
  });
});
