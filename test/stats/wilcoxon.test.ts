/**
 * wilcoxonSignedRank against scipy 1.10's wilcoxon(a, b) with its defaults (test/fixtures/stats/wilcoxon.json,
 * test/fixtures/gen/paired_reference.py): the statistic, the p-value and which method scipy's 'auto' chose.
 * For accuracies k/70 the reference is scipy on the integer counts k (what the accuracies mean, free of
 * rounding); scipyOnRounded, scipy on the rounded doubles, is there to show that it differs.
 */
import { expect } from 'chai';
import { wilcoxonSignedRank } from '../../src/stats/wilcoxon.js';
import { expectClose, readCases } from './fixtures.js';

interface Result {
  statistic: number;
  pValue: number;
  method: 'exact' | 'normal';
}
type Case = Result & { name: string; a: number[]; b: number[]; scipyOnRounded?: Result };

describe('wilcoxonSignedRank', () => {
  const cases = readCases<Case>('wilcoxon.json');

  it('matches scipy 1.10 on every reference pair: statistic, p-value and method', () => {
    expect(cases.length).to.be.greaterThan(14);
    for (const c of cases) {
      const r = wilcoxonSignedRank(c.a, c.b)!;
      expect(r.method, c.name).to.equal(c.method);
      expect(r.statistic, c.name).to.equal(c.statistic);
      // Exact p-values are dyadic fractions (scipy sums a float pmf: off by an ulp or so).
      expectClose(r.pValue, c.pValue, c.name, 1e-12);
    }
  });

  it('covers both methods: exact up to n = 50 without zeros, normal for n = 51 or any zero', () => {
    const method = (name: string) => cases.find((c) => c.name === name)!.method;
    expect(method('normal50')).to.equal('exact');
    expect(method('normal51')).to.equal('normal');
    expect(method('one zero')).to.equal('normal');
    expect(method('acc20 zeros')).to.equal('normal');
    expect(cases.filter((c) => c.method === 'exact').length).to.be.greaterThan(5);
    expect(cases.filter((c) => c.method === 'normal').length).to.be.greaterThan(4);
  });

  it('truncates a half-integer R+ in the exact method, as scipy 1.10 does: d = [0.5, −0.5, 3] → p = 0.75', () => {
    // Ranks 1.5, 1.5, 3: R+ = 4.5, R− = 1.5. scipy uses r = int(4.5) = 4 in the untied distribution of n = 3
    // (counts of rank sums 0..6: 1, 1, 1, 2, 1, 1, 1 out of 8): 2 · P(R+ ≥ 4) = 2 · 3/8.
    expect(wilcoxonSignedRank([1, 2, 4], [0.5, 2.5, 1])).to.deep.equal({ statistic: 1.5, pValue: 0.75, method: 'exact' });
  });

  it('gives accuracies the ties their counts have, where scipy on the rounded doubles breaks them', () => {
    const accuracies = cases.filter((c) => c.scipyOnRounded !== undefined);
    expect(accuracies.length).to.be.greaterThan(3);
    // Each of these differs from scipy-on-counts in scipy's own answer: the rounding of k/70 changed its ranks.
    for (const c of accuracies) expect([c.scipyOnRounded!.statistic, c.scipyOnRounded!.pValue], c.name).not.to.deep.equal([c.statistic, c.pValue]);
  });

  it('is exact to the last bit where the answer is a simple fraction: all 20 differences positive → 2/2^20', () => {
    const r = wilcoxonSignedRank(Array.from({ length: 20 }, (_, i) => i + 1), new Array(20).fill(0))!;
    expect(r).to.deep.equal({ statistic: 0, pValue: 2 / 2 ** 20, method: 'exact' });
  });

  it('is symmetric: swapping a and b keeps the statistic and p, except where scipy 1.10 truncates R+', () => {
    const halfInteger = (c: Case) => c.method === 'exact' && !Number.isInteger(c.statistic);
    const symmetric = cases.filter((c) => !halfInteger(c));
    expect(symmetric.length).to.be.greaterThan(12);
    for (const c of symmetric) expect(wilcoxonSignedRank(c.b, c.a), c.name).to.deep.equal(wilcoxonSignedRank(c.a, c.b));
    // Truncating R+ = 4.5 gives r = 4; swapped, R+ = 1.5 gives r = 1: 2 · P(R+ ≤ 1) = 2 · 2/8 (scipy 1.10 alike).
    expect(cases.filter(halfInteger).map((c) => c.name)).to.deep.equal(['three']);
    expect(wilcoxonSignedRank([0.5, 2.5, 1], [1, 2, 4])).to.deep.equal({ statistic: 1.5, pValue: 0.5, method: 'exact' });
  });

  it('handles n = 1 and n = 2, and is null when every difference is 0 or there is none', () => {
    expect(wilcoxonSignedRank([1], [0])).to.deep.equal({ statistic: 0, pValue: 1, method: 'exact' });
    expect(wilcoxonSignedRank([1, 3], [0, 1])).to.deep.equal({ statistic: 0, pValue: 0.5, method: 'exact' });
    expect(wilcoxonSignedRank([0.8, 0.9], [0.8, 0.9])).to.equal(null);
    expect(wilcoxonSignedRank([], [])).to.equal(null);
  });

  it('counts a zero difference once any pair ties exactly: normal approximation on the rest', () => {
    // d = [0, 1, 2, 3]: zero dropped, ranks 1, 2, 3 all positive: T = 0, z = (0 − 3·4/4) / √(3·4·7/24) = −3/√3.5.
    const r = wilcoxonSignedRank([5, 6, 7, 8], [5, 5, 5, 5])!;
    expect(r.method).to.equal('normal');
    expect(r.statistic).to.equal(0);
    expectClose(r.pValue, 0.10880943004054568, 'p', 1e-12); // scipy 1.10's wilcoxon([5, 6, 7, 8], [5, 5, 5, 5])
  });

  it('names itself on bad input', () => {
    expect(() => wilcoxonSignedRank([1, 2], [1])).to.throw(RangeError, /^wilcoxonSignedRank: expected paired samples/);
    expect(() => wilcoxonSignedRank([1, NaN], [1, 2])).to.throw(TypeError, /^wilcoxonSignedRank:/);
  });
});
