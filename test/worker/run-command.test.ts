/**
 * One run of a user's command: what reaches the program (argv, environment, folders), where its output goes,
 * and every way a run fails: exit code, timeout, signal, no JSON, NaN.
 */
import { expect } from 'chai';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandTasks, scriptStudy } from '../helpers/own-code.js';
import { recordedPids, survivors } from '../helpers/processes.js';
import { tmpDir } from '../helpers/tmp.js';
import runCommand, { runFiles } from '../../src/worker/run-command.js';

describe('worker/run-command', function () {
  this.timeout(60_000);

  it('passes placeholders as one literal argument each and the run in its environment', async () => {
    const hostile = `it's "quoted"; rm -rf / $(touch /tmp/pwned) \`id\` a  b`;
    const yaml = scriptStudy('echo', `grid:\n  params.evil: [${JSON.stringify(hostile)}]\n`, ['--evil', '{params.evil}', '--seed={seed}', '{repeat}', '{run_id}', '{out}', '{params}', '']);
    const [task] = commandTasks(yaml);
    const dir = tmpDir();
    const result = await runCommand(task!, dir);
    expect(result.status, result.error).to.equal('ok');
    const files = runFiles(dir, task!.runId);
    const echo = JSON.parse(readFileSync(join(files.out, 'echo.json'), 'utf8')) as { argv: string[]; cwd: string; env: Record<string, string> };
    expect(echo.argv).to.deep.equal(['--evil', hostile, `--seed=${task!.seed}`, '0', task!.runId, files.out, JSON.stringify({ mode: 'echo', evil: hostile }), '']);
    expect(echo.env).to.deep.equal({ SWEEP_SEED: String(task!.seed), SWEEP_REPEAT: '0', SWEEP_RUN_ID: task!.runId, SWEEP_OUT: files.out, SWEEP_PARAMS: JSON.stringify({ mode: 'echo', evil: hostile }) });
    expect(existsSync('/tmp/pwned')).to.equal(false);
    expect(result.metrics).to.deep.equal({ score: (task!.seed % 10007) / 10007 });
    expect(readFileSync(files.stdout, 'utf8')).to.include('some log line');
  });

  it('runs in run.cwd, relative to the study file', async () => {
    const [task] = commandTasks(scriptStudy('echo').replace('run:\n', 'run:\n  cwd: work\n'));
    mkdirSync(join(task!.baseDir, 'work'));
    const dir = tmpDir();
    expect((await runCommand(task!, dir)).status).to.equal('ok');
    expect(JSON.parse(readFileSync(join(runFiles(dir, task!.runId).out, 'echo.json'), 'utf8')).cwd).to.equal(join(task!.baseDir, 'work'));
  });

  it('reads metrics from a file the run writes (run.metrics), pretty-printed JSON included', async () => {
    const [task] = commandTasks(scriptStudy('file', '', ['{out}/m.json']).replace('run:\n', 'run:\n  metrics: "{out}/m.json"\n'));
    const result = await runCommand(task!, tmpDir());
    expect(result.status, result.error).to.equal('ok');
    expect(Object.keys(result.metrics)).to.deep.equal(['score', 'loss']);
  });

  // mode → the error in runs.csv
  const failures: [string, string, RegExp][] = [
    ['fail', '', /^exit code 1; stderr: Traceback \(most recent call last\): \| File "train\.py", line 3 \| ValueError: lr must be positive$/],
    ['nojson', '', /^no JSON object in stdout/],
    ['nan', '', /^loss is NaN in stdout \(diverged\?\)$/],
    ['selfkill', '', /^killed by SIGSEGV$/],
    ['ok', 'sort: accuracy\n', /^no "accuracy" in the JSON of stdout \(required by sort: or run\.columns\); it has score, loss$/],
  ];
  for (const [mode, extra, error] of failures) {
    it(`fails a run that does "${mode}"${extra ? ` with ${extra.trim()}` : ''}`, async () => {
      const [task] = commandTasks(scriptStudy(mode, extra).replace('sort: score\nsort: accuracy', 'sort: accuracy'));
      const result = await runCommand(task!, tmpDir());
      expect(result.status).to.equal('failed');
      expect(result.error).to.match(error);
      expect(result.engine).to.equal('command');
      expect(result.metrics).to.deep.equal({});
    });
  }

  it('kills a run past run.timeout, with the processes it started', async () => {
    const pids = tmpDir();
    const [task] = commandTasks(scriptStudy('sleepy', '', [pids, '60000']).replace('run:\n', 'run:\n  timeout: 1\n'));
    const result = await runCommand(task!, tmpDir());
    expect(result.status).to.equal('failed');
    expect(result.error).to.equal('timed out after 1 s (run.timeout); its process group was killed');
    expect(result.seconds).to.be.within(1, 10);
    expect(recordedPids(pids)).to.have.length(2);
    expect(await survivors(recordedPids(pids))).to.deep.equal([]);
  });

  it('ends what a run left running when it exits', async () => {
    const pids = tmpDir();
    const [task] = commandTasks(scriptStudy('sleepy', '', [pids, '10']));
    const result = await runCommand(task!, tmpDir());
    expect(result.status, result.error).to.equal('ok');
    expect(await survivors(recordedPids(pids))).to.deep.equal([]);
  });
});
