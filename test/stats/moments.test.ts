/**
 * Running moments against the sample-based statistics they stand in for (mean, sampleVariance, ci95,
 * welchPValue, cohensD), which are themselves checked against numpy, scipy and exact values: on the reference
 * samples of test/fixtures/stats/*.json, and on random samples streamed in random chunks merged in random order.
 */
import { expect } from 'chai';
import { Xoshiro128 } from '../../src/engine/rng/xoshiro128.js';
import { ci95 } from '../../src/stats/ci95.js';
import { cohensD } from '../../src/stats/cohens-d.js';
import { mean } from '../../src/stats/mean.js';
import {
  addValue, ci95FromMoments, cohensDFromMoments, emptyMoments, mergeMoments, momentsOf, varianceOf, welchFromMoments, type Moments,
} from '../../src/stats/moments.js';
import { sampleVariance } from '../../src/stats/sample-variance.js';
import { welchPValue } from '../../src/stats/welch-p-value.js';
import { expectClose, readCases } from './fixtures.js';

/**
 * Samples near 1e6 with a spread of 1: Welford's one-pass update keeps ~11 digits of their variance (1e-11
 * relative to the exact value, measured; the two-pass sampleVariance is exact to an ulp there).
 */
const OFFSET = /offset/;

/** Equal to 1e-12 relative (1e-9 for the offset samples' variance, p and d), or both null. */
function same(actual: number | null, expected: number | null, what: string, loose = false): void {
  if (expected === null) {
    expect(actual, what).to.equal(null);
    return;
  }
  expectClose(actual, expected, what, loose ? 1e-9 : 1e-12, 1e-15);
}

/** The moments of xs built the way a distributed summary would: random chunks, each streamed, merged in a random order. */
function streamed(xs: readonly number[], rng: Xoshiro128): Moments {
  const chunks: Moments[] = [];
  for (let start = 0; start < xs.length; ) {
    const end = Math.min(xs.length, start + 1 + rng.nextBelow(Math.max(1, Math.ceil(xs.length / 3))));
    chunks.push(xs.slice(start, end).reduce(addValue, emptyMoments()));
    start = end;
  }
  if (rng.nextBelow(2) === 0) chunks.push(emptyMoments());
  // Merge random pairs until one is left: a random merge tree, not just left to right.
  while (chunks.length > 1) {
    const i = rng.nextBelow(chunks.length);
    const [a] = chunks.splice(i, 1);
    const j = rng.nextBelow(chunks.length);
    chunks[j] = rng.nextBelow(2) === 0 ? mergeMoments(a!, chunks[j]!) : mergeMoments(chunks[j]!, a!);
  }
  return chunks[0] ?? emptyMoments();
}

describe('moments', () => {
  const samples = readCases<{ name: string; x: number[] }>('mean.json');
  const pairs = readCases<{ name: string; x: number[]; y: number[] }>('welch.json');
  const rng = Xoshiro128.fromSeed(2024, 7);

  it('give the mean, the variance and the 95 % interval of every reference sample, streamed or merged', () => {
    expect(samples.length).to.be.greaterThan(15);
    for (const c of samples) {
      const loose = OFFSET.test(c.name);
      for (const [how, m] of [['streamed', momentsOf(c.x)], ['merged', streamed(c.x, rng)]] as const) {
        expect(m.n, `${c.name} ${how}`).to.equal(c.x.length);
        same(m.mean, mean(c.x), `${c.name} ${how} mean`);
        same(varianceOf(m), sampleVariance(c.x), `${c.name} ${how} variance`, loose);
        const [got, want] = [ci95FromMoments(m), ci95(c.x)];
        same(got.low, want.low, `${c.name} ${how} low`);
        same(got.high, want.high, `${c.name} ${how} high`);
      }
    }
  });

  it('give Welch\'s p and Cohen\'s d of every reference pair, streamed or merged', () => {
    expect(pairs.length).to.be.greaterThan(15);
    for (const c of pairs) {
      const loose = OFFSET.test(c.name);
      for (const [how, mx, my] of [['streamed', momentsOf(c.x), momentsOf(c.y)], ['merged', streamed(c.x, rng), streamed(c.y, rng)]] as const) {
        same(welchFromMoments(mx, my), welchPValue(c.x, c.y), `${c.name} ${how} p`, loose);
        same(cohensDFromMoments(mx, my), cohensD(c.x, c.y), `${c.name} ${how} d`, loose);
      }
    }
  });

  it('agree on 200 random samples split into random chunks and merged in random orders', () => {
    for (let k = 0; k < 200; k++) {
      const n = 1 + rng.nextBelow(60);
      const scale = 10 ** (rng.nextBelow(7) - 3);
      const x = Array.from({ length: n }, () => (rng.nextFloat() - 0.3) * scale);
      const y = Array.from({ length: 1 + rng.nextBelow(40) }, () => (rng.nextFloat() + 0.1) * scale);
      const m = streamed(x, rng);
      const my = streamed(y, rng);
      same(m.mean, mean(x), `#${k} mean`);
      same(varianceOf(m), sampleVariance(x), `#${k} variance`);
      same(ci95FromMoments(m).low, ci95(x).low, `#${k} low`);
      same(welchFromMoments(m, my), welchPValue(x, y), `#${k} p`);
      same(cohensDFromMoments(m, my), cohensD(x, y), `#${k} d`);
    }
  });

  it('keep a constant sample exact however it is streamed: m2 = 0, mean c, interval [c, c], no test', () => {
    const constant = new Array(13).fill(0.8);
    for (let k = 0; k < 20; k++) {
      const m = k === 0 ? momentsOf(constant) : streamed(constant, rng);
      expect(m, `#${k}`).to.deep.equal({ n: 13, mean: 0.8, m2: 0 });
    }
    const m = momentsOf(constant);
    expect(ci95FromMoments(m)).to.deep.equal({ low: 0.8, high: 0.8 });
    expect(welchFromMoments(m, momentsOf([0.9, 0.9, 0.9]))).to.equal(null);
    expect(cohensDFromMoments(m, momentsOf([0.9, 0.9]))).to.equal(null);
    // One constant side: the other carries the test, as welchPValue.
    same(welchFromMoments(m, momentsOf([0.7, 0.9, 0.85])), welchPValue(constant, [0.7, 0.9, 0.85]), 'one constant side');
  });

  it('merge with empty moments as the identity, and small cases as the samples do', () => {
    const m = momentsOf([1, 2, 4]);
    expect(mergeMoments(emptyMoments(), m)).to.equal(m);
    expect(mergeMoments(m, emptyMoments())).to.equal(m);
    expect(mergeMoments(momentsOf([1, 2]), momentsOf([3, 4]))).to.deep.equal({ n: 4, mean: 2.5, m2: 5 });
    expect(varianceOf(momentsOf([5]))).to.equal(null);
    expect(ci95FromMoments(momentsOf([5]))).to.deep.equal({ low: null, high: null });
    expect(welchFromMoments(momentsOf([1]), momentsOf([1, 2]))).to.equal(null);
    expect(cohensDFromMoments(momentsOf([1]), momentsOf([2]))).to.equal(null);
    expect(cohensDFromMoments(momentsOf([1, 2, 3]), momentsOf([5]))).to.equal(3);
  });

  it('do not change their input', () => {
    const m = momentsOf([1, 2]);
    addValue(m, 10);
    mergeMoments(m, momentsOf([7]));
    expect(m).to.deep.equal({ n: 2, mean: 1.5, m2: 0.5 });
  });

  it('name themselves on bad input', () => {
    expect(() => addValue(emptyMoments(), NaN)).to.throw(TypeError, /^addValue: expected a finite number/);
    expect(() => addValue({ n: 1.5, mean: 0, m2: 0 }, 1)).to.throw(RangeError, /^addValue: expected moments/);
    expect(() => mergeMoments(emptyMoments(), { n: 2, mean: 0, m2: -1 })).to.throw(RangeError, /^mergeMoments: expected moments/);
    expect(() => momentsOf([1, Infinity])).to.throw(TypeError, /^momentsOf:/);
    expect(() => ci95FromMoments(emptyMoments())).to.throw(RangeError, /^ci95FromMoments: expected at least 1 value/);
    expect(() => cohensDFromMoments(emptyMoments(), momentsOf([1, 2]))).to.throw(RangeError, /^cohensDFromMoments: expected at least 1 value on each side/);
    expect(() => welchFromMoments(null as unknown as Moments, emptyMoments())).to.throw(RangeError, /^welchFromMoments: expected moments/);
    expect(() => varianceOf({ n: -1, mean: 0, m2: 0 })).to.throw(RangeError, /^varianceOf:/);
  });
});
