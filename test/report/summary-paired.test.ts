/**
 * summary.csv of a paired study: p-values from paired t-tests over repeats matched by index (not Welch), and the
 * sort metric's comparison columns and verdict against the baseline.
 */
import { expect } from 'chai';
import type { GridPoint } from '../../src/plan/plan.js';
import type { RunResult } from '../../src/protocol.js';
import type { PairedDesign } from '../../src/report/paired-design.js';
import { summarize } from '../../src/report/summary.js';
import { pairedT } from '../../src/stats/paired-t.js';
import { welchPValue } from '../../src/stats/welch-p-value.js';

const base = [0.78, 0.79, 0.8, 0.79, 0.8, 0.81, 0.77, 0.8, 0.8, 0.79];
const gain = [0.81, 0.8, 0.83, 0.79, 0.82, 0.84, 0.8, 0.81, 0.83, 0.82];
const points = [0, 1].map((index) => ({ index, values: { 'noise.placement': index === 0 ? 'none' : 'pre' }, config: {}, configHash: String(index) })) as GridPoint<unknown>[];
// Results arrive in any order: pairing is by repeat index, never by position.
const results: RunResult[] = [...base.map((v, repeat) => ({ pointIndex: 0, repeat, v })), ...gain.map((v, repeat) => ({ pointIndex: 1, repeat, v })).reverse()].map(({ pointIndex, repeat, v }) => ({
  runId: `${pointIndex}-${repeat}`, pointIndex, repeat, seed: repeat, status: 'ok', engine: 'fused', metrics: { test_accuracy: v }, seconds: 0,
}));
const design: PairedDesign = { metric: 'test_accuracy', lowerIsBetter: false, gamma: 0.75, seed: 1, testTrainRatio: () => undefined, vary: ['init', 'order', 'noise'] };

describe('report/summary (paired)', () => {
  it('paired: p is the paired t-test on matched repeats, and the verdict columns are filled', () => {
    const [none, pre] = summarize({ points, gridKeys: ['noise.placement'], metrics: ['test_accuracy'], results, baseline: 0, paired: design });
    expect(pre!.test_accuracy_p_value).to.equal(pairedT(gain, base)!.pValue);
    expect(pre!.verdict).to.equal('better');
    expect(pre!.test_accuracy_diff).to.be.closeTo(0.022, 1e-12);
    expect(pre!.test_accuracy_p_better).to.equal(0.95);
    expect(pre!.nadeau_bengio).to.equal('no');
    expect(none!.verdict).to.equal('');
  });

  it('unpaired: Welch, and no verdict columns', () => {
    const [, pre] = summarize({ points, gridKeys: ['noise.placement'], metrics: ['test_accuracy'], results, baseline: 0 });
    expect(pre!.test_accuracy_p_value).to.equal(welchPValue(base, gain));
    expect(pre).not.to.have.property('verdict');
  });
});
