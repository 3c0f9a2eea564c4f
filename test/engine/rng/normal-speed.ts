/**
 * Speed of the ziggurat normal generator against Box–Muller and Marsaglia's polar method, all over the same
 * Xoshiro128 stream and filling the same Float32Array, and of the same ziggurat in the fused engine's
 * WebAssembly kernel (asm/normal.ts, the same numbers). Not a test (no assertions, not named *.test.ts):
 *   npm run build && node dist/test/engine/rng/normal-speed.js
 * Prints millions of normals per second, best of 5 rounds of 1e7 draws each.
 */
import { performance } from 'node:perf_hooks';
import { instantiateKernel, Layout } from '../../../src/engine/fused/wasm-kernel.js';
import { fillNormal, lanesFromKernel, lanesToKernel, zigguratKernelTables } from '../../../src/engine/rng/normal.js';
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

/** The kernel's fillNormal writing into its own memory, rows of 500 at a time as the tutorial's pre noise. */
function kernelFill(): (rng: Xoshiro128, out: Float32Array, n: number, stddev: number) => void {
  const layout = new Layout();
  const tables = zigguratKernelTables();
  const layersAt = layout.take(tables.layers.length, 8);
  const densitiesAt = layout.take(tables.densities.length, 8);
  const outAt = layout.take(N, 4);
  const { kernel, buffer } = instantiateKernel(layout.size);
  new Float64Array(buffer, layersAt, tables.layers.length).set(tables.layers);
  new Float64Array(buffer, densitiesAt, tables.densities.length).set(tables.densities);
  kernel.setZigguratTables(layersAt, densitiesAt);
  const view = new Float32Array(buffer, outAt, N);
  return (rng, o, n, s) => {
    lanesToKernel(rng, kernel);
    for (let k = 0; k < n; k += 500) kernel.fillNormal(outAt + 4 * k, Math.min(500, n - k), s);
    lanesFromKernel(rng, kernel);
    o[n - 1] = view[n - 1]!; // for the checksum line
  };
}

const out = new Float32Array(N);
const methods: [string, (rng: Xoshiro128, out: Float32Array, n: number, stddev: number) => void][] = [
  ['ziggurat', (rng, o, n, s) => fillNormal(rng, o, n, s)],
  ['ziggurat (wasm kernel)', kernelFill()],
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
  console.log(`${name.padEnd(22)} ${((N / best) * 1e-3).toFixed(1)} M normals/s  (checksum ${out[N - 1]!.toFixed(4)})`);
}
