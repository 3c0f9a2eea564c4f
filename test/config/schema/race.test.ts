/** race: in a study: its defaults, the repeats it plans, and a one-line error for each bad value. */
import { expect } from 'chai';
import { loadAnyStudy, loadStudy } from '../../../src/config/load.js';
import { plannedRepeats, raceOf } from '../../../src/config/schema.js';
import { InputError } from '../../../src/errors.js';
import { makePlan } from '../../../src/plan/plan.js';
import { fileURLToPath } from 'node:url';
import { tmpFile } from '../../helpers/tmp.js';

const CONFIGS = fileURLToPath(new URL('../../../../configs/', import.meta.url));

function errorOf(yaml: string, set: string[] = []): string {
  const file = tmpFile('study.yaml', yaml);
  try {
    loadAnyStudy(file, { set });
  } catch (err) {
    expect(err).to.be.instanceOf(InputError);
    const message = (err as Error).message;
    expect(message, 'one line').not.to.include('\n');
    expect(message.startsWith(file), 'names the file').to.equal(true);
    return message.slice(file.length);
  }
  throw new Error('expected an InputError');
}

describe('config/schema/race', () => {
  it('is off by default; on, it fills min 5, step 5, alpha 0.05, and max from repeats', () => {
    const off = loadStudy(tmpFile('s.yaml', 'name: s\n')).study;
    expect(off.race).to.equal(undefined);
    expect(raceOf(off)).to.equal(null);
    expect(plannedRepeats(off)).to.equal(10);
    const on = loadStudy(tmpFile('s.yaml', 'name: s\nrepeats: 20\nrace: {}\n')).study;
    expect(raceOf(on)).to.deep.equal({ min: 5, max: 20, step: 5, alpha: 0.05 });
    expect(plannedRepeats(on)).to.equal(20);
  });

  it('race.max, when given, is the repeats the study plans (repeats then only its default)', () => {
    const { study, raw } = loadStudy(tmpFile('s.yaml', 'name: s\nrepeats: 10\ntrain: { epochs: 1 }\ngrid: { noise.placement: [none, input] }\n'), { set: ['race={min: 3, max: 12, step: 3, metric: test_loss}'] });
    expect(raceOf(study)).to.deep.equal({ min: 3, max: 12, step: 3, alpha: 0.05, metric: 'test_loss' });
    const plan = makePlan(raw, study, 's.yaml', '.');
    expect(plan.runs).to.have.length(24);
    // Repeat k of a race is repeat k of a fixed study of max repeats: the same ids and seeds.
    const fixed = loadStudy(tmpFile('s.yaml', 'name: s\nrepeats: 12\ntrain: { epochs: 1 }\ngrid: { noise.placement: [none, input] }\n'));
    expect([...plan.runs]).to.deep.equal([...makePlan(fixed.raw, fixed.study, 's.yaml', '.').runs]);
  });

  const cases: [string, string, RegExp][] = [
    ['min below 2', 'race: { min: 1 }', /^: race\.min: expected a number ≥ 2, found 1$/],
    ['a fractional min', 'race: { min: 2.5 }', /^: race\.min: expected an integer, found 2\.5$/],
    ['step below 1', 'race: { step: 0 }', /^: race\.step: expected a number ≥ 1, found 0$/],
    ['max below min', 'race: { min: 5, max: 4 }', /^: race\.max: expected race\.max ≥ race\.min \(5\), found 4$/],
    ['repeats below min when max is not given', 'repeats: 3\nrace: { min: 5 }', /^: repeats: expected repeats ≥ race\.min \(5\), since race\.max defaults to repeats \(or give race\.max\), found 3$/],
    ['alpha 0', 'race: { alpha: 0 }', /^: race\.alpha: expected a number > 0, found 0$/],
    ['alpha 1', 'race: { alpha: 1 }', /^: race\.alpha: expected a number < 1, found 1$/],
    ['a misspelt key', 'race: { steps: 5 }', /^: race\.steps: unknown key \(did you mean "step"\?\); expected one of min, max, step, alpha, metric$/],
    ['a metric that is no metric name', 'race: { metric: "1x" }', /^: race\.metric: expected a metric name/],
    ['a race that is not a mapping', 'race: 5', /^: race: expected a object, found 5$/],
  ];
  for (const [what, yaml, pattern] of cases) {
    it(`rejects ${what} with a one-line message`, () => {
      expect(errorOf(`name: s\n${yaml}\n`)).to.match(pattern);
    });
  }

  it('checks a run: study\'s race the same way', () => {
    expect(errorOf('name: s\nrun: { command: [x] }\nsort: acc\nrace: { min: 1 }\n')).to.match(/^: race\.min: expected a number ≥ 2, found 1$/);
  });

  it('cannot be varied by a grid: it says how many runs to spend, not what a run computes', () => {
    const { study, raw } = loadStudy(tmpFile('s.yaml', 'name: s\ngrid: { race.min: [2, 3] }\n'));
    expect(() => makePlan(raw, study, 's.yaml', '.')).to.throw(InputError, /^s\.yaml: grid\.race\.min: expected a setting that changes a run/);
  });

  it('configs/grid-race.yaml is configs/grid.yaml raced: the runs of its fixed 30-repeat study', () => {
    const raced = loadStudy(`${CONFIGS}grid-race.yaml`);
    expect(raceOf(raced.study)).to.deep.equal({ min: 5, max: 30, step: 5, alpha: 0.05, metric: 'test_accuracy' });
    const fixed = loadStudy(`${CONFIGS}grid.yaml`, { repeats: 30 });
    const ids = (l: typeof fixed) => makePlan(l.raw, l.study, l.file, l.baseDir).runs.map((r) => r.runId);
    expect(ids(raced)).to.have.length(630);
    expect(ids(raced)).to.deep.equal(ids(fixed));
  });
});
