/**
 * Spare kernel memories (src/engine/fused/wasm-kernel.ts, issue 13): the memories of a finished fused run serve
 * the thread's next networks of the same size, zero-filled, so a run on them gives the bits of a run on fresh
 * memory, and the thread's spares stop growing once its sizes have been seen.
 */
import { expect } from 'chai';
import { createFusedEngine } from '../../../src/engine/fused/index.js';
import { instantiateKernel, MAX_SPARE_BYTES, spareKernelMemories, wasmKernelAvailable, withSpareKernelMemories } from '../../../src/engine/fused/wasm-kernel.js';
import { tutorialConfig } from './run-config.js';
import { ringsDataset } from './tiny-data.js';

describe('engine/fused/wasm-kernel: spare memories of finished runs', function () {
  before(function () {
    if (!wasmKernelAvailable()) this.skip(); // dist built by tsc alone: no fused.wasm (npm run build makes it)
  });

  it('a memory instantiated in withSpareKernelMemories serves the next network of its size, zero-filled', () => {
    const bytes = 3 * 65536 + 1; // 4 pages, a size no other test here uses
    const first = withSpareKernelMemories(() => {
      const { buffer } = instantiateKernel(bytes);
      new Uint8Array(buffer).fill(7);
      return buffer;
    });
    const kept = spareKernelMemories();
    const second = withSpareKernelMemories(() => {
      const { buffer } = instantiateKernel(bytes);
      expect(spareKernelMemories().count).to.equal(kept.count - 1);
      return buffer;
    });
    expect(second).to.equal(first);
    expect(new Uint8Array(second).every((b) => b === 0)).to.equal(true);
    expect(spareKernelMemories()).to.deep.equal(kept);
  });

  it('outside withSpareKernelMemories a network gets a fresh memory and none is kept', () => {
    const bytes = 5 * 65536;
    withSpareKernelMemories(() => instantiateKernel(bytes));
    const kept = spareKernelMemories();
    const a = instantiateKernel(bytes).buffer;
    const b = instantiateKernel(bytes).buffer;
    expect(a).to.not.equal(b);
    expect(spareKernelMemories()).to.deep.equal(kept);
  });

  it('runs on spare memories give the bits of the TypeScript path (no kernel memory), and the spares stop growing', async () => {
    const config = tutorialConfig({ hidden: [16, 8], epochs: 30, sites: [{ placement: 'pre', stddev: 0.2 }], evalNoise: 'both', evalSamples: 3, historyEvery: 10 });
    const data = ringsDataset();
    const reference = await createFusedEngine('js').train(config, data, 5);
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      expect(await createFusedEngine('wasm').train(config, data, 5), `wasm run ${i + 1}`).to.deep.equal(reference);
      counts.push(spareKernelMemories().count);
    }
    expect(counts[0]).to.be.above(0);
    expect(counts[2]).to.equal(counts[1]);
    expect(spareKernelMemories().bytes).to.be.at.most(MAX_SPARE_BYTES);
  });
});
