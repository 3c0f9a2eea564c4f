/**
 * The fused engine: trains every model model.layers can describe (and model.hidden), every task, noise kind
 * and placement, with hand-written loops over preallocated arrays, with the semantics of the tfjs engine:
 * same initial weights (init.ts, tfjs/init-layers.ts), same batch order (one shuffle per epoch from
 * STREAM.shuffle), same noise numbers in the same order (STREAM.noise; noise-plan.ts, plan/build.ts), same
 * loss, clipping and optimizer arithmetic (net.ts, plan/heads.ts, optimizer.ts). No per-op dispatch and no
 * allocation per step. Two networks serve it:
 *   the tutorial's fast path (net.ts, wasm-net.ts): dense layers of `hidden: [...]`, one activation, Gaussian
 *     noise at input/pre/post, a sigmoid output, each layer's elementwise work fused into its product loop;
 *   the chain of layer kernels (plan/): everything else, one kernel per layer and noise site, chained by a
 *     plan built from the config the way the tfjs stack is built.
 *
 * Each has two implementations computing the same bits: the WebAssembly SIMD kernel (asm/), used whenever
 * `npm run build` has compiled it, and the TypeScript loops, the reference and the fallback (a dist built by
 * tsc alone). The chain's per-run seconds on the example studies are in the README ("Engines and speed",
 * `npm run bench -- --only models`).
 *
 * The fast path computes in float32 (kernels.ts), as tfjs does. Seconds per 4000-epoch tutorial run on one
 * core of this 2-core machine (Node 20; median of 5, `npm run build && node dist/test/engine/fused/speed.js 5`),
 * float32 against the float64 arithmetic before it (main at 487f0fa; both builds before the four-lane normal
 * draws below), one build after the other, 2026-12-07 15:40 UTC, load 1.3–2.1:
 *
 *   noise            wasm f32   wasm f64   TypeScript f32   TypeScript f64
 *   none             0.079      0.139      1.047            0.750
 *   input 0.01       0.090      0.145      1.051            0.784
 *   pre 0.1          0.311      0.378      1.582            1.323
 *   post 0.1         0.319      0.392      1.637            1.349
 *   input+pre+post   0.549      0.653      2.152            1.826
 *
 * The TypeScript loops are slower in float32 (a Math.fround per operation); the kernel gains from four lanes
 * per SIMD operation and no widening of weights. breast-cancer-noise (30 → 500 relu, 170 rows, 300 epochs),
 * same session, seconds per run on the kernel at its points none / input 0.5 / pre 0.5 / post 0.5 (median of 5
 * after a warm-up, the builds alternated twice): 0.19 / 0.21–0.23 / 0.29 / 0.29–0.30 in float32 against
 * 0.32–0.35 / 0.37–0.40 / 0.42–0.45 / 0.43–0.46; the whole study on 2 workers
 * (`node dist/src/bin.js configs/examples/breast-cancer-noise.yaml --workers 2 --quiet --out DIR --force`)
 * 15.2 and 15.5 s against 22.7 and 22.6 s; every point's mean test accuracy the same, its mean losses moved by
 * under 0.01 of their std. Of a float32 run's time (node --cpu-prof, point none) Adam's step is 20 %, the first
 * layer's product 15 %, its kernel gradient 11 %.
 * PyTorch eager on one thread took 1.26–1.84 s for the tutorial runs above (2026-11-25, Debian's torch 1.13,
 * `/usr/bin/python3 bench/torch_tutorial.py circles.csv 3 4000 --all-placements`).
 * Both builds of the table predate fillNormal's four lanes (ff86edb). In float64, the lanes build against the
 * one before it, in turn under /tmp/bench.lock (2026-12-07): `speed.js 3 wasm` 3 times each (load 2.1–2.7),
 * pre 0.1 0.384–0.399 s → 0.325–0.340 s, post 0.1 0.395–0.410 → 0.339–0.368; `speed.js 5` twice each (load
 * 1.3–4.1), input+pre+post 0.736–0.878 → 0.587–0.606, TypeScript pre 1.30–1.50 → 1.26–1.33; `npm run bench`
 * section 1, fused 0.419 → 0.327 s.
 * With noise, most of the kernel's time is the normal draws (15,000 per epoch per hidden site): the ziggurat of
 * rng/normal.ts on four generator lanes, stepped at once in i32x4 by asm/normal.ts (1.3× the single-stream
 * kernel's draws per second, measured there), so both paths and the tfjs engine draw the same numbers.
 */
import type { RunConfig } from '../../config/schema.js';
import type { Dataset } from '../../data/dataset.js';
import type { HistoryPoint } from '../../protocol.js';
import type { Engine, TrainOutcome } from '../engine.js';
import { initialDenseWeights } from '../init.js';
import { layoutOf } from '../layout.js';
import { STREAM, Xoshiro128 } from '../rng/xoshiro128.js';
import { runSeeds, type RunSeeds } from '../seeds.js';
import { shuffleInPlace } from '../shuffle.js';
import { fusedUnsupported } from '../support.js';
import { Evaluator } from './evaluate.js';
import { ACTIVATIONS, FusedNet, type Net, type NetSpec } from './net.js';
import { noisePlan } from './noise-plan.js';
import { chainBytes, makeChainNet, MEMORY_LIMIT_BYTES } from './plan/chain-net.js';
import type { Trainable } from './trainable.js';
import { wasmKernelAvailable, withSpareKernelMemories } from './wasm-kernel.js';
import { WasmNet } from './wasm-net.js';

/**
 * Which implementation runs the network: the WebAssembly kernel (asm/, wasm-net.ts) or the TypeScript loops
 * (net.ts, kernels.ts). They compute the same bits (test/engine/fused/wasm-net.test.ts), so the choice is
 * one of speed only and the engine is 'fused' either way; 'auto' takes the kernel when it was built.
 */
export type FusedKernel = 'wasm' | 'js';

/** The kernel 'auto' resolves to in this thread. */
export function defaultFusedKernel(): FusedKernel {
  return wasmKernelAvailable() ? 'wasm' : 'js';
}

const PLACEMENTS: readonly string[] = ['input', 'pre', 'post'];

/**
 * Whether the tutorial's fast path (net.ts, wasm-net.ts: dense layers of `hidden: [...]`, one activation,
 * Gaussian noise at input/pre/post, a sigmoid output) trains the config; the chain of layer kernels
 * (plan/) trains everything else.
 */
export function onTutorialPath(config: RunConfig): boolean {
  return (
    config.model.layers === undefined &&
    (config.model.task ?? 'binary') === 'binary' &&
    config.noise.kind === 'gaussian' &&
    config.model.hidden.length > 0 &&
    (ACTIVATIONS as readonly string[]).includes(config.model.activation) &&
    config.noise.sites.every((s) => PLACEMENTS.includes(s.placement) && s.layer === undefined)
  );
}

/** The tutorial's network on the given kernel, with the shared initial weights. */
function tutorialNet(kernel: FusedKernel, config: RunConfig, data: Dataset, initSeed: number): Net {
  const sizes = [data.nFeatures, ...config.model.hidden, 1];
  const spec: NetSpec = { sizes, activation: config.model.activation, noise: noisePlan(config.noise.sites), maxRows: Math.max(data.nTrain, data.nTest) };
  const net = kernel === 'wasm' ? new WasmNet(spec) : new FusedNet(spec);
  const init = initialDenseWeights(sizes, initSeed);
  net.setWeights(init.kernels, init.biases);
  return net;
}

/**
 * Rows a noise-off evaluation pass of the chain takes at once: enough to amortize a pass, few enough that
 * big sets (a CNN's 10,000 test images) do not need buffers for all of their rows.
 */
const EVAL_ROWS = 256;

/**
 * Any other model: its compiled chain of layer kernels (plan/build.ts), weights from the tfjs engine's
 * initializer. It takes a batch, or EVAL_ROWS rows when evaluating, or whole sets when eval.noise draws
 * noise over them. @throws Error, before allocating, when its buffers would exceed MEMORY_LIMIT_BYTES.
 */
function chainNet(kernel: FusedKernel, config: RunConfig, data: Dataset, initSeed: number): Trainable {
  const { input, outputs } = layoutOf(config, data);
  const largest = Math.max(data.nTrain, data.nTest);
  const evalRows = config.eval.noise === 'off' ? Math.min(largest, EVAL_ROWS) : largest;
  const spec = { config, input, outputs, initSeed, maxRows: Math.max(Math.min(config.train.batchSize, data.nTrain), evalRows), loops: kernel };
  const bytes = chainBytes(spec);
  if (bytes > MEMORY_LIMIT_BYTES) {
    const gb = (b: number) => `${(b / 2 ** 30).toFixed(1)} GiB`;
    throw new Error(`the network needs ${gb(bytes)} for passes of ${spec.maxRows} rows, more than the fused engine's ${gb(MEMORY_LIMIT_BYTES)}: use fewer filters or units, smaller inputs${config.eval.noise === 'off' ? ' or a smaller train.batchSize' : ', a smaller test set or eval.noise: off'}`);
  }
  return makeChainNet(spec, bytes);
}

/** null when the fused engine can train the config, else a short reason (the shared check, then this engine's own). */
function unsupported(config: RunConfig): string | null {
  const shared = fusedUnsupported(config);
  if (shared !== null) return shared;
  if (config.train.optimizer !== 'adam' && config.train.optimizer !== 'sgd') return `optimizer ${String(config.train.optimizer)}`;
  if (config.model.layers === undefined && !(ACTIVATIONS as readonly string[]).includes(config.model.activation)) return `activation ${config.model.activation}`;
  if (config.model.layers === undefined && config.model.hidden.length === 0) return 'a model without hidden layers';
  return null;
}

/** The fused engine on the given kernel ('auto': the WebAssembly kernel when built, else TypeScript). */
export function createFusedEngine(kernel: FusedKernel | 'auto' = 'auto'): Engine {
  return {
    name: 'fused',
    unsupported,
    train: (config, data, seeds) => train(kernel === 'auto' ? defaultFusedKernel() : kernel, config, data, runSeeds(seeds)),
  };
}

export const fusedEngine: Engine = createFusedEngine('auto');

async function train(kernel: FusedKernel, config: RunConfig, data: Dataset, seeds: RunSeeds): Promise<TrainOutcome> {
  // Synchronous, so its kernel memories are dead when it returns: the thread's next runs reuse them (wasm-kernel.ts).
  return withSpareKernelMemories(() => trainNow(kernel, config, data, seeds));
}

function trainNow(kernel: FusedKernel, config: RunConfig, data: Dataset, seeds: RunSeeds): TrainOutcome {
  const why = unsupported(config);
  if (why !== null) throw new Error(`the fused engine does not support ${why}`);
  const net = onTutorialPath(config) ? tutorialNet(kernel, config, data, seeds.init) : chainNet(kernel, config, data, seeds.init);
  const { epochs, batchSize, optimizer: kind, learningRate } = config.train;
  const optimizer = net.optimizer(kind, learningRate);
  const evaluator = new Evaluator(net, data, config.eval, seeds.noise, config.model.task ?? 'binary');
  const shuffleRng = Xoshiro128.fromSeed(seeds.order, STREAM.shuffle);
  const noiseRng = Xoshiro128.fromSeed(seeds.noise, STREAM.noise);
  const order = new Int32Array(data.nTrain);
  const history: HistoryPoint[] = [];
  const every = config.historyEvery;

  for (let epoch = 1; epoch <= epochs; epoch++) {
    shuffleInPlace(shuffleRng, order);
    for (let start = 0; start < data.nTrain; start += batchSize) {
      net.forward(data.xTrain, order, start, Math.min(batchSize, data.nTrain - start), noiseRng);
      net.backward(data.yTrain, order, start);
      optimizer.step(net.params, net.grads);
    }
    if (every > 0 && (epoch % every === 0 || epoch === epochs)) {
      for (const [metric, value] of Object.entries(evaluator.evaluate())) history.push({ epoch, metric, value });
    }
  }
  const metrics = evaluator.evaluate();
  return every > 0 ? { metrics, history } : { metrics };
}
