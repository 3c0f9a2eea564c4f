/**
 * `sweep variance` end to end on a tiny study: the arms it runs, variance.csv, the table, the report's section,
 * resume, the saved config.yaml re-running as a plain sweep, `sweep report` rebuilding it, and bad input.
 */
import { expect } from 'chai';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { reportCommand } from '../../src/commands/report.js';
import { sweepCommand } from '../../src/commands/sweep.js';
import { varianceCommand, type VarianceOptions } from '../../src/commands/variance.js';
import { runCli } from '../helpers/cli.js';
import { TINY } from '../helpers/tiny-study.js';
import { tmpDir, tmpFile } from '../helpers/tmp.js';

type Row = Record<string, string>;
const csv = (path: string): Row[] => parse(readFileSync(path, 'utf8'), { columns: true }) as Row[];

describe('commands/variance (end to end)', function () {
  this.timeout(180_000);
  const config = tmpFile('tiny.yaml', TINY);
  const out = join(tmpDir(), 'variance');
  const lines: string[] = [];
  const options = (extra: Partial<VarianceOptions> = {}): VarianceOptions => ({ config, point: ['noise.placement=pre'], repeats: 4, set: [], out, workers: 2, quiet: false, reportEvery: 0, progress: 'quiet', log: (l) => lines.push(l), ...extra });

  before(async () => {
    await varianceCommand(options());
  });

  it('runs one arm per source of the point (init, order, noise) and one with all, each varying only its own', () => {
    const runs = csv(join(out, 'runs.csv'));
    expect(runs).to.have.length(16);
    const arms = [...new Set(runs.map((r) => r.vary))];
    expect(arms).to.deep.equal(['init', 'order', 'noise', 'init+order+noise']);
    const distinct = (arm: string, column: string) => new Set(runs.filter((r) => r.vary === arm).map((r) => r[column])).size;
    expect([distinct('init', 'seed_init'), distinct('init', 'seed_order'), distinct('init', 'seed_noise')]).to.deep.equal([4, 1, 1]);
    expect([distinct('order', 'seed_init'), distinct('order', 'seed_order'), distinct('order', 'seed_noise')]).to.deep.equal([1, 4, 1]);
    expect([distinct('noise', 'seed_init'), distinct('noise', 'seed_order'), distinct('noise', 'seed_noise')]).to.deep.equal([1, 1, 4]);
    expect(distinct('init+order+noise', 'seed_init')).to.equal(4);
    // Every arm trains the chosen point: pre noise 0.1 (the table shows the study's own grid key no more).
    expect(readFileSync(join(out, 'config.yaml'), 'utf8')).to.match(/^# resolved study, as run by: sweep variance .* --point noise\.placement=pre --repeats 4/);
  });

  it('writes variance.csv from runs.csv: each arm\'s std of the sort metric, its interval, its share of all', () => {
    const rows = csv(join(out, 'variance.csv'));
    expect(rows.map((r) => r.source)).to.deep.equal(['init', 'order', 'noise', 'all']);
    const runs = csv(join(out, 'runs.csv'));
    for (const [source, arm] of [['init', 'init'], ['all', 'init+order+noise']] as const) {
      const xs = runs.filter((r) => r.vary === arm).map((r) => Number(r.test_accuracy));
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      const std = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
      const row = rows.find((r) => r.source === source)!;
      expect(Number(row.test_accuracy_std)).to.be.closeTo(std, 1e-12);
      expect(Number(row.test_accuracy_std_low)).to.be.at.most(std);
      expect(Number(row.test_accuracy_std_high)).to.be.at.least(std);
    }
    expect(Number(rows.find((r) => r.source === 'all')!.share_of_all)).to.equal(1);
    const text = lines.join('\n');
    expect(text).to.match(/sweep variance: noise\.placement=pre: 4 arms \(init, order, noise, all\) × 4 runs = 16 runs/);
    expect(text).to.match(/split: no arm, data\.split is not set/);
    expect(text).to.match(/where the variance of test_accuracy comes from/);
    expect(text).to.match(/^all\s+all of the above together\s+4 /m);
  });

  it("report.html has the section with its table and chart", () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const at = html.indexOf('Where the variance of test accuracy comes from');
    expect(at).to.be.greaterThan(0);
    const section = html.slice(at, html.indexOf('</section>', at));
    expect(section).to.include('<svg');
    expect(section).to.include('initial weights');
    expect(section).to.include('chi-square');
    expect(html).to.include('No baseline, so no p-values: the arms of a variance study are not compared with each other');
  });

  it('resumes (nothing to run), and its saved config.yaml re-runs as a plain sweep of the same runs', async () => {
    const again = await varianceCommand(options({ resume: true, quiet: true }));
    expect(again.reused).to.equal(16);
    const plain = await sweepCommand({ config: join(out, 'config.yaml'), out, resume: true, workers: 1, set: [], quiet: true, reportEvery: 0 });
    expect(plain.reused).to.equal(16);
  });

  it('sweep report rebuilds variance.csv to the same bytes', async () => {
    const before = readFileSync(join(out, 'variance.csv'), 'utf8');
    rmSync(join(out, 'variance.csv'));
    await reportCommand({ dir: out, json: false, quiet: true });
    expect(readFileSync(join(out, 'variance.csv'), 'utf8')).to.equal(before);
  });

  it('bad input: one line, exit 2, nothing run', async () => {
    const cases: [string[], RegExp][] = [
      [['variance', config], /--point: expected a selection of one grid point .* found 3; add --point noise\.placement=none\|input\|pre/],
      [['variance', config, '--point', 'noise.placement=pre', '--repeats', '1'], /--repeats: expected a whole number ≥ 2/],
      [['variance', config, '--point', 'placement=pre'], /--point placement: expected a grid key/],
      [['variance', config, '--point', 'noise.placement'], /--point noise\.placement: expected key=value/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli([...args, '--out', join(tmpDir(), 'never')]);
      expect(run.code, args.join(' ')).to.equal(2);
      expect(run.stderr.trim().split('\n'), args.join(' ')).to.have.length(1);
      expect(run.stderr).to.match(message);
    }
  });
});
