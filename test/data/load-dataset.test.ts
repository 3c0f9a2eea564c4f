/** loadDataset: generators and files go through one split; trainSize must leave test rows. */
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCircles } from '../../src/data/circles.js';
import { loadDataset } from '../../src/data/load-dataset.js';
import { makeMoons } from '../../src/data/moons.js';
import { InputError } from '../../src/errors.js';

describe('loadDataset', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'load-dataset-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('circles: the first trainSize generated rows train, the rest test, as float32', () => {
    const d = loadDataset({ generator: 'circles', samples: 100, noise: 0.1, seed: 1, factor: 0.8, trainSize: 30 }, dir);
    const table = makeCircles({ samples: 100, noise: 0.1, seed: 1, factor: 0.8 });
    expect([d.nFeatures, d.nTrain, d.nTest]).to.deep.equal([2, 30, 70]);
    expect(Array.from(d.xTrain)).to.deep.equal(Array.from(Float32Array.from(table.X.subarray(0, 60))));
    expect(Array.from(d.yTest)).to.deep.equal(Array.from(table.y.subarray(30)));
  });

  it('moons: passes noise and seed through', () => {
    const d = loadDataset({ generator: 'moons', samples: 50, noise: 0.2, seed: 9, trainSize: 10 }, dir);
    const table = makeMoons({ samples: 50, noise: 0.2, seed: 9 });
    expect(Array.from(d.xTest)).to.deep.equal(Array.from(Float32Array.from(table.X.subarray(20))));
  });

  it('a file: resolves against baseDir, takes the label by name', () => {
    writeFileSync(join(dir, 'd.csv'), 'y,a,b\n1,1,2\n0,3,4\n1,5,6\n');
    const d = loadDataset({ file: 'd.csv', label: 'y', trainSize: 2 }, dir);
    expect(Array.from(d.xTrain)).to.deep.equal([1, 2, 3, 4]);
    expect(Array.from(d.yTrain)).to.deep.equal([1, 0]);
    expect(Array.from(d.xTest)).to.deep.equal([5, 6]);
  });

  it('refuses a trainSize that leaves no test rows, naming data.trainSize and the file', () => {
    writeFileSync(join(dir, 'small.csv'), 'a,y\n1,0\n2,1\n3,0\n');
    const file = join(dir, 'small.csv');
    expect(() => loadDataset({ file: 'small.csv', trainSize: 3 }, dir)).to.throw(InputError, `${file}: data.trainSize: expected a whole number from 1 to 2, or a fraction, so that some of the 3 rows train and some test, found 3`);
    expect(() => loadDataset({ generator: 'moons', samples: 10, noise: 0, seed: 1, trainSize: 10 }, dir)).to.throw(InputError, /^data\.trainSize: expected a whole number from 1 to 9/);
  });

  it('passes CSV problems through as InputErrors', () => {
    expect(() => loadDataset({ file: 'missing.csv', trainSize: 1 }, dir)).to.throw(InputError, 'no such file');
  });
});
