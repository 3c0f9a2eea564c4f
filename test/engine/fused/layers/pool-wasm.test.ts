/**
 * The WebAssembly pooling kernels (asm/pool.ts, the plan's wasm path: plan/kernels/pool.ts) against the
 * TypeScript ones (layers/pool.ts), bit for bit: max and average, forward and dL/dx, over 1-d and 2-d
 * geometries, valid and same padding (windows cut by it), overlapping windows, odd and even channel counts
 * (the SIMD loop takes two channels at a time, the scalar tail the last one), zero inputs.
 */
import { expect } from 'chai';
import { avgPoolBackward, avgPoolForward, maxPoolBackward, maxPoolForward } from '../../../../src/engine/fused/layers/pool.js';
import { inputSize, outputPositions, type Padding, windowGeometry } from '../../../../src/engine/fused/layers/window.js';
import { instantiateKernel, Layout, wasmKernelAvailable } from '../../../../src/engine/fused/wasm-kernel.js';
import { Xoshiro128 } from '../../../../src/engine/rng/xoshiro128.js';
import { expectSameBits, randoms } from './same-bits.js';

describe('fused layers: pooling on the WebAssembly kernel', function () {
  before(function () {
    if (!wasmKernelAvailable()) this.skip(); // a dist built by tsc alone: npm run build compiles the kernel
  });

  const cases: { shape: number[]; size: number; stride: number; padding: Padding; rows: number }[] = [
    { shape: [10, 10, 8], size: 2, stride: 2, padding: 'valid', rows: 16 },
    { shape: [7, 5, 3], size: 3, stride: 2, padding: 'same', rows: 4 },
    { shape: [6, 6, 1], size: 3, stride: 1, padding: 'same', rows: 3 },
    { shape: [5, 7, 2], size: 2, stride: 2, padding: 'same', rows: 2 },
    { shape: [20, 5], size: 3, stride: 2, padding: 'same', rows: 5 },
    { shape: [15, 4], size: 4, stride: 3, padding: 'valid', rows: 2 },
  ];
  for (const { shape, size, stride, padding, rows } of cases) {
    it(`[${shape.join(', ')}], window ${size}, stride ${stride}, ${padding}, ${rows} rows: the same bits`, () => {
      const g = windowGeometry(shape, size, stride, padding);
      const inLength = rows * inputSize(g);
      const outLength = rows * outputPositions(g) * g.channels;
      const layout = new Layout();
      const at = { x: layout.take(inLength, 8), out: layout.take(outLength, 8), argmax: layout.take(outLength, 4), dOut: layout.take(outLength, 8), dX: layout.take(inLength, 8) };
      const { kernel, buffer } = instantiateKernel(layout.size);
      const view = (offset: number, n: number) => new Float64Array(buffer, offset, n);
      const geometry = [g.inH, g.inW, g.channels, g.kh, g.kw, g.sh, g.sw, g.outH, g.outW, g.top, g.left] as const;
      const rng = Xoshiro128.fromSeed(shape.length * 31 + size * 7 + rows, 11);
      for (let batch = 0; batch < 2; batch++) {
        // A third of the inputs are 0, as after a ReLU: ties in a max window, and sums with zeros.
        const x = randoms(rng, inLength, 1, 1 / 3);
        const dOut = randoms(rng, outLength, 1);
        view(at.x, inLength).set(x);
        view(at.dOut, outLength).set(dOut);

        const out = new Float64Array(outLength);
        const argmax = new Int32Array(outLength);
        const dX = new Float64Array(inLength);
        maxPoolForward(g, x, rows, out, argmax);
        kernel.maxPoolForward(...geometry, at.x, rows, at.out, at.argmax);
        expectSameBits(view(at.out, outLength), out, `batch ${batch} max out`);
        expect(Array.from(new Int32Array(buffer, at.argmax, outLength)), `batch ${batch} argmax`).to.deep.equal(Array.from(argmax));
        maxPoolBackward(g, dOut, rows, argmax, dX);
        kernel.maxPoolBackward(at.dOut, outLength, at.argmax, inLength, at.dX);
        expectSameBits(view(at.dX, inLength), dX, `batch ${batch} max dX`);

        // The kernel overwrites its outputs: stale values from the max pass above must not leak in.
        avgPoolForward(g, x, rows, out);
        kernel.avgPoolForward(...geometry, at.x, rows, at.out);
        expectSameBits(view(at.out, outLength), out, `batch ${batch} avg out`);
        avgPoolBackward(g, dOut, rows, dX);
        kernel.avgPoolBackward(...geometry, at.dOut, rows, at.dX);
        expectSameBits(view(at.dX, inLength), dX, `batch ${batch} avg dX`);
        expect(dX.some((v) => v !== 0)).to.equal(true);
      }
    });
  }
});
