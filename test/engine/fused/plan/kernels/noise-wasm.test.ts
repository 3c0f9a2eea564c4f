/**
 * The noise site on WebAssembly (asm/noise.ts: each kind's elementwise step, and the dropout kinds' uniforms
 * drawn from the generator's state copied into the kernel) against the TypeScript loops (plan/kernels/noise.ts),
 * bit for bit: outputs, input gradients and the generator's state after every call, for each kind, at sizes
 * that are not multiples of anything, over many calls of varying row counts (so the stream carries from one
 * block to the next), with step masks, and with ±0, ±∞ and NaN inputs.
 */
import { expect } from 'chai';
import type { NoiseKind } from '../../../../../src/config/schema.js';
import { HeapArena, WasmArena, type Arena } from '../../../../../src/engine/fused/plan/arena.js';
import { sizeOf, type KernelContext, type Loops, type MaskSource, type Pass } from '../../../../../src/engine/fused/plan/kernel.js';
import { NoiseKernel } from '../../../../../src/engine/fused/plan/kernels/noise.js';
import { wasmKernelAvailable } from '../../../../../src/engine/fused/wasm-kernel.js';
import { fillNormal } from '../../../../../src/engine/rng/normal.js';
import { Xoshiro128 } from '../../../../../src/engine/rng/xoshiro128.js';
import { randoms } from '../../layers/same-bits.js';

/** Equal values told apart by sign (−0 vs +0), NaN matching NaN (its payload is the operand's, on either path). */
function expectSameValues(a: Float64Array, b: Float64Array, what: string): void {
  expect(a.length, what).to.equal(b.length);
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) && Number.isNaN(b[i])) continue;
    if (!Object.is(a[i], b[i])) expect.fail(`${what}[${i}]: wasm ${a[i]} vs TypeScript ${b[i]}`);
  }
}

const state = (rng: Xoshiro128) => [0, 1, 2, 3].map((i) => rng.stateWord(i));

interface Side {
  readonly kernel: NoiseKernel;
  readonly x: Float64Array;
  readonly dOut: Float64Array;
  /** The noise generator; pass.rng is it in a training pass, null in an inference one. */
  readonly rng: Xoshiro128;
  readonly pass: Pass & { rng: Xoshiro128 | null };
}

function side(loops: Loops, kind: NoiseKind, rate: number, inShape: number[], maxRows: number, mask: MaskSource, seed: number): Side {
  const size = sizeOf(inShape);
  const steps = mask === null ? 0 : inShape[0]!;
  const bytes = 16 * (6 * maxRows * size + maxRows * steps + 64);
  const arena: Arena = loops === 'wasm' ? new WasmArena(bytes) : new HeapArena();
  const ctx: KernelContext = { arena, inShape, maxRows, params: { values: [], grads: [] }, mask, loops, inputZerosIgnored: false };
  const kernel = new NoiseKernel(ctx, { kind, stddev: 0.3, rate }, mask);
  if (loops === 'wasm') expect((kernel as unknown as { kernel: unknown }).kernel, 'the kernel path is taken').to.not.equal(null);
  const masks = { raw: arena.u8(maxRows * steps), layer: arena.u8(maxRows * steps) };
  const rng = Xoshiro128.fromSeed(seed, 3);
  return { kernel, x: arena.f64(maxRows * size), dOut: arena.f64(maxRows * size), rng, pass: { rng, masks, normals: fillNormal } };
}

describe('fused plan: the noise site on WebAssembly against the TypeScript loops', function () {
  before(function () {
    if (!wasmKernelAvailable()) this.skip(); // a dist built by tsc alone: npm run build compiles the kernel
  });

  const kinds: NoiseKind[] = ['gaussian', 'gaussianDropout', 'dropout', 'alphaDropout'];
  const cases: { inShape: number[]; maxRows: number; rate: number; mask?: MaskSource; special?: boolean }[] = [
    { inShape: [500], maxRows: 32, rate: 0.4 },
    { inShape: [37], maxRows: 7, rate: 0.1 },
    { inShape: [1], maxRows: 3, rate: 0.5 },
    { inShape: [13], maxRows: 5, rate: 0.9 },
    { inShape: [3, 5], maxRows: 9, rate: 0.3, mask: 'layer' },
    { inShape: [11], maxRows: 6, rate: 0.25, special: true },
  ];
  for (const kind of kinds) {
    for (const { inShape, maxRows, rate, mask = null, special = false } of cases) {
      it(`${kind}, rows of ${inShape.join(' × ')}, up to ${maxRows} rows, rate ${rate}${mask === null ? '' : ', masked steps'}${special ? ', with ±0, ∞ and NaN' : ''}: the same bits, call after call`, () => {
        const seed = 7 * sizeOf(inShape) + maxRows;
        const wasm = side('wasm', kind, rate, inShape, maxRows, mask, seed);
        const js = side('js', kind, rate, inShape, maxRows, mask, seed);
        const data = Xoshiro128.fromSeed(seed, 9);
        const size = sizeOf(inShape);
        const steps = mask === null ? 0 : inShape[0]!;
        let perturbed = 0;
        for (let call = 0; call < 25; call++) {
          const rows = [maxRows, 1, Math.max(1, maxRows - 2)][call % 3]!;
          const training = call % 5 !== 4; // every fifth an inference pass: the identity, no draws
          const n = rows * size;
          const x = randoms(data, n, 2, 0.4).map((v) => (v === 0 && data.nextFloat() < 0.3 ? -0 : v));
          if (special) x.set([Infinity, -Infinity, NaN, -0, 0], call % 4);
          const dOut = randoms(data, n, 1, 0.1);
          if (special) dOut.set([NaN, Infinity, -0], (call + 1) % 5);
          const stepMask = Uint8Array.from({ length: rows * steps }, () => (data.nextFloat() < 0.7 ? 1 : 0));
          for (const s of [wasm, js]) {
            s.x.set(x);
            s.dOut.set(dOut);
            s.pass.masks.layer.set(stepMask);
            s.pass.rng = training ? s.rng : null;
          }
          const outW = wasm.kernel.forward(wasm.x, rows, wasm.pass).slice(0, n);
          const outJ = js.kernel.forward(js.x, rows, js.pass).slice(0, n);
          expectSameValues(outW, outJ, `call ${call} forward`);
          const dxW = wasm.kernel.backward(wasm.x, wasm.dOut, rows, true)!.slice(0, n);
          const dxJ = js.kernel.backward(js.x, js.dOut, rows, true)!.slice(0, n);
          expectSameValues(dxW, dxJ, `call ${call} backward`);
          expect(state(wasm.rng), `call ${call}: the generator's state after`).to.deep.equal(state(js.rng));
          if (training && outJ.some((v, i) => !Object.is(v, x[i]))) perturbed++;
        }
        // Would pass with both paths the identity: the noise must have changed something.
        expect(perturbed, 'training calls that changed their rows').to.be.greaterThan(10);
        // The normal lanes too (the gaussian kinds draw from them): the next normals agree.
        const a = new Float32Array(9), b = new Float32Array(9);
        fillNormal(wasm.rng, a, 9, 1);
        fillNormal(js.rng, b, 9, 1);
        expect(Array.from(a)).to.deep.equal(Array.from(b));
      });
    }
  }
});
