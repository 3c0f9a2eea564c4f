/** parseExpect: every way an `expect:` list can be wrong is one InputError naming the entry and key. */
import { expect } from 'chai';
import { type ExpectContext, parseExpect } from '../../src/check/expect.js';
import { InputError } from '../../src/errors.js';

const gridKeys = ['noise.placement', 'noise.stddev'];
const columns = ['n', 'failed', 'test_accuracy_mean', 'test_accuracy_std', 'test_accuracy_p_holm'];
const points = [
  { 'noise.placement': 'none', 'noise.stddev': undefined },
  ...['input', 'pre'].flatMap((p) => [0.1, 0.2].map((s) => ({ 'noise.placement': p, 'noise.stddev': s }))),
];
const context: ExpectContext = { gridKeys, columns, points };

function error(raw: unknown): string {
  try {
    parseExpect(raw, 'study.yaml', context);
  } catch (err) {
    expect(err).to.be.instanceOf(InputError);
    expect((err as Error).message).not.to.contain('\n');
    return (err as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('parseExpect', () => {
  it('parses where selections and bounds in the order written', () => {
    const parsed = parseExpect(
      [
        { where: { 'noise.placement': 'input' }, test_accuracy_mean: { min: 0.8 }, test_accuracy_std: { max: 0.05 } },
        { test_accuracy_mean: { min: 0.5, max: 1 } },
      ],
      'study.yaml',
      context,
    );
    expect(parsed).to.deep.equal([
      { index: 0, where: { 'noise.placement': 'input' }, bounds: [{ column: 'test_accuracy_mean', min: 0.8 }, { column: 'test_accuracy_std', max: 0.05 }] },
      { index: 1, where: {}, bounds: [{ column: 'test_accuracy_mean', min: 0.5, max: 1 }] },
    ]);
    expect(parseExpect([], 'study.yaml', context)).to.deep.equal([]);
    expect(parseExpect(undefined, 'study.yaml', context)).to.deep.equal([]);
  });

  it('names an unknown column, with a suggestion', () => {
    expect(error([{ test_acuracy_mean: { min: 0.8 } }])).to.match(/^study\.yaml: expect\[0\]\.test_acuracy_mean: unknown column \(did you mean "test_accuracy_mean"\?\); expected a summary\.csv column: n, failed, /);
    expect(error([{ test_accuracy_mean: { min: 0.1 } }, { 'noise.stddev': { max: 1 } }])).to.match(/^study\.yaml: expect\[1\]\.noise\.stddev: "noise\.stddev" is a grid key/);
  });

  it('names a where key that is not a grid key, and a value the grid does not have', () => {
    expect(error([{ where: { 'noise.stdev': 0.1 }, n: { min: 1 } }])).to.equal('study.yaml: expect[0].where.noise.stdev: not a grid key (did you mean "noise.stddev"?); expected one of noise.placement, noise.stddev');
    expect(error([{ where: { 'noise.stddev': 0.3 }, n: { min: 1 } }])).to.equal("study.yaml: expect[0].where.noise.stddev: expected one of the grid's values 0.1, 0.2, found 0.3");
    expect(error([{ where: 'input', n: { min: 1 } }])).to.match(/^study\.yaml: expect\[0\]\.where: expected a mapping of grid key to value/);
  });

  it('refuses a where that selects no grid point', () => {
    // Each value exists, but not together: no point has placement input at stddev 0.2 in this smaller grid.
    const sparse: ExpectContext = { ...context, points: [{ 'noise.placement': 'input', 'noise.stddev': 0.1 }, { 'noise.placement': 'pre', 'noise.stddev': 0.2 }] };
    expect(() => parseExpect([{ where: { 'noise.placement': 'input', 'noise.stddev': 0.2 }, n: { min: 1 } }], 'study.yaml', sparse)).to.throw(
      InputError,
      /^study\.yaml: expect\[0\]\.where: expected a selection of at least one grid point, found none with \{noise\.placement, noise\.stddev\}$/,
    );
  });

  it('checks each bound: a mapping of min/max, finite numbers, min ≤ max, at least one', () => {
    expect(error([{ test_accuracy_mean: 0.8 }])).to.equal('study.yaml: expect[0].test_accuracy_mean: expected { min: number, max: number } (either or both), found 0.8');
    expect(error([{ test_accuracy_mean: { minimum: 0.8 } }])).to.equal('study.yaml: expect[0].test_accuracy_mean.minimum: unknown key; expected min or max');
    expect(error([{ test_accuracy_mean: { mni: 0.8 } }])).to.contain('(did you mean "min"?)');
    expect(error([{ test_accuracy_mean: { min: 'high' } }])).to.equal('study.yaml: expect[0].test_accuracy_mean.min: expected a finite number, found "high"');
    expect(error([{ test_accuracy_mean: {} }])).to.equal('study.yaml: expect[0].test_accuracy_mean: expected min, max or both, found neither');
    expect(error([{ test_accuracy_mean: { min: 0.9, max: 0.8 } }])).to.equal('study.yaml: expect[0].test_accuracy_mean: expected min ≤ max, found min 0.9 > max 0.8');
  });

  it('refuses an entry with no bound and an entry that is not a mapping', () => {
    expect(error([{ where: { 'noise.placement': 'pre' } }])).to.match(/^study\.yaml: expect\[0\]: expected at least one column bound/);
    expect(error(['test_accuracy_mean > 0.8'])).to.match(/^study\.yaml: expect\[0\]: expected a mapping/);
    expect(error({ test_accuracy_mean: { min: 0.8 } })).to.match(/^study\.yaml: expect: expected a list of bounds/);
  });
});
