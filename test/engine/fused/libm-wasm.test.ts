import { expect } from 'chai';
import { instantiateKernel } from '../../../src/engine/fused/wasm-kernel.js';
import { Xoshiro128 } from '../../../src/engine/rng/xoshiro128.js';

/**
 * The kernel's exp, expm1 and tanh (asm/libm.ts, fdlibm's method as V8 ports it) against this Node's
 * Math.exp, Math.expm1 and Math.tanh, bit for bit: the fused engine's WebAssembly and TypeScript paths give the
 * same numbers only while they agree. Arguments: every kind of double (random bit patterns: NaN, ±∞,
 * subnormals, huge), each branch's interval and the values at and beside each branch's thresholds.
 */
const N = 1 << 20;
const { kernel, buffer } = instantiateKernel(8 * N);
const values = new Float64Array(buffer, 0, N);
const bits = new BigUint64Array(buffer, 0, N);

/** Runs fn (a kernel range function) over xs in place and returns the arguments whose bits differ from ref's. */
function mismatches(fn: (p: number, n: number) => void, ref: (x: number) => number, xs: Float64Array): string[] {
  const out: string[] = [];
  for (let at = 0; at < xs.length; at += N) {
    const n = Math.min(N, xs.length - at);
    values.set(xs.subarray(at, at + n));
    fn(0, n);
    const want = new Float64Array(n);
    for (let i = 0; i < n; i++) want[i] = ref(xs[at + i]!);
    const wantBits = new BigUint64Array(want.buffer);
    for (let i = 0; i < n && out.length < 5; i++) {
      const same = bits[i] === wantBits[i] || (Number.isNaN(values[i]!) && Number.isNaN(want[i]!));
      if (!same) out.push(`${xs[at + i]}: kernel ${values[i]}, Math ${want[i]}`);
    }
  }
  return out;
}

/** Arguments in every region: random doubles of every exponent, uniform intervals, thresholds and neighbours. */
function argumentsFor(thresholds: number[], spans: number[]): Float64Array {
  const rng = Xoshiro128.fromSeed(11, 1);
  const xs: number[] = [0, -0, Infinity, -Infinity, NaN, 1, -1, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE];
  const one = new Float64Array(1);
  const word = new Uint32Array(one.buffer);
  for (let i = 0; i < 200_000; i++) {
    word[0] = rng.nextUint32();
    word[1] = rng.nextUint32();
    xs.push(one[0]!);
  }
  for (const span of spans) for (let i = 0; i < 300_000; i++) xs.push(span * (2 * rng.nextFloat() - 1) + span * 2 ** -32 * rng.nextFloat());
  for (const t of thresholds) {
    for (const s of [t, -t]) {
      one[0] = s;
      for (let d = -64; d <= 64; d++) {
        const near = new Float64Array(1);
        new BigInt64Array(near.buffer)[0] = new BigInt64Array(one.buffer)[0]! + BigInt(d);
        xs.push(near[0]!);
      }
      for (let i = 0; i < 2000; i++) xs.push(s * (1 + (rng.nextFloat() - 0.5) * 1e-3));
    }
  }
  for (let k = -1100; k <= 1100; k++) xs.push(k, k / 7, k * Math.LN2);
  return Float64Array.from(xs);
}

describe('engine/fused: the kernel’s exp, expm1 and tanh have the bits of Math.exp, Math.expm1 and Math.tanh', () => {
  const ln2 = Math.LN2;
  it('exp', () => {
    const xs = argumentsFor([0.5 * ln2, 1.5 * ln2, 2 ** -28, 709.782712893384, 745.1332191019411, 708.39641853226408, 1], [1, 10, 50, 710, 750]);
    expect(mismatches((p, n) => kernel.expRange(p, n), Math.exp, xs)).to.deep.equal([]);
  });
  it('expm1', () => {
    const xs = argumentsFor([0.5 * ln2, 1.5 * ln2, 2 ** -54, 56 * ln2, 20 * ln2, 709.782712893384, 0.25], [1, 10, 40, 710]);
    expect(mismatches((p, n) => kernel.expm1Range(p, n), Math.expm1, xs)).to.deep.equal([]);
  });
  it('tanh', () => {
    const xs = argumentsFor([2 ** -28, 1, 22, 0.5 * ln2, 0.75 * ln2], [1, 3, 25]);
    expect(mismatches((p, n) => kernel.tanhRange(p, n), Math.tanh, xs)).to.deep.equal([]);
  });
  it('would see a difference of one bit (the check is not vacuous)', () => {
    const xs = Float64Array.from([0.3, 1.7, -2.2]);
    const nextUp = (x: number) => {
      const a = new Float64Array([x]);
      new BigUint64Array(a.buffer)[0]! += 1n;
      return a[0]!;
    };
    expect(mismatches((p, n) => kernel.expRange(p, n), (x) => nextUp(Math.exp(x)), xs)).to.have.length(3);
  });
});
