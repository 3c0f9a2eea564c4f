/**
 * The hostile-input suite (issue 16): an attacker's table. Each case names the attack, the command, the exit
 * code and one line it must print, and what is on disk afterwards; then, for every case that had results, the
 * damage is repaired (space freed, cell restored, other writer gone) and `--resume` must end with every finished
 * run intact and final files byte-identical to an uninterrupted sweep's.
 *
 * Failing disks are injected (test/helpers/faulty-bin.ts: the real CLI with store/disk.ts told to fail with
 * ENOSPC/EDQUOT/EROFS/EACCES after N bytes), because CI cannot mount a small file system as non-root;
 * hostile-tmpfs.test.ts fills a real 256 KiB tmpfs where it may (root, with mount), and says why it skips elsewhere.
 */
import { expect } from 'chai';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAULTY_BIN, runCli } from '../helpers/cli.js';
import { ALIAS_BOMB, type Case, completeRows, type Ctx, DATA, FIVE_MILLION, noTempFiles, read, runs, setCell, startOtherWriter, unchanged, untimed } from './hostile-cases.js';
import { TINY } from '../helpers/tiny-study.js';
import { tmpDir } from '../helpers/tmp.js';


const CASES: Case[] = [
  // --- a short write is taken for a whole one ---
  {
    attack: 'disk full (a short write, then ENOSPC) during `report`',
    start: 'finished',
    command: (c) => ['report', c.dir],
    fault: { code: 'ENOSPC', afterBytes: 200, path: 'runs\\.csv' },
    exit: 4,
    says: /runs\.csv: disk full \(ENOSPC\) while writing runs\.csv; .*runs\.csv was left as it was/,
    onDisk: 'runs.csv byte-identical, no temporary file',
    check: (c) => {
      unchanged(c);
      noTempFiles(c.dir);
    },
  },
  {
    attack: 'disk full at the final rewrite of a --resume with nothing to run',
    start: 'finished',
    command: (c) => [c.config, '--out', c.dir, '--resume', '--quiet'],
    fault: { code: 'ENOSPC', afterBytes: 0, path: 'runs\\.csv\\.tmp' },
    exit: 4,
    says: /disk full \(ENOSPC\) while writing runs\.csv; .*every finished run is in runs\.csv; once fixed, finish with: npx sweep/,
    onDisk: 'runs.csv byte-identical',
    check: (c) => {
      unchanged(c);
      noTempFiles(c.dir);
    },
  },
  {
    attack: 'disk fills mid-sweep (runs.csv appends: a short write, then ENOSPC)',
    start: 'none',
    command: (c) => [c.config, '--out', c.dir, '--workers', '2', '--quiet'],
    fault: { code: 'ENOSPC', afterBytes: 700, path: 'runs\\.csv$' },
    exit: 4,
    says: /runs\.csv: disk full \(ENOSPC\) while appending to the log; every row before it is intact; \d+ runs .* are in .*runs\.csv; once fixed, resume with: npx sweep .* --resume/,
    onDisk: 'runs.csv: the header and only whole rows of finished runs (no half row)',
    check: (c) => {
      const rows = completeRows(runs(c));
      expect(rows.length).to.be.within(1, 8);
      for (const r of rows) expect(r).to.match(/,fused,ok,,[0-9a-f]{16}$/);
    },
  },
  {
    attack: 'quota exceeded (EDQUOT) while writing learning curves (train.history)',
    start: 'none',
    command: (c) => [c.config, '--out', c.dir, '--workers', '1', '--quiet', '--set', 'train.history=true'],
    fault: { code: 'EDQUOT', afterBytes: 20_000, path: 'history\\.csv$' },
    exit: 4,
    says: /history\.csv: disk quota exceeded \(EDQUOT\) while appending to the log/,
    onDisk: 'runs.csv: only runs whose whole history was written; history.csv: whole rows',
    check: (c) => {
      const rows = completeRows(runs(c));
      expect(rows.length).to.be.within(1, 8);
      completeRows(join(c.dir, 'history.csv'));
    },
  },
  {
    attack: 'results on a read-only file system (EROFS)',
    start: 'finished',
    command: (c) => [c.config, '--out', c.dir, '--resume', '--quiet'],
    fault: { code: 'EROFS', calls: ['mkdir', 'open', 'write', 'rename'] },
    exit: 4,
    says: /: read-only file system \(EROFS\) while creating the results directory/,
    onDisk: 'every file byte-identical',
    check: (c) => {
      unchanged(c);
    },
  },
  {
    attack: 'no permission to replace summary.csv (EACCES) during `report`',
    start: 'finished',
    command: (c) => ['report', c.dir],
    fault: { code: 'EACCES', calls: ['rename'], path: 'summary\\.csv$' },
    exit: 4,
    says: /summary\.csv: permission denied \(EACCES\) while writing summary\.csv/,
    onDisk: 'runs.csv byte-identical, summary.csv as it was',
    check: (c) => {
      unchanged(c);
      noTempFiles(c.dir);
    },
  },
  // --- ordinary errors reported as internal ones ---
  {
    attack: 'runs.csv cannot be read (EACCES) during `check`',
    start: 'finished',
    command: (c) => ['check', c.dir],
    fault: { code: 'EACCES', calls: ['read'], path: 'runs\\.csv$' },
    exit: 2,
    says: /runs\.csv: expected a file it can read, found permission denied \(EACCES\)/,
    onDisk: 'runs.csv byte-identical',
    check: (c) => {
      unchanged(c);
    },
  },
  {
    attack: 'a directory in place of runs.csv, then `check`',
    start: 'finished',
    arrange: (c) => (rmSync(runs(c)), mkdirSync(runs(c))),
    command: (c) => ['check', c.dir],
    exit: 2,
    says: /runs\.csv: expected a file it can read, found .*|runs\.csv: a directory where a file was expected \(EISDIR\)/,
    onDisk: 'the directory is still there, nothing else changed',
    repair: (c) => (rmSync(runs(c), { recursive: true }), writeFileSync(runs(c), c.before)),
  },
  {
    attack: '--out under a file',
    start: 'none',
    arrange: (c) => writeFileSync(join(c.work, 'file'), 'mine'),
    command: (c) => [c.config, '--out', join(c.work, 'file', 'out'), '--quiet'],
    exit: 2,
    says: /file\/out: a path component is a file, not a directory \(ENOTDIR\)/,
    onDisk: 'the file as it was',
    check: (c) => void expect(read(join(c.work, 'file'))).to.equal('mine'),
    after: 'nothing to resume',
  },
  {
    attack: '--junit in a missing folder (found before the sweep, not after it)',
    start: 'none',
    command: (c) => [c.config, '--out', c.dir, '--junit', join(c.work, 'missing', 'junit.xml'), '--quiet'],
    exit: 2,
    says: /--junit .*missing\/junit\.xml: expected a file in an existing folder, found no folder/,
    onDisk: 'no results directory: nothing ran',
    check: (c) => void expect(existsSync(c.dir)).to.equal(false),
    after: 'nothing to resume',
  },
  // --- --force and --out reach what is not ours ---
  {
    attack: '--force into a directory noise-sweep did not create',
    start: 'none',
    arrange: (c) => (mkdirSync(c.dir), writeFileSync(join(c.dir, 'summary.csv'), 'my own summary\n')),
    command: (c) => [c.config, '--out', c.dir, '--force', '--quiet'],
    exit: 2,
    says: /--force: expected .* a results directory noise-sweep made \(with its meta\.json\), found summary\.csv/,
    onDisk: "the user's summary.csv as it was",
    check: (c) => void expect(read(join(c.dir, 'summary.csv'))).to.equal('my own summary\n'),
    after: 'nothing to resume',
  },
  {
    attack: '--out is a symlink to another directory (a system one, say)',
    start: 'none',
    arrange: (c) => (mkdirSync(join(c.work, 'system')), symlinkSync(join(c.work, 'system'), c.dir)),
    command: (c) => [c.config, '--out', c.dir, '--quiet'],
    exit: 2,
    says: /expected a directory, found a symbolic link to .*system \(refusing to follow it; pass the directory itself\)/,
    onDisk: 'nothing written into the target',
    check: (c) => void expect(readdirSync(join(c.work, 'system'))).to.deep.equal([]),
    after: 'nothing to resume',
  },
  // --- two writers on one results directory ---
  {
    attack: 'a second writer (--resume of a --set variant) while a sweep runs in the directory',
    start: 'finished',
    arrange: (c) => startOtherWriter(c, 1),
    command: (c) => [c.config, '--out', c.dir, '--resume', '--quiet', '--set', 'repeats=4'],
    exit: 2,
    says: /expected no other writer, found the lock held by pid \d+ on .* \(sweep .* --resume\), since \d{4}-\d\d-\d\dT/,
    onDisk: "the first writer's rows all there (it goes on); the refused one wrote nothing",
    check: async (c) => {
      c.other!.kill('SIGINT'); // the first writer stops politely: its running run finishes and is kept
      const first = await c.otherRun!;
      expect(first.code, first.stderr).to.equal(130);
      const lines = completeRows(runs(c));
      for (const row of c.before.split('\n').slice(1, -1)) expect(lines, 'every earlier row kept').to.include(row);
      expect(lines.length).to.be.greaterThan(9);
    },
  },
  {
    attack: 'the writer is killed with SIGKILL: its lock is stale',
    start: 'finished',
    arrange: async (c) => {
      await startOtherWriter(c, 1);
      c.other!.kill('SIGKILL');
      await c.otherRun;
    },
    command: (c) => [c.config, '--out', c.dir, '--resume', '--quiet'],
    exit: 0,
    says: /^$/,
    onDisk: 'the lock taken over; every row of both studies kept',
    check: (c) => void expect(completeRows(runs(c)).length).to.be.greaterThan(9),
  },
  // --- a corrupted cell poisons every later command ---
  ...(['resume', 'check', 'report', 'merge'] as const).map((command): Case => ({
    attack: `a metric cell set to "abc", then ${command}`,
    start: 'finished',
    arrange: (c) => setCell(runs(c), 3, 'test_accuracy', 'abc'),
    command: (c) => (command === 'resume' ? [c.config, '--out', c.dir, '--resume', '--quiet'] : command === 'merge' ? ['merge', c.dir, '--out', join(c.work, 'merged')] : [command, c.dir]),
    exit: 2,
    says: /runs\.csv: line 3, column "test_accuracy": expected a finite number, found "abc"; the file was not modified/,
    onDisk: command === 'merge' ? 'runs.csv as the attacker left it; no merged directory, not even half of one' : 'runs.csv as the attacker left it',
    check: (c) => {
      expect(read(runs(c)).split('\n')[2]).to.include(',abc,');
      if (command === 'merge') expect(readdirSync(c.work).filter((n) => n.includes('merged'))).to.deep.equal([]);
    },
    repair: (c) => writeFileSync(runs(c), c.before),
  })),
  {
    attack: "runs.csv's header deleted, then --resume",
    start: 'finished',
    arrange: (c) => writeFileSync(runs(c), c.before.slice(c.before.indexOf('\n') + 1)),
    command: (c) => [c.config, '--out', c.dir, '--resume', '--quiet'],
    exit: 2,
    says: /runs\.csv: line 1: expected a runs\.csv header/,
    onDisk: 'runs.csv as the attacker left it (no rows of empty cells)',
    check: (c) => void expect(read(runs(c))).to.equal(c.before.slice(c.before.indexOf('\n') + 1)),
    repair: (c) => writeFileSync(runs(c), c.before),
  },
  // --- no sizes are bounded ---
  ...([
    ['a grid of 10^12 points', `${TINY}  train.epochs: [${Array.from({ length: 100 }, (_, i) => i + 1)}]\n  train.batchSize: [${Array.from({ length: 100 }, (_, i) => i + 1)}]\n  train.learningRate: [${Array.from({ length: 100 }, (_, i) => (i + 1) / 1000)}]\n  noise.stddev: [${Array.from({ length: 100 }, (_, i) => (i + 1) / 100)}]\n  seed: [${Array.from({ length: 100 }, (_, i) => i + 1)}]\n  data.seed: [${Array.from({ length: 100 }, (_, i) => i + 1)}]\n`, /grid: expected at most 100,000 grid points \(limits\.gridPoints\), found 3,000,000,000,000 \(the product of the lengths of its lists\); raise limits\.gridPoints in the study or pass --limit gridPoints=N/],
    ['repeats: 1e9', TINY.replace('repeats: 3', 'repeats: 1000000000'), /repeats: expected at most 100,000 repeats \(limits\.repeats\), found 1,000,000,000/],
    ['data.samples: 1e9', `${TINY}data: { generator: circles, samples: 1000000000 }\n`, /data\.samples: expected at most 1,000,000 generated rows \(limits\.samples\), found 1,000,000,000/],
    ['a model of 10^10 parameters', TINY.replace('hidden: [16]', 'hidden: [100000, 100000]'), /model: expected at most 10,000,000 parameters per model \(limits\.parameters\), found 10,000,500,001/],
    ['a list of 5 million values', FIVE_MILLION, /expected a YAML study of at most 1,000,000 bytes \(limits\.yamlBytes\), found 10,000,\d{3}; pass --limit yamlBytes=N/],
    ['a YAML alias bomb', ALIAS_BOMB, /expected at most 100 YAML alias expansions \(limits\.yamlAliases\), found more/],
  ] as const).map(([attack, yaml, says]): Case => ({
    attack,
    start: 'none',
    arrange: (c) => writeFileSync(c.config, yaml),
    command: (c) => [c.config, '--out', c.dir, '--quiet'],
    exit: 2,
    says,
    onDisk: 'nothing: refused before anything was allocated',
    check: (c) => void expect(existsSync(c.dir)).to.equal(false),
    after: 'nothing to resume',
  })),
  // --- stale results reused ---
  {
    attack: "the rows of the study's data.file change, then --resume",
    start: 'finished',
    arrange: (c) => writeFileSync(join(c.work, 'data.csv'), DATA.replace('0.1,0.2,1', '0.1,0.25,1')),
    command: (c) => [c.config, '--out', c.dir, '--resume'],
    exit: 0,
    says: /^$/,
    onDisk: 'the old rows kept (stale), every run done again on the new data',
    check: (c, run) => {
      expect(run.stdout).to.match(/resuming .*: 0 of 9 runs already done, 9 to run/);
      expect(run.stdout).to.match(/9 earlier run\(s\) in runs\.csv are stale \(the data changed: .*data\.csv has new content\)/);
      const lines = completeRows(runs(c));
      expect(lines).to.have.length(18);
      for (const row of c.before.split('\n').slice(1, -1)) expect(lines).to.include(row);
    },
    repair: (c) => writeFileSync(join(c.work, 'data.csv'), DATA),
  },
  // --- every shard fails its bounds ---
  {
    attack: '--shard 1/2 of a study with expect: bounds it cannot meet on half the runs',
    start: 'none',
    arrange: (c) => writeFileSync(c.config, `${TINY}expect:\n  - n: { min: 3 }\n`),
    command: (c) => [c.config, '--out', c.dir, '--shard', '1/2'],
    exit: 0,
    says: /^$/,
    onDisk: "the shard's runs; `check` of the shard refuses to judge it, merge judges the whole",
    check: async (c, run) => {
      expect(run.stdout).to.match(/expect: not judged on shard 1\/2 \(it holds part of each grid point's runs\); sweep merge judges the whole study/);
      const check = await runCli(['check', c.dir]);
      expect(check.code).to.equal(2);
      expect(check.stderr).to.match(/shard: expected the results of a whole study, found shard 1\/2; merge the shards/);
      const second = join(c.work, 'shard2');
      expect((await runCli([c.config, '--out', second, '--shard', '2/2', '--quiet'])).code).to.equal(0);
      const merged = await runCli(['merge', c.dir, second, '--out', join(c.work, 'merged')]);
      expect(merged.code, merged.stderr).to.equal(0);
      expect(merged.stdout).to.match(/expect: 3 of 3 bounds met/);
    },
    after: 'nothing to resume',
  },
];

describe('hostile input: nothing finished is ever lost or silently wrong', function () {
  this.timeout(300_000);
  const base = tmpDir();
  const config = join(base, 'tiny.yaml');
  const reference = join(base, 'reference');
  const dataConfig = join(base, 'data.yaml');

  before(async () => {
    writeFileSync(config, TINY);
    const made = await runCli([config, '--out', reference, '--workers', '2', '--quiet']);
    expect(made.code, made.stderr).to.equal(0);
  });

  for (const c of CASES) {
    it(`${c.attack}: \`sweep ${c.command({ work: 'W', config: 'study.yaml', dir: 'DIR', before: '' }).join(' ').replaceAll('W/', '')}\` → exit ${c.exit}; on disk: ${c.onDisk}`, async () => {
      const work = tmpDir();
      const isData = c.attack.includes('data.file');
      const caseConfig = join(work, 'study.yaml');
      writeFileSync(caseConfig, isData ? TINY.replace('model:', `data: { file: data.csv, trainSize: 30 }\nmodel:`) : TINY);
      if (isData) writeFileSync(join(work, 'data.csv'), DATA);
      const dir = join(work, 'results');
      let refDir = reference;
      if (isData) {
        refDir = join(work, 'reference');
        const made = await runCli([caseConfig, '--out', refDir, '--workers', '2', '--quiet']);
        expect(made.code, made.stderr).to.equal(0);
      }
      if (c.start === 'finished') cpSync(refDir, dir, { recursive: true });
      const ctx: Ctx = { work, config: caseConfig, dir, before: c.start === 'finished' ? read(join(dir, 'runs.csv')) : '' };
      await c.arrange?.(ctx);

      const run = await runCli(c.command(ctx), c.fault ? { bin: FAULTY_BIN, env: { NOISE_SWEEP_TEST_FAULT: JSON.stringify(c.fault) } } : {});
      // Without --quiet the progress goes to stderr as lines ("live report: ...", "runs 3/9 ..."); the rest is what the user is told.
      const told = run.stderr.split('\n').filter((l) => l !== '' && !/^runs \d+\/\d+ |^live report: /.test(l)).join('\n');
      expect(run.code, run.stderr).to.equal(c.exit);
      expect(told).to.match(c.says);
      expect(told.split('\n').filter(Boolean), 'at most one line').to.have.length.at.most(1);
      expect(told).not.to.match(/internal error|\n\s+at /);
      await c.check?.(ctx, run);
      if (c.after === 'nothing to resume') return;

      await c.repair?.(ctx);
      const resumed = await runCli([caseConfig, '--out', dir, '--resume', '--workers', '2', '--quiet']);
      expect(resumed.code, resumed.stderr).to.equal(0);
      const finalRuns = read(join(dir, 'runs.csv'));
      for (const row of ctx.before.split('\n').slice(1, -1)) expect(finalRuns.split('\n'), 'every finished run intact').to.include(row);
      expect(read(join(dir, 'summary.csv')), 'summary.csv byte-identical').to.equal(read(join(refDir, 'summary.csv')));
      const ours = finalRuns.split('\n').slice(0, 10).join('\n');
      if (c.start === 'finished') expect(ours, 'runs.csv byte-identical').to.equal(read(join(refDir, 'runs.csv')).split('\n').slice(0, 10).join('\n'));
      else expect(untimed(finalRuns), 'runs.csv identical but for the timing of runs done again').to.equal(untimed(read(join(refDir, 'runs.csv'))));
      noTempFiles(dir);
    });
  }
});
