/**
 * Speed of the ziggurat normal generator against Box–Muller and Marsaglia's polar method, all over the same
 * Xoshiro128 stream and filling the same Float32Array. Not a test (no assertions, not named *.test.ts):
 *   npx tsc -p . && node dist/test/engine/rng/normal-speed.js
 * Prints millions of normals per second, best of 5 rounds of 1e7 draws each.
 */
import { performance } from 'node:perf_hooks';
import { fillNormal } from '../../../src/engine/rng/normal.js';
import { Xoshiro128 } from '../../../src/engine/rng/xoshiro128.js';

/** Box–Muller, using both values of each pair. */
function fillBoxMuller(rng: Xoshiro128, out: Float32Array, n: number, stddev: number): void {
  let k = 0;
  while (k < n) {
    const u1 = (rng.nextUint32() + 1) * 2.3283064365386963e-10;
    const u2 = rng.nextFloat();
    const r = stddev * Math.sqrt(-2 * Math.log(u1));
    const t = 2 * Math.PI * u2;
    out[k++] = r * Math.cos(t);
    if (k < n) out[k++] = r * Math.sin(t);
  }
}

/** Marsaglia's polar method, using both values of each pair. */
function fillPolar(rng: Xoshiro128, out: Float32Array, n: number, stddev: number): void {
  let k = 0;
  while (k < n) {
    let u: number, v: number, s: number;
    do {
      u = 2 * rng.nextFloat() - 1;
      v = 2 * rng.nextFloat() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = stddev * Math.sqrt((-2 * Math.log(s)) / s);
    out[k++] = u * m;
    if (k < n) out[k++] = v * m;
  }
}

const N = 10_000_000;
const out = new Float32Array(N);
const methods: [string, (rng: Xoshiro128, out: Float32Array, n: number, stddev: number) => void][] = [
  ['ziggurat', (rng, o, n, s) => fillNormal(rng, o, n, s)],
  ['box-muller', fillBoxMuller],
  ['polar', fillPolar],
];
for (const [name, fill] of methods) {
  const rng = Xoshiro128.fromSeed(1, 3);
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const t0 = performance.now();
    fill(rng, out, N, 1);
    best = Math.min(best, performance.now() - t0);
  }
  console.log(`${name.padEnd(11)} ${((N / best) * 1e-3).toFixed(1)} M normals/s  (checksum ${out[N - 1]!.toFixed(4)})`);
}
