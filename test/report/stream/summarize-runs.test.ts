/**
 * The streamed path against the in-memory one it replaced (issue 13), on the same runs.csv: a log written
 * like a sweep's (rows in completion order, failed runs retried later, a metric missing, rows of an earlier
 * study), summarized by streaming it, and by summarize() over the rows read whole, as every command did
 * before; the rewrite in plan order against orderedRunsText byte for byte; the report's digest against
 * digestRuns over the run rows. Numbers to 1e-12, everything else exactly.
 */
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAnyStudy } from '../../../src/config/load.js';
import { Xoshiro128 } from '../../../src/engine/rng/xoshiro128.js';
import { resolveBaseline } from '../../../src/plan/baseline.js';
import { type AnyPlan, planStudy } from '../../../src/plan/plan.js';
import { planMetrics } from '../../../src/plan/study.js';
import type { RunResult } from '../../../src/protocol.js';
import { planSortOf, seedColumnsOf } from '../../../src/report/columns.js';
import { digestRuns } from '../../../src/report/digest/run-digest.js';
import { pairedDesignOf } from '../../../src/report/paired-design.js';
import { csvText, readCsvLog, runColumns, runRow } from '../../../src/report/runs-csv.js';
import { feedRuns } from '../../../src/report/stream/feed-runs.js';
import { rewriteRunsLog } from '../../../src/report/stream/rewrite-runs.js';
import { summarizeRuns } from '../../../src/report/stream/summarize-runs.js';
import { rangesOf, summarize } from '../../../src/report/summary.js';
import { studyRaceOf } from '../../../src/report/race.js';
import { orderedResults, orderedRunsText, resultSetOf } from '../../../src/report/write-results.js';
import { safeCell } from '../../../src/report/cells.js';
import { tmpDir } from '../../helpers/tmp.js';
import { expectSameRows } from '../../helpers/same-rows.js';

function planOf(yaml: string): AnyPlan {
  const path = join(tmpDir(), 'study.yaml');
  writeFileSync(path, yaml);
  const loaded = loadAnyStudy(path, { set: [] });
  return planStudy(loaded.raw, loaded.study, loaded.file, loaded.baseDir) as AnyPlan;
}

const STUDY = (pairing: string, baseline: string, race = '') => `name: s
seed: 3
repeats: 12
pairing: ${pairing}
${baseline}
${race}
model: { hidden: [4] }
train: { epochs: 2 }
grid:
  noise.placement: [none, input, pre]
  noise.stddev: [0.1, 0.3]
`;

/** A log as a sweep leaves it: results in a shuffled order, some failed and retried, an old study's rows. */
function writeLog(dir: string, plan: AnyPlan, metrics: readonly string[], rng: Xoshiro128): void {
  const sort = planSortOf(plan, metrics).metric;
  const header = runColumns(plan.gridKeys, metrics, sort, seedColumnsOf(plan));
  const rows: (string | number)[][] = [];
  const result = (i: number, status: 'ok' | 'failed'): RunResult => {
    const run = plan.runs.get(i);
    const level = 0.5 + 0.05 * run.pointIndex;
    const metricsOf: Record<string, number> = {};
    if (status === 'ok') for (const m of metrics) metricsOf[m] = m.includes('accuracy') ? Math.round(70 * (level + 0.1 * rng.nextFloat())) / 70 : 0.2 + rng.nextFloat();
    return { runId: run.runId, pointIndex: run.pointIndex, repeat: run.repeat, seed: run.seed, status, engine: 'fused', metrics: metricsOf, seconds: rng.nextFloat(), ...(status === 'failed' ? { error: 'diverged, "badly"\nat epoch 2' } : {}) };
  };
  const order = plan.runs.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.nextBelow(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const retried: number[] = [];
  for (const i of order) {
    const failed = rng.nextFloat() < 0.15;
    const run = plan.runs.get(i);
    rows.push(runRow(plan.points[run.pointIndex]!, plan.gridKeys, metrics, result(i, failed ? 'failed' : 'ok'), sort, run.seeds, seedColumnsOf(plan)));
    // Most failures are retried (a resume); the rest stay failed.
    if (failed && rng.nextFloat() < 0.7) retried.push(i);
  }
  for (const i of retried) {
    const run = plan.runs.get(i);
    rows.push(runRow(plan.points[run.pointIndex]!, plan.gridKeys, metrics, result(i, 'ok'), sort, run.seeds, seedColumnsOf(plan)));
  }
  // Rows of runs the study no longer has, one twice.
  const stale = (id: string) => header.map((h) => (h === 'run_id' ? id : h === 'status' ? 'ok' : h === 'repeat' || h === 'seed' ? 0 : metrics.includes(h) ? 0.5 : h === 'engine' ? 'fused' : h === 'seconds' ? 1 : ''));
  rows.splice(5, 0, stale('00000000000000aa'));
  rows.push(stale('00000000000000bb'), stale('00000000000000aa'));
  writeFileSync(join(dir, 'runs.csv'), csvText(header, rows));
}

describe('report/stream/summarize-runs', function () {
  this.timeout(60_000);
  const rng = Xoshiro128.fromSeed(99, 3);
  const cases = [
    { name: 'paired, the baseline the first point', yaml: STUDY('paired', '') },
    { name: 'paired, the baseline the last point', yaml: STUDY('paired', 'baseline: { noise.placement: pre, noise.stddev: 0.3 }') },
    { name: 'independent (Welch)', yaml: STUDY('independent', 'baseline: { noise.placement: input, noise.stddev: 0.1 }') },
    { name: 'a race on the sort metric', yaml: STUDY('paired', '', 'race: { min: 4, step: 4 }') },
    { name: 'a race on another metric, unpaired', yaml: STUDY('independent', '', 'race: { min: 4, step: 4, metric: test_loss }') },
  ];
  for (const c of cases) {
    it(`summary, rewrite and digest equal the in-memory computation: ${c.name}`, async () => {
      const plan = planOf(c.yaml) as Parameters<typeof planMetrics>[0];
      const metrics = planMetrics(plan);
      const baseline = resolveBaseline(plan.study.baseline, plan.points, plan.gridKeys, 'study.yaml');
      const dir = tmpDir();
      writeLog(dir, plan, metrics, rng);
      const path = join(dir, 'runs.csv');

      // The in-memory reference: the whole log read, the latest row of each run, summarize() over them.
      const rows = readCsvLog(path).rows;
      const set = resultSetOf(plan, metrics, baseline, rows);
      const results = orderedResults(set);
      const expected = summarize({ points: plan.points, gridKeys: plan.gridKeys, metrics, results, baseline, range: rangesOf(plan), paired: pairedDesignOf(plan, metrics), race: studyRaceOf(plan, metrics, baseline) });
      if (c.yaml.includes('race:')) expect(expected.some((r) => r.status === 'eliminated' || r.status === 'winner')).to.equal(true);
      expect(expected.filter((r) => typeof r.test_accuracy_p_value === 'number')).to.have.length(plan.points.length - 1);

      // Streamed from the log as it is (runs appear twice: their latest row counts).
      const fromLog = await summarizeRuns(path, { plan, metrics, baseline }, { check: {} });
      expectSameRows(fromLog.summary, expected, `${c.name}, from the log`);

      // The rewrite equals the in-memory rewrite byte for byte, and its summary the same rows.
      const text = orderedRunsText(plan, metrics, rows);
      const rewritten = await rewriteRunsLog(dir, plan, metrics);
      expect(readFileSync(path, 'utf8')).to.equal(text);
      expect(rewritten.rows).to.equal(results.length + 2);
      expect(rewritten.has('00000000000000bb') && rewritten.has(plan.runs.get(0).runId)).to.equal(true);
      expect(rewritten.has('00000000000000cc')).to.equal(false);
      const seen: string[] = [];
      const fromFile = await summarizeRuns(path, { plan, metrics, baseline }, { deduped: true, onRun: (r) => seen.push(r.runId) });
      expectSameRows(fromFile.summary, expected, `${c.name}, rewritten`);
      expect([...seen].sort()).to.deep.equal(results.map((r) => r.runId).sort());

      // The report's boxes and dots, as renderReport digests the run rows it used to be given.
      const sort = planSortOf(plan, metrics).metric;
      const runRows = results.map((r) => ({ ...Object.fromEntries(plan.gridKeys.map((k) => [k, safeCell(plan.points[r.pointIndex]!.values[k])])), repeat: r.repeat, run_id: r.runId, status: r.status, [sort]: r.metrics[sort] ?? null }));
      const reference = digestRuns(runRows, { gridKeys: plan.gridKeys, metric: sort, groupKey: 'noise.placement', points: plan.points.length, seed: plan.study.seed });
      expect([...fromFile.digest.boxStats()]).to.deep.equal([...reference.boxStats()]);
      expect(fromFile.digest.dots()).to.deep.equal(reference.dots());
      expect(fromFile.digest.runs).to.equal(reference.runs);
    });
  }

  it('hands a resumed sweep each run by its latest ok row, the baseline first', async () => {
    const plan = planOf(STUDY('paired', '')) as Parameters<typeof planMetrics>[0];
    const metrics = planMetrics(plan);
    const dir = tmpDir();
    writeLog(dir, plan, metrics, rng);
    const path = join(dir, 'runs.csv');
    const latestOk = new Map<string, Record<string, string>>();
    for (const row of readCsvLog(path).rows) if (row.status === 'ok' && plan.runs.some((r) => r.runId === row.run_id)) latestOk.set(row.run_id!, row);
    const got: RunResult[] = [];
    let firstDone = -1;
    const first: RunResult[] = [];
    await feedRuns({ path, plan, metrics, okOnly: true, firstPoint: 0, onFirst: (r) => first.push(r), afterFirst: () => (firstDone = got.length), onRun: (r) => got.push(r) });
    expect(got.map((r) => r.runId).sort()).to.deep.equal([...latestOk.keys()].sort());
    expect(got.every((r) => r.status === 'ok' && r.metrics.test_accuracy === Number(latestOk.get(r.runId)!.test_accuracy))).to.equal(true);
    // The first point's runs, before any other run was handed on, and again in file order with the rest.
    expect(firstDone).to.equal(0);
    expect(first.length).to.be.greaterThan(0);
    expect(first.map((r) => r.runId)).to.deep.equal(got.filter((r) => r.pointIndex === 0).map((r) => r.runId));
  });

  it('refuses a row no sweep writes, naming the file, line and column, and rewrites nothing', async () => {
    const plan = planOf(STUDY('paired', '')) as Parameters<typeof planMetrics>[0];
    const metrics = planMetrics(plan);
    const dir = tmpDir();
    writeLog(dir, plan, metrics, rng);
    const path = join(dir, 'runs.csv');
    const lines = readFileSync(path, 'utf8').split('\n');
    const at = lines.findIndex((l, i) => i > 2 && l.includes(',ok,'));
    lines[at] = lines[at]!.replace(/,ok,/, ',maybe,');
    writeFileSync(path, lines.join('\n'));
    const before = readFileSync(path, 'utf8');
    let error: Error | undefined;
    await rewriteRunsLog(dir, plan, metrics).catch((err: Error) => (error = err));
    expect(error?.message).to.match(new RegExp(`runs\\.csv: line ${at + 1}, column "status": expected "ok" or "failed", found "maybe"`));
    expect(readFileSync(path, 'utf8')).to.equal(before);
  });
});
