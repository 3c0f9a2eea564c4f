/**
 * data.shuffle and data.standardize against scikit-learn 1.2.1 (test/fixtures/data/preprocess.json, made by
 * test/fixtures/gen/preprocess_reference.py): sklearn.utils.shuffle's row order, StandardScaler fitted on the
 * training rows, and the whole pipeline (shuffle → split → standardize) on configs/data/breast-cancer.csv.
 */
import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import type { Table } from '../../../src/data/dataset.js';
import { loadDataset } from '../../../src/data/load-dataset.js';
import { shuffleTable } from '../../../src/data/preprocess/shuffle.js';
import { fitScaling, standardize } from '../../../src/data/preprocess/standardize.js';
import { expectClose } from '../../stats/fixtures.js';
import { readJson } from '../fixtures.js';

interface Reference {
  shuffle: { n: number; seed: number; order: number[] }[];
  standardize: { train: number[][]; test: number[][]; mean: number[]; scale: number[]; trainOut: number[][]; testOut: number[][] }[];
  pipeline: { file: string; seed: number; trainSize: number; nTrain: number; mean: number[]; scale: number[]; firstTrain: number[][]; firstTest: number[][]; yTrain: number[]; yTest: number[] };
}

const ref = readJson<Reference>('preprocess.json');
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

function tableOf(rows: number[][]): Table {
  return { nFeatures: rows[0]!.length, X: Float64Array.from(rows.flat()), y: Float64Array.from(rows, (_, i) => i) };
}

function expectRows(actual: Float64Array | Float32Array, expected: number[][], what: string, rel = 1e-12): void {
  expect(actual.length, what).to.equal(expected.length * (expected[0]?.length ?? 0));
  expected.flat().forEach((v, i) => expectClose(actual[i]!, v, `${what}[${i}]`, rel, 1e-12));
}

describe('data/preprocess', () => {
  it("shuffle: sklearn.utils.shuffle's order for every n and seed, features and labels together", () => {
    for (const { n, seed, order } of ref.shuffle) {
      const table: Table = { nFeatures: 2, X: Float64Array.from({ length: 2 * n }, (_, k) => k), y: Float64Array.from({ length: n }, (_, i) => i) };
      const out = shuffleTable(table, seed);
      expect(Array.from(out.y), `n ${n} seed ${seed}`).to.deep.equal(order);
      expect(Array.from(out.X), `n ${n} seed ${seed}`).to.deep.equal(order.flatMap((i) => [2 * i, 2 * i + 1]));
      expect(Array.from(table.y), 'the input is not changed').to.deep.equal(Array.from({ length: n }, (_, i) => i));
    }
  });

  it("standardize: StandardScaler's mean_ and scale_ from the training rows, applied to both (constant column: scale 1)", () => {
    for (const [i, c] of ref.standardize.entries()) {
      const split = { train: tableOf(c.train), test: tableOf(c.test) };
      const scaling = fitScaling(split.train);
      c.mean.forEach((m, j) => expectClose(scaling.mean[j]!, m, `case ${i} mean[${j}]`));
      c.scale.forEach((s, j) => expectClose(scaling.scale[j]!, s, `case ${i} scale[${j}]`, 1e-9));
      const out = standardize(split);
      expectRows(out.train.X, c.trainOut, `case ${i} train`, 1e-9);
      expectRows(out.test.X, c.testOut, `case ${i} test`, 1e-9);
    }
    expect(ref.standardize[0]!.scale[1]).to.equal(1);
  });

  it('standardize uses the training rows only: the test rows keep their own offset', () => {
    const out = standardize({ train: tableOf([[1], [3]]), test: tableOf([[5], [7]]) });
    expect(Array.from(out.train.X)).to.deep.equal([-1, 1]);
    expect(Array.from(out.test.X)).to.deep.equal([3, 5]);
  });

  it('the pipeline on breast-cancer.csv: shuffle (seed 1), first floor(0.7 n) rows train, z-scores from them', () => {
    const p = ref.pipeline;
    const d = loadDataset({ file: p.file, trainSize: p.trainSize, shuffle: p.seed, standardize: true }, ROOT);
    expect([d.nTrain, d.nTest, d.nFeatures]).to.deep.equal([p.nTrain, 569 - p.nTrain, 30]);
    expect(Array.from(d.yTrain.subarray(0, 10))).to.deep.equal(p.yTrain);
    expect(Array.from(d.yTest.subarray(0, 10))).to.deep.equal(p.yTest);
    // float32 rows: sklearn's float64 values rounded once.
    expect(Array.from(d.xTrain.subarray(0, 90))).to.deep.equal(Array.from(Float32Array.from(p.firstTrain.flat())));
    expect(Array.from(d.xTest.subarray(0, 90))).to.deep.equal(Array.from(Float32Array.from(p.firstTest.flat())));
    // Without standardize, the same shuffled rows, raw.
    const raw = loadDataset({ file: p.file, trainSize: p.trainSize, shuffle: p.seed }, ROOT);
    expect(Array.from(raw.yTrain.subarray(0, 10))).to.deep.equal(p.yTrain);
    expect(raw.xTrain[0]).to.be.closeTo(p.firstTrain[0]![0]! * p.scale[0]! + p.mean[0]!, 1e-4);
  });

  it('takes data.shuffle off before a generator runs (make_blobs has its own shuffle flag)', () => {
    const spec = { generator: 'blobs' as const, samples: 20, seed: 3, features: 2, centers: 2, clusterStd: 1, trainSize: 10 };
    const plain = loadDataset(spec, '.');
    const shuffled = loadDataset({ ...spec, shuffle: 5 }, '.');
    const both = [...plain.yTrain, ...plain.yTest];
    expect([...shuffled.yTrain, ...shuffled.yTest].sort()).to.deep.equal(both.sort());
    expect(Array.from(shuffled.xTrain)).not.to.deep.equal(Array.from(plain.xTrain));
    // shuffle 0 is a seed, not "off".
    expect(Array.from(loadDataset({ ...spec, shuffle: 0 }, '.').xTrain)).not.to.deep.equal(Array.from(plain.xTrain));
  });
});
