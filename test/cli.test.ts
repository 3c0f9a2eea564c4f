import { expect } from 'chai';
import { availableParallelism } from 'node:os';
import { parseCli } from '../src/cli.js';
import { InputError } from '../src/errors.js';

describe('cli', () => {
  // Arguments in, options object out (changesets' style): the parser only parses.
  const defaults = { workers: availableParallelism(), set: [], quiet: false, resume: false, force: false, shard: null, inline: false, dryRun: false, json: false };
  const cases: [string[], NodeJS.ProcessEnv, Record<string, unknown>][] = [
    [['configs/grid.yaml'], {}, { ...defaults, config: 'configs/grid.yaml' }],
    [['c.yaml', '--workers', '3', '--repeats', '5'], {}, { ...defaults, config: 'c.yaml', workers: 3, repeats: 5 }],
    [['c.yaml', '--set', 'train.epochs=3', '--set', 'noise.stddev=0.2', '--quiet'], {}, { ...defaults, config: 'c.yaml', set: ['train.epochs=3', 'noise.stddev=0.2'], quiet: true }],
    [['c.yaml', '--out', 'results/x', '--resume'], {}, { ...defaults, config: 'c.yaml', out: 'results/x', resume: true }],
    [['c.yaml', '--force', '--max-failures', '2', '--dry-run', '--inline'], {}, { ...defaults, config: 'c.yaml', force: true, maxFailures: 2, dryRun: true, inline: true }],
    [['c.yaml', '--shard', '2/4'], {}, { ...defaults, config: 'c.yaml', shard: { index: 2, count: 4 } }],
    [['c.yaml', '--junit', 'j.xml', '--json'], {}, { ...defaults, config: 'c.yaml', junit: 'j.xml', json: true }],
    [['c.yaml', '--report-every', '0'], {}, { ...defaults, config: 'c.yaml', reportEvery: 0 }],
    [['c.yaml'], { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_COUNT: '8' }, { ...defaults, config: 'c.yaml', shard: { index: 4, count: 8 } }],
    [['c.yaml'], { JOB_COMPLETION_INDEX: '0', JOB_COMPLETIONS: '5' }, { ...defaults, config: 'c.yaml', shard: { index: 1, count: 5 } }],
    [['c.yaml', '--shard', '1/2'], { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_COUNT: '8' }, { ...defaults, config: 'c.yaml', shard: { index: 1, count: 2 } }],
  ];
  for (const [argv, env, options] of cases) {
    it(`sweep ${argv.join(' ')} ${Object.keys(env).join(' ')}`, async () => {
      expect(await parseCli(argv, env)).to.deep.equal({ kind: 'sweep', options });
    });
  }

  it('sweep data GENERATOR with its settings as flags; sweep data --config FILE --set ...', async () => {
    expect(await parseCli(['data', 'circles', '--samples', '100', '--noise', '0.1', '--seed', '1', '--factor', '0.8', '--out', 'c.csv'], {})).to.deep.equal({
      kind: 'data',
      options: { generator: 'circles', settings: { samples: 100, noise: 0.1, seed: 1, factor: 0.8 }, out: 'c.csv' },
    });
    expect(await parseCli(['data', 'moons', '--out', 'm.csv'], {})).to.deep.equal({ kind: 'data', options: { generator: 'moons', out: 'm.csv' } });
    expect(await parseCli(['data', 'blobs', '--cluster-std', '-0.5', '--centers', '4', '--out', 'b.csv'], {})).to.deep.equal({ kind: 'data', options: { generator: 'blobs', settings: { clusterStd: -0.5, centers: 4 }, out: 'b.csv' } });
    expect(await parseCli(['data', 'classification', '--no-hypercube', '--flip-y', '0', '--clusters-per-class', '1', '--out', 'c.csv'], {})).to.deep.equal({
      kind: 'data',
      options: { generator: 'classification', settings: { clustersPerClass: 1, flipY: 0, hypercube: false }, out: 'c.csv' },
    });
    expect(await parseCli(['data', 'sequences', '--min-length', '3', '--length', '9', '--out', 's.csv'], {})).to.deep.equal({ kind: 'data', options: { generator: 'sequences', settings: { length: 9, minLength: 3 }, out: 's.csv' } });
    expect(await parseCli(['data', '--config', 's.yaml', '--set', 'data.samples=50', '--out', 'x.csv'], {})).to.deep.equal({ kind: 'data', options: { config: 's.yaml', set: ['data.samples=50'], out: 'x.csv' } });
  });

  it('sweep merge a b --out m --allow-partial', async () => {
    expect(await parseCli(['merge', 'a', 'b', '--out', 'm', '--allow-partial'], {})).to.deep.equal({ kind: 'merge', options: { dirs: ['a', 'b'], out: 'm', allowPartial: true, json: false } });
  });

  it('sweep check DIR --config c.yaml --junit j.xml; sweep report DIR --json', async () => {
    expect(await parseCli(['check', 'r', '--config', 'c.yaml', '--junit', 'j.xml'], {})).to.deep.equal({ kind: 'check', options: { dir: 'r', config: 'c.yaml', junit: 'j.xml' } });
    expect(await parseCli(['report', 'r', '--json'], {})).to.deep.equal({ kind: 'report', options: { dir: 'r', json: true } });
  });

  it('sweep variance CONFIG --point k=v --repeats N (default 10 runs per source)', async () => {
    const parsed = await parseCli(['variance', 's.yaml', '--point', 'noise.placement=pre', '--point', 'noise.stddev=0.1', '--repeats', '5', '--workers', '2'], {});
    expect(parsed).to.deep.equal({ kind: 'variance', options: { config: 's.yaml', point: ['noise.placement=pre', 'noise.stddev=0.1'], repeats: 5, set: [], workers: 2, resume: false, force: false, inline: false, json: false, dryRun: false, quiet: false } });
    const defaults = await parseCli(['variance', 's.yaml'], {});
    expect(defaults.kind === 'variance' && defaults.options.repeats).to.equal(10);
  });

  const bad: [string[], RegExp][] = [
    [['variance', 's.yaml', '--repeats', '1'], /--repeats: expected a whole number ≥ 2, found 1/],
    [['variance', 's.yaml', '--resume', '--force'], /--resume and --force: expected one of them/],
    [['c.yaml', '--workers', '0'], /--workers: expected a whole number ≥ 1, found 0/],
    [['c.yaml', '--workers', 'two'], /--workers: expected a whole number ≥ 1, found something that is not a number/],
    [['c.yaml', '--repeats', '1.5'], /--repeats: expected a whole number ≥ 1, found 1\.5/],
    [['c.yaml', '--wrokers', '2'], /Unknown argument: wrokers/],
    [[], /Not enough non-option arguments/],
    [['c.yaml', '--resume', '--force'], /--resume and --force: expected one of them, found both/],
    [['c.yaml', '--shard', '5/4'], /--shard: expected i\/n with 1 ≤ i ≤ n/],
    [['c.yaml', '--max-failures', '0'], /--max-failures: expected a whole number ≥ 1, found 0/],
    [['c.yaml', '--report-every', '-1'], /--report-every: expected a whole number ≥ 0, found -1/],
    [['merge', 'a'], /Missing required argument: out/],
    [['data', 'spirals', '--out', 'x.csv'], /Invalid values:.*spirals/],
    [['data', 'circles', '--centres', '3', '--out', 'x.csv'], /Unknown argument: centres/],
    [['data', 'circles'], /Missing required argument: out/],
  ];
  for (const [argv, pattern] of bad) {
    it(`rejects: sweep ${argv.join(' ')}`, async () => {
      let error: unknown;
      try {
        await parseCli(argv, {});
      } catch (err) {
        error = err;
      }
      expect(error).to.be.instanceOf(InputError);
      expect((error as Error).message).to.match(pattern);
    });
  }
});
