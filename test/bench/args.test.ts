/** `npm run bench` flags: a table of arguments in, sections out, and the one-line errors of bad flags. */
import { expect } from 'chai';
import { parseBenchArgs, SECTIONS } from '../../bench/args.js';
import { InputError } from '../../src/errors.js';

describe('bench/args', () => {
  const cases: [string[], string[], { smoke?: boolean; python?: boolean; runs?: number[] }][] = [
    [[], [...SECTIONS], {}],
    [['--only', 'models'], ['models'], {}],
    [['--only=models,tutorial'], ['models', 'tutorial'], {}],
    [['--only', 'models', '--only', 'memory', '--smoke'], ['models', 'memory'], { smoke: true }],
    [['--skip-study'], SECTIONS.filter((s) => s !== 'study'), {}],
    [['--only', 'study,models', '--skip-study'], ['models'], {}],
    [['--no-python', '--only', 'tutorial'], ['tutorial'], { python: false }],
    [['--only', 'scale', '--runs', '1000000'], ['scale'], { runs: [1_000_000] }],
    [['--runs=100_000,1000000', '--only=scale'], ['scale'], { runs: [100_000, 1_000_000] }],
  ];
  for (const [argv, sections, flags] of cases) {
    it(`${argv.join(' ') || '(no flags)'} → ${sections.join(', ')}`, () => {
      const args = parseBenchArgs(argv);
      expect([...args.sections].sort()).to.deep.equal([...sections].sort());
      expect(args.smoke).to.equal(flags.smoke ?? false);
      expect(args.python).to.equal(flags.python ?? true);
      expect(args.runs).to.deep.equal(flags.runs);
    });
  }

  const errors: [string[], RegExp][] = [
    [['--only', 'model'], /^--only: expected sections among tutorial, throughput, memory, study, own-code, models, scale, point, found "model"$/],
    [['--only'], /^--only: expected a section name .*found nothing$/],
    [['--only='], /^--only: expected a section name/],
    [['--fast'], /^bench: expected --smoke, --skip-study, --no-python, --only SECTION\[,SECTION\] or --runs N\[,N\], found "--fast"$/],
    [['--runs'], /^--runs: expected sizes of the scale sweeps as whole numbers ≥ 1 .*found ""$/],
    [['--runs', '0'], /^--runs: expected .*found "0"$/],
    [['--runs', '1e6'], /^--runs: expected .*found "1e6"$/],
  ];
  for (const [argv, message] of errors) {
    it(`refuses ${argv.join(' ')} with one line`, () => {
      expect(() => parseBenchArgs(argv)).to.throw(InputError, message);
    });
  }
});
