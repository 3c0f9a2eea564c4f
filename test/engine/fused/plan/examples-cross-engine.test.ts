/**
 * Whole runs of every example study that the chain of layer kernels trains (CNNs, the LSTM with its mask,
 * multiclass and regression MLPs, the dropout noise kinds, test-time noise), shortened to 2 epochs: the fused
 * and the tfjs engine, from the same seeds, so from the same initial weights, batches and noise numbers (the
 * draw order plan/build.ts documents is the tfjs engine's), reach the same metrics, with noise off and on.
 * Float32 sums in another order are all that separates them: losses and errors agree to 1e-5 (relative above
 * 1), accuracies to one row. Draw-for-draw equal noise makes this stronger than comparing 30-seed means.
 */
import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadStudy } from '../../../../src/config/load.js';
import { loadDataset } from '../../../../src/data/load-dataset.js';
import { fusedEngine, onTutorialPath } from '../../../../src/engine/fused/index.js';
import { initBackend } from '../../../../src/engine/tfjs/backend.js';
import { tfjsEngine } from '../../../../src/engine/tfjs/index.js';
import { makePlan } from '../../../../src/plan/plan.js';

const EXAMPLES = fileURLToPath(new URL('../../../../../configs/examples/', import.meta.url));
const EPOCHS = 2;

describe('fused plan against the tfjs engine: the example studies (2 epochs, same seeds)', function () {
  this.timeout(600_000);
  before(async () => {
    await initBackend(false);
  });

  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).sort();
  for (const file of files) {
    it(file, async function () {
      const loaded = loadStudy(join(EXAMPLES, file), { set: [`train.epochs=${EPOCHS}`], repeats: 1 });
      const plan = makePlan(loaded.raw, loaded.study, loaded.file, loaded.baseDir);
      const runs = plan.runs.filter((r) => !onTutorialPath(r.config));
      if (runs.length === 0) {
        console.log(`      (${file}: every point takes the tutorial's fast path, held to tfjs by test/engine/cross-engine.test.ts)`);
        this.skip();
      }
      for (const run of runs) {
        const where = `${file} ${JSON.stringify(plan.points[run.pointIndex]!.values)}`;
        const data = loadDataset(run.config.data, loaded.baseDir);
        const fused = (await fusedEngine.train(run.config, data, run.seeds)).metrics;
        const tfjs = (await tfjsEngine.train({ ...run.config, train: { ...run.config.train, engine: 'tfjs' } }, data, run.seeds)).metrics;
        expect(Object.keys(fused), where).to.deep.equal(Object.keys(tfjs));
        for (const [metric, want] of Object.entries(tfjs)) {
          const got = fused[metric]!;
          if (/accuracy/.test(metric)) {
            const rows = metric.startsWith('train') ? data.nTrain : data.nTest;
            expect(Math.abs(got - want), `${where} ${metric}: ${got} vs ${want}`).to.be.at.most(1 / rows + 1e-12);
          } else {
            expect(Math.abs(got - want), `${where} ${metric}: ${got} vs ${want}`).to.be.at.most(1e-5 * Math.max(1, Math.abs(want)));
          }
        }
      }
    });
  }
});
