/**
 * Results directories written before the sort metric moved first (test/fixtures/results/previous-order,
 * written at commit 1868451, with ff86edb's noise stream, by test/fixtures/gen/make_previous_order_results.sh,
 * their metric values since refreshed by refresh_previous_order_metrics.mjs to the current engine's) still
 * resume, merge, report and check, and end with the files a fresh sweep writes now. They were also written
 * before paired seeds (meta.json format 1), so they are read, resumed and merged as `pairing: independent`: the
 * fresh sweep they must equal is one with that pairing.
 */
import { expect } from 'chai';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { checkCommand } from '../../src/commands/check.js';
import { mergeCommand } from '../../src/commands/merge.js';
import { reportCommand } from '../../src/commands/report.js';
import { sweepCommand } from '../../src/commands/sweep.js';
import { tmpDir } from '../helpers/tmp.js';

const FIXTURE = fileURLToPath(new URL('../../../test/fixtures/results/previous-order', import.meta.url));
const STUDY = join(FIXTURE, 'study.yaml');

type Row = Record<string, string>;
const csv = (path: string): Row[] => parse(readFileSync(path, 'utf8'), { columns: true }) as Row[];
const header = (path: string): string[] => readFileSync(path, 'utf8').split('\n')[0]!.split(',');
const untimed = (rows: Row[]): Row[] => rows.map(({ seconds, ...rest }) => rest);
/** A copy of a fixture directory to write into. */
function copyOf(name: string): string {
  const dir = join(tmpDir('previous-order-'), name);
  cpSync(join(FIXTURE, name), dir, { recursive: true });
  return dir;
}

describe('results directories written in the previous column order', function () {
  this.timeout(60_000);
  let fresh: string;

  before(async () => {
    fresh = join(tmpDir('previous-order-fresh-'), 'r');
    await sweepCommand({ config: STUDY, out: fresh, workers: 1, set: ['pairing=independent'], quiet: true });
  });

  it('were written with the metrics in plan order (the fixture is what it says)', () => {
    expect(header(join(FIXTURE, 'interrupted', 'runs.csv')).slice(3, 7)).to.deep.equal(['train_loss', 'train_accuracy', 'test_loss', 'test_accuracy']);
    expect(header(join(FIXTURE, 'shard-1', 'summary.csv'))[3]).to.equal('train_loss_mean');
    expect(header(join(fresh, 'runs.csv')).slice(3, 7)).to.deep.equal(['seed_init', 'seed_order', 'seed_noise', 'test_accuracy']);
    expect(header(join(fresh, 'summary.csv')).slice(0, 4)).to.deep.equal(['noise.placement', 'n', 'failed', 'test_accuracy_mean']);
  });

  it('an interrupted sweep resumes: its 4 runs are reused, 2 run, and the files equal a fresh sweep', async () => {
    const dir = copyOf('interrupted');
    const outcome = await sweepCommand({ config: STUDY, out: dir, workers: 1, set: [], quiet: true, resume: true });
    expect(outcome.reused).to.equal(4);
    expect(outcome.results).to.have.length(6);
    expect(header(join(dir, 'runs.csv'))).to.deep.equal(header(join(fresh, 'runs.csv')));
    expect(untimed(csv(join(dir, 'runs.csv')))).to.deep.equal(untimed(csv(join(fresh, 'runs.csv'))));
    expect(readFileSync(join(dir, 'summary.csv'), 'utf8')).to.equal(readFileSync(join(fresh, 'summary.csv'), 'utf8'));
    expect(readFileSync(join(dir, 'history.csv'), 'utf8')).to.equal(readFileSync(join(fresh, 'history.csv'), 'utf8'));
  });

  it('two shards merge into the files of a fresh sweep', async () => {
    const out = join(tmpDir('previous-order-merged-'), 'merged');
    const merged = await mergeCommand({ dirs: [join(FIXTURE, 'shard-1'), join(FIXTURE, 'shard-2')], out, allowPartial: false, quiet: true });
    expect(merged.runs).to.equal(6);
    expect(untimed(csv(join(out, 'runs.csv')))).to.deep.equal(untimed(csv(join(fresh, 'runs.csv'))));
    expect(readFileSync(join(out, 'summary.csv'), 'utf8')).to.equal(readFileSync(join(fresh, 'summary.csv'), 'utf8'));
  });

  it('report rewrites summary.csv in the new order with the same numbers, and check judges the saved runs', async () => {
    const dir = copyOf('shard-1');
    const before = csv(join(dir, 'summary.csv'));
    await reportCommand({ dir, quiet: true });
    expect(header(join(dir, 'summary.csv')).slice(0, 4)).to.deep.equal(['noise.placement', 'n', 'failed', 'test_accuracy_mean']);
    expect(csv(join(dir, 'summary.csv'))).to.deep.equal(before);
    // A shard alone is not judged (issue 16: it holds part of each point's runs): check the merge of the two.
    await checkCommand({ dir: join(FIXTURE, 'shard-2'), quiet: true }).then(() => expect.fail('a shard must not be judged'), (e: Error) => expect(e.message).to.match(/shard: expected the results of a whole study/));
    const merged = join(tmpDir('previous-order-check-'), 'merged');
    await mergeCommand({ dirs: [join(FIXTURE, 'shard-1'), join(FIXTURE, 'shard-2')], out: merged, allowPartial: false, quiet: true });
    const verdicts = await checkCommand({ dir: merged, quiet: true });
    expect(verdicts.map((v) => v.passed)).to.deep.equal([true, true, true]);
  });
});
