/**
 * End-to-end sweeps on a tiny study (a 16-unit MLP, a few dozen epochs): the files a user gets, determinism
 * across worker counts, resume after a kill, signals, failing runs, and shards merged back into one study.
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import YAML from 'yaml';
import { mergeCommand } from '../../src/commands/merge.js';
import { sweepCommand, type SweepOptions } from '../../src/commands/sweep.js';
import { InputError, RunsFailed } from '../../src/errors.js';
import { runCli } from '../helpers/cli.js';
import { TINY } from '../helpers/tiny-study.js';
import { tmpDir, tmpFile } from '../helpers/tmp.js';


const DATA = fileURLToPath(new URL('../../../configs/data/', import.meta.url));
const DIGITS = join(DATA, 'digits.csv');
const DIABETES = join(DATA, 'diabetes.csv');
const DIGITS_CNN = 'model: { task: multiclass, layers: [{ type: conv2d, filters: 2, kernelSize: 3 }, { type: flatten }] }\ntrain: { epochs: 1 }\n';

function options(config: string, out: string, extra: Partial<SweepOptions> = {}): SweepOptions {
  return { config, out, workers: 2, set: [], quiet: true, ...extra };
}

type Row = Record<string, string>;
function csv(path: string): Row[] {
  return parse(readFileSync(path, 'utf8'), { columns: true }) as Row[];
}
/** Rows without the timing column, which is the one thing allowed to differ between equal sweeps. */
function untimed(rows: Row[]): Row[] {
  return rows.map(({ seconds, ...rest }) => rest);
}

describe('commands/sweep (end to end)', function () {
  this.timeout(120_000);

  it('writes config.yaml, meta.json, runs.csv and summary.csv with the documented columns', async () => {
    const out = join(tmpDir(), 'r');
    const outcome = await sweepCommand(options(tmpFile('tiny.yaml', TINY), out));
    expect(readdirSync(out).sort()).to.deep.equal(['config.yaml', 'meta.json', 'report.html', 'runs.csv', 'summary.csv']);
    const runs = csv(join(out, 'runs.csv'));
    // The sort metric (test_accuracy) comes first, so a spreadsheet opens on it.
    expect(Object.keys(runs[0]!)).to.deep.equal(['noise.placement', 'repeat', 'seed', 'seed_init', 'seed_order', 'seed_noise', 'test_accuracy', 'train_loss', 'train_accuracy', 'test_loss', 'seconds', 'engine', 'status', 'error', 'run_id']);
    // Paired seeds (the default): repeat k of every point drew the same seeds.
    for (const k of ['0', '1', '2']) expect(new Set(runs.filter((r) => r.repeat === k).map((r) => `${r.seed_init}/${r.seed_order}/${r.seed_noise}`)).size).to.equal(1);
    expect(runs).to.have.length(9);
    expect(runs.map((r) => `${r['noise.placement']}/${r.repeat}`)).to.deep.equal(['none/0', 'none/1', 'none/2', 'input/0', 'input/1', 'input/2', 'pre/0', 'pre/1', 'pre/2']);
    for (const r of runs) {
      expect(r.status).to.equal('ok');
      expect(Number(r.test_accuracy)).to.be.within(0, 1);
    }
    const summary = csv(join(out, 'summary.csv'));
    expect(summary).to.have.length(3);
    const stats = ['mean', 'std', 'ci95_low', 'ci95_high', 'p_value', 'cohens_d', 'p_holm'];
    const paired = ['diff', 'diff_low', 'diff_high', 'p_better', 'p_better_low', 'p_better_high', 'wilcoxon_p'].map((s) => `test_accuracy_${s}`);
    expect(Object.keys(summary[0]!)).to.deep.equal([
      'noise.placement', 'n', 'failed',
      ...stats.map((s) => `test_accuracy_${s}`), ...paired,
      ...['train_loss', 'train_accuracy', 'test_loss'].flatMap((m) => stats.map((s) => `${m}_${s}`)),
      'verdict', 'repeats_to_decide', 'nadeau_bengio',
    ]);
    expect(summary.map((r) => r.verdict)).to.deep.equal(['', 'inconclusive', 'inconclusive']); // 3 repeats: never better/worse
    const pre = runs.filter((r) => r['noise.placement'] === 'pre').map((r) => Number(r.test_accuracy));
    expect(Number(summary[2]!.test_accuracy_mean)).to.be.closeTo(pre.reduce((a, b) => a + b) / 3, 1e-12);
    expect(YAML.parse(readFileSync(join(out, 'config.yaml'), 'utf8')).grid).to.deep.equal({ 'noise.placement': ['none', 'input', 'pre'] });
    expect(outcome.summary).to.have.length(3);
  });

  it('gives the same numbers with 1 and 2 workers, inline or pooled', async () => {
    const config = tmpFile('tiny.yaml', TINY);
    const a = join(tmpDir(), 'a');
    const b = join(tmpDir(), 'b');
    const c = join(tmpDir(), 'c');
    await sweepCommand(options(config, a, { workers: 1 }));
    await sweepCommand(options(config, b, { workers: 2 }));
    await sweepCommand(options(config, c, { inline: true }));
    expect(untimed(csv(join(b, 'runs.csv')))).to.deep.equal(untimed(csv(join(a, 'runs.csv'))));
    expect(untimed(csv(join(c, 'runs.csv')))).to.deep.equal(untimed(csv(join(a, 'runs.csv'))));
    expect(readFileSync(join(b, 'summary.csv'), 'utf8')).to.equal(readFileSync(join(a, 'summary.csv'), 'utf8'));
  });

  it('refuses an existing results directory and leaves it as it was', async () => {
    const config = tmpFile('tiny.yaml', TINY);
    const out = join(tmpDir(), 'r');
    await sweepCommand(options(config, out, { set: ['repeats=1'] }));
    const before = readFileSync(join(out, 'runs.csv'), 'utf8');
    let error: unknown;
    await sweepCommand(options(config, out)).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(InputError);
    expect((error as Error).message).to.match(/expected a new or empty results directory.*--resume/);
    expect(readFileSync(join(out, 'runs.csv'), 'utf8')).to.equal(before);
  });

  it('resumes with more repeats and grid values: only new runs are computed, the files equal a fresh sweep', async () => {
    const config = tmpFile('tiny.yaml', TINY);
    const out = join(tmpDir(), 'r');
    await sweepCommand(options(config, out, { repeats: 2, set: ['grid={noise.placement: [none, pre]}'] }));
    const first = csv(join(out, 'runs.csv'));
    const resumed = await sweepCommand(options(config, out, { resume: true, set: ['grid={noise.placement: [none, input, pre, post]}'] }));
    expect(resumed.reused).to.equal(first.length);
    expect(resumed.results).to.have.length(12);
    const fresh = join(tmpDir(), 'fresh');
    await sweepCommand(options(config, fresh, { set: ['grid={noise.placement: [none, input, pre, post]}'] }));
    expect(untimed(csv(join(out, 'runs.csv')))).to.deep.equal(untimed(csv(join(fresh, 'runs.csv'))));
    expect(readFileSync(join(out, 'summary.csv'), 'utf8')).to.equal(readFileSync(join(fresh, 'summary.csv'), 'utf8'));
  });

  it('treats a change that alters runs as new runs, keeps the old rows, and summarizes only the current ones', async () => {
    const config = tmpFile('tiny.yaml', TINY);
    const out = join(tmpDir(), 'r');
    await sweepCommand(options(config, out, { repeats: 1 }));
    const resumed = await sweepCommand(options(config, out, { repeats: 1, resume: true, set: ['train.epochs=41'] }));
    expect(resumed.reused).to.equal(0);
    const rows = csv(join(out, 'runs.csv'));
    expect(rows).to.have.length(6); // 3 current, then the 3 earlier ones
    expect(new Set(rows.map((r) => r.run_id)).size).to.equal(6);
    expect(csv(join(out, 'summary.csv')).map((r) => r.n)).to.deep.equal(['1', '1', '1']);
  });

  // The tfjs engine here: this tests the sweep's handling of a diverged run; each engine's own tests check
  // that a NaN in training reaches the loss.
  const DIVERGING = TINY.replace('train: { epochs: 40 }', 'train: { epochs: 40, optimizer: sgd, learningRate: 1.0e+38, engine: tfjs }');

  it('records a diverging run (loss NaN) as failed, goes on, counts it, and exits with 3', async () => {
    const config = tmpFile('nan.yaml', DIVERGING);
    const out = join(tmpDir(), 'r');
    let error: unknown;
    await sweepCommand(options(config, out, { repeats: 1 })).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(RunsFailed);
    const rows = csv(join(out, 'runs.csv'));
    expect(rows).to.have.length(3);
    expect(rows.every((r) => r.status === 'failed' && /became NaN|became Infinity/.test(r.error!))).to.equal(true);
    expect(csv(join(out, 'summary.csv')).map((r) => r.failed)).to.deep.equal(['1', '1', '1']);
  });

  it('--max-failures stops handing out runs', async () => {
    const config = tmpFile('nan.yaml', DIVERGING);
    const out = join(tmpDir(), 'r');
    let error: unknown;
    await sweepCommand(options(config, out, { workers: 1, maxFailures: 2 })).catch((e: unknown) => (error = e));
    expect((error as Error).message).to.match(/stopped after 2 failures \(--max-failures 2\)/);
    expect(csv(join(out, 'runs.csv'))).to.have.length(2);
  });

  it('--dry-run prints the plan and a calibrated estimate, and writes nothing', async () => {
    const out = join(tmpDir(), 'never');
    const lines: string[] = [];
    await sweepCommand(options(tmpFile('tiny.yaml', TINY), out, { dryRun: true, quiet: false, log: (l) => lines.push(l) }));
    expect(lines[0]).to.equal('data: data.generator circles: 100 rows × 2 features → 30 train, 70 test');
    expect(lines[1]).to.equal('study tiny: 3 grid point(s) × 3 repeats = 9 runs');
    expect(lines.slice(2, 5)).to.deep.equal([
      '  noise.placement=none  [fused; no noise; 40 epochs]',
      '  noise.placement=input  [fused; input stddev 0.1; 40 epochs]',
      '  noise.placement=pre  [fused; pre stddev 0.1; 40 epochs]',
    ]);
    expect(lines[5]).to.match(/^comparisons: paired on repeats/);
    expect(lines[6]).to.match(/^estimate: ~\d+ s for 9 runs on 2 worker\(s\) \(calibrated on (3 kind\(s\)|\d of 3 kinds) of run[^:]*: fused [\d.]+ ms\/epoch\)$/);
    expect(existsSync(out)).to.equal(false);
  });

  it('shards cover the study, and merge gives the files of a single sweep', async () => {
    const config = tmpFile('tiny.yaml', TINY);
    const single = join(tmpDir(), 'single');
    await sweepCommand(options(config, single));
    const shards = [1, 2, 3].map((i) => join(tmpDir(), `shard${i}`));
    for (const [i, dir] of shards.entries()) await sweepCommand(options(config, dir, { shard: { index: i + 1, count: 3 } }));
    expect(shards.map((d) => csv(join(d, 'runs.csv')).length)).to.deep.equal([3, 3, 3]);

    const merged = join(tmpDir(), 'merged');
    await mergeCommand({ dirs: shards, out: merged, allowPartial: false, quiet: true });
    expect(untimed(csv(join(merged, 'runs.csv')))).to.deep.equal(untimed(csv(join(single, 'runs.csv'))));
    expect(readFileSync(join(merged, 'summary.csv'), 'utf8')).to.equal(readFileSync(join(single, 'summary.csv'), 'utf8'));

    const gap = mergeCommand({ dirs: shards.slice(0, 2), out: join(tmpDir(), 'm2'), allowPartial: false, quiet: true });
    await gap.then(() => expect.fail('a gap must be refused'), (e: Error) => expect(e.message).to.match(/expected all 9 runs of the study, found 3 missing/));
    const partial = await mergeCommand({ dirs: shards.slice(0, 2), out: join(tmpDir(), 'm3'), allowPartial: true, quiet: true });
    expect(partial.missing).to.equal(3);
    const dup = mergeCommand({ dirs: [shards[0]!, shards[0]!], out: join(tmpDir(), 'm4'), allowPartial: false, quiet: true });
    await dup.then(() => expect.fail('a duplicate must be refused'), (e: Error) => expect(e.message).to.match(/shard: 1\/3 is also in/));
    const other = join(tmpDir(), 'other');
    await sweepCommand(options(tmpFile('o.yaml', TINY.replace('seed: 7', 'seed: 8')), other, { shard: { index: 2, count: 3 } }));
    const mixed = mergeCommand({ dirs: [shards[0]!, other], out: join(tmpDir(), 'm5'), allowPartial: true, quiet: true });
    await mixed.then(() => expect.fail('another study must be refused'), (e: Error) => expect(e.message).to.match(/not a shard of the same study/));
  });
});

describe('sweep CLI as a process: kills, signals, bad input', function () {
  this.timeout(180_000);
  // Slow enough (a few hundred ms per run) that a signal lands mid-sweep.
  const SLOW = TINY.replace('repeats: 3', 'repeats: 6').replace('train: { epochs: 40 }', 'train: { epochs: 3000 }').replace('hidden: [16]', 'hidden: [64]');

  async function waitForRows(path: string, n: number): Promise<void> {
    for (let i = 0; i < 600; i++) {
      if (existsSync(path) && readFileSync(path, 'utf8').trim().split('\n').length > n) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no ${n} rows in ${path}`);
  }

  it('after SIGKILL mid-sweep, --resume finishes with the same files as an uninterrupted sweep', async () => {
    const config = tmpFile('slow.yaml', SLOW);
    const out = join(tmpDir(), 'killed');
    const run = runCli([config, '--out', out, '--workers', '1', '--quiet'], {
      started: (child) => void waitForRows(join(out, 'runs.csv'), 3).then(() => child.kill('SIGKILL')),
    });
    const killed = await run;
    expect(killed.signal).to.equal('SIGKILL');
    const partial = csv(join(out, 'runs.csv')).length;
    expect(partial).to.be.within(3, 17);
    // Simulate a row torn by the kill: it must be dropped and the run done again.
    writeFileSync(join(out, 'runs.csv'), readFileSync(join(out, 'runs.csv'), 'utf8') + 'none,5,123,0.1');
    const resumed = await runCli([config, '--out', out, '--workers', '2', '--resume']);
    expect(resumed.code, resumed.stderr).to.equal(0);
    expect(resumed.stdout).to.match(new RegExp(`resuming .*: ${partial} of 18 runs already done`));
    const fresh = join(tmpDir(), 'fresh');
    expect((await runCli([config, '--out', fresh, '--workers', '2', '--quiet'])).code).to.equal(0);
    expect(untimed(csv(join(out, 'runs.csv')))).to.deep.equal(untimed(csv(join(fresh, 'runs.csv'))));
    expect(readFileSync(join(out, 'summary.csv'), 'utf8')).to.equal(readFileSync(join(fresh, 'summary.csv'), 'utf8'));
  });

  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`on ${signal}: finishes the running runs, writes the summary, prints the resume command, exits ${code}`, async () => {
      const config = tmpFile('slow.yaml', SLOW);
      const out = join(tmpDir(), 'stopped');
      const result = await runCli([config, '--out', out, '--workers', '2'], {
        started: (child) => void waitForRows(join(out, 'runs.csv'), 2).then(() => child.kill(signal)),
      });
      expect(result.code, result.stderr).to.equal(code);
      expect(result.stderr).to.include(`${signal}: no new runs`);
      expect(result.stderr).to.match(new RegExp(`Resume with: npx sweep ${config} --out ${out} --resume`));
      const rows = csv(join(out, 'runs.csv'));
      expect(rows.length).to.be.within(2, 17);
      expect(rows.every((r) => r.status === 'ok')).to.equal(true);
      expect(existsSync(join(out, 'summary.csv'))).to.equal(true);
    });
  }

  it('prints the split first, and saves a config.yaml that re-runs from anywhere on the same data (or refuses changed data)', async () => {
    const root = tmpDir();
    mkdirSync(join(root, 'data'));
    mkdirSync(join(root, 'studies'));
    const rows = readFileSync(fileURLToPath(new URL('../../../test/fixtures/data/circles_n100_noise0.1_seed1_factor0.8.csv', import.meta.url)), 'utf8').split('\n').slice(0, 41);
    const dataFile = join(root, 'data', 'small.csv');
    writeFileSync(dataFile, rows.join('\n') + '\n');
    writeFileSync(join(root, 'studies', 's.yaml'), 'name: s\nrepeats: 2\ndata: { file: ../data/small.csv, trainSize: 0.75, shuffle: true, standardize: true }\nmodel: { hidden: [8] }\ntrain: { epochs: 5 }\ngrid: { noise.placement: [none, input] }\n');
    const out = join(root, 'results');
    const first = await runCli(['s.yaml', '--out', out, '--workers', '1'], { cwd: join(root, 'studies') });
    expect(first.code, first.stderr).to.equal(0);
    expect(first.stdout.split('\n')[0]).to.equal(`data: ${dataFile}: 40 rows × 2 features → 30 train, 10 test (trainSize 0.75); shuffled (seed 1); standardized with the training rows' mean and std`);
    const saved = YAML.parse(readFileSync(join(out, 'config.yaml'), 'utf8')) as { data: Record<string, unknown> };
    expect(saved.data).to.deep.include({ file: dataFile, trainSize: 0.75, shuffle: true, standardize: true, sha256: createHash('sha256').update(readFileSync(dataFile)).digest('hex') });
    // From elsewhere, the saved study is the same study: every run is already done.
    const elsewhere = tmpDir();
    const again = await runCli([join(out, 'config.yaml'), '--out', out, '--resume', '--workers', '1'], { cwd: elsewhere });
    expect(again.code, again.stderr).to.equal(0);
    expect(again.stdout).to.match(/resuming .*: 4 of 4 runs already done, 0 to run/);
    // The data changed since: stop before any run, naming the key and both hashes.
    writeFileSync(dataFile, rows.slice(0, 40).join('\n') + '\n');
    const changed = await runCli([join(out, 'config.yaml'), '--out', join(root, 'new'), '--workers', '1'], { cwd: elsewhere });
    expect(changed.code).to.equal(2);
    expect(changed.stderr.trim()).to.match(new RegExp(`config\\.yaml: data\\.sha256: expected ${dataFile.replace(/[.]/g, '\\.')} to hold the data the study was run on \\(sha256 ${saved.data.sha256 as string}\\), found sha256 [0-9a-f]{64}: the file changed`));
    expect(existsSync(join(root, 'new'))).to.equal(false);
  });

  // Bad input of every kind: one line on stderr naming where, exit 2, no stack trace, no results directory.
  const csvDir = tmpDir();
  writeFileSync(join(csvDir, 'text-cell.csv'), 'a,b,y\n1,2,0\n3,x,1\n0,1,0\n');
  writeFileSync(join(csvDir, 'three-classes.csv'), 'a,b,y\n1,2,0\n3,4,1\n5,6,2\n');
  const bad: [string, string[], string | null, RegExp][] = [
    ['a CSV cell that is not a number', [], `name: x\ndata: { file: ${csvDir}/text-cell.csv, trainSize: 2 }\n`, /text-cell\.csv: row 3, column "b": expected a number, found "x"/],
    ['a label with more than two classes', [], `name: x\ndata: { file: ${csvDir}/three-classes.csv, trainSize: 2 }\n`, /three-classes\.csv: row 4, column "y": expected a label 0 or 1 \(binary model\), found "2": the column holds 3 classes \(0 to 2\): a 3-class label needs model\.task: multiclass$/],
    ['digits without model.task', [], `name: x\ndata: { file: ${DIGITS}, trainSize: 0.7 }\n`, /digits\.csv: row 4, column "target": expected a label 0 or 1 \(binary model\), found "2": the column holds 10 classes \(0 to 9\): a 10-class label needs model\.task: multiclass$/],
    ['a continuous target for a classifier', [], `name: x\ndata: { file: ${DIABETES}, trainSize: 0.7 }\n`, /diabetes\.csv: row 2, column "target": expected a label 0 or 1 \(binary model\), found "151": .*a continuous target needs model\.task: regression/],
    ['a data file without trainSize', [], `name: x\ndata: { file: ${DIGITS} }\n`, /data\.trainSize: expected the number of training rows for a data file/],
    ['a conv2d model on flat CSV rows without model.inputShape', [], `name: x\ndata: { file: ${DIGITS}, trainSize: 0.7 }\n${DIGITS_CNN}`, /: model\.layers\[0\]: expected rows of shape \[height, width, channels\] for conv2d, found rows of shape \[64\]; rows of .*digits\.csv are flat: give model\.inputShape, e\.g\. \[8, 8, 1\]$/],
    ['a model.inputShape that does not hold a row', [], `name: x\ndata: { file: ${DIGITS}, trainSize: 0.7 }\n${DIGITS_CNN.replace('task: multiclass', 'task: multiclass, inputShape: [8, 9, 1]')}`, /: model\.inputShape: expected 64 values per row, as .*digits\.csv has \(64 feature columns\), found \[8, 9, 1\]$/],
    ['a shape error at one grid point only', [], `name: x\ndata: { file: ${DIGITS}, trainSize: 0.7 }\n${DIGITS_CNN.replace('task: multiclass', 'task: multiclass, inputShape: [8, 8, 1]')}grid: { model.inputShape: [[8, 8, 1], [4, 16, 1], [64, 1, 1]] }\n`, /grid point model\.inputShape=\[64,1,1\]: model\.layers\[0\]: expected rows at least 3 wide/],
    ['a missing label column', [], `name: x\ndata: { file: ${csvDir}/three-classes.csv, label: z, trainSize: 2 }\n`, /data\.label: expected a column named "z"/],
    ['a missing data file', [], `name: x\ndata: { file: ${csvDir}/nope.csv, trainSize: 2 }\n`, /nope\.csv/],
    ['a negative stddev in the grid', [], 'name: x\ngrid: { noise.stddev: [0.1, -0.1] }\n', /grid point noise\.stddev=-0\.1: noise\.stddev: expected a number ≥ 0/],
    ['an unknown engine', [], 'name: x\ntrain: { engine: torch }\n', /train\.engine: expected one of "auto", "fused", "tfjs"/],
    ['repeats < 1', ['--repeats', '0'], 'name: x\n', /--repeats: expected a whole number ≥ 1, found 0/],
    ['a misspelt config key', [], 'name: x\nnoise: { stdev: 0.1 }\n', /noise\.stdev: unknown key \(did you mean "stddev"\?\)/],
    ['an unknown flag', ['--wrokers', '2'], 'name: x\n', /Unknown argument: wrokers/],
    ['workers < 1', ['--workers', '0'], 'name: x\n', /--workers: expected a whole number ≥ 1, found 0/],
    ['a grid key that does not exist', [], 'name: x\ngrid: { model.hiden: [[8]] }\n', /grid\.model\.hiden: no such setting \(did you mean "hidden"\?\)/],
    ['a YAML syntax error', [], 'name: x\ntrain: {epochs: 3\n', /:\d+:\d+: invalid YAML/],
    ['a missing config file', ['/nonexistent.yaml'], null, /\/nonexistent\.yaml: expected a readable YAML study, found no such file/],
  ];
  for (const [what, args, yaml, pattern] of bad) {
    it(`bad input: ${what} → exit 2, one line`, async () => {
      const config = yaml === null ? [] : [tmpFile('bad.yaml', yaml)];
      const out = join(tmpDir(), 'never');
      const result = await runCli([...config, ...args, '--out', out]);
      expect(result.code, result.stderr).to.equal(2);
      expect(existsSync(out), 'nothing written').to.equal(false);
      expect(result.stderr.trim()).to.match(pattern);
      expect(result.stderr.trim().split('\n')).to.have.length(1);
      expect(result.stderr).not.to.match(/\n\s+at /);
    });
  }
});
