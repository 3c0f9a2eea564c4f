/** The study behind `sweep variance` (plan/variance-study.ts): the point pinned, one arm per source, and its errors. */
import { expect } from 'chai';
import { loadStudy } from '../../src/config/load.js';
import { InputError } from '../../src/errors.js';
import { makePlan } from '../../src/plan/plan.js';
import { varianceStudy } from '../../src/plan/variance-study.js';
import { tmpFile } from '../helpers/tmp.js';

const GRID = 'name: g\nrepeats: 3\ntrain: { epochs: 1 }\nnoise: { stddev: 0.1 }\ngrid:\n  noise.placement: [none, input, pre]\n  noise.stddev: [0.1, 0.2]\n';

function load(yaml: string) {
  return loadStudy(tmpFile('study.yaml', yaml), { set: [] });
}

function errorOf(yaml: string, select: Record<string, unknown>, repeats = 3): string {
  try {
    varianceStudy(load(yaml), select, repeats);
  } catch (err) {
    expect(err).to.be.instanceOf(InputError);
    expect((err as Error).message).not.to.include('\n');
    return (err as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('plan/variance-study', () => {
  it('pins the chosen point and gives one arm per source that moves something, then all of them', () => {
    const v = varianceStudy(load(GRID), { 'noise.placement': 'pre', 'noise.stddev': 0.2 }, 5);
    expect(v.sources).to.deep.equal(['init', 'order', 'noise']);
    expect(v.skipped.map((s) => s.source)).to.deep.equal(['split']);
    expect(v.point).to.equal('noise.placement=pre, noise.stddev=0.2');
    const { study, raw } = v.loaded;
    expect(study.name).to.equal('g-variance');
    expect(study.repeats).to.equal(5);
    expect(study.pairing).to.equal('independent');
    expect(study.grid).to.deep.equal({ vary: [['init'], ['order'], ['noise'], ['init', 'order', 'noise']] });
    const plan = makePlan(raw, study, v.loaded.file, v.loaded.baseDir);
    expect(plan.points).to.have.length(4);
    for (const p of plan.points) expect(p.config.noise.sites).to.deep.equal([{ placement: 'pre', stddev: 0.2 }]);
    expect(plan.runs).to.have.length(20);
  });

  it('does not race the arms of a racing study: race: is left out, and the arms get --repeats each', () => {
    const v = varianceStudy(load(`${GRID}race: { min: 5, max: 30 }\n`), { 'noise.placement': 'pre', 'noise.stddev': 0.2 }, 3);
    expect(v.loaded.study.race).to.equal(undefined);
    expect(v.loaded.raw).not.to.have.property('race');
    expect(makePlan(v.loaded.raw, v.loaded.study, v.loaded.file, v.loaded.baseDir).runs).to.have.length(12);
  });

  it('leaves out noise at a point without noise, and adds split when data.split is set', () => {
    const none = varianceStudy(load(GRID), { 'noise.placement': 'none' }, 3);
    expect(none.sources).to.deep.equal(['init', 'order']);
    expect(none.skipped.find((s) => s.source === 'noise')?.why).to.match(/adds no noise/);
    const split = varianceStudy(load('name: s\nrepeats: 2\ndata: { generator: circles, split: { kind: shuffle } }\ntrain: { epochs: 1 }\nnoise: { placement: pre, stddev: 0.1 }\n'), {}, 3);
    expect(split.sources).to.deep.equal(['init', 'order', 'noise', 'split']);
    expect(split.point).to.equal('the study');
  });

  it('a point the grid merged (placement none at every stddev) is found by the keys that matter', () => {
    const v = varianceStudy(load(GRID), { 'noise.placement': 'none' }, 3);
    expect(v.loaded.study.noise.placement).to.equal('none');
  });

  it('says which --point is missing, wrong or matches nothing', () => {
    expect(errorOf(GRID, {})).to.match(/found 5; add --point noise\.placement=none\|input\|pre --point noise\.stddev=0\.1\|0\.2$/);
    expect(errorOf(GRID, { 'noise.placement': 'pre' })).to.match(/found 2; add --point noise\.stddev=0\.1\|0\.2$/);
    expect(errorOf(GRID, { 'noise.placment': 'pre' })).to.match(/^--point noise\.placment: expected a grid key .*did you mean "noise\.placement"/);
    expect(errorOf(GRID, { 'noise.placement': 'mid', 'noise.stddev': 0.1 })).to.match(/found none \(noise\.placement: none\|input\|pre; noise\.stddev: 0\.1\|0\.2\)/);
  });
});
