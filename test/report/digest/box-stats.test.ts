/** Box plot numbers from a stream (src/report/digest/box-stats.ts): exact below EXACT_LIMIT, t-digest above. */
import { expect } from 'chai';
import { nextNormal } from '../../../src/engine/rng/normal.js';
import { Xoshiro128 } from '../../../src/engine/rng/xoshiro128.js';
import { BoxAccumulator, EXACT_LIMIT, quantileSorted } from '../../../src/report/digest/box-stats.js';

describe('box stats', () => {
  it('interpolates quantiles as numpy does (np.quantile, method "linear")', () => {
    // np.quantile([1, 2, 4, 8, 16], [0.25, 0.5, 0.75]) = [2, 4, 8]; np.quantile([1, 2, 3, 10], 0.25) = 1.75
    expect([0.25, 0.5, 0.75].map((p) => quantileSorted([1, 2, 4, 8, 16], p))).to.deep.equal([2, 4, 8]);
    expect(quantileSorted([1, 2, 3, 10], 0.25)).to.equal(1.75);
    expect(() => quantileSorted([], 0.5)).to.throw('quantileSorted');
  });

  it('is exact for a point with few runs: Tukey whiskers stop at the furthest value within 1.5 IQR', () => {
    const acc = new BoxAccumulator();
    for (const v of [0.5, 0.7, 0.71, 0.72, 0.73, 0.74, 0.75, 0.99]) acc.add(v);
    const box = acc.box()!;
    // numpy: q1 = np.quantile(v, 0.25) = 0.7075, q3 = 0.7425, IQR 0.035: fences 0.655 and 0.795
    expect(box.exact).to.equal(true);
    expect(box.q1).to.be.closeTo(0.7075, 1e-12);
    expect(box.q3).to.be.closeTo(0.7425, 1e-12);
    expect(box.median).to.be.closeTo(0.725, 1e-12);
    expect([box.lower, box.upper]).to.deep.equal([0.7, 0.75]);
    expect([box.min, box.max, box.n]).to.deep.equal([0.5, 0.99, 8]);
  });

  it('stays exact at 100,000 runs of an accuracy on 70 test rows (71 distinct values), equal to the sorted quantiles', () => {
    const rng = Xoshiro128.fromSeed(3);
    const acc = new BoxAccumulator();
    const values: number[] = [];
    for (let i = 0; i < 100_000; i++) {
      const v = Math.round((0.8 + 0.03 * nextNormal(rng)) * 70) / 70;
      values.push(v);
      acc.add(v);
    }
    values.sort((a, b) => a - b);
    const box = acc.box()!;
    expect(box.exact).to.equal(true);
    expect([box.q1, box.median, box.q3]).to.deep.equal([0.25, 0.5, 0.75].map((p) => quantileSorted(values, p)));
    const iqr = box.q3 - box.q1;
    expect(box.lower).to.equal(values.find((v) => v >= box.q1 - 1.5 * iqr));
    expect(box.upper).to.equal([...values].reverse().find((v) => v <= box.q3 + 1.5 * iqr));
  });

  it('interpolates between order statistics that fall on different distinct values', () => {
    const acc = new BoxAccumulator();
    for (const v of [1, 1, 2, 10]) acc.add(v);
    // np.quantile([1, 1, 2, 10], [0.25, 0.5, 0.75]) = [1, 1.5, 4]
    const box = acc.box()!;
    expect([box.q1, box.median, box.q3]).to.deep.equal([1, 1.5, 4]);
  });

  it('past EXACT_LIMIT distinct values, sketches quartiles within 0.01 standard deviations of the exact ones', () => {
    const rng = Xoshiro128.fromSeed(7);
    const acc = new BoxAccumulator();
    const values: number[] = [];
    for (let i = 0; i < 100_000; i++) {
      const v = 0.8 + 0.02 * nextNormal(rng);
      values.push(v);
      acc.add(v);
    }
    const box = acc.box()!;
    expect(box.exact).to.equal(false);
    expect(box.n).to.equal(100_000);
    values.sort((a, b) => a - b);
    expect(box.q1).to.be.closeTo(quantileSorted(values, 0.25), 0.0002);
    expect(box.median).to.be.closeTo(quantileSorted(values, 0.5), 0.0002);
    expect(box.q3).to.be.closeTo(quantileSorted(values, 0.75), 0.0002);
    expect(box.lower).to.be.at.least(values[0]!);
    expect(box.upper).to.be.at.most(values[values.length - 1]!);
  });

  it('switches to the sketch just past the limit of distinct values, not before', () => {
    const acc = new BoxAccumulator();
    for (let i = 0; i < EXACT_LIMIT; i++) acc.add(i);
    expect(acc.box()!.exact).to.equal(true);
    acc.add(EXACT_LIMIT);
    expect(acc.box()!.exact).to.equal(false);
    expect(acc.box()!.n).to.equal(EXACT_LIMIT + 1);
  });
});
