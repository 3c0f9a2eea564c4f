/**
 * Which run of each study bench section 6 times, and how it is labelled: pure parts of bench/per-model.ts.
 * (The section itself runs in test/bench/bench.test.ts; timings are never asserted.)
 */
import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { modelStudies, pointLabel } from '../../bench/per-model.js';
import { loadStudy } from '../../src/config/load.js';
import { makePlan } from '../../src/plan/plan.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('bench/per-model', () => {
  const studies = modelStudies(root, true);
  const byName = (prefix: string) => studies.find((s) => s.label.startsWith(prefix))!;

  it('has the tutorial and one row per example study, each a run with Gaussian noise on', () => {
    const examples = readdirSync(`${root}/configs/examples`).filter((f) => f.endsWith('.yaml'));
    expect(studies).to.have.length(examples.length + 1);
    expect(studies[0]!.label).to.equal('tutorial MLP (pre 0.1)');
    for (const s of studies) {
      expect(s.task.config.noise.kind, s.label).to.equal('gaussian');
      expect(s.task.config.noise.sites, s.label).to.not.be.empty;
      expect(s.task.repeat, s.label).to.equal(0);
    }
  });

  it('keeps the study\'s own training settings, epochs cut only in smoke mode', () => {
    const full = modelStudies(root, false);
    const cnn = full.find((s) => s.label.startsWith('cnn-shapes'))!;
    expect(cnn.task.config.train).to.include({ epochs: 100, batchSize: 32, learningRate: 0.003, optimizer: 'adam' });
    expect(full[0]!.task.config.train.epochs).to.equal(4000);
    expect(full[0]!.vmap).to.equal(30);
    expect(byName('cnn-shapes').task.config.train.epochs).to.equal(2);
  });

  it('names each row\'s point as --set overrides that make its study that one point (section 8 runs them)', () => {
    for (const s of modelStudies(root, false)) {
      const loaded = loadStudy(join(root, s.file), { set: [...s.pointSet] });
      const plan = makePlan(loaded.raw, loaded.study, loaded.file, loaded.baseDir);
      expect(plan.points, s.label).to.have.length(1);
      expect(plan.runs.get(0).config, s.label).to.deep.equal(s.task.config);
    }
  });

  it('labels a point by its grid values, the placement and stddev bare', () => {
    expect(byName('cnn-shapes').label).to.equal('cnn-shapes-noise-after-pooling (input 0.2)');
    expect(byName('lstm-padding-mask').label).to.equal('lstm-padding-mask (input mask=true)');
    expect(pointLabel({ 'train.loss': 'mse', 'noise.placement': 'pre', 'noise.stddev': 0.5, 'noise.rate': undefined })).to.equal('loss=mse pre 0.5');
  });
});
