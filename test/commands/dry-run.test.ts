/**
 * The dry run's calibration with a clock of the test's own (a fake trainer that "takes" fixed + perEpoch ·
 * epochs seconds): the estimate recovers the study's cost exactly, a slow kind of run is timed on a dozen epochs
 * (it was 2 × 200), kinds beyond the budget borrow a timing, and placements are printed as the study wrote them.
 */
import { expect } from 'chai';
import { describePlan, estimateSeconds } from '../../src/commands/dry-run.js';
import { loadStudy } from '../../src/config/load.js';
import { makePlan } from '../../src/plan/plan.js';
import type { RunResult, RunTask } from '../../src/protocol.js';
import { tmpFile } from '../helpers/tmp.js';

function planOf(yaml: string) {
  const loaded = loadStudy(tmpFile('study.yaml', yaml));
  return makePlan(loaded.raw, loaded.study, loaded.file, loaded.baseDir);
}

/** A trainer on a fake clock: each run costs `fixed` plus `perEpoch(task)` per epoch; counts epochs trained. */
function fakeTrainer(perEpoch: (task: RunTask) => number, fixed = 0.2) {
  let clock = 0;
  return {
    now: () => clock,
    train: async (task: RunTask): Promise<RunResult> => {
      clock += fixed + perEpoch(task) * task.config.train.epochs;
      return { runId: task.runId, pointIndex: task.pointIndex, repeat: task.repeat, seed: task.seed, status: 'ok', engine: task.config.train.engine, metrics: {}, seconds: 0 };
    },
  };
}

const CNN = `name: cnn
repeats: 3
data: { generator: shapes, samples: 60, size: 8, classes: 3, seed: 1, trainSize: 30 }
model:
  task: multiclass
  layers:
    - { type: conv2d, filters: 2, kernelSize: 3, name: conv }
    - { type: maxPooling2d, poolSize: 2, name: pool }
    - { type: flatten }
    - { type: dense, units: 8, name: hidden }
train: { epochs: 100, engine: tfjs }
noise: { stddev: 0.2, rate: 0.1 }
grid:
  noise.placement: [none, input, "after:pool", "post:hidden"]
`;

describe('commands/dry-run', () => {
  it('recovers fixed and per-epoch cost of each kind of run, and times a slow kind on a few epochs', async () => {
    const plan = planOf(CNN);
    // Noise makes a tfjs run 30 % slower per epoch here; placements beyond the first one cost the same.
    const cost = (t: RunTask) => (t.config.noise.sites.length > 0 ? 0.039 : 0.03);
    const clock = fakeTrainer(cost);
    const estimate = await estimateSeconds(plan.runs, 2, { ...clock, budgetSeconds: 60 });
    const exact = plan.runs.reduce((s, t) => s + 0.2 + cost(t) * 100, 0) / 2;
    expect(estimate.seconds).to.be.closeTo(exact, 1e-9);
    expect(estimate.kinds).to.equal(2); // tfjs: without noise, and with one noise layer wherever it is
    expect(estimate.timed).to.equal(2);
    // A warm-up of 2 epochs once, then per kind 1 epoch and 2, 8: at most 13 epochs per kind.
    expect(estimate.epochsTrained).to.be.at.most(2 + 2 * 11);
    expect(estimate.perEpoch.tfjs).to.be.closeTo((0.03 + 0.039) / 2, 1e-12);
  });

  it('lengthens the timed run until an epoch can be seen: fast fused runs', async () => {
    const plan = planOf('name: f\nrepeats: 2\nmodel: { hidden: [8] }\ntrain: { epochs: 4000 }\ngrid: { noise.placement: [none, input, pre] }\n');
    const cost = (t: RunTask) => 0.0001 * (1 + t.config.noise.sites.length);
    const estimate = await estimateSeconds(plan.runs, 1, { ...fakeTrainer(cost, 0.01), budgetSeconds: 60 });
    expect(estimate.kinds).to.equal(3); // fused: every set of sites is a kind
    expect(estimate.seconds).to.be.closeTo(plan.runs.reduce((s, t) => s + 0.01 + cost(t) * 4000, 0), 1e-9);
    expect(estimate.epochsTrained).to.be.below(3 * 4000);
  });

  it('stops timing new kinds when the budget is spent; the rest borrow the closest timed kind', async () => {
    const plan = planOf(CNN);
    const estimate = await estimateSeconds(plan.runs, 1, { ...fakeTrainer(() => 0.03), budgetSeconds: 0 });
    expect([estimate.timed, estimate.kinds]).to.deep.equal([1, 2]);
    expect(estimate.seconds).to.be.closeTo(plan.runs.length * (0.2 + 3), 1e-9);
  });

  it('prints each point with the engine auto picks and its placement as the study wrote it ("after:pool", not the site "post:...")', () => {
    const plan = planOf(CNN.replace('engine: tfjs', 'engine: auto'));
    expect(describePlan(plan, plan.runs, 0)).to.deep.equal([
      'study cnn: 4 grid point(s) × 3 repeats = 12 runs',
      '  noise.placement=none  [fused; no noise; 100 epochs]',
      '  noise.placement=input  [fused; input stddev 0.2; 100 epochs]',
      '  noise.placement=after:pool  [fused; after:pool stddev 0.2; 100 epochs]',
      '  noise.placement=post:hidden  [fused; post:hidden stddev 0.2; 100 epochs]',
      'comparisons: paired on repeats (varied: init, order, noise); 3 repeats detect P(better) ≥ 1.00 (Noether, α = β = 0.05); P = 0.75 (gamma) needs 29; below 6 repeats no verdict says better or worse',
    ]);
    const dropout = planOf(CNN.replace('noise: {', 'noise: { kind: dropout,'));
    expect(describePlan(dropout, dropout.runs, 0)[3]).to.equal('  noise.placement=after:pool  [tfjs; after:pool rate 0.1 (dropout); 100 epochs]');
  });
});
