import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { loadStudy } from '../../src/config/load.js';
import { InputError } from '../../src/errors.js';
import { makePlan } from '../../src/plan/plan.js';
import { tmpFile } from '../helpers/tmp.js';

function planOf(yaml: string, set: string[] = []) {
  const loaded = loadStudy(tmpFile('study.yaml', `name: s\n${yaml}\n`), { set });
  return makePlan(loaded.raw, loaded.study, loaded.file, loaded.baseDir);
}

function planError(yaml: string): string {
  try {
    planOf(yaml);
  } catch (err) {
    expect(err).to.be.instanceOf(InputError);
    expect((err as Error).message).not.to.include('\n');
    return (err as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('plan/plan', () => {
  it('runs placement none once, whatever the stddev, and blanks the stddev it ignores', () => {
    const plan = planOf('repeats: 2\ngrid:\n  noise.placement: [none, pre]\n  noise.stddev: [0.1, 0.2, 0.5]');
    expect(plan.points).to.have.length(4); // none + pre × 3
    expect(plan.points[0]!.values).to.deep.equal({ 'noise.placement': 'none', 'noise.stddev': undefined });
    expect(plan.points.slice(1).map((p) => p.values['noise.stddev'])).to.deep.equal([0.1, 0.2, 0.5]);
    expect(plan.runs).to.have.length(8);
  });

  it('treats a zero stddev as no noise', () => {
    const plan = planOf('grid:\n  noise.placement: [none, input]\n  noise.stddev: [0, 0.1]');
    expect(plan.points).to.have.length(2);
    expect(plan.points[0]!.config.noise.sites).to.deep.equal([]);
  });

  it('resolves per-placement stddevs and lists in network order', () => {
    const plan = planOf('noise: { placement: [post, input], stddev: { input: 0.01, pre: 0.1, post: 0.2 } }');
    expect(plan.points[0]!.config.noise.sites).to.deep.equal([
      { placement: 'input', stddev: 0.01 },
      { placement: 'post', stddev: 0.2 },
    ]);
  });

  it('pairing: independent gives every run a distinct seed derived from its identity, not its position', () => {
    const a = planOf('pairing: independent\nrepeats: 3\ngrid:\n  noise.placement: [input, pre]');
    const b = planOf('pairing: independent\nrepeats: 5\ngrid:\n  noise.placement: [pre, input, post]');
    const seeds = new Set(a.runs.map((r) => r.seed));
    expect(seeds.size).to.equal(a.runs.length);
    // The same (config, repeat) gets the same id and seed in a reordered, larger study.
    for (const run of a.runs) {
      const twin = b.runs.find((r) => r.runId === run.runId);
      expect(twin, `run ${run.runId}`).to.not.equal(undefined);
      expect(twin!.seed).to.equal(run.seed);
      expect(twin!.repeat).to.equal(run.repeat);
    }
  });

  it('paired (the default): seeds come from the repeat, not the point or its position; ids stay per run', () => {
    const a = planOf('repeats: 3\ngrid:\n  noise.placement: [input, pre]');
    const b = planOf('repeats: 5\ngrid:\n  noise.placement: [pre, input, post]');
    expect(new Set(a.runs.map((r) => r.seed)).size).to.equal(3);
    expect(new Set(a.runs.map((r) => r.runId)).size).to.equal(a.runs.length);
    for (const run of a.runs) {
      const twin = b.runs.find((r) => r.runId === run.runId);
      expect(twin, `run ${run.runId}`).to.not.equal(undefined);
      expect(twin!.seeds).to.deep.equal(run.seeds);
    }
  });

  it('changes every run identity when something that changes the numbers changes', () => {
    const a = planOf('train: { epochs: 10 }');
    const b = planOf('train: { epochs: 11 }');
    const c = planOf('seed: 2\ntrain: { epochs: 10 }');
    expect(a.runs.get(0).runId).to.not.equal(b.runs.get(0).runId);
    expect(a.runs.get(0).runId).to.not.equal(c.runs.get(0).runId);
  });

  it('keeps the identity when only the learning-curve recording changes', () => {
    expect(planOf('train: { history: true }').runs.get(0).runId).to.equal(planOf('train: { history: false }').runs.get(0).runId);
  });

  it('identifies a data file by its contents: the same file anywhere has the same runs, an edited one new runs', () => {
    const text = 'a,b,y\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n';
    const here = tmpFile('d.csv', text);
    const there = tmpFile('copy.csv', text);
    const edited = tmpFile('d.csv', text.replace('7,8', '7,9'));
    const ids = (file: string) => planOf(`data: { file: ${file}, trainSize: 2 }\ntrain: { epochs: 1 }`).runs.map((r) => r.runId);
    expect(ids(there)).to.deep.equal(ids(here));
    expect(ids(edited)[0]).to.not.equal(ids(here)[0]);
    // A pinned hash stands for the file without reading it (a saved config.yaml read back by `sweep report`).
    const sha256 = createHash('sha256').update(text).digest('hex');
    const pinned = planOf(`data: { file: /nowhere/d.csv, trainSize: 2, sha256: ${sha256} }\ntrain: { epochs: 1 }`);
    expect(pinned.runs.map((r) => r.runId)).to.deep.equal(ids(here));
  });

  it('shuffles with the study seed for data.shuffle: true, so each seed of a grid over it has its own order', () => {
    const plan = planOf('data: { generator: circles, shuffle: true }\ngrid: { seed: [1, 2] }');
    expect(plan.points.map((p) => p.config.data.shuffle)).to.deep.equal([1, 2]);
    expect(planOf('seed: 5\ndata: { generator: circles, shuffle: true }').runs.get(0).runId).to.equal(planOf('seed: 5\ndata: { generator: circles, shuffle: 5 }').runs.get(0).runId);
  });

  it('orders runs repeat-major so early results cover the whole grid', () => {
    const plan = planOf('repeats: 2\ngrid:\n  noise.placement: [input, pre]');
    expect(plan.runs.map((r) => [r.repeat, r.pointIndex])).to.deep.equal([[0, 0], [0, 1], [1, 0], [1, 1]]);
  });

  it('resolves engine auto to a concrete engine before hashing', () => {
    expect(planOf('').points[0]!.config.train.engine).to.be.oneOf(['fused', 'tfjs']);
  });

  const bad: [string, string, RegExp][] = [
    ['a grid key that does not exist', 'grid: { noise.stdev: [0.1] }', /grid\.noise\.stdev: no such setting \(did you mean "stddev"\?\)/],
    ['a grid key at the top that does not exist', 'grid: { nosie.stddev: [0.1] }', /grid\.nosie\.stddev: no such setting \(did you mean "noise"\?\)/],
    ['a grid over repeats', 'grid: { repeats: [1, 2] }', /grid\.repeats: expected a setting that changes a run/],
    ['a bad grid value', 'grid: { noise.stddev: [0.1, -1] }', /grid point noise\.stddev=-1: noise\.stddev: expected a number ≥ 0, found -1/],
    ['an unknown placement in the grid', 'grid: { noise.placement: [pre, mid] }', /grid point noise\.placement="mid": noise\.placement/],
    ['none in a list', 'noise: { placement: [none, pre] }', /noise\.placement: expected "none" alone/],
    ['a missing per-placement stddev', 'noise: { placement: pre, stddev: { input: 0.1 } }', /noise\.stddev: expected a stddev for placement "pre" \(given for: input\)/],
  ];
  for (const [what, yaml, pattern] of bad) {
    it(`rejects ${what} before anything runs`, () => expect(planError(yaml)).to.match(pattern));
  }
});
