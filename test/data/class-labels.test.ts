/**
 * CSV files for the tasks beyond binary: model.task tells loadDataset (through the resolved data spec's
 * `labels`) whether labels are class indices (multiclass) or any number (regression).
 */
import { expect } from 'chai';
import { loadDataset } from '../../src/data/load-dataset.js';
import { InputError } from '../../src/errors.js';
import { tmpFile } from '../helpers/tmp.js';

describe('loadDataset: CSV labels by task', () => {
  const csv = (labels: string[]) => tmpFile('t.csv', ['a,b,y', ...labels.map((y, i) => `${i},${-i},${y}`)].join('\n') + '\n');

  it('reads class indices for multiclass', () => {
    const data = loadDataset({ file: csv(['0', '2', '1', '2']), trainSize: 2, labels: 'classes' }, '.');
    expect(Array.from(data.yTrain)).to.deep.equal([0, 2]);
    expect(Array.from(data.yTest)).to.deep.equal([1, 2]);
  });

  it('rejects a label that is not a class index, naming row and column', () => {
    expect(() => loadDataset({ file: csv(['0', '1', '1.5', '2']), trainSize: 2, labels: 'classes' }, '.')).to.throw(InputError, /t\.csv: row 4, column "y": expected a class index 0, 1, 2, \.\.\. \(multiclass model\), found 1\.5: the column holds 4 distinct numbers from 0 to 2: a continuous target needs model\.task: regression/);
    expect(() => loadDataset({ file: csv(['0', '-1', '1', '2']), trainSize: 2, labels: 'classes' }, '.')).to.throw(InputError, /row 3/);
  });

  it('refuses a continuous target as classes: many distinct whole numbers, few rows each', () => {
    const file = tmpFile('counts.csv', ['a,y', ...Array.from({ length: 60 }, (_, i) => `${i},${25 + 2 * i}`)].join('\n') + '\n');
    expect(() => loadDataset({ file, trainSize: 30, labels: 'classes' }, '.')).to.throw(InputError, /counts\.csv: column "y": expected class indices 0 to k-1 with several rows per class \(multiclass model\), found 60 distinct labels in 60 rows: .*a continuous target needs model\.task: regression/);
  });

  it('reads any number for regression, and only 0/1 for binary', () => {
    const file = csv(['0.5', '-2', '1e3', '7']);
    expect(Array.from(loadDataset({ file, trainSize: 2, labels: 'real' }, '.').yTest)).to.deep.equal([1000, 7]);
    expect(() => loadDataset({ file, trainSize: 2 }, '.')).to.throw(InputError, /binary/);
  });
});
