import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { expect } from 'chai';
import type { RunConfig } from '../../../src/config/schema.js';
import { createFusedEngine, type FusedKernel } from '../../../src/engine/fused/index.js';
import { type Activation, FusedNet, type Net, type NetSpec } from '../../../src/engine/fused/net.js';
import type { NoisePlan } from '../../../src/engine/fused/noise-plan.js';
import { instantiateKernel, Layout, wasmKernelAvailable } from '../../../src/engine/fused/wasm-kernel.js';
import { WasmNet } from '../../../src/engine/fused/wasm-net.js';
import { initialDenseWeights } from '../../../src/engine/init.js';
import { fillNormal, lanesToKernel, zigguratKernelTables } from '../../../src/engine/rng/normal.js';
import { Xoshiro128 } from '../../../src/engine/rng/xoshiro128.js';
import { shuffleInPlace } from '../../../src/engine/shuffle.js';
import { type ConfigOverrides, tutorialConfig } from './run-config.js';
import { ringsDataset } from './tiny-data.js';

/**
 * The WebAssembly kernel must compute exactly the bits of the TypeScript path (the same operations in the same
 * order, the same normal draws), so a run's metrics do not depend on which one ran. Expected values are the
 * TypeScript path's own: every comparison here is for bit equality (Object.is: -0 ≠ +0, NaN = NaN).
 */

function expectSameBits(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  expect(actual.length, what).to.equal(expected.length);
  for (let i = 0; i < expected.length; i++) if (!Object.is(actual[i], expected[i])) expect.fail(`${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
}

const stateOf = (rng: Xoshiro128) => [0, 1, 2, 3].map((i) => rng.stateWord(i));

describe('engine/fused/wasm-net: the WebAssembly kernel gives the TypeScript path’s bits', () => {
  it('is built (npm run build compiles asm/ into dist/src/engine/fused/fused.wasm; tsc alone does not)', () => {
    expect(wasmKernelAvailable()).to.equal(true);
  });

  it('has no data segment, so the host may lay out the whole memory from offset 0 (wasm-kernel.ts Layout)', () => {
    const bytes = readFileSync(new URL('../../../src/engine/fused/fused.wasm', import.meta.url));
    const sections: number[] = [];
    for (let at = 8; at < bytes.length; ) {
      const id = bytes[at++]!;
      let size = 0;
      for (let shift = 0; ; shift += 7) {
        const b = bytes[at++]!;
        size += (b & 0x7f) * 2 ** shift;
        if (b < 0x80) break;
      }
      sections.push(id);
      at += size;
    }
    expect(sections, 'section ids').to.include(10); // code: the walk found the sections
    expect(sections, 'section ids').to.not.include(11); // data
  });

  it('draws the same normals as rng/normal.ts, slow paths included, over fills of any length, and leaves the lanes in the same state', () => {
    const n = 2_000_000; // about 29,000 wedge tests (some 150 inside the squeeze's band, where exp decides) and 500 tail draws
    const layout = new Layout();
    const tables = zigguratKernelTables();
    const layersAt = layout.take(tables.layers.length, 8);
    const densitiesAt = layout.take(tables.densities.length, 8);
    const outAt = layout.take(n, 4);
    const { kernel, buffer } = instantiateKernel(layout.size);
    new Float64Array(buffer, layersAt, tables.layers.length).set(tables.layers);
    new Float64Array(buffer, densitiesAt, tables.densities.length).set(tables.densities);
    kernel.setZigguratTables(layersAt, densitiesAt);
    const rng = Xoshiro128.fromSeed(7, 3);
    lanesToKernel(rng, kernel);
    const expected = new Float32Array(n);
    // Fills of lengths 1..3 mod 4 (and 0), so fills start and end at every lane, with the SIMD groups between.
    const lengths = [1, 2, 3, 5, 0, 7, 501, 13, 1000, 2, 999, 64];
    for (let at = 0, c = 0; at < n; c++) {
      const m = Math.min(n - at, lengths[c % lengths.length]!);
      kernel.fillNormal(outAt + 4 * at, m, 0.25);
      fillNormal(rng, expected, m, 0.25, at);
      at += m;
    }
    expectSameBits(new Float32Array(buffer, outAt, n), expected, 'draw');
    const lanes = rng.normalLanes();
    expect(Array.from({ length: 16 }, (_, i) => kernel.noiseWord(i))).to.deep.equal(lanes.lanes.flatMap(stateOf));
    expect(kernel.noiseNext()).to.equal(lanes.next);
  });

  describe('forward, backward and optimizer steps, batch after batch', () => {
    const cases: [string, number[], Activation, NoisePlan][] = [
      ['tutorial shape, pre noise', [2, 40, 1], 'relu', { input: 0, pre: 0.3, post: 0 }],
      ['tutorial shape, post noise', [2, 40, 1], 'relu', { input: 0, pre: 0, post: 0.3 }],
      ['odd width, all three sites', [2, 41, 1], 'relu', { input: 0.2, pre: 0.3, post: 0.3 }],
      ['odd width, tanh, input noise', [2, 9, 1], 'tanh', { input: 0.2, pre: 0, post: 0 }],
      // breast-cancer's shape, narrower: four-row blocks of 30 nonzero inputs (affine4, kernelGrad4), 8-unit steps and a tail.
      ['thirty inputs, width 4·8 + 4 + 2, relu, input and post noise', [30, 38, 1], 'relu', { input: 0.2, pre: 0, post: 0.3 }],
      ['three hidden layers, three inputs, relu, pre and post', [3, 11, 8, 5, 1], 'relu', { input: 0.1, pre: 0.3, post: 0.3 }],
      ['two hidden layers, sigmoid, post', [4, 7, 6, 1], 'sigmoid', { input: 0, pre: 0, post: 0.3 }],
      ['two hidden layers, linear, no noise', [1, 5, 3, 1], 'linear', { input: 0, pre: 0, post: 0 }],
    ];
    for (const [name, sizes, activation, noise] of cases) {
      for (const kind of ['adam', 'sgd'] as const) {
        it(`${name}, ${kind}`, () => {
          const rows = 11;
          const spec: NetSpec = { sizes, activation, noise, maxRows: rows };
          const nets: Net[] = [new FusedNet(spec), new WasmNet(spec)];
          const init = initialDenseWeights(sizes, 4);
          const data = Xoshiro128.fromSeed(4, 50);
          const x = Float32Array.from({ length: rows * sizes[0]! }, () => 4 * data.nextFloat() - 2);
          const y = Float32Array.from({ length: rows }, () => (data.nextFloat() < 0.5 ? 0 : 1));
          const rngs = nets.map(() => Xoshiro128.fromSeed(4, 3));
          const optimizers = nets.map((net) => {
            net.setWeights(init.kernels, init.biases);
            return net.optimizer(kind, 0.05);
          });
          const order = new Int32Array(rows);
          const shuffle = Xoshiro128.fromSeed(4, 2);
          for (let step = 0; step < 8; step++) {
            shuffleInPlace(shuffle, order);
            // Batches of 7 and 4 rows: even and odd row counts (the kernel goes two rows at a time).
            for (const [start, count] of [[0, 7], [7, 4]] as const) {
              nets.forEach((net, i) => net.forward(x, order, start, count, rngs[i]!));
              expectSameBits(nets[1]!.output.subarray(0, count), nets[0]!.output.subarray(0, count), `step ${step} output`);
              expect(stateOf(rngs[1]!), `step ${step} generator`).to.deep.equal(stateOf(rngs[0]!));
              nets.forEach((net) => net.backward(y, order, start));
              expectSameBits(nets[1]!.grads, nets[0]!.grads, `step ${step} gradient`);
              nets.forEach((net, i) => optimizers[i]!.step(net.params, net.grads));
              expectSameBits(nets[1]!.params, nets[0]!.params, `step ${step} weights`);
            }
          }
          nets.forEach((net) => net.forward(x, order, 0, rows, null));
          expectSameBits(nets[1]!.output.subarray(0, rows), nets[0]!.output.subarray(0, rows), 'inference output');
        });
      }
    }
  });

  describe('whole runs: the same metrics and learning curve on either kernel', () => {
    const data = ringsDataset();
    const runs: [string, ConfigOverrides][] = [
      ['tutorial, pre noise, evaluation both', { sites: [{ placement: 'pre', stddev: 0.1 }], evalNoise: 'both', evalSamples: 3 }],
      ['tutorial, input + pre + post', { sites: [{ placement: 'input', stddev: 0.05 }, { placement: 'pre', stddev: 0.1 }, { placement: 'post', stddev: 0.1 }] }],
      ['two hidden layers, tanh, sgd, post noise', { hidden: [9, 6], activation: 'tanh', optimizer: 'sgd', learningRate: 0.05, sites: [{ placement: 'post', stddev: 0.2 }] }],
    ];
    for (const [name, overrides] of runs) {
      it(name, async () => {
        const config: RunConfig = tutorialConfig({ hidden: [33], epochs: 150, historyEvery: 50, ...overrides });
        const [js, wasm] = [await createFusedEngine('js').train(config, data, 5), await createFusedEngine('wasm').train(config, data, 5)];
        expect(wasm).to.deep.equal(js);
      });
    }
  });

  it('a worker thread trains to the same bits as the main thread, on either kernel', async () => {
    const overrides: ConfigOverrides = { hidden: [33], epochs: 100, sites: [{ placement: 'pre', stddev: 0.1 }, { placement: 'post', stddev: 0.1 }], evalNoise: 'both', evalSamples: 2 };
    const inWorker = (kernel: FusedKernel) =>
      new Promise<unknown>((resolve, reject) => {
        const worker = new Worker(new URL('./worker-train.js', import.meta.url), { workerData: { kernel, overrides, seed: 9 } });
        worker.once('message', resolve);
        worker.once('error', reject);
      });
    const here = await createFusedEngine('wasm').train(tutorialConfig(overrides), ringsDataset(), 9);
    expect(await inWorker('wasm'), 'wasm').to.deep.equal(here);
    expect(await inWorker('js'), 'js').to.deep.equal(here);
  });

  it("a WasmNet's optimizer steps only that network's own arrays", () => {
    const spec: NetSpec = { sizes: [2, 4, 1], activation: 'relu', noise: { input: 0, pre: 0, post: 0 }, maxRows: 2 };
    const net = new WasmNet(spec);
    for (const kind of ['adam', 'sgd'] as const) {
      expect(() => net.optimizer(kind, 0.1).step(new Float32Array(net.params.length), net.grads)).to.throw(/own network/);
    }
  });
});
