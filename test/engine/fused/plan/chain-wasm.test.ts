/**
 * The chain of layer kernels on the WebAssembly twins (dense, conv and LSTM loops from asm/) against the same
 * chain on the TypeScript loops: every example study the chain trains, shortened to 3 epochs, every grid
 * point, the same seeds: the same metrics to the last bit. Each twin is held to its TypeScript loops on its own
 * in test/engine/fused/layers/*-wasm.test.ts; this holds the wiring (which kernel, which rows, which buffers).
 */
import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadStudy } from '../../../../src/config/load.js';
import { loadDataset } from '../../../../src/data/load-dataset.js';
import { createFusedEngine, onTutorialPath } from '../../../../src/engine/fused/index.js';
import { wasmKernelAvailable } from '../../../../src/engine/fused/wasm-kernel.js';
import { makePlan } from '../../../../src/plan/plan.js';

const EXAMPLES = fileURLToPath(new URL('../../../../../configs/examples/', import.meta.url));

describe('fused plan: WebAssembly twins against the TypeScript loops (the example studies, 3 epochs)', function () {
  this.timeout(600_000);
  before(function () {
    if (!wasmKernelAvailable()) this.skip(); // a dist built by tsc alone: npm run build compiles the kernel
  });
  const wasm = createFusedEngine('wasm');
  const js = createFusedEngine('js');

  let trained = 0;
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).sort();
  for (const file of files) {
    it(file, async function () {
      const loaded = loadStudy(join(EXAMPLES, file), { set: ['train.epochs=3'], repeats: 1 });
      const plan = makePlan(loaded.raw, loaded.study, loaded.file, loaded.baseDir);
      const runs = plan.runs.filter((r) => !onTutorialPath(r.config) && r.config.train.engine === 'fused');
      if (runs.length === 0) this.skip();
      for (const run of runs) {
        const data = loadDataset(run.config.data, loaded.baseDir);
        const a = (await wasm.train(run.config, data, run.seeds)).metrics;
        const b = (await js.train(run.config, data, run.seeds)).metrics;
        expect(a, `${file} ${JSON.stringify(plan.points[run.pointIndex]!.values)}`).to.deep.equal(b);
        trained++;
      }
    });
  }

  after(() => {
    // Would fail if the filter above left nothing to compare (every example on tfjs or the tutorial path).
    if (wasmKernelAvailable()) expect(trained).to.be.greaterThan(20);
  });
});
