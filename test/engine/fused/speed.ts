/**
 * Seconds per 4000-epoch tutorial run of the fused engine (2 → 500 relu → 1 sigmoid, adam, batch 32, 30 train
 * rows, 70 test rows) for each noise placement, on the WebAssembly kernel and on the TypeScript path, taken
 * in turn in one process. Not a test (no assertions, not named *.test.ts):
 *   npm run build && node dist/test/engine/fused/speed.js [runs=5] [kernels=wasm,js] [activation=relu]
 * Prints the median and the fastest of `runs` runs per placement and kernel, after one warm-up run each.
 */
import { performance } from 'node:perf_hooks';
import type { NoiseSite, RunConfig } from '../../../src/config/schema.js';
import { createFusedEngine, type FusedKernel } from '../../../src/engine/fused/index.js';
import { tutorialConfig } from './run-config.js';
import { ringsDataset } from './tiny-data.js';

const runs = Number(process.argv[2] ?? 5);
const kernels = (process.argv[3] ?? 'wasm,js').split(',') as FusedKernel[];
const activation = (process.argv[4] ?? 'relu') as RunConfig['model']['activation'];
const data = ringsDataset();
const cases: [string, NoiseSite[]][] = [
  ['none', []],
  ['input 0.01', [{ placement: 'input', stddev: 0.01 }]],
  ['pre 0.1', [{ placement: 'pre', stddev: 0.1 }]],
  ['post 0.1', [{ placement: 'post', stddev: 0.1 }]],
  ['input+pre+post', [{ placement: 'input', stddev: 0.01 }, { placement: 'pre', stddev: 0.1 }, { placement: 'post', stddev: 0.1 }]],
];
for (const kernel of kernels) await createFusedEngine(kernel).train(tutorialConfig({ activation }), data, 0);
for (const [name, sites] of cases) {
  const config = tutorialConfig({ sites, activation });
  for (const kernel of kernels) {
    const engine = createFusedEngine(kernel);
    const seconds: number[] = [];
    let accuracy = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const { metrics } = await engine.train(config, data, i + 1);
      seconds.push((performance.now() - t0) / 1000);
      accuracy += metrics.test_accuracy! / runs;
    }
    seconds.sort((a, b) => a - b);
    console.log(`${name.padEnd(15)} ${kernel.padEnd(5)} median ${seconds[Math.floor(runs / 2)]!.toFixed(3)} s  min ${seconds[0]!.toFixed(3)} s  (mean test accuracy ${accuracy.toFixed(3)})`);
  }
}
