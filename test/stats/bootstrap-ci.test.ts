/**
 * percentileBootstrap and probabilityBetterCi against test/fixtures/stats/bootstrap.json
 * (test/fixtures/gen/paired_reference.py): the generator replays the same xoshiro128** draws in Python and takes
 * np.percentile of the statistic over them (the interval must agree to rounding), and runs scipy 1.10's own
 * bootstrap(paired=True, method='percentile') with 200,000 resamples of its own (the interval must agree to
 * Monte-Carlo precision).
 */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { expect } from 'chai';
import { expandedLevel, percentileBootstrap, probabilityBetterCi, type BootstrapOptions } from '../../src/stats/bootstrap-ci.js';
import { expectClose, readCases } from './fixtures.js';

interface Case {
  name: string;
  statistic: 'probabilityBetter' | 'meanDifference';
  a: number[];
  b: number[];
  lowerIsBetter: boolean;
  seed: number;
  resamples: number;
  level: number;
  firstIndices: number[][];
  low: number;
  high: number;
  scipy: { resamples: number; low: number; high: number; standardError: number; distribution?: { values: number[]; counts: number[] } };
}

const meanDifference = (c: Case) => (indices: Int32Array) => {
  let sum = 0;
  for (const i of indices) sum += c.a[i]! - c.b[i]!;
  return sum / indices.length;
};

/** The interval a case's statistic gets, and the resamples' indices it drew (the first two). */
function run(c: Case): { low: number; high: number; drawn: number[][] } {
  const options: BootstrapOptions = { seed: c.seed, resamples: c.resamples, level: c.level };
  const drawn: number[][] = [];
  const record = (indices: Int32Array) => {
    if (drawn.length < 2) drawn.push(Array.from(indices));
  };
  if (c.statistic === 'meanDifference') {
    const statistic = meanDifference(c);
    return { ...percentileBootstrap(c.a.length, (idx) => (record(idx), statistic(idx)), options), drawn };
  }
  // probabilityBetterCi draws the same indices as percentileBootstrap with the same n and options.
  percentileBootstrap(c.a.length, (idx) => (record(idx), 0), { ...options, resamples: 2 });
  return { ...probabilityBetterCi(c.a, c.b, c.lowerIsBetter, { ...options, expand: false }), drawn };
}

/** Standard normal density, for the Monte-Carlo spread of a sample quantile. */
const phi = (z: number) => Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);

describe('percentileBootstrap', () => {
  const cases = readCases<Case>('bootstrap.json');

  it('draws the indices the Python replay of xoshiro128** draws', () => {
    for (const c of cases) expect(run(c).drawn, c.name).to.deep.equal(c.firstIndices);
  });

  it('gives numpy\'s percentile interval of the same resamples, to rounding', () => {
    expect(cases.length).to.be.greaterThan(5);
    for (const c of cases) {
      const { low, high } = run(c);
      expectClose(low, c.low, `${c.name} low`, 1e-12, 1e-15);
      expectClose(high, c.high, `${c.name} high`, 1e-12, 1e-15);
    }
  });

  it('agrees with scipy\'s own bootstrap to Monte-Carlo precision (P(A>B): where its bounds fall in scipy\'s distribution)', () => {
    for (const c of cases.filter((k) => k.scipy.distribution !== undefined)) {
      const { values, counts } = c.scipy.distribution!;
      const total = counts.reduce((s, k) => s + k, 0);
      /** scipy's bootstrap distribution function: the share of its resamples ≤ x (or < x). */
      const cdf = (x: number, strict: boolean) => values.reduce((s, v, i) => s + ((strict ? v < x : v <= x) ? counts[i]! : 0), 0) / total;
      const { low, high } = run(c);
      for (const [bound, q] of [[low, (1 - c.level) / 2], [high, (1 + c.level) / 2]] as const) {
        // 4 standard deviations of an empirical distribution function at q, ours and scipy's resamples combined.
        const tolerance = 4 * Math.sqrt(q * (1 - q) * (1 / c.resamples + 1 / total));
        expect(cdf(bound, true), `${c.name} F(${bound}⁻) vs ${q}`).to.be.at.most(q + tolerance);
        expect(cdf(bound, false), `${c.name} F(${bound}) vs ${q}`).to.be.at.least(q - tolerance);
      }
    }
  });

  it('agrees with scipy\'s own bootstrap to Monte-Carlo precision (mean difference: within 4 sd of a quantile)', () => {
    const continuous = cases.filter((k) => k.scipy.distribution === undefined);
    expect(continuous.length).to.be.greaterThan(1);
    for (const c of continuous) {
      const { low, high } = run(c);
      // sd of a sample q-quantile ≈ √(q(1 − q)/R) / φ(z_q) · σ (σ: the bootstrap distribution's sd, about normal).
      const q = (1 - c.level) / 2;
      const z = normalQuantile(1 - q, 0, 1);
      const tolerance = (4 * Math.sqrt(q * (1 - q) * (1 / c.resamples + 1 / c.scipy.resamples)) * c.scipy.standardError) / phi(z);
      expect(Math.abs(low - c.scipy.low), `${c.name} low ${low} vs ${c.scipy.low}`).to.be.at.most(tolerance);
      expect(Math.abs(high - c.scipy.high), `${c.name} high ${high} vs ${c.scipy.high}`).to.be.at.most(tolerance);
    }
  });

  it('is reproducible from its seed and changes with it', () => {
    const c = cases.find((k) => k.statistic === 'meanDifference')!;
    const options = { seed: 5, resamples: 500 };
    expect(percentileBootstrap(c.a.length, meanDifference(c), options)).to.deep.equal(percentileBootstrap(c.a.length, meanDifference(c), options));
    expect(percentileBootstrap(c.a.length, meanDifference(c), options)).not.to.deep.equal(percentileBootstrap(c.a.length, meanDifference(c), { ...options, seed: 6 }));
  });

  it('defaults to 10,000 resamples at 95 %', () => {
    let calls = 0;
    const { low, high } = percentileBootstrap(3, (idx) => (calls++, idx[0]!), { seed: 1 });
    expect(calls).to.equal(10_000);
    // idx[0] is uniform on {0, 1, 2}: the 2.5 % and 97.5 % quantiles are 0 and 2.
    expect([low, high]).to.deep.equal([0, 2]);
  });

  it('is [v, v] when every resample gives v: one repeat, or all n wins (however small n; see verdictOf)', () => {
    expect(probabilityBetterCi([0.9], [0.8], false, { seed: 3 })).to.deep.equal({ low: 1, high: 1 });
    expect(probabilityBetterCi([0.9, 0.85, 0.95], [0.8, 0.8, 0.8], false, { seed: 3 })).to.deep.equal({ low: 1, high: 1 });
    expect(probabilityBetterCi([0.8, 0.8], [0.8, 0.8], false, { seed: 3 })).to.deep.equal({ low: 0.5, high: 0.5 });
  });

  it('names itself on bad input', () => {
    const s = () => 0;
    expect(() => percentileBootstrap(0, s, { seed: 1 })).to.throw(RangeError, /^percentileBootstrap: expected n/);
    expect(() => percentileBootstrap(2.5, s, { seed: 1 })).to.throw(RangeError, /^percentileBootstrap: expected n/);
    expect(() => percentileBootstrap(3, s, { seed: 1, resamples: 0 })).to.throw(RangeError, /^percentileBootstrap: expected resamples/);
    expect(() => percentileBootstrap(3, s, { seed: 1, level: 1 })).to.throw(RangeError, /^percentileBootstrap: expected level/);
    expect(() => percentileBootstrap(3, s, { seed: 0.5 })).to.throw(RangeError, /^percentileBootstrap: expected seed/);
    expect(() => percentileBootstrap(3, () => NaN, { seed: 1 })).to.throw(RangeError, /^percentileBootstrap: expected the statistic to return a finite number, found NaN on resample 0/);
    expect(() => probabilityBetterCi([1, 2], [1], false, { seed: 1 })).to.throw(RangeError, /^probabilityBetterCi: expected paired samples/);
    expect(() => probabilityBetterCi([], [], false, { seed: 1 })).to.throw(RangeError, /^probabilityBetterCi: expected at least 1/);
  });
});

describe('expandedLevel', () => {
  // scipy 1.10: 1 - 2 * norm.cdf(-sqrt(n / (n - 1)) * t.ppf(0.975, n - 1)).
  const scipy: [number, number][] = [[5, 0.998091798896235], [10, 0.9828987219483842], [30, 0.9624921994435589]];
  it('widens a 95 % percentile interval as scipy computes it (Hesterberg 2015)', () => {
    // 1e-10: stdlib's t quantile and scipy's differ by a few 1e-12 in the 13th digit.
    for (const [n, level] of scipy) expect(expandedLevel(n, 0.95), `n = ${n}`).to.be.closeTo(level, 1e-10);
  });
  it('stays below 1 where the tail underflows (n = 2), and never narrows', () => {
    expect(expandedLevel(2, 0.95)).to.be.below(1).and.above(0.999999);
    expect(expandedLevel(1000, 0.95)).to.be.at.least(0.95);
  });
  it('is what probabilityBetterCi uses by default: wider than the plain percentile interval', () => {
    const a = [0.81, 0.79, 0.84, 0.8, 0.83, 0.78, 0.82, 0.85, 0.8, 0.79];
    const b = [0.8, 0.8, 0.82, 0.81, 0.8, 0.79, 0.8, 0.83, 0.78, 0.8];
    const plain = probabilityBetterCi(a, b, false, { seed: 4, expand: false });
    const wide = probabilityBetterCi(a, b, false, { seed: 4 });
    expect(wide.low).to.be.below(plain.low);
    expect(wide.high).to.be.at.least(plain.high);
  });
  it('names itself on bad input', () => {
    expect(() => expandedLevel(1, 0.95)).to.throw(RangeError, /^expandedLevel: expected n/);
    expect(() => expandedLevel(5, 1)).to.throw(RangeError, /^expandedLevel: expected level/);
  });
});
