import { expect } from 'chai';
import { availableParallelism } from 'node:os';
import { parseCli } from '../src/cli.js';
import { InputError } from '../src/errors.js';

describe('cli', () => {
  // Arguments in, options object out (changesets' style): the parser only parses.
  const cases: [string[], Record<string, unknown>][] = [
    [['configs/grid.yaml'], { config: 'configs/grid.yaml', workers: availableParallelism(), set: [], quiet: false }],
    [['c.yaml', '--workers', '3', '--repeats', '5'], { config: 'c.yaml', workers: 3, repeats: 5, set: [], quiet: false }],
    [['c.yaml', '--set', 'train.epochs=3', '--set', 'noise.stddev=0.2', '--quiet'], { config: 'c.yaml', workers: availableParallelism(), set: ['train.epochs=3', 'noise.stddev=0.2'], quiet: true }],
    [['c.yaml', '--out', 'results/x'], { config: 'c.yaml', out: 'results/x', workers: availableParallelism(), set: [], quiet: false }],
  ];
  for (const [argv, options] of cases) {
    it(`sweep ${argv.join(' ')}`, async () => {
      expect(await parseCli(argv)).to.deep.equal({ kind: 'sweep', options });
    });
  }

  const bad: [string[], RegExp][] = [
    [['c.yaml', '--workers', '0'], /--workers: expected a whole number ≥ 1, found 0/],
    [['c.yaml', '--workers', 'two'], /--workers: expected a whole number ≥ 1, found something that is not a number/],
    [['c.yaml', '--repeats', '1.5'], /--repeats: expected a whole number ≥ 1, found 1\.5/],
    [['c.yaml', '--wrokers', '2'], /Unknown argument: wrokers/],
    [[], /Not enough non-option arguments/],
  ];
  for (const [argv, pattern] of bad) {
    it(`rejects: sweep ${argv.join(' ')}`, async () => {
      let error: unknown;
      try {
        await parseCli(argv);
      } catch (err) {
        error = err;
      }
      expect(error).to.be.instanceOf(InputError);
      expect((error as Error).message).to.match(pattern);
    });
  }
});
