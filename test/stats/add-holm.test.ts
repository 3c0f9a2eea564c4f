/** addHolm: Holm per metric across rows; the expected values are statsmodels' textbook family (holm.json). */
import { expect } from 'chai';
import { addHolm } from '../../src/stats/add-holm.js';
import { readCases } from './fixtures.js';

describe('addHolm', () => {
  const textbook = readCases<{ name: string; p: number[]; adjusted: number[] }>('holm.json').find((c) => c.name === 'textbook')!;

  it('adjusts each metric as one family over the rows that have a p-value', () => {
    const rows = [
      { 'noise.placement': 'none', n: 10, acc_p_value: null, loss_p_value: null },
      ...textbook.p.map((p, i) => ({ 'noise.placement': `p${i}`, n: 10, acc_p_value: p, loss_p_value: i === 0 ? 0.5 : null })),
    ];
    const out = addHolm(rows, ['acc', 'loss']);
    expect(out.map((r) => r.acc_p_holm)).to.deep.equal([null, ...textbook.adjusted]);
    // loss: one p-value in its family, so it stays as it is.
    expect(out.map((r) => r.loss_p_holm)).to.deep.equal([null, 0.5, null, null, null]);
    expect(out[1]!['noise.placement']).to.equal('p0');
  });

  it('does not change its input', () => {
    const rows = [{ acc_p_value: 0.01 }, { acc_p_value: 0.02 }];
    addHolm(rows, ['acc']);
    expect(rows).to.deep.equal([{ acc_p_value: 0.01 }, { acc_p_value: 0.02 }]);
  });

  it('refuses a p-value cell that is not a number', () => {
    expect(() => addHolm([{ acc_p_value: '0.1' }], ['acc'])).to.throw(RangeError, /^addHolm: expected acc_p_value/);
  });
});
