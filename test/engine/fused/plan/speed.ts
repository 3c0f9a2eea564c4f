/**
 * Seconds per run of the chain of layer kernels on example studies, at one grid point each, on the
 * WebAssembly kernel and on the TypeScript loops (and the tfjs engine with `tfjs` in the list), taken in turn
 * in one process. Not a test (no assertions, not named *.test.ts):
 *   npm run build && node dist/test/engine/fused/plan/speed.js [runs=5] [engines=wasm,js] [study:point ...]
 * Default studies: the CNN and the LSTM examples at their first point (no noise) and at their first noisy one.
 * Prints the median and the fastest of `runs` runs, after one warm-up run each.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadStudy } from '../../../../src/config/load.js';
import { loadDataset } from '../../../../src/data/load-dataset.js';
import type { Engine } from '../../../../src/engine/engine.js';
import { createFusedEngine } from '../../../../src/engine/fused/index.js';
import { initBackend } from '../../../../src/engine/tfjs/backend.js';
import { makePlan } from '../../../../src/plan/plan.js';

const EXAMPLES = fileURLToPath(new URL('../../../../../configs/examples/', import.meta.url));
const runs = Number(process.argv[2] ?? 5);
const engines = (process.argv[3] ?? 'wasm,js').split(',');
const cases = process.argv.slice(4).length > 0 ? process.argv.slice(4) : ['cnn-shapes-noise-after-pooling:0', 'cnn-shapes-noise-after-pooling:1', 'lstm-padding-mask:0', 'lstm-padding-mask:1'];

async function engineNamed(name: string): Promise<Engine> {
  if (name !== 'tfjs') return createFusedEngine(name as 'wasm' | 'js');
  await initBackend(false);
  return (await import('../../../../src/engine/tfjs/index.js')).tfjsEngine;
}

for (const c of cases) {
  const [study, point] = c.split(':') as [string, string];
  const loaded = loadStudy(join(EXAMPLES, `${study}.yaml`), { repeats: runs + 1 });
  const plan = makePlan(loaded.raw, loaded.study, loaded.file, loaded.baseDir);
  const tasks = plan.runs.filter((r) => r.pointIndex === Number(point));
  const data = loadDataset(tasks[0]!.config.data, loaded.baseDir);
  for (const name of engines) {
    const engine = await engineNamed(name);
    const seconds: number[] = [];
    for (const [i, task] of tasks.entries()) {
      const config = { ...task.config, train: { ...task.config.train, engine: name === 'tfjs' ? ('tfjs' as const) : ('fused' as const) } };
      const t0 = performance.now();
      await engine.train(config, data, task.seeds);
      if (i > 0) seconds.push((performance.now() - t0) / 1000);
    }
    seconds.sort((a, b) => a - b);
    const label = `${study} ${JSON.stringify(plan.points[Number(point)]!.values)}`;
    console.log(`${label.padEnd(70)} ${name.padEnd(5)} median ${seconds[Math.floor(seconds.length / 2)]!.toFixed(3)} s  min ${seconds[0]!.toFixed(3)} s`);
  }
}
