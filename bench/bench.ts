/**
 * `npm run bench`: the engines and the pool measured side by side in one process, on this machine, now.
 * Speed targets (issue 3) live here, never in tests: shared machines are noisy, so every figure below is a
 * ratio of measurements taken in the same run.
 *
 *  1. one tutorial run (Dense 500, pre noise 0.1, 4000 epochs, test rows evaluated once at the end) with the
 *     fused engine, the tfjs engine (a loop over optimizer.minimize) and tfjs `model.fit`, and, when Debian's
 *     python3-torch is installed, the same training in PyTorch eager on one thread (bench/torch_tutorial.py);
 *  2. throughput of a 40-run sweep on 1 and on 2 workers;
 *  3. RSS before and after 1,000 short runs through the pool;
 *  4. the tutorial's study (4 placements × 30 repeats × 4000 epochs) on 2 workers;
 *  5. what a run of the user's own command costs over the command itself (bench/own-code-overhead.ts);
 *  6. per model: seconds per run of every example study's model, ours beside PyTorch eager and JAX
 *     (bench/per-model.ts);
 *  7. results at scale: sweeps of 50,000, 100,000 and 200,000 one-epoch runs (--runs N[,N]: other sizes, e.g.
 *     1000000), a merge of 8 shards of the largest, peak RSS, runs/s, report.html's size and its load in headless
 *     Chromium, and the streamed summary against the in-memory one (bench/scale.ts);
 *  8. one grid point of 30 repeats end to end, per model: ours, PyTorch and JAX each as one process from start
 *     to last result, compilation included (bench/point-end-to-end.ts).
 * Section 1 also times the tutorial's own Keras code (bench/keras_tutorial.py), scaled from a few hundred epochs.
 *
 * Flags (bench/args.ts): --only SECTION[,SECTION] (tutorial, throughput, memory, study, own-code, models, scale, point;
 * default: all), --smoke (tiny sizes: checks that the benchmark itself works, in seconds), --skip-study,
 * --no-python (the PyTorch, JAX and Keras rows say n/a, as on a machine without them), --runs N[,N] (the scale
 * section's sweep sizes).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { sweepCommand } from '../src/commands/sweep.js';
import { loadStudy } from '../src/config/load.js';
import type { RunConfig } from '../src/config/schema.js';
import type { Dataset } from '../src/data/dataset.js';
import { loadDataset } from '../src/data/load-dataset.js';
import { defaultFusedKernel, fusedEngine } from '../src/engine/fused/index.js';
import { initBackend } from '../src/engine/tfjs/backend.js';
import { tfjsEngine } from '../src/engine/tfjs/index.js';
import { SweepError } from '../src/errors.js';
import { poolLauncher } from '../src/launch/pool.js';
import { makePlan } from '../src/plan/plan.js';
import type { RunTask } from '../src/protocol.js';
import { parseBenchArgs } from './args.js';
import { ownCodeOverhead } from './own-code-overhead.js';
import { scaleCheck } from './scale.js';
import { perModelSection } from './per-model.js';
import { pointEndToEndSection } from './point-end-to-end.js';
import { usePython } from './peers/python.js';
import { kerasTutorialSeconds, torchTutorialSeconds } from './peers/tutorial-peers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = (() => {
  try {
    return parseBenchArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof SweepError)) throw err;
    console.error(err.message);
    process.exit(err.exitCode);
  }
})();
const smoke = args.smoke;
usePython(args.python);
const EPOCHS = smoke ? 20 : 4000;
const REPEATS = smoke ? 1 : 3;
/** Epochs of the Keras tutorial run that section 1 times and scales to EPOCHS (a full run is minutes). */
const KERAS_EPOCHS = smoke ? 3 : 300;

function tasksOf(configPath: string, set: string[] = []): RunTask[] {
  const loaded = loadStudy(join(root, configPath), { set });
  return [...makePlan(loaded.raw, loaded.study, loaded.file, loaded.baseDir).runs];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timeIt(fn: () => Promise<unknown>, repeats = REPEATS): Promise<number> {
  await fn(); // warm-up: JIT, wasm compilation, backend start
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    await fn();
    times.push((performance.now() - start) / 1000);
  }
  return median(times);
}

/** The tutorial's model through tfjs' own model.fit (unseeded GaussianNoise, fit's own shuffling). */
async function modelFit(config: RunConfig, data: Dataset): Promise<void> {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 500, inputShape: [data.nFeatures] }));
  model.add(tf.layers.gaussianNoise({ stddev: 0.1 }));
  model.add(tf.layers.activation({ activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  model.compile({ optimizer: tf.train.adam(0.001, 0.9, 0.999, 1e-7), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  const x = tf.tensor2d(data.xTrain, [data.nTrain, data.nFeatures]);
  const y = tf.tensor2d(data.yTrain, [data.nTrain, 1]);
  const xt = tf.tensor2d(data.xTest, [data.nTest, data.nFeatures]);
  const yt = tf.tensor2d(data.yTest, [data.nTest, 1]);
  await model.fit(x, y, { epochs: config.train.epochs, batchSize: config.train.batchSize, shuffle: true, verbose: 0 });
  tf.dispose(model.evaluate(xt, yt) as tf.Tensor[]);
  tf.dispose([x, y, xt, yt]);
  model.dispose();
}

async function throughput(workers: number, tasks: readonly RunTask[]): Promise<number> {
  const launcher = poolLauncher(workers);
  const start = performance.now();
  await launcher.run(tasks, { onResult: () => {} });
  const seconds = (performance.now() - start) / 1000;
  await launcher.close();
  return tasks.length / seconds;
}

function rssMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / 2 ** 20;
}

function row(cells: (string | number)[]): string {
  return cells.map((c, i) => (i === 0 ? String(c).padEnd(34) : String(c).padStart(12))).join('');
}

/** 1. One tutorial run, side by side: our engines, tfjs' model.fit, PyTorch eager and the tutorial's Keras code. */
async function tutorialRun(): Promise<void> {
  const [task] = tasksOf('configs/tutorial/pre.yaml', [`train.epochs=${EPOCHS}`]);
  const config = task!.config;
  const data = loadDataset(config.data, task!.baseDir);
  const backend = await initBackend(false);
  const fused = await timeIt(() => fusedEngine.train(config, data, task!.seed));
  const tfjsLoop = await timeIt(() => tfjsEngine.train({ ...config, train: { ...config.train, engine: 'tfjs' } }, data, task!.seed), 1);
  const fit = await timeIt(() => modelFit(config, data), 1);
  const torch = torchTutorialSeconds(root, data, REPEATS, EPOCHS);
  const keras = (['tensorflow', 'jax'] as const).map((b) => ({ backend: b, timing: kerasTutorialSeconds(root, data, KERAS_EPOCHS, EPOCHS, b) }));
  console.log('\n1. one tutorial run (pre noise 0.1, %d epochs), seconds (median of %d after a warm-up)', EPOCHS, REPEATS);
  console.log(row(['', 'seconds', 'fused is ×']));
  // A dist/ built without the AssemblyScript step has no fused.wasm: the TypeScript kernel (same bits, slower) runs.
  console.log(row([`fused engine (${defaultFusedKernel()} kernel)`, fused.toFixed(3), '1.0']));
  console.log(row([`tfjs engine (${backend}, minimize loop)`, tfjsLoop.toFixed(3), (tfjsLoop / fused).toFixed(1)]));
  console.log(row([`tfjs model.fit (${backend})`, fit.toFixed(3), (fit / fused).toFixed(1)]));
  console.log(row(['PyTorch eager, 1 thread', torch === null ? 'n/a' : torch.toFixed(3), torch === null ? 'no torch' : (torch / fused).toFixed(2)]));
  for (const { backend: b, timing } of keras) {
    const name = `Keras fit (${b === 'jax' ? 'JAX' : 'TF'}), 1 thread, scaled`;
    console.log(row([name, timing === null ? 'n/a' : timing.seconds.toFixed(3), timing === null ? 'no Keras' : (timing.seconds / fused).toFixed(1)]));
  }
  console.log('   Keras: the tutorial\'s model.fit with validation data, 1 thread, timed over %d epochs and scaled to %d', KERAS_EPOCHS, EPOCHS);
  console.log('   targets: fused ≥ 1× PyTorch (aim 3×); ≥ 15× tfjs model.fit');
}

/** 2. Pool throughput: 40 runs on 1 and 2 workers. */
async function poolThroughput(): Promise<void> {
  const forty = tasksOf('configs/tutorial/pre.yaml', [`train.epochs=${EPOCHS}`, `repeats=${smoke ? 4 : 40}`]);
  const one = await throughput(1, forty);
  const two = await throughput(2, forty);
  console.log('\n2. %d-run sweep throughput, runs/s', forty.length);
  console.log(row(['1 worker', one.toFixed(2), '']));
  console.log(row(['2 workers', two.toFixed(2), `${(two / one).toFixed(2)}×`]));
  console.log('   target: 2 workers ≥ 1.8× one');
}

/** 3. Memory over 1,000 short runs through the pool (workers are reused: leaks would accumulate). */
async function memory(): Promise<void> {
  const short = tasksOf('configs/tutorial/pre.yaml', ['train.epochs=20', `repeats=${smoke ? 50 : 1000}`]);
  const launcher = poolLauncher(2);
  await launcher.run(short.slice(0, 20), { onResult: () => {} }); // warm-up: threads, datasets, engines
  const before = rssMb();
  await launcher.run(short, { onResult: () => {} });
  const after = rssMb();
  await launcher.close();
  console.log('\n3. RSS over %d short runs (2 workers): %s MB → %s MB (%s MB)', short.length, before.toFixed(0), after.toFixed(0), (after - before >= 0 ? '+' : '') + (after - before).toFixed(1));
  console.log('   target: grows by less than 50 MB');
}

/** 4. The tutorial's study on 2 workers, through the real sweep command. */
async function tutorialStudy(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'bench-study-'));
  const start = performance.now();
  await sweepCommand({ config: join(root, 'configs/tutorial/all.yaml'), out: join(out, 'r'), workers: 2, set: smoke ? ['train.epochs=20', 'repeats=2'] : [], quiet: true });
  const seconds = (performance.now() - start) / 1000;
  rmSync(out, { recursive: true, force: true });
  console.log('\n4. tutorial study (4 placements × %s repeats × %d epochs) on 2 workers: %s s', smoke ? 2 : 30, EPOCHS, seconds.toFixed(1));
  console.log('   target: under 60 s');
}

async function main(): Promise<void> {
  console.log(`noise-sweep benchmark${smoke ? ' (smoke: tiny sizes, figures meaningless)' : ''} — node ${process.version}, ${new Date().toISOString()}`);
  const want = args.sections;
  if (want.has('tutorial')) await tutorialRun();
  if (want.has('throughput')) await poolThroughput();
  if (want.has('memory')) await memory();
  if (want.has('study')) await tutorialStudy();
  if (want.has('own-code')) console.log('\n' + (await ownCodeOverhead(root, smoke)).join('\n'));
  if (want.has('models')) {
    await initBackend(false);
    console.log('\n' + (await perModelSection(root, smoke)).join('\n'));
  }
  if (want.has('scale')) console.log('\n' + (await scaleCheck(root, smoke, args.runs)).join('\n'));
  if (want.has('point')) console.log('\n' + pointEndToEndSection(root, smoke).join('\n'));
}

await main();
