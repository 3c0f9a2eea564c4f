/**
 * run: studies end to end: the user's command swept with repeats, seeds, statistics, bounds, resume, shards;
 * kills and signals leave no process behind; bad input stops before any run.
 */
import { expect } from 'chai';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { mergeCommand } from '../../src/commands/merge.js';
import { checkCommand } from '../../src/commands/check.js';
import { sweepCommand, type SweepOptions } from '../../src/commands/sweep.js';
import { InputError, RunsFailed } from '../../src/errors.js';
import { runCli } from '../helpers/cli.js';
import { scriptStudy, SCRIPT } from '../helpers/own-code.js';
import { recordedPids, survivors } from '../helpers/processes.js';
import { tmpDir, tmpFile } from '../helpers/tmp.js';

type Row = Record<string, string>;
const csv = (path: string): Row[] => parse(readFileSync(path, 'utf8'), { columns: true }) as Row[];
const untimed = (rows: Row[]): Row[] => rows.map(({ seconds, ...rest }) => rest);
const options = (config: string, out: string, extra: Partial<SweepOptions> = {}): SweepOptions => ({ config, out, workers: 2, set: [], quiet: true, ...extra });

/** Three points of the fixture script, two repeats, a bound on its score. */
const STUDY = scriptStudy('ok', `grid:\n  params.lr: [0.1, 0.01, 0.001]\nbaseline: { params.lr: 0.1 }\nexpect:\n  - score_mean: { min: 0, max: 1 }\n    loss_mean: { max: 1 }\n`);

describe('run: studies (end to end)', function () {
  this.timeout(120_000);

  it('sweeps the command: runs.csv with the metrics it reports, its logs, the summary, the bounds', async () => {
    const out = join(tmpDir(), 'r');
    const outcome = await sweepCommand(options(tmpFile('own.yaml', STUDY), out));
    expect(readdirSync(out).sort()).to.deep.equal(['config.yaml', 'meta.json', 'report.html', 'runs', 'runs.csv', 'summary.csv']);
    const rows = csv(join(out, 'runs.csv'));
    expect(Object.keys(rows[0]!)).to.deep.equal(['params.lr', 'repeat', 'seed', 'score', 'loss', 'seconds', 'engine', 'status', 'error', 'run_id']);
    expect(rows).to.have.length(6);
    for (const r of rows) {
      expect(r.status).to.equal('ok');
      expect(r.engine).to.equal('command');
      expect(Number(r.score)).to.equal((Number(r.seed) % 10007) / 10007);
      expect(readFileSync(join(out, 'runs', r.run_id!, 'stdout.log'), 'utf8')).to.include(`"seed":${r.seed}`);
    }
    const summary = csv(join(out, 'summary.csv'));
    expect(Object.keys(summary[0]!)).to.include.members(['params.lr', 'n', 'score_mean', 'score_p_holm', 'loss_mean']);
    expect(outcome.metrics).to.deep.equal(['score', 'loss']);
  });

  it('gives the same numbers on 1 and 2 workers', async () => {
    const config = tmpFile('own.yaml', STUDY);
    const a = join(tmpDir(), 'a');
    const b = join(tmpDir(), 'b');
    await sweepCommand(options(config, a, { workers: 1 }));
    await sweepCommand(options(config, b, { workers: 2 }));
    expect(untimed(csv(join(b, 'runs.csv')))).to.deep.equal(untimed(csv(join(a, 'runs.csv'))));
    expect(readFileSync(join(b, 'summary.csv'), 'utf8')).to.equal(readFileSync(join(a, 'summary.csv'), 'utf8'));
  });

  it('learns a metric first reported by a later run: the column is added, every row kept', async () => {
    const out = join(tmpDir(), 'r');
    await sweepCommand(options(tmpFile('own.yaml', scriptStudy('extra').replace('repeats: 2', 'repeats: 4')), out, { workers: 1 }));
    const rows = csv(join(out, 'runs.csv'));
    expect(Object.keys(rows[0]!)).to.deep.equal(['repeat', 'seed', 'score', 'extra', 'seconds', 'engine', 'status', 'error', 'run_id']);
    expect(rows.map((r) => r.extra === '')).to.deep.equal([true, false, true, false]);
    expect(csv(join(out, 'summary.csv'))[0]!.extra_mean).to.not.equal('');
  });

  it('a resumed study that requires a metric more widens runs.csv from disk, keeping every row', async () => {
    const config = tmpFile('own.yaml', scriptStudy('extra'));
    const out = join(tmpDir(), 'r');
    await sweepCommand(options(config, out, { repeats: 1 }));
    expect(Object.keys(csv(join(out, 'runs.csv'))[0]!)).to.deep.equal(['repeat', 'seed', 'score', 'seconds', 'engine', 'status', 'error', 'run_id']);
    const before = csv(join(out, 'runs.csv'))[0]!;
    const resumed = await sweepCommand(options(config, out, { resume: true, set: ['run.columns=[extra]'] }));
    expect(resumed.reused).to.equal(1);
    const rows = csv(join(out, 'runs.csv'));
    expect(Object.keys(rows[0]!)).to.deep.equal(['repeat', 'seed', 'score', 'extra', 'seconds', 'engine', 'status', 'error', 'run_id']);
    expect(rows[0]).to.deep.equal({ ...before, extra: '' });
    expect(Number(rows[1]!.extra)).to.be.greaterThan(0);
  });

  it('records failed runs with the end of their stderr, goes on, and exits with 3', async () => {
    const out = join(tmpDir(), 'r');
    const study = STUDY.replace('params: { mode: ok }', 'params: { mode: ok }').replace(`"ok"`, '"{params.mode}"').replace('grid:\n', 'grid:\n  params.mode: [ok, fail]\n').replace('baseline: { params.lr: 0.1 }', 'baseline: { params.lr: 0.1, params.mode: ok }');
    const error = await sweepCommand(options(tmpFile('own.yaml', study), out)).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RunsFailed);
    expect((error as Error).message).to.match(/^6 of 12 runs failed \(first: exit code 1; stderr: .*ValueError: lr must be positive\)/);
    const rows = csv(join(out, 'runs.csv'));
    expect(rows.filter((r) => r.status === 'failed').every((r) => r['params.mode'] === 'fail')).to.equal(true);
  });

  it('--dry-run shows each point\'s command and says it cannot estimate, running nothing', async () => {
    const lines: string[] = [];
    const out = join(tmpDir(), 'never');
    await sweepCommand(options(tmpFile('own.yaml', STUDY.replace('"ok"]', '"ok", --lr, "{params.lr}", --seed, "{seed}"]')), out, { dryRun: true, quiet: false, log: (l) => lines.push(l) }));
    expect(lines[0]).to.equal('study own: 3 grid point(s) × 2 repeats = 6 runs');
    expect(lines[1]).to.equal(`  params.lr=0.1  [${process.execPath} ${SCRIPT} ok --lr 0.1 --seed {seed}]`);
    expect(lines[4]).to.match(/^estimate: none: the runs are your own code/);
    expect(existsSync(out)).to.equal(false);
  });

  it('shards cover the study and merge into the files of one sweep; check judges them again', async () => {
    const config = tmpFile('own.yaml', STUDY);
    const single = join(tmpDir(), 'single');
    await sweepCommand(options(config, single));
    const shards = [1, 2].map((i) => join(tmpDir(), `shard${i}`));
    for (const [i, dir] of shards.entries()) await sweepCommand(options(config, dir, { shard: { index: i + 1, count: 2 } }));
    const merged = join(tmpDir(), 'merged');
    await mergeCommand({ dirs: shards, out: merged, allowPartial: false, quiet: true });
    expect(untimed(csv(join(merged, 'runs.csv')))).to.deep.equal(untimed(csv(join(single, 'runs.csv'))));
    expect(readFileSync(join(merged, 'summary.csv'), 'utf8')).to.equal(readFileSync(join(single, 'summary.csv'), 'utf8'));
    const verdicts = await checkCommand({ dir: merged, quiet: true });
    expect(verdicts.length).to.equal(6);
    expect(verdicts.every((v) => v.passed)).to.equal(true);
  });

  it('a bound on a metric no run reported is an input error after the results are written', async () => {
    const out = join(tmpDir(), 'r');
    const error = await sweepCommand(options(tmpFile('own.yaml', STUDY.replace('score_mean', 'scor_mean')), out)).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(InputError);
    expect((error as Error).message).to.match(/expect\[0\]\.scor_mean: unknown column \(did you mean "score_mean"\?\)/);
    expect(csv(join(out, 'runs.csv'))).to.have.length(6);
    expect(existsSync(join(out, 'summary.csv'))).to.equal(true);
  });
});

describe('run: studies as a process: kills and signals leave no process behind', function () {
  this.timeout(180_000);

  /** A study of `runs` runs that each start a sleeping grandchild, record the pids and take `ms`. */
  function sleepyStudy(pids: string, ms: number, repeats: number): string {
    return tmpFile('sleepy.yaml', scriptStudy('sleepy', '', [pids, String(ms)]).replace('repeats: 2', `repeats: ${repeats}`));
  }

  async function waitFor(what: () => boolean, label: string): Promise<void> {
    for (let i = 0; i < 600; i++) {
      if (what()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${label}`);
  }

  it('after SIGKILL mid-sweep, the runs in flight and their children are killed; --resume finishes the study', async () => {
    const pids = tmpDir();
    const config = sleepyStudy(pids, 600, 6);
    const out = join(tmpDir(), 'killed');
    const rowsIn = () => (existsSync(join(out, 'runs.csv')) ? readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\n').length - 1 : 0);
    const killed = await runCli([config, '--out', out, '--workers', '2', '--quiet'], {
      started: (child) => void waitFor(() => rowsIn() >= 2 && recordedPids(pids).length >= 2 * (rowsIn() + 2), 'runs in flight').then(() => child.kill('SIGKILL')),
    });
    expect(killed.signal).to.equal('SIGKILL');
    expect(recordedPids(pids).length).to.be.greaterThan(2 * rowsIn());
    expect(await survivors(recordedPids(pids))).to.deep.equal([]);
    const resumed = await runCli([config, '--out', out, '--workers', '2', '--resume', '--quiet']);
    expect(resumed.code, resumed.stderr).to.equal(0);
    expect(csv(join(out, 'runs.csv')).filter((r) => r.status === 'ok')).to.have.length(6);
    expect(await survivors(recordedPids(pids))).to.deep.equal([]);
  });

  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`on ${signal} the running runs finish, on a second one they are killed: exit ${code}, nothing left running`, async () => {
      const pids = tmpDir();
      const out = join(tmpDir(), 'stopped');
      const result = await runCli([sleepyStudy(pids, 60_000, 4), '--out', out, '--workers', '2'], {
        started: (child) =>
          void waitFor(() => recordedPids(pids).length >= 4, 'two runs started').then(async () => {
            child.kill(signal);
            await new Promise((r) => setTimeout(r, 300));
            child.kill(signal);
          }),
      });
      expect(result.code, result.stderr).to.equal(code);
      expect(result.stderr).to.include(`${signal}: no new runs`);
      expect(recordedPids(pids)).to.have.length(4);
      expect(await survivors(recordedPids(pids))).to.deep.equal([]);
    });
  }

  // Bad run: input: one line naming the file and the key, exit 2, before any run (no results directory).
  const bad: [string, string, RegExp][] = [
    ['a missing command', 'name: x\nsort: a\nrun: { timeout: 5 }\n', /: run\.command: expected the command to run/],
    ['an unknown placeholder', 'name: x\nsort: a\nrun: { command: [echo, "{sed}"] }\n', /: run\.command\[1\]: expected a placeholder .*found "\{sed\}"/],
    ['a param no point has', 'name: x\nsort: a\nparams: { lr: 1 }\nrun: { command: [echo, "{params.lrr}"] }\n', /: run\.command\[1\]: expected a param "lrr" for \{params\.lrr\} \(params: lr\)/],
    ['a command not found', 'name: x\nsort: a\nrun: { command: [no-such-program-xyz, train.py] }\n', /: run\.command\[0\]: expected a program on PATH .*found "no-such-program-xyz": command not found/],
    ['a timeout that is not a positive number', 'name: x\nsort: a\nrun: { command: [echo], timeout: -1 }\n', /: run\.timeout: expected a number > 0, found -1/],
    ['a timeout that is text', 'name: x\nsort: a\nrun: { command: [echo], timeout: 10m }\n', /: run\.timeout: expected a number, found "10m"/],
    ['no sort metric', 'name: x\nrun: { command: [echo] }\n', /: sort: expected the metric that ranks grid points/],
    ['a model section beside run:', 'name: x\nsort: a\nrun: { command: [echo] }\nmodel: { hidden: [4] }\n', /: model: expected no model in a study with run:/],
    ['params without run:', 'name: x\nparams: { lr: 1 }\n', /: params: expected params only in a study with run:/],
    ['a grid key outside params', 'name: x\nsort: a\nrun: { command: [echo] }\ngrid: { train.epochs: [1, 2] }\n', /: grid\.train\.epochs: expected params\.<key> \(your own settings\) or seed/],
    ['a metrics file every run shares', 'name: x\nsort: a\nrun: { command: [echo], metrics: m.json }\n', /: run\.metrics: expected "stdout" or a file path that differs per run/],
    ['a sort metric a model study does not have', 'name: x\nsort: test_acuracy\n', /: sort: expected one of the study's metrics \(train_loss, train_accuracy, test_loss, test_accuracy\) \(did you mean "test_accuracy"\?\), found "test_acuracy"/],
    ['a misspelt run: key', 'name: x\nsort: a\nrun: { comand: [echo] }\n', /: run\.comand: unknown key \(did you mean "command"\?\)/],
    ['a folder that does not exist', 'name: x\nsort: a\nrun: { command: [echo], cwd: nowhere }\n', /: run\.cwd: expected a folder .*no such folder/],
  ];
  for (const [what, yaml, pattern] of bad) {
    it(`bad input: ${what} → an input error (exit 2), one line, nothing run`, async () => {
      const out = join(tmpDir(), 'never');
      const error = await sweepCommand(options(tmpFile('bad.yaml', yaml), out)).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(InputError);
      expect((error as Error).message).not.to.include('\n');
      expect((error as Error).message).to.match(pattern);
      expect(existsSync(out)).to.equal(false);
    });
  }

  it('bad input through the CLI: exit 2, one line on stderr, no stack trace', async () => {
    const result = await runCli([tmpFile('bad.yaml', bad[3]![1]), '--out', join(tmpDir(), 'never')]);
    expect(result.code, result.stderr).to.equal(2);
    expect(result.stderr.trim().split('\n')).to.have.length(1);
    expect(result.stderr).to.match(bad[3]![2]);
  });

  it('--inline is refused for a run: study', async () => {
    const result = await runCli([tmpFile('own.yaml', STUDY), '--inline', '--out', join(tmpDir(), 'never')]);
    expect(result.code).to.equal(2);
    expect(result.stderr).to.match(/--inline: expected a study of noise-sweep's models, found one with run:/);
  });
});

