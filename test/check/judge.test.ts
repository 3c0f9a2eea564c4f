/** judge: one verdict per bound and selected row; values at, below and above bounds; missing values fail. */
import { expect } from 'chai';
import type { Expectation } from '../../src/check/expect.js';
import { formatAgainst, judge } from '../../src/check/judge.js';

const gridKeys = ['noise.placement', 'noise.stddev'];
const rows = [
  { 'noise.placement': 'none', 'noise.stddev': '', n: 10, test_accuracy_mean: 0.8, test_accuracy_std: 0.02 },
  { 'noise.placement': 'input', 'noise.stddev': 0.1, n: 10, test_accuracy_mean: 0.79996, test_accuracy_std: 0.03 },
  { 'noise.placement': 'input', 'noise.stddev': 0.2, n: 1, test_accuracy_mean: 0.9, test_accuracy_std: null },
];

describe('judge', () => {
  it('gives one verdict per bound and selected row, bounds inclusive', () => {
    const e: Expectation[] = [{ index: 0, where: { 'noise.placement': 'input' }, bounds: [{ column: 'test_accuracy_mean', min: 0.8 }, { column: 'test_accuracy_std', max: 0.03 }] }];
    const v = judge(e, rows, gridKeys);
    expect(v.map((x) => [x.column, x.point, x.value, x.passed])).to.deep.equal([
      ['test_accuracy_mean', 'noise.placement=input, noise.stddev=0.1', 0.79996, false],
      ['test_accuracy_mean', 'noise.placement=input, noise.stddev=0.2', 0.9, true],
      ['test_accuracy_std', 'noise.placement=input, noise.stddev=0.1', 0.03, true],
      ['test_accuracy_std', 'noise.placement=input, noise.stddev=0.2', null, false],
    ]);
    expect(v[0]!.message).to.equal('expect[0] test_accuracy_mean ≥ 0.8 at noise.placement=input, noise.stddev=0.1: 0.79996 is below the minimum');
    expect(v[1]!.message).to.equal('expect[0] test_accuracy_mean ≥ 0.8 at noise.placement=input, noise.stddev=0.2: 0.9 ok');
    expect(v[3]!.message).to.equal('expect[0] test_accuracy_std ≤ 0.03 at noise.placement=input, noise.stddev=0.2: no value (n = 1)');
    expect(v[0]).to.include({ expectation: 0, min: 0.8 });
  });

  it('fails above a maximum, passes exactly at both ends of a range', () => {
    const e: Expectation[] = [{ index: 3, where: {}, bounds: [{ column: 'test_accuracy_mean', min: 0.8, max: 0.9 }] }];
    expect(judge(e, rows, gridKeys).map((x) => x.passed)).to.deep.equal([true, false, true]);
    const high: Expectation[] = [{ index: 0, where: {}, bounds: [{ column: 'test_accuracy_mean', max: 0.85 }] }];
    expect(judge(high, rows, gridKeys)[2]!.message).to.match(/: 0\.9 is above the maximum$/);
  });

  it('reads numbers from CSV text too', () => {
    const e: Expectation[] = [{ index: 0, where: {}, bounds: [{ column: 'n', min: 5 }] }];
    expect(judge(e, [{ n: '10' }], []).map((x) => [x.point, x.value, x.passed])).to.deep.equal([['the study', 10, true]]);
  });

  it('fails, never passes silently, when the selection matches no row', () => {
    const e: Expectation[] = [{ index: 0, where: { 'noise.placement': 'post' }, bounds: [{ column: 'n', min: 1 }] }];
    const [v] = judge(e, rows, gridKeys);
    expect(v).to.include({ passed: false, point: 'no grid point', value: null });
    expect(v!.message).to.contain('no summary row matched the selection');
  });

  it('formats a value with the digits that show its side of the bound', () => {
    expect(formatAgainst(0.79996, 0.8)).to.equal('0.79996');
    expect(formatAgainst(0.812345, 0.8)).to.equal('0.8123');
    expect(formatAgainst(0.8, 0.8)).to.equal('0.8');
    expect(formatAgainst(0.8000000000000002, 0.8)).to.equal('0.8000000000000002');
  });
});
