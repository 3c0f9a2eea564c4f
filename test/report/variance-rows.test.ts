/** report/variance-rows.ts: each arm's spread from the runs, by hand-computed numbers. */
import { expect } from 'chai';
import { loadStudy } from '../../src/config/load.js';
import { makePlan } from '../../src/plan/plan.js';
import type { RunResult } from '../../src/protocol.js';
import { isVariancePlan, renderVarianceTable, skippedSources, varianceRows } from '../../src/report/variance-rows.js';
import { tmpFile } from '../helpers/tmp.js';

const STUDY = 'name: v\npairing: independent\nrepeats: 3\ntrain: { epochs: 1 }\nnoise: { placement: pre, stddev: 0.1 }\ngrid: { vary: [[init], [order], [init, order, noise]] }\n';

describe('report/variance-rows', () => {
  const loaded = loadStudy(tmpFile('v.yaml', STUDY), { set: [] });
  const plan = makePlan(loaded.raw, loaded.study, loaded.file, loaded.baseDir);
  // init: 0.70, 0.72, 0.74 (std 0.02); order: 0.71 ×3 (std 0); all: 0.68, 0.72, 0.76 (std 0.04).
  const values = [[0.7, 0.72, 0.74], [0.71, 0.71, 0.71], [0.68, 0.72, 0.76]];
  const results: RunResult[] = plan.runs.map((r) => ({ runId: r.runId, pointIndex: r.pointIndex, repeat: r.repeat, seed: r.seed, status: 'ok', engine: 'fused', seconds: 0, metrics: { test_accuracy: values[r.pointIndex]![r.repeat]! } }));

  it('recognises a plan whose one grid key is vary', () => {
    expect(isVariancePlan(plan)).to.equal(true);
    const plain = loadStudy(tmpFile('p.yaml', 'name: p\ngrid: { noise.placement: [none, pre] }\n'), { set: [] });
    expect(isVariancePlan(makePlan(plain.raw, plain.study, plain.file, plain.baseDir))).to.equal(false);
  });

  it('gives each arm its mean, std with a chi-square interval, and its share of the all arm', () => {
    const rows = varianceRows(plan, results, 'test_accuracy');
    expect(rows.map((r) => r.source)).to.deep.equal(['init', 'order', 'all']);
    expect(rows[0]!.std).to.be.closeTo(0.02, 1e-12);
    expect(rows[0]!.mean).to.be.closeTo(0.72, 1e-12);
    expect(rows[1]!.std).to.equal(0);
    expect(rows[2]!.std).to.be.closeTo(0.04, 1e-12);
    expect(rows[0]!.shareOfAll).to.be.closeTo(0.25, 1e-9);
    expect(rows[2]!.shareOfAll).to.equal(1);
    // χ²(2) quantiles 0.0506356 and 7.3777589 (scipy chi2.ppf(0.025 / 0.975, 2)).
    expect(rows[0]!.stdLow).to.be.closeTo(0.02 * Math.sqrt(2 / 7.377758908227871), 1e-12);
    expect(rows[0]!.stdHigh).to.be.closeTo(0.02 * Math.sqrt(2 / 0.05063561596857975), 1e-9);
    expect(rows[2]!.varies).to.equal('all of the above together');
  });

  it('counts only ok runs, and prints a table with every arm', () => {
    const failedOne = results.map((r, i) => (i === 0 ? { ...r, status: 'failed' as const, metrics: {} } : r));
    const rows = varianceRows(plan, failedOne, 'test_accuracy');
    expect(rows[0]!.runs).to.equal(2);
    const table = renderVarianceTable(rows, 'test_accuracy');
    expect(table.split('\n')).to.have.length(5);
    expect(table).to.match(/^all\s+all of the above together\s+3\s+0\.7200\s+0\.0400 \[/m);
  });

  it('names the sources the study left out, and why', () => {
    expect(skippedSources(plan)).to.deep.equal(['split (train/test split): no arm, data.split is not set: the train/test rows never change']);
  });
});
