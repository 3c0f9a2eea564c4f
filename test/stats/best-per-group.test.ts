/**
 * bestPerGroup on synthetic rows built from the reference samples; the expected p-values are scipy's Welch
 * p-values for the same pairs (test/fixtures/stats/welch.json: exact, mpmath).
 */
import { expect } from 'chai';
import { bestPerGroup } from '../../src/stats/best-per-group.js';
import { mean } from '../../src/stats/mean.js';
import { expectClose, readCases } from './fixtures.js';

type Row = Record<string, string | number | null>;

describe('bestPerGroup', () => {
  const sample = (name: string) => readCases<{ name: string; x: number[] }>('mean.json').find((c) => c.name === name)!.x;
  const exactP = (name: string) => readCases<{ name: string; pValueExact: number }>('welch.json').find((c) => c.name === name)!.pValueExact;
  const gridKeys = ['noise.placement', 'noise.stddev'];
  const points: [string, number | string, number[]][] = [
    ['none', '', sample('acc10a')],
    ['input', 0.1, sample('acc10b')],
    ['input', 0.2, sample('acc10a')],
    ['pre', 0.1, sample('acc10a')],
    ['pre', 0.2, sample('acc10c')],
    ['post', 0.1, []],
  ];
  const summary: Row[] = points.map(([p, s, xs]) => ({ 'noise.placement': p, 'noise.stddev': s, n: xs.length, test_accuracy_mean: xs.length ? mean(xs) : null }));
  // Runs as read back from runs.csv: grid values are text; a failed run's metric is blank and must not count.
  const runs: Row[] = points.flatMap(([p, s, xs]) => [
    ...xs.map((x, repeat) => ({ 'noise.placement': p, 'noise.stddev': String(s), repeat, test_accuracy: x, status: 'ok' })),
    { 'noise.placement': p, 'noise.stddev': String(s), repeat: 99, test_accuracy: '', status: 'failed' },
  ]);

  const best = bestPerGroup(summary, runs, { gridKeys, groupBy: 'noise.placement', metric: 'test_accuracy' });

  it('picks the highest mean per group, in the order groups appear', () => {
    expect(best.map((b) => [b.group, b.best['noise.stddev']])).to.deep.equal([['none', ''], ['input', 0.1], ['pre', 0.2]]);
  });

  it('picks the lowest mean when lower is better (losses, errors), with the same p-value', () => {
    const lowest = bestPerGroup(summary, runs, { gridKeys, groupBy: 'noise.placement', metric: 'test_accuracy', lowerIsBetter: true });
    const highestFirst = (group: string) => best.find((b) => b.group === group)!;
    for (const group of ['input', 'pre']) {
      const b = lowest.find((x) => x.group === group)!;
      expect(b.best, group).to.equal(highestFirst(group).runnerUp);
      expect(b.runnerUp, group).to.equal(highestFirst(group).best);
      expect(b.pValue, group).to.equal(highestFirst(group).pValue);
    }
  });

  it('tests best against runner-up with Welch over their runs (the exact p), at alpha 0.05', () => {
    const input = best.find((b) => b.group === 'input')!;
    expectClose(input.pValue, exactP('acc10a vs acc10b'), 'input');
    expect(input.distinguishable).to.equal(true);
    const pre = best.find((b) => b.group === 'pre')!;
    expectClose(pre.pValue, exactP('acc10a vs acc10c'), 'pre');
    expect(pre.distinguishable).to.equal(false);
    expect(pre.runnerUp!['noise.stddev']).to.equal(0.1);
  });

  it('has no runner-up, p or verdict for a group of one, and leaves out points with no successful run', () => {
    const none = best.find((b) => b.group === 'none')!;
    expect([none.runnerUp, none.pValue, none.distinguishable]).to.deep.equal([null, null, null]);
    expect(best.some((b) => b.group === 'post')).to.equal(false);
  });

  it('follows alpha', () => {
    const loose = bestPerGroup(summary, runs, { gridKeys, groupBy: 'noise.placement', metric: 'test_accuracy', alpha: 0.5 });
    expect(loose.find((b) => b.group === 'pre')!.distinguishable).to.equal(true);
  });

  it('refuses a group key that is not a grid key', () => {
    expect(() => bestPerGroup(summary, runs, { gridKeys, groupBy: 'noise.kind', metric: 'test_accuracy' })).to.throw(RangeError, /^bestPerGroup: expected groupBy/);
  });
});
