/**
 * The WebAssembly dense layer (asm/dense.ts) against the TypeScript one (plan/kernels/dense.ts), bit for bit:
 * outputs, weight and bias gradients, and input gradients (all, or 0 where x is 0 with sparseDx), over the
 * widths the kernel treats apart (blocks of 16 and 8 units, the narrow columns left over, one unit) and row
 * counts that are not multiples of its row blocks; inputs with exact zeros (as after a ReLU, skipped by the
 * TypeScript loops), −0, and, in the last cases, infinite and NaN weights and gradients (0 · ∞ must stay
 * skipped, not become NaN).
 */
import { expect } from 'chai';
import { denseBackward, denseForward } from '../../../../../src/engine/fused/plan/kernels/dense.js';
import { instantiateKernel, Layout, wasmKernelAvailable } from '../../../../../src/engine/fused/wasm-kernel.js';
import { Xoshiro128 } from '../../../../../src/engine/rng/xoshiro128.js';
import { expectSameBits, randoms } from '../../layers/same-bits.js';

/** Equal bit patterns, or both NaN (a NaN's payload depends on which operand the instruction took it from). */
function expectSameValues(a: Float64Array, b: Float64Array, what: string): void {
  expect(a.length, what).to.equal(b.length);
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) && Number.isNaN(b[i])) continue;
    if (!Object.is(a[i], b[i])) expect.fail(`${what}[${i}]: wasm ${a[i]} vs TypeScript ${b[i]}`);
  }
}

describe('fused plan: the dense kernel on WebAssembly against the TypeScript loops', function () {
  before(function () {
    if (!wasmKernelAvailable()) this.skip(); // a dist built by tsc alone: npm run build compiles the kernel
  });

  const cases: { fanIn: number; units: number; rows: number; special?: boolean }[] = [
    { fanIn: 10, units: 256, rows: 32 },
    { fanIn: 256, units: 1, rows: 32 },
    { fanIn: 256, units: 3, rows: 18 },
    { fanIn: 64, units: 128, rows: 9 },
    { fanIn: 128, units: 10, rows: 32 },
    { fanIn: 3, units: 24, rows: 7 },
    { fanIn: 9, units: 17, rows: 5 },
    { fanIn: 17, units: 7, rows: 11 },
    { fanIn: 1, units: 2, rows: 1 },
    { fanIn: 2, units: 1, rows: 3 },
    { fanIn: 5, units: 9, rows: 2 },
    { fanIn: 33, units: 1, rows: 13, special: true },
    { fanIn: 12, units: 3, rows: 9, special: true },
    { fanIn: 11, units: 21, rows: 6, special: true },
  ];
  for (const { fanIn, units, rows, special = false } of cases) {
    for (const sparseDx of [false, true]) {
      it(`${fanIn} → ${units}, ${rows} rows${sparseDx ? ', sparse dX' : ''}${special ? ', with ±0, ∞ and NaN' : ''}: the same bits`, () => {
        const rng = Xoshiro128.fromSeed(fanIn * 1000 + units * 10 + rows, sparseDx ? 2 : 1);
        const layout = new Layout();
        const at = {
          x: layout.take(rows * fanIn, 8), w: layout.take(fanIn * units, 8), b: layout.take(units, 4), z: layout.take(rows * units, 8),
          dOut: layout.take(rows * units, 8), gw: layout.take(fanIn * units, 8), gb: layout.take(units, 8), dX: layout.take(rows * fanIn, 8),
          nz: layout.take(Math.max(fanIn, rows), 4),
        };
        const { kernel, buffer } = instantiateKernel(layout.size);
        const view = (at: number, n: number) => new Float64Array(buffer, at, n);
        const w32 = Float32Array.from(randoms(rng, fanIn * units, 0.5));
        const b = Float32Array.from(randoms(rng, units, 0.1));
        // About half the inputs exactly 0 (some −0), as after a ReLU: skipped terms must not change a bit.
        const x = randoms(rng, rows * fanIn, 1, 0.5).map((v) => (v === 0 && rng.nextFloat() < 0.3 ? -0 : v));
        const dOut = randoms(rng, rows * units, 1, 0.1);
        if (special) {
          for (let i = 0; i < w32.length; i += 7) w32[i] = [Infinity, -Infinity, NaN, -0][(i / 7) % 4]!;
          for (let i = 3; i < dOut.length; i += 11) dOut[i] = [Infinity, NaN, -Infinity][i % 3]!;
        }
        const same = special ? expectSameValues : expectSameBits;
        view(at.x, x.length).set(x);
        view(at.dOut, dOut.length).set(dOut);
        new Float32Array(buffer, at.b, units).set(b);
        view(at.w, w32.length).set(w32);

        const z = new Float64Array(rows * units);
        denseForward(x, rows, fanIn, w32, b, units, z);
        kernel.denseForward(at.x, rows, fanIn, at.w, at.b, units, at.z, at.nz);
        same(view(at.z, z.length), z, 'z');

        for (const wantDx of [true, false]) {
          const ts = { gw: new Float64Array(fanIn * units).fill(9), gb: new Float64Array(units).fill(9), dX: new Float64Array(rows * fanIn).fill(9) };
          denseBackward(x, dOut, rows, fanIn, w32, units, ts.gw, ts.gb, wantDx ? ts.dX : null, sparseDx);
          view(at.gw, fanIn * units).fill(7);
          view(at.gb, units).fill(7);
          view(at.dX, rows * fanIn).fill(9);
          kernel.denseBackward(at.x, at.dOut, rows, fanIn, at.w, units, at.gw, at.gb, wantDx ? at.dX : 0, sparseDx ? 1 : 0, at.nz);
          same(view(at.gw, fanIn * units), ts.gw, `gw (dX ${wantDx})`);
          same(view(at.gb, units), ts.gb, `gb (dX ${wantDx})`);
          same(view(at.dX, rows * fanIn), ts.dX, `dX (wanted: ${wantDx})`);
        }
        expect(z.some((v) => v !== 0)).to.equal(true);
      });
    }
  }
});
