/**
 * Every data.split kind against its definition: sizes, stratification, out-of-bootstrap rows disjoint from the
 * training rows, k folds that cover every row exactly once per shuffle; and the same draw, the same split.
 */
import { expect } from 'chai';
import { classesMissingFromTraining, splitRows, stratifiedCounts } from '../../../src/data/split/split-rows.js';

const N = 100;
const labels = Int32Array.from({ length: N }, (_, i) => (i < 70 ? 0 : i < 90 ? 1 : 2));

function disjointCover(train: Int32Array, test: Int32Array, n: number): void {
  const seen = new Uint8Array(n);
  for (const i of train) seen[i] = 1;
  for (const i of test) {
    expect(seen[i], `row ${i} both trains and tests`).to.equal(0);
    seen[i] = 2;
  }
  expect([...seen].every((v) => v > 0), 'every row trains or tests').to.equal(true);
}

describe('data/split/split-rows', () => {
  it('shuffle: trainSize rows train, the rest test, each row once; a new seed, a new split; the same seed, the same split', () => {
    const a = splitRows({ kind: 'shuffle' }, N, 30, { seed: 1, fold: 0 });
    expect([a.train.length, a.test.length]).to.deep.equal([30, 70]);
    disjointCover(a.train, a.test, N);
    expect([...splitRows({ kind: 'shuffle' }, N, 30, { seed: 1, fold: 0 }).train]).to.deep.equal([...a.train]);
    expect([...splitRows({ kind: 'shuffle' }, N, 30, { seed: 2, fold: 0 }).train]).not.to.deep.equal([...a.train]);
  });

  it('shuffle draws numpy RandomState(seed).permutation(n)[:nTrain] (as a set)', () => {
    // np.random.RandomState(1).permutation(10)[:4] → [2, 9, 6, 4]
    expect([...splitRows({ kind: 'shuffle' }, 10, 4, { seed: 1, fold: 0 }).train]).to.deep.equal([2, 4, 6, 9]);
  });

  it('stratified: every class keeps its share on both sides (70/20/10 → 21/6/3 of 30)', () => {
    for (const seed of [1, 2, 3]) {
      const s = splitRows({ kind: 'stratified' }, N, 30, { seed, fold: 0 }, labels);
      disjointCover(s.train, s.test, N);
      const count = (rows: Int32Array, c: number) => [...rows].filter((i) => labels[i] === c).length;
      expect([0, 1, 2].map((c) => count(s.train, c))).to.deep.equal([21, 6, 3]);
      expect([0, 1, 2].map((c) => count(s.test, c))).to.deep.equal([49, 14, 7]);
    }
  });

  it('stratifiedCounts: floors, then the largest remainders', () => {
    expect(stratifiedCounts([50, 30, 20], 7)).to.deep.equal([4, 2, 1]); // 3.5, 2.1, 1.4 → 3, 2, 1 + the .5
    expect(stratifiedCounts([1, 1, 1], 2)).to.deep.equal([1, 1, 0]);
  });

  it('bootstrap: trainSize draws with replacement; test is exactly the rows never drawn', () => {
    const s = splitRows({ kind: 'bootstrap' }, N, 100, { seed: 5, fold: 0 });
    expect(s.train.length).to.equal(100);
    const drawn = new Set(s.train);
    expect(drawn.size).to.be.lessThan(100); // with replacement: some rows repeat (P(no repeat) ≈ 1e-42)
    expect([...s.test].every((i) => !drawn.has(i))).to.equal(true);
    expect(drawn.size + s.test.length).to.equal(N);
    // about 1/e of the rows are out of bootstrap
    expect(s.test.length).to.be.within(25, 50);
  });

  it('kfold: the k folds of one shuffle test every row exactly once, and train on the others', () => {
    const k = 7;
    const tested = new Uint8Array(N);
    for (let fold = 0; fold < k; fold++) {
      const s = splitRows({ kind: 'kfold', k }, N, 30, { seed: 9, fold }, labels);
      disjointCover(s.train, s.test, N);
      expect(s.test.length).to.equal(fold < N % k ? 15 : 14); // 100 = 2 × 15 + 5 × 14, longer folds first (KFold)
      for (const i of s.test) tested[i]!++;
    }
    expect([...tested].every((c) => c === 1)).to.equal(true);
  });

  it('classesMissingFromTraining names a class with no training row', () => {
    const split = { train: Int32Array.from([0, 1, 2]), test: Int32Array.from([95, 96]) };
    expect(classesMissingFromTraining(split, labels)).to.deep.equal([1, 2]);
  });
});
