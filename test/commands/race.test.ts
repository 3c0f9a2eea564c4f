/**
 * Racing studies end to end (issue 11): a small race on moons where one grid point (a single epoch) is soon
 * shown worse; its files against a fixed study of the same runs and against a replay of its own runs.csv; the
 * same files on 1 and 2 workers; resumed in the middle (a log cut short, a Ctrl-C) or with max raised, the files
 * of an uninterrupted race; the baseline kept; and the inputs a race refuses.
 */
import { expect } from 'chai';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sweepCommand, type SweepOptions } from '../../src/commands/sweep.js';
import { InputError } from '../../src/errors.js';
import { replayRace } from '../../src/plan/race/replay.js';
import { runCli } from '../helpers/cli.js';
import { tmpDir, tmpFile } from '../helpers/tmp.js';

/** Four points, 3 to 8 repeats one at a time; train.epochs=1 barely learns, the others are close. */
const RACE = `name: race
seed: 3
repeats: 8
data: { generator: moons, samples: 100, noise: 0.2, seed: 1, trainSize: 30 }
model: { hidden: [16] }
train: { epochs: 60, learningRate: 0.2 }
race: { min: 3, max: 8, step: 1 }
grid:
  train.epochs: [1, 60, 61, 200]
`;

type Row = Record<string, string>;
const csv = (path: string): Row[] => parse(readFileSync(path, 'utf8'), { columns: true }) as Row[];
/** Rows without the timing column, the one thing allowed to differ between equal sweeps. */
const untimed = (rows: Row[]): Row[] => rows.map(({ seconds, ...rest }) => rest);
const options = (config: string, out: string, extra: Partial<SweepOptions> = {}): SweepOptions => ({ config, out, workers: 2, set: [], quiet: true, ...extra });

/** The files a race leaves that must be equal between equal races (report.html embeds its timing). */
function expectSameFiles(a: string, b: string): void {
  expect(untimed(csv(join(b, 'runs.csv')))).to.deep.equal(untimed(csv(join(a, 'runs.csv'))));
  expect(readFileSync(join(b, 'summary.csv'), 'utf8')).to.equal(readFileSync(join(a, 'summary.csv'), 'utf8'));
}

describe('commands/sweep with race:', function () {
  this.timeout(300_000);
  const config = tmpFile('race.yaml', RACE);
  const reference = join(tmpDir(), 'reference');
  let outcome: Awaited<ReturnType<typeof sweepCommand>>;

  before(async () => {
    outcome = await sweepCommand(options(config, reference, { workers: 1 }));
  });

  it('runs round by round: the eliminated point stops at its round, the others go to max', () => {
    const summary = csv(join(reference, 'summary.csv'));
    expect(Object.keys(summary[0]!).slice(0, 6)).to.deep.equal(['train.epochs', 'n', 'failed', 'status', 'eliminated_after', 'eliminated_round']);
    const one = summary.find((r) => r['train.epochs'] === '1')!;
    expect(one.status).to.equal('eliminated');
    expect(Number(one.n)).to.equal(Number(one.eliminated_after));
    expect(Number(one.n)).to.be.below(8);
    for (const r of summary.filter((x) => x !== one)) {
      expect(r.status).to.be.oneOf(['winner', 'survivor']);
      expect([r.eliminated_after, r.eliminated_round]).to.deep.equal(['', '']);
    }
    expect(summary.filter((r) => r.status === 'winner')).to.have.length(1);
    const runs = csv(join(reference, 'runs.csv'));
    // Each point ran repeats 0..n−1, and the race spent what runs.csv holds.
    for (const r of summary) expect(runs.filter((x) => x['train.epochs'] === r['train.epochs']).map((x) => Number(x.repeat))).to.deep.equal(Array.from({ length: Number(r.n) }, (_, k) => k));
    expect(outcome.race!.spent).to.equal(runs.length);
    expect(outcome.race!.budget).to.equal(32);
    expect(outcome.race!.state.finished).to.equal(true);
  });

  it('decides as a replay of its runs.csv does, with the status summary.csv shows', () => {
    const runs = csv(join(reference, 'runs.csv'));
    const keys = ['1', '60', '61', '200'];
    const perPoint = keys.map((k) => new Map(runs.filter((r) => r['train.epochs'] === k).map((r) => [Number(r.repeat), Number(r.test_accuracy)])));
    const state = replayRace(4, perPoint, { min: 3, max: 8, step: 1, alpha: 0.05, lowerIsBetter: false, baseline: null, test: { paired: true } });
    expect(state.outcomes.map((o) => o.status)).to.deep.equal(csv(join(reference, 'summary.csv')).map((r) => r.status));
    expect(state.rounds.map((r) => r.eliminated)).to.deep.equal(outcome.race!.state.rounds.map((r) => r.eliminated));
  });

  it('runs exactly the runs of a fixed study of max repeats: repeat k is the same run, with the same numbers', async () => {
    const fixed = join(tmpDir(), 'fixed');
    await sweepCommand(options(tmpFile('fixed.yaml', RACE.replace(/^race:.*\n/m, '')), fixed));
    const byId = new Map(untimed(csv(join(fixed, 'runs.csv'))).map((r) => [r.run_id, r]));
    const raced = untimed(csv(join(reference, 'runs.csv')));
    expect(byId.size).to.equal(32);
    for (const r of raced) expect(byId.get(r.run_id!)).to.deep.equal(r);
  });

  it('gives the same files on 2 workers and inline', async () => {
    const two = join(tmpDir(), 'two');
    await sweepCommand(options(config, two, { workers: 2 }));
    expectSameFiles(reference, two);
    const inline = join(tmpDir(), 'inline');
    await sweepCommand(options(config, inline, { inline: true }));
    expectSameFiles(reference, inline);
  });

  it('resumed from a log cut short in the middle of the race, ends with the files of the uninterrupted race', async () => {
    const runs = readFileSync(join(reference, 'runs.csv'), 'utf8').split('\n');
    for (const keep of [5, 14]) {
      const dir = join(tmpDir(), `cut${keep}`);
      mkdirSync(dir);
      for (const f of ['config.yaml', 'meta.json']) writeFileSync(join(dir, f), readFileSync(join(reference, f)));
      writeFileSync(join(dir, 'runs.csv'), runs.slice(0, 1 + keep).join('\n') + '\n');
      const resumed = await sweepCommand(options(config, dir, { resume: true }));
      expect(resumed.reused).to.equal(keep);
      expectSameFiles(reference, dir);
    }
  });

  it('with max raised on resume, goes on from the old max to the files of a race run to the new max at once', async () => {
    const dir = join(tmpDir(), 'raised');
    const short = await sweepCommand(options(config, dir, { set: ['race.max=5'] }));
    expect(short.race!.budget).to.equal(20);
    await sweepCommand(options(config, dir, { resume: true }));
    expectSameFiles(reference, dir);
  });

  it('never eliminates the baseline: it races to the end beside the winner', async () => {
    const dir = join(tmpDir(), 'baseline');
    const withBaseline = await sweepCommand(options(config, dir, { set: ['baseline={train.epochs: 1}'] }));
    const one = csv(join(dir, 'summary.csv')).find((r) => r['train.epochs'] === '1')!;
    expect(one.status).to.equal('survivor');
    expect(one.eliminated_round).to.equal('');
    expect(Number(one.n)).to.equal(withBaseline.race!.state.target);
  });

  it('--dry-run states the worst case and writes nothing', async () => {
    const lines: string[] = [];
    const out = join(tmpDir(), 'never');
    await sweepCommand(options(config, out, { dryRun: true, quiet: false, log: (l) => lines.push(l) }));
    expect(lines).to.include('study race: 4 grid point(s) × 8 repeats (race.max) = 32 runs');
    expect(lines.find((l) => l.startsWith('race: '))).to.match(/^race: at most 32 runs \(the worst case: nothing eliminated, 4 × 8\), at least 12 \(4 × 3\); rounds at 3, 4, \.\.\., 8 repeats; a point is out when a better one beats it on test_accuracy \(paired t-test on matched repeats, every pair of points racing, Holm over the pairs\) at round r's level 0\.05·6\/\(π²r²\)/);
    expect(lines.find((l) => l.startsWith('estimate: '))).to.match(/ for 32 runs /);
    expect(existsSync(out)).to.equal(false);
  });

  it('refuses a shard and an unknown race.metric before anything is written', async () => {
    const out = join(tmpDir(), 'never');
    const shard = await sweepCommand(options(config, out, { shard: { index: 1, count: 2 } })).catch((e: unknown) => e);
    expect(shard).to.be.instanceOf(InputError);
    expect((shard as Error).message).to.match(/^--shard 1\/2 \(from --shard or a job array's index\): expected no shard for a study with race:/);
    const metric = await sweepCommand(options(config, out, { set: ['race.metric=test_acuracy'] })).catch((e: unknown) => e);
    expect(metric).to.be.instanceOf(InputError);
    expect((metric as Error).message).to.equal(`${config}: race.metric: expected one of the study's metrics (train_loss, train_accuracy, test_loss, test_accuracy) (did you mean "test_accuracy"?), found "test_acuracy"`);
    expect(existsSync(out)).to.equal(false);
  });

  it('prints the rounds, the winner and the runs spent against the fixed budget', async () => {
    const lines: string[] = [];
    const dir = join(tmpDir(), 'printed');
    await sweepCommand(options(config, dir, { quiet: false, progress: 'quiet', log: (l) => lines.push(l) }));
    const text = lines.join('\n');
    expect(text).to.match(/\ntrain\.epochs\s+race\s+n\s+test_accuracy/);
    expect(text).to.match(/\n1\s+out r\d \(\d\)\s+\d/);
    expect(text).to.match(/\n  round 1 at 3 repeats, level 0\.030: /);
    expect(text).to.match(/\n  winner: train\.epochs=\d+/);
    const spent = outcome.race!.spent;
    expect(lines[lines.length - 1]).to.equal(`race: ${spent} runs spent of the 32 a fixed study would run (4 points × 8 repeats), ${((100 * spent) / 32).toFixed(1)} %`);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).to.include('<h2>Race</h2>');
    expect(html).to.match(/<tr class="[^"]*eliminated[^"]*"><td class="key">1 <span class="tag" title="eliminated by the race in round \d, after \d repeats">out in round \d \(\d\)<\/span>/);
    expect(html).to.include('race winner');
  });
});

describe('sweep CLI with race: Ctrl-C and --resume', function () {
  this.timeout(300_000);
  // Slower runs (a few hundred ms each) so the signal lands mid-race.
  const SLOW = RACE.replace('hidden: [16]', 'hidden: [64]').replace('epochs: 60,', 'epochs: 1500,').replace('[1, 60, 61, 200]', '[1, 1500, 1501, 3000]');

  async function waitForRows(path: string, n: number): Promise<void> {
    for (let i = 0; i < 1200; i++) {
      if (existsSync(path) && readFileSync(path, 'utf8').trim().split('\n').length > n) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no ${n} rows in ${path}`);
  }

  it('SIGINT mid-race: exit 130 with the resume command; --resume ends with the files of an uninterrupted race', async () => {
    const config = tmpFile('slow-race.yaml', SLOW);
    const out = join(tmpDir(), 'stopped');
    const stopped = await runCli([config, '--out', out, '--workers', '2'], { started: (child) => void waitForRows(join(out, 'runs.csv'), 14).then(() => child.kill('SIGINT')) });
    expect(stopped.code, stopped.stderr).to.equal(130);
    expect(stopped.stderr).to.match(new RegExp(`Resume with: npx sweep ${config} --out ${out} --resume`));
    const partial = csv(join(out, 'runs.csv')).length;
    expect(partial).to.be.within(14, 31);
    expect(existsSync(join(out, 'summary.csv'))).to.equal(true);
    const resumed = await runCli([config, '--out', out, '--workers', '1', '--resume']);
    expect(resumed.code, resumed.stderr).to.equal(0);
    expect(resumed.stdout).to.match(new RegExp(`resuming .*: ${partial} runs of the race already done; `));
    const fresh = join(tmpDir(), 'fresh');
    expect((await runCli([config, '--out', fresh, '--workers', '2', '--quiet'])).code).to.equal(0);
    expectSameFiles(fresh, out);
  });
});
