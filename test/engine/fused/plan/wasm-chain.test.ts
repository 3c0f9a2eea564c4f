/**
 * The chain of layer kernels on the WebAssembly kernel against the same chain on the TypeScript loops: whole
 * runs of the example CNNs and the LSTM with its mask (noise off and on, 2 epochs) give the same metrics, bit
 * for bit, as the tutorial's two paths do (wasm-net.test.ts).
 */
import { expect } from 'chai';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadStudy } from '../../../../src/config/load.js';
import { loadDataset } from '../../../../src/data/load-dataset.js';
import { createFusedEngine, onTutorialPath } from '../../../../src/engine/fused/index.js';
import { wasmKernelAvailable } from '../../../../src/engine/fused/wasm-kernel.js';
import { makePlan } from '../../../../src/plan/plan.js';

const EXAMPLES = fileURLToPath(new URL('../../../../../configs/examples/', import.meta.url));

describe('fused plan: the WebAssembly kernel gives the TypeScript loops\' bits', function () {
  this.timeout(300_000);
  const wasm = createFusedEngine('wasm');
  const js = createFusedEngine('js');

  it('the kernel is built (npm run build)', () => expect(wasmKernelAvailable()).to.equal(true));

  for (const file of ['cnn-shapes-noise-after-pooling.yaml', 'digits-cnn-images.yaml', 'lstm-padding-mask.yaml']) {
    it(file, async () => {
      const loaded = loadStudy(join(EXAMPLES, file), { set: ['train.epochs=2'], repeats: 1 });
      const plan = makePlan(loaded.raw, loaded.study, loaded.file, loaded.baseDir);
      for (const run of plan.runs) {
        expect(onTutorialPath(run.config)).to.equal(false);
        const data = loadDataset(run.config.data, loaded.baseDir);
        const a = (await wasm.train(run.config, data, run.seeds)).metrics;
        const b = (await js.train(run.config, data, run.seeds)).metrics;
        expect(a, `${file} ${JSON.stringify(plan.points[run.pointIndex]!.values)}`).to.deep.equal(b);
      }
    });
  }
});
