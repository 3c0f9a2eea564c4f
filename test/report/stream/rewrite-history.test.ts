/**
 * history.csv rewritten by streaming against the in-memory rewrite it replaced (rewriteHistoryCsv), byte for
 * byte: curves batched per run, one written metric by metric (its epochs not in order), one run's rows in two
 * blocks, a run whose result is not recorded (dropped), rows of runs the plan does not have (kept, last).
 */
import { expect } from 'chai';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAnyStudy } from '../../../src/config/load.js';
import { type AnyPlan, planStudy } from '../../../src/plan/plan.js';
import { csvText } from '../../../src/report/runs-csv.js';
import { rewriteHistoryLog } from '../../../src/report/stream/rewrite-history.js';
import { rewriteHistoryCsv } from '../../../src/report/write-results.js';
import { tmpDir } from '../../helpers/tmp.js';

function planOf(): AnyPlan {
  const path = join(tmpDir(), 'study.yaml');
  writeFileSync(path, 'name: h\nseed: 1\nrepeats: 3\nmodel: { hidden: [4] }\ntrain: { epochs: 3 }\ngrid:\n  noise.placement: [none, pre]\n');
  const loaded = loadAnyStudy(path, { set: [] });
  return planStudy(loaded.raw, loaded.study, loaded.file, loaded.baseDir) as AnyPlan;
}

describe('report/stream/rewrite-history', () => {
  it('writes the bytes the in-memory rewrite wrote', async () => {
    const plan = planOf();
    const header = ['noise.placement', 'repeat', 'epoch', 'metric', 'value', 'run_id'];
    const rows: (string | number)[][] = [];
    const curve = (id: string, repeat: number, byMetric = false, epochs = [1, 2, 3]) => {
      const cells = (e: number, m: string) => ['pre', repeat, e, m, e / 10 + (m === 'loss' ? 1 : 0), id];
      if (byMetric) for (const m of ['loss', 'accuracy']) for (const e of [...epochs].reverse()) rows.push(cells(e, m));
      else for (const e of epochs) for (const m of ['loss', 'accuracy']) rows.push(cells(e, m));
    };
    // plan.runs is repeat-major: the file holds them out of plan order.
    const [a, b, c, d, e] = plan.runs;
    curve(e!.runId, e!.repeat);
    curve('00000000000000aa', 0, false, [2, 1]);
    curve(a!.runId, a!.repeat, true);
    curve(b!.runId, b!.repeat, false, [1, 2]);
    curve(c!.runId, c!.repeat);
    curve(b!.runId, b!.repeat, false, [3]);
    curve(d!.runId, d!.repeat);
    curve('00000000000000bb', 1);
    const recorded = new Set([a, b, d, e].map((r) => r!.runId).concat(['00000000000000aa', '00000000000000bb']));
    const streamed = tmpDir();
    writeFileSync(join(streamed, 'history.csv'), csvText(header, rows));
    const inMemory = join(tmpDir(), 'copy');
    cpSync(streamed, inMemory, { recursive: true });
    rewriteHistoryCsv(inMemory, plan, (id) => recorded.has(id));
    await rewriteHistoryLog(streamed, plan, (id) => recorded.has(id));
    const text = readFileSync(join(streamed, 'history.csv'), 'utf8');
    expect(text).to.equal(readFileSync(join(inMemory, 'history.csv'), 'utf8'));
    expect(text).not.to.include(c!.runId);
    expect(text.trimEnd().split('\n').pop()).to.include('00000000000000bb');
  });
});
