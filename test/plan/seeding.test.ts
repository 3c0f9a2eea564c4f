/**
 * Paired seeds and named sources of variance (plan/seeding.ts): what each run of a plan draws from.
 */
import { expect } from 'chai';
import { loadStudy } from '../../src/config/load.js';
import { InputError } from '../../src/errors.js';
import { runId, runSeed } from '../../src/plan/identity.js';
import { makePlan, planStudy } from '../../src/plan/plan.js';
import { checkPlanData } from '../../src/plan/check-data.js';
import { loadDataset } from '../../src/data/load-dataset.js';
import { tmpFile } from '../helpers/tmp.js';

function planOf(yaml: string) {
  const loaded = loadStudy(tmpFile('study.yaml', `name: s\n${yaml}\n`), { set: [] });
  return makePlan(loaded.raw, loaded.study as never, loaded.file, loaded.baseDir);
}

function errorOf(yaml: string, check = false): string {
  try {
    const loaded = loadStudy(tmpFile('study.yaml', `name: s\n${yaml}\n`), { set: [] });
    const plan = planStudy(loaded.raw, loaded.study, loaded.file, loaded.baseDir);
    if (check) checkPlanData(plan as never, loaded.file);
  } catch (err) {
    expect(err).to.be.instanceOf(InputError);
    expect((err as Error).message).not.to.include('\n');
    return (err as Error).message;
  }
  throw new Error('expected an InputError');
}

const GRID = 'repeats: 3\ntrain: { epochs: 1 }\ngrid:\n  noise.placement: [none, pre]\n  noise.stddev: [0.1, 0.2]';

describe('plan/seeding', () => {
  it('paired (the default): repeat k of every point gets the same seed for every source; repeats differ', () => {
    const plan = planOf(GRID);
    expect(plan.study.pairing).to.equal('paired');
    for (let repeat = 0; repeat < 3; repeat++) {
      const runs = plan.runs.filter((r) => r.repeat === repeat);
      expect(new Set(runs.map((r) => JSON.stringify(r.seeds))).size, `repeat ${repeat}`).to.equal(1);
      expect(new Set(runs.map((r) => r.seed)).size).to.equal(1);
      expect(new Set(runs.map((r) => r.runId)).size).to.equal(runs.length); // identities stay distinct
    }
    const firstOf = (repeat: number) => plan.runs.find((r) => r.repeat === repeat)!.seeds;
    expect(firstOf(0).init).not.to.equal(firstOf(1).init);
    expect(firstOf(0).init).not.to.equal(firstOf(0).order); // each source its own stream
  });

  it('independent keeps noise-sweep 0.1 scheme: every source seeded by the run id, ids as before', () => {
    const plan = planOf(`pairing: independent\n${GRID}`);
    for (const r of plan.runs) {
      expect(r.runId).to.equal(runId(plan.points[r.pointIndex]!.configHash, r.repeat));
      expect(r.seeds).to.deep.equal({ init: runSeed(r.runId), order: runSeed(r.runId), noise: runSeed(r.runId) });
      expect(r.seed).to.equal(runSeed(r.runId));
    }
  });

  it('paired and independent runs have different identities (their numbers differ), so a resume never mixes them', () => {
    const ids = (yaml: string) => new Set(planOf(yaml).runs.map((r) => r.runId));
    const paired = ids(GRID);
    expect([...ids(`pairing: independent\n${GRID}`)].some((id) => paired.has(id))).to.equal(false);
  });

  it('vary: a source left out keeps repeat 0\'s seed in every repeat', () => {
    const plan = planOf(`vary: [noise]\n${GRID}`);
    const r0 = plan.runs.find((r) => r.repeat === 0)!.seeds, r2 = plan.runs.find((r) => r.repeat === 2)!.seeds;
    expect([r2.init, r2.order]).to.deep.equal([r0.init, r0.order]);
    expect(r2.noise).not.to.equal(r0.noise);
  });

  it('data.split with split in vary: a new split seed per repeat (kfold: fold r mod k of shuffle ⌊r/k⌋)', () => {
    const plan = planOf('repeats: 6\nvary: [init, order, noise, split]\ndata: { generator: circles, split: { kind: kfold, k: 3 } }\ntrain: { epochs: 1 }');
    const s = plan.runs.map((r) => r.seeds);
    expect(s.map((x) => x.fold)).to.deep.equal([0, 1, 2, 0, 1, 2]);
    expect(s[0]!.split).to.equal(s[2]!.split);
    expect(s[3]!.split).not.to.equal(s[0]!.split);
  });

  it('the split of a repeat is the same for every point of it (paired), and standardization uses its own training rows', () => {
    const plan = planOf('repeats: 2\nvary: [init, order, noise, split]\ndata: { generator: circles, split: { kind: shuffle }, standardize: true }\ntrain: { epochs: 1 }\ngrid: { noise.placement: [none, input] }');
    const [a, b] = plan.runs.filter((r) => r.repeat === 1);
    expect(a!.seeds).to.deep.equal(b!.seeds);
    const data = loadDataset(a!.config.data, a!.baseDir, { seed: a!.seeds.split!, fold: 0 });
    expect([data.nTrain, data.nTest]).to.deep.equal([30, 70]);
    const mean0 = Array.from({ length: data.nTrain }, (_, i) => data.xTrain[2 * i]!).reduce((x, y) => x + y, 0) / data.nTrain;
    expect(Math.abs(mean0)).to.be.lessThan(1e-6);
    const other = loadDataset(a!.config.data, a!.baseDir, { seed: plan.runs.get(0).seeds.split!, fold: 0 });
    expect([...other.yTrain]).not.to.deep.equal([...data.yTrain]);
  });

  it('a grid over vary (sweep variance): each point draws as its own vary says, with identities of its own', () => {
    const plan = planOf('pairing: independent\nrepeats: 4\ntrain: { epochs: 1 }\nnoise: { placement: pre, stddev: 0.1 }\ngrid: { vary: [[init], [noise], [init, order, noise]] }');
    expect(plan.points.map((p) => p.seeding?.vary)).to.deep.equal([['init'], ['noise'], ['init', 'order', 'noise']]);
    const seedsOf = (point: number, source: 'init' | 'order' | 'noise') => new Set(plan.runs.filter((r) => r.pointIndex === point).map((r) => r.seeds[source])).size;
    expect([seedsOf(0, 'init'), seedsOf(0, 'order'), seedsOf(0, 'noise')]).to.deep.equal([4, 1, 1]);
    expect([seedsOf(1, 'init'), seedsOf(1, 'order'), seedsOf(1, 'noise')]).to.deep.equal([1, 1, 4]);
    expect([seedsOf(2, 'init'), seedsOf(2, 'order'), seedsOf(2, 'noise')]).to.deep.equal([4, 4, 4]);
    expect(new Set(plan.runs.map((r) => r.runId)).size).to.equal(12);
    // The arm that varies everything draws what the same study without a grid over vary draws.
    const plain = planOf('pairing: independent\nrepeats: 4\ntrain: { epochs: 1 }\nnoise: { placement: pre, stddev: 0.1 }');
    expect(plan.runs.filter((r) => r.pointIndex === 2).map((r) => r.runId)).to.deep.equal(plain.runs.map((r) => r.runId));
  });

  it('a grid over vary needs pairing: independent, and split in a gridded vary needs data.split', () => {
    expect(errorOf('grid: { vary: [[init], [order]] }')).to.match(/grid\.vary: expected pairing: independent/);
    expect(errorOf('pairing: independent\ngrid: { vary: [[init], [split]] }')).to.match(/grid point vary=.*: vary: expected data\.split/);
  });

  it('bad new keys: one line each, exit 2, before any run', () => {
    expect(errorOf('vary: [init, weights]')).to.match(/vary/);
    expect(errorOf('pairing: sometimes')).to.match(/pairing/);
    expect(errorOf('vary: [split]')).to.match(/vary: expected data\.split/);
    expect(errorOf('data: { split: { kind: kfold, k: 1 } }')).to.match(/data\.split\.k/);
    expect(errorOf('data: { split: { kind: shuffle, k: 3 } }')).to.match(/data\.split\.k/);
    expect(errorOf('grid: { vary: [[init]] }')).to.match(/grid\.vary/);
    expect(errorOf('repeats: 3\nvary: [split]\ndata: { generator: blobs, centers: 3, samples: 40, trainSize: 3, split: { kind: shuffle } }\nmodel: { task: multiclass }', true)).to.match(/data\.split: expected splits that give every class a training row/);
    expect(errorOf('repeats: 1\nvary: [split]\ndata: { generator: friedman1, split: { kind: stratified } }\nmodel: { task: regression }', true)).to.match(/data\.split\.kind/);
  });
});
