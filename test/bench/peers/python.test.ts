/**
 * The Python peers of bench section 6 (bench/torch_models.py, bench/jax_models.py), where this machine has
 * them (skipped otherwise: nothing in the project needs Python). They must train the model a task file
 * describes: on well-separated blobs a small MLP reaches the accuracy ours does, and the CNN and LSTM
 * examples (2 epochs) run through every layer and mask path and return their metrics.
 */
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelStudies } from '../../../bench/per-model.js';
import { peerTask } from '../../../bench/peers/peer-task.js';
import { pythonFor, runPeer, type PeerTool } from '../../../bench/peers/python.js';
import { loadStudy } from '../../../src/config/load.js';
import { loadDataset } from '../../../src/data/load-dataset.js';
import { fusedEngine } from '../../../src/engine/fused/index.js';
import { makePlan } from '../../../src/plan/plan.js';
import type { RunTask } from '../../../src/protocol.js';
import { tmpDir, tmpFile } from '../../helpers/tmp.js';

const root = fileURLToPath(new URL('../../../..', import.meta.url));
const SCRIPTS: Record<'torch' | 'jax', string> = { torch: 'bench/torch_models.py', jax: 'bench/jax_models.py' };

const BLOBS = `
name: blobs
seed: 1
repeats: 1
data: { generator: blobs, samples: 200, centers: 2, clusterStd: 1.0, features: 2, seed: 2, trainSize: 60 }
model: { hidden: [16], activation: relu }
train: { epochs: 60, batchSize: 32, learningRate: 0.01, optimizer: adam }
noise: { kind: gaussian, placement: pre, stddev: 0.1 }
`;

function blobsTask(): RunTask {
  const loaded = loadStudy(tmpFile('blobs.yaml', BLOBS));
  return makePlan(loaded.raw, loaded.study, loaded.file, loaded.baseDir).runs.get(0);
}

describe('bench/peers: the Python peer scripts', function () {
  this.timeout(300_000);
  for (const tool of ['torch', 'jax'] as const satisfies readonly PeerTool[]) {
    it(`${tool}: the MLP on blobs as accurate as ours; the CNN and LSTM examples run`, async function () {
      if (pythonFor(tool) === null) this.skip();
      const dir = tmpDir();
      const blobs = blobsTask();
      const blobsData = loadDataset(blobs.config.data, blobs.baseDir);
      const ours = await fusedEngine.train(blobs.config, blobsData, blobs.seeds);
      expect(ours.metrics.test_accuracy).to.be.at.least(0.95);
      const files = [join(dir, 'blobs.json')];
      writeFileSync(files[0]!, JSON.stringify(peerTask(blobs.config, blobsData, { budget: 0 })));
      for (const prefix of ['cnn-shapes', 'lstm-padding-mask']) {
        const { task } = modelStudies(root, true).find((s) => s.label.startsWith(prefix))!;
        files.push(join(dir, `${prefix}.json`));
        writeFileSync(files.at(-1)!, JSON.stringify(peerTask(task.config, loadDataset(task.config.data, task.baseDir), { budget: 0 })));
      }
      const records = runPeer(tool, join(root, SCRIPTS[tool]), files)!;
      expect(records.map((r) => r.error)).to.deep.equal([undefined, undefined, undefined]);
      const [mlp, cnn, lstm] = records.map((r) => r.metrics as Record<string, number>);
      expect(mlp!.test_accuracy).to.be.at.least(ours.metrics.test_accuracy! - 0.03);
      for (const m of [cnn!, lstm!]) {
        expect(m.test_accuracy).to.be.within(0, 1);
        expect(m.train_loss).to.be.above(0);
      }
      expect(cnn!.test_loss).to.be.below(Math.log(3) + 0.5); // not diverged (chance: ln 3)
      for (const r of records) expect((r.seconds as number[]).every((s) => s > 0)).to.equal(true);
    });
  }
});
