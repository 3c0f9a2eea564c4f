/**
 * The WebAssembly convolution (asm/conv.ts through layers/conv-wasm.ts) against the TypeScript one
 * (layers/conv.ts), bit for bit: outputs, kernel and bias gradients and input gradients, over 1-d and 2-d
 * geometries, valid and same padding, strides, several channels, even and odd filter counts, zero inputs.
 */
import { expect } from 'chai';
import { convBackward, convForward } from '../../../../src/engine/fused/layers/conv.js';
import { WasmConv } from '../../../../src/engine/fused/layers/conv-wasm.js';
import { inputSize, outputPositions, type Padding, windowGeometry } from '../../../../src/engine/fused/layers/window.js';
import { wasmKernelAvailable } from '../../../../src/engine/fused/wasm-kernel.js';
import { Xoshiro128 } from '../../../../src/engine/rng/xoshiro128.js';
import { expectSameBits, randoms } from './same-bits.js';

describe('fused layers: conv on the WebAssembly kernel', function () {
  before(function () {
    if (!wasmKernelAvailable()) this.skip(); // a dist built by tsc alone: npm run build compiles the kernel
  });

  const cases: { shape: number[]; size: number; stride: number; padding: Padding; filters: number; rows: number }[] = [
    { shape: [12, 12, 1], size: 3, stride: 1, padding: 'valid', filters: 8, rows: 32 },
    { shape: [9, 7, 3], size: 3, stride: 2, padding: 'same', filters: 5, rows: 4 },
    { shape: [8, 8, 2], size: 2, stride: 3, padding: 'same', filters: 1, rows: 3 },
    { shape: [20, 2], size: 4, stride: 1, padding: 'same', filters: 6, rows: 5 },
    { shape: [15, 3], size: 3, stride: 2, padding: 'valid', filters: 7, rows: 2 },
  ];
  for (const { shape, size, stride, padding, filters, rows } of cases) {
    it(`[${shape.join(', ')}] × ${filters} filters of ${size}, stride ${stride}, ${padding}, ${rows} rows: the same bits`, () => {
      const g = windowGeometry(shape, size, stride, padding);
      const rng = Xoshiro128.fromSeed(filters * 17 + rows, 9);
      const weights = g.kh * g.kw * g.channels * filters;
      const kernel = Float32Array.from(randoms(rng, weights, 0.5));
      const bias = Float32Array.from(randoms(rng, filters, 0.1));
      const wasm = new WasmConv(g, filters, rows);
      for (let batch = 0; batch < 2; batch++) {
        // About half the inputs are 0, as after a ReLU: the skipped terms must not change a bit.
        const x = randoms(rng, rows * inputSize(g), 1, 0.5);
        const outLength = rows * outputPositions(g) * filters;
        const a = new Float64Array(outLength);
        const b = new Float64Array(outLength);
        convForward(g, filters, x, rows, kernel, bias, a);
        wasm.forward(x, rows, kernel, bias, b);
        expectSameBits(b, a, `batch ${batch} out`);
        const dOut = randoms(rng, outLength, 1);
        const ts = { gk: new Float64Array(weights), gb: new Float64Array(filters), dX: new Float64Array(rows * inputSize(g)) };
        const wa = { gk: new Float64Array(weights), gb: new Float64Array(filters), dX: new Float64Array(rows * inputSize(g)) };
        convBackward(g, filters, x, dOut, rows, kernel, ts.gk, ts.gb, ts.dX);
        wasm.backward(x, dOut, rows, kernel, wa.gk, wa.gb, wa.dX);
        expectSameBits(wa.gk, ts.gk, `batch ${batch} gKernel`);
        expectSameBits(wa.gb, ts.gb, `batch ${batch} gBias`);
        expectSameBits(wa.dX, ts.dX, `batch ${batch} dX`);
        expect(ts.dX.some((v) => v !== 0)).to.equal(true);
      }
    });
  }

  it('refuses more rows than it was sized for', () => {
    const g = windowGeometry([6, 6, 1], 3, 1, 'valid');
    const wasm = new WasmConv(g, 2, 1);
    expect(() => wasm.forward(new Float64Array(72), 2, new Float32Array(18), new Float32Array(2), new Float64Array(64))).to.throw(RangeError, /2 rows, sized for 1/);
  });
});
