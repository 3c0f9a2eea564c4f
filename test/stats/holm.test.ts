/** holm against statsmodels' multipletests(p, method='holm') (test/fixtures/stats/holm.json, statsmodels 0.13.5). */
import { expect } from 'chai';
import { holm } from '../../src/stats/holm.js';
import { expectClose, readCases } from './fixtures.js';

describe('holm', () => {
  const cases = readCases<{ name: string; p: number[]; adjusted: number[] }>('holm.json');

  it('matches statsmodels on every reference family (ties, capping at 1, monotonicity, tiny p)', () => {
    expect(cases.length).to.be.greaterThan(8);
    for (const c of cases) holm(c.p).forEach((a, i) => expectClose(a, c.adjusted[i]!, `${c.name}[${i}]`, 1e-15, 0));
  });

  it('steps down: the textbook example [0.01, 0.04, 0.03, 0.005] → [0.03, 0.06, 0.06, 0.02]', () => {
    expect(holm([0.01, 0.04, 0.03, 0.005])).to.deep.equal([0.03, 0.06, 0.06, 0.02]);
  });

  it('lets nulls through without counting them in the family', () => {
    expect(holm([null, 0.01, null, 0.04])).to.deep.equal([null, 0.02, null, 0.04]);
    expect(holm([])).to.deep.equal([]);
  });

  it('refuses p-values outside [0, 1]', () => {
    expect(() => holm([0.5, 1.5])).to.throw(RangeError, /^holm: .* found 1.5 at index 1/);
    expect(() => holm([NaN])).to.throw(RangeError, /^holm:/);
  });
});
