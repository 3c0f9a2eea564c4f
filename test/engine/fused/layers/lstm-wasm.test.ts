/**
 * The WebAssembly LSTM (asm/lstm.ts through layers/lstm-wasm.ts) against the TypeScript one (layers/lstm.ts),
 * bit for bit: outputs, weight gradients, input gradients and the chained dh, over several batches, masks
 * (none, padding at the end, at the start, in the middle), both output kinds, with zero inputs skipped.
 */
import { expect } from 'chai';
import { lstmBackward, lstmForward, lstmOutputSize, LstmTape, type LstmShape } from '../../../../src/engine/fused/layers/lstm.js';
import { WasmLstm } from '../../../../src/engine/fused/layers/lstm-wasm.js';
import { wasmKernelAvailable } from '../../../../src/engine/fused/wasm-kernel.js';
import { Xoshiro128 } from '../../../../src/engine/rng/xoshiro128.js';
import { expectSameBits, randoms } from './same-bits.js';

describe('fused layers: lstm on the WebAssembly kernel', function () {
  before(function () {
    if (!wasmKernelAvailable()) this.skip(); // a dist built by tsc alone: npm run build compiles the kernel
  });

  const cases: { shape: LstmShape; rows: number; mask: 'none' | 'mixed' }[] = [
    { shape: { steps: 20, features: 1, units: 16, returnSequences: false }, rows: 32, mask: 'mixed' },
    { shape: { steps: 7, features: 3, units: 5, returnSequences: true }, rows: 9, mask: 'mixed' },
    { shape: { steps: 4, features: 2, units: 8, returnSequences: false }, rows: 5, mask: 'none' },
  ];
  for (const { shape, rows, mask } of cases) {
    it(`${shape.units} units over ${shape.steps} × ${shape.features}, ${shape.returnSequences ? 'every step' : 'last step'}, ${mask} mask, ${rows} rows: the same bits`, () => {
      const rng = Xoshiro128.fromSeed(shape.units * 131 + rows, 7);
      const { steps: T, features: F, units: U } = shape;
      const G = 4 * U;
      const kernel = Float32Array.from(randoms(rng, F * G, 0.6));
      const recurrent = Float32Array.from(randoms(rng, U * G, 0.5));
      const bias = Float32Array.from(randoms(rng, G, 0.2));
      const tape = new LstmTape(shape, rows);
      const wasm = new WasmLstm(shape, rows + 3);
      // Two batches through the same instances: the tape and scratch must not leak from one to the next.
      for (let batch = 0; batch < 2; batch++) {
        const x = randoms(rng, rows * T * F, 1.5, 0.2);
        let m: Uint8Array | null = null;
        if (mask === 'mixed') {
          m = new Uint8Array(rows * T).fill(1);
          for (let r = 0; r < rows; r++) {
            const kind = r % 4;
            for (let t = 0; t < T; t++) if ((kind === 1 && t >= T - 2) || (kind === 2 && t < 2) || (kind === 3 && t % 3 === 1)) m[r * T + t] = 0;
          }
        }
        const outTs = new Float64Array(rows * lstmOutputSize(shape));
        const outWasm = new Float64Array(outTs.length);
        lstmForward(tape, x, rows, m, kernel, recurrent, bias, outTs);
        wasm.forward(x, rows, m, kernel, recurrent, bias, outWasm);
        expectSameBits(outWasm, outTs, `batch ${batch} out`);
        const dOut = randoms(rng, outTs.length, 1);
        const grads = () => ({ gk: new Float64Array(F * G), gu: new Float64Array(U * G), gb: new Float64Array(G), dX: new Float64Array(rows * T * F) });
        const a = grads();
        const b = grads();
        lstmBackward(tape, x, dOut, rows, m, kernel, recurrent, a.gk, a.gu, a.gb, a.dX);
        wasm.backward(x, dOut, rows, m, kernel, recurrent, b.gk, b.gu, b.gb, b.dX);
        expectSameBits(b.gk, a.gk, `batch ${batch} gKernel`);
        expectSameBits(b.gu, a.gu, `batch ${batch} gRecurrent`);
        expectSameBits(b.gb, a.gb, `batch ${batch} gBias`);
        expectSameBits(b.dX, a.dX, `batch ${batch} dX`);
        expect(a.gk.some((v) => v !== 0)).to.equal(true);
      }
    });
  }

  it('without dX (a first layer) it leaves dX alone and still gives the weight gradients', () => {
    const shape: LstmShape = { steps: 3, features: 2, units: 4, returnSequences: false };
    const wasm = new WasmLstm(shape, 2);
    const x = Float64Array.from({ length: 12 }, (_, i) => Math.sin(i));
    const k = new Float32Array(32).fill(0.1);
    const u = new Float32Array(64).fill(-0.05);
    const out = new Float64Array(8);
    wasm.forward(x, 2, null, k, u, new Float32Array(16), out);
    const gk = new Float64Array(32);
    wasm.backward(x, new Float64Array(8).fill(1), 2, null, k, u, gk, new Float64Array(64), new Float64Array(16), null);
    expect(gk.some((v) => v !== 0)).to.equal(true);
    expect(() => wasm.forward(new Float64Array(18), 3, null, k, u, new Float32Array(16), new Float64Array(12))).to.throw(RangeError, /3 rows, sized for 2/);
  });
});
