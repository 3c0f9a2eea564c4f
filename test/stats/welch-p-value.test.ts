/**
 * welchPValue against the exact p-value (fractions and mpmath, 50 digits) and scipy.stats.ttest_ind(x, y,
 * equal_var=False).pvalue (test/fixtures/stats/welch.json, scipy 1.10.1).
 */
import { expect } from 'chai';
import { welchPValue } from '../../src/stats/welch-p-value.js';
import { expectClose, readCases } from './fixtures.js';

interface Case {
  name: string;
  x: number[];
  y: number[];
  pValue: number | null;
  pValueExact?: number;
  bothConstant: boolean;
}

/**
 * Samples near 1e6 whose means differ by about 1: the difference keeps 6 fewer digits than the data in double
 * arithmetic (scipy's p is 3.6e-10 off the exact value here), so this pair is held to 1e-9.
 */
const CANCELLING = new Set(['offset vs offset2']);

describe('welchPValue', () => {
  const cases = readCases<Case>('welch.json');

  const defined = cases.filter((c) => !c.bothConstant);

  it('matches the exact p-value on every reference pair where the test is defined, tiny p-values included', () => {
    expect(defined.length).to.be.greaterThan(14);
    expect(Math.min(...defined.map((c) => c.pValueExact!))).to.be.below(1e-20);
    for (const c of defined) expectClose(welchPValue(c.x, c.y), c.pValueExact!, c.name, CANCELLING.has(c.name) ? 1e-9 : 1e-12, 0);
  });

  it('matches scipy 1.10 on the same pairs', () => {
    for (const c of defined) expectClose(welchPValue(c.x, c.y), c.pValue!, c.name, CANCELLING.has(c.name) ? 1e-9 : 1e-12, 0);
  });

  it('is symmetric in its two samples', () => {
    const [c] = cases;
    expect(welchPValue(c!.x, c!.y)).to.equal(welchPValue(c!.y, c!.x));
  });

  it('is null when both samples are constant, where scipy gives 0, nan or a rounding artifact', () => {
    const constantPairs = cases.filter((c) => c.bothConstant);
    // The fixture records what scipy said: 0 (different constants), nan (equal), 5.7e-76 and 0.076 (rounding).
    expect(constantPairs.map((c) => c.pValue)).to.include.members([0, null]);
    for (const c of constantPairs) expect(welchPValue(c.x, c.y), c.name).to.equal(null);
  });

  it('works with one constant side: the other side carries the variance', () => {
    const c = cases.find((k) => k.name === 'acc10b vs constant')!;
    expect(c.bothConstant).to.equal(false);
    expectClose(welchPValue(c.x, c.y), c.pValueExact!, c.name);
  });

  it('is null with fewer than two values on a side', () => {
    expect(welchPValue([0.8], [0.7, 0.9, 0.85])).to.equal(null);
    expect(welchPValue([0.7, 0.9, 0.85], [])).to.equal(null);
  });

  it('names itself on bad input', () => {
    expect(() => welchPValue([1, 2], [3, NaN])).to.throw(TypeError, /^welchPValue:/);
  });
});
