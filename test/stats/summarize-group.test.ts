/**
 * summarizeGroup composes the statistics checked against numpy/scipy/mpmath: the expected values here are the
 * same reference files (test/fixtures/stats/*.json), for the baseline acc10a and the sample acc10b.
 */
import { expect } from 'chai';
import { groupColumns, STAT_SUFFIXES, summarizeGroup } from '../../src/stats/summarize-group.js';
import { expectClose, readCases } from './fixtures.js';

describe('summarizeGroup', () => {
  const sample = (name: string) => readCases<{ name: string; x: number[] }>('mean.json').find((c) => c.name === name)!.x;
  const baseline = sample('acc10a');
  const xs = sample('acc10b');

  it('gives numpy\'s mean and std, scipy\'s interval and Welch p, and the reference d', () => {
    const s = summarizeGroup(baseline, xs);
    expectClose(s.mean, readCases<{ name: string; mean: number }>('mean.json').find((c) => c.name === 'acc10b')!.mean, 'mean');
    expectClose(s.std, readCases<{ name: string; std: number }>('sample-std.json').find((c) => c.name === 'acc10b')!.std, 'std');
    const ci = readCases<{ name: string; lowExact: number; highExact: number }>('ci95.json').find((c) => c.name === 'acc10b')!;
    expectClose(s.ci95Low, ci.lowExact, 'ci95Low');
    expectClose(s.ci95High, ci.highExact, 'ci95High');
    expectClose(s.pValue, readCases<{ name: string; pValueExact: number }>('welch.json').find((c) => c.name === 'acc10a vs acc10b')!.pValueExact, 'p');
    expectClose(s.cohensD, readCases<{ name: string; d: number }>('cohens-d.json').find((c) => c.name === 'acc10a vs acc10b')!.d, 'd');
  });

  it('has no p-value or d without a baseline (and for the baseline point itself)', () => {
    const s = summarizeGroup(null, xs);
    expect(s.pValue).to.equal(null);
    expect(s.cohensD).to.equal(null);
    expect(s.mean).to.be.a('number');
    expect(summarizeGroup([], xs).pValue).to.equal(null);
  });

  it('is all null when no run succeeded, and has only a mean for one run', () => {
    expect(Object.values(summarizeGroup(baseline, [])).every((v) => v === null)).to.equal(true);
    // d = (5 − 2) / √((2·1 + 0) / 2) = 3: a one-run point still has a mean and an effect size, no test.
    expect(summarizeGroup([1, 2, 3], [5])).to.deep.equal({ mean: 5, std: null, ci95Low: null, ci95High: null, pValue: null, cohensD: 3 });
  });

  it('renders as the summary.csv columns of the metric, in STAT_SUFFIXES order', () => {
    const cells = groupColumns('test_accuracy', summarizeGroup(baseline, xs));
    expect(Object.keys(cells)).to.deep.equal(STAT_SUFFIXES.map((s) => `test_accuracy_${s}`));
    expect(cells.test_accuracy_p_holm).to.equal(null);
  });
});
