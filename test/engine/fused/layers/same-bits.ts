/** What the WebAssembly twins' tests share: seeded inputs and a bit-for-bit comparison. */
import { expect } from 'chai';
import type { Xoshiro128 } from '../../../../src/engine/rng/xoshiro128.js';

/** n values in ±scale from rng, a share `zeros` of them exactly 0 (as after a ReLU). */
export function randoms(rng: Xoshiro128, n: number, scale: number, zeros = 0): Float64Array {
  return Float64Array.from({ length: n }, () => (rng.nextFloat() < zeros ? 0 : (rng.nextFloat() * 2 - 1) * scale));
}

/** Equal as bit patterns (so −0 and +0 differ, and equal NaNs match). */
export function expectSameBits(a: Float64Array, b: Float64Array, what: string): void {
  expect(a.length, what).to.equal(b.length);
  const x = new BigUint64Array(a.buffer, a.byteOffset, a.length);
  const y = new BigUint64Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < a.length; i++) if (x[i] !== y[i]) expect.fail(`${what}[${i}]: wasm ${a[i]} vs TypeScript ${b[i]}`);
}
