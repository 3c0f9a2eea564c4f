import { expect } from 'chai';
import { fillNormal, nextNormal, ZIGGURAT_R, ZIGGURAT_V, zigguratTables } from '../../../src/engine/rng/normal.js';
import { Xoshiro128 } from '../../../src/engine/rng/xoshiro128.js';
import { chiSquareCheck, ksCheck, momentsCheck, phi, tailCheck } from './normal-checks.js';

/** n draws of a generator from a fixed seed, as doubles. */
function sample(draw: (rng: Xoshiro128) => number, n: number, seed = 12345): Float64Array {
  const rng = Xoshiro128.fromSeed(seed, 3);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = draw(rng);
  return z;
}

/** A ziggurat over the module's tables with the wedge test left out: every wedge point is accepted. */
const tables = zigguratTables();
function noWedge(rng: Xoshiro128): number {
  const w = rng.nextUint32() | 0;
  const i = w & 255;
  const v = (((w >> 7) | 1) * tables.x[i]!) / 16777216;
  if (i !== 0 || Math.abs(v) < ZIGGURAT_R) return v;
  let t: number; // the tail, by rejection from the real generator
  do t = nextNormal(rng);
  while (Math.abs(t) < ZIGGURAT_R);
  return Math.sign(v) * Math.abs(t);
}

describe('engine/rng/normal', () => {
  describe('tables', () => {
    const { x, f } = zigguratTables();
    it('every layer above the base has area v (Marsaglia & Tsang 2000, 256 layers)', () => {
      // 1e-11: the published v has 12 significant digits, so the top layer (the one the recursion does not
      // force) is off by about 5e-12, a probability error of 1e-9.
      for (let i = 1; i < 256; i++) expect(x[i]! * (f[i + 1]! - f[i]!), `layer ${i}`).to.be.closeTo(ZIGGURAT_V, 1e-11);
    });
    it('the base strip (rectangle to r plus the tail) has area v too', () => {
      const tailArea = Math.sqrt(2 * Math.PI) * (1 - phi(ZIGGURAT_R)); // ∫_r^∞ exp(-x²/2) dx
      expect(ZIGGURAT_R * f[1]! + tailArea).to.be.closeTo(ZIGGURAT_V, 1e-12);
      expect(x[0]! * f[1]!).to.be.closeTo(ZIGGURAT_V, 1e-15);
    });
    it('edges decrease from r to 0', () => {
      expect(x[1]).to.equal(ZIGGURAT_R);
      expect(x[256]).to.equal(0);
      for (let i = 1; i < 256; i++) expect(x[i + 1]!).to.be.lessThan(x[i]!);
    });
  });

  describe('fillNormal', () => {
    it('equals stddev · nextNormal draw for draw, and leaves the generator where nextNormal would', () => {
      const n = 200_000; // enough to take the wedge and tail paths many times
      const a = Xoshiro128.fromSeed(7, 3);
      const b = Xoshiro128.fromSeed(7, 3);
      const out = new Float64Array(n);
      fillNormal(a, out, n, 0.25);
      for (let i = 0; i < n; i++) if (out[i] !== 0.25 * nextNormal(b)) expect.fail(`draw ${i} differs`);
      expect(a.nextUint32()).to.equal(b.nextUint32());
    });
    it('writes n values from offset into float32 storage and nothing else', () => {
      const rng = Xoshiro128.fromSeed(7, 3);
      const out = new Float32Array(10).fill(99);
      fillNormal(rng, out, 5, 2, 3);
      const ref = Xoshiro128.fromSeed(7, 3);
      expect(Array.from(out.subarray(0, 3))).to.deep.equal([99, 99, 99]);
      expect(Array.from(out.subarray(8))).to.deep.equal([99, 99]);
      for (let k = 0; k < 5; k++) expect(out[3 + k]).to.equal(Math.fround(2 * nextNormal(ref)));
    });
    it('rejects a range that does not fit', () => {
      expect(() => fillNormal(Xoshiro128.fromSeed(1), new Float32Array(4), 3, 1, 2)).to.throw(RangeError);
    });
    it('depends on the generator state: different seeds give different draws', () => {
      const a = new Float64Array(4);
      const b = new Float64Array(4);
      fillNormal(Xoshiro128.fromSeed(1, 3), a, 4, 1);
      fillNormal(Xoshiro128.fromSeed(2, 3), b, 4, 1);
      expect(Array.from(a)).to.not.deep.equal(Array.from(b));
    });
  });

  describe('distribution (fixed seed, so deterministic; expected values are N(0,1) theory)', () => {
    const z = sample(nextNormal, 1_000_000);
    it('mean, variance, skewness and kurtosis over 1e6 draws', () => expect(momentsCheck(z)).to.equal(null));
    it('Kolmogorov–Smirnov against Φ over 1e6 draws', () => expect(ksCheck(z)).to.equal(null));
    it('chi-square over 1000 equiprobable bins, 1e6 draws', () => expect(chiSquareCheck(z)).to.equal(null));
    it('frequency beyond ±3σ, ±4σ and ±4.5σ over 2e7 draws', () => {
      const rng = Xoshiro128.fromSeed(99, 3);
      expect(tailCheck(() => nextNormal(rng), 20_000_000)).to.equal(null);
    });
    it('the same checks hold for another seed', () => {
      const z2 = sample(nextNormal, 1_000_000, 2024);
      expect([momentsCheck(z2), ksCheck(z2), chiSquareCheck(z2)]).to.deep.equal([null, null, null]);
    });
  });

  describe('the checks can fail (broken generators are rejected)', () => {
    it('a tail squeezed towards r fails the tail check', () => {
      const squeezed = (rng: Xoshiro128) => {
        const v = nextNormal(rng);
        return Math.abs(v) > ZIGGURAT_R ? Math.sign(v) * (ZIGGURAT_R + (Math.abs(v) - ZIGGURAT_R) / 2) : v;
      };
      const rng = Xoshiro128.fromSeed(99, 3);
      expect(tailCheck(() => squeezed(rng), 20_000_000)).to.be.a('string');
    });
    it('a ziggurat without its wedge test fails the moments and tail checks', () => {
      // Its extra mass sits in the wedges of the wide low layers, i.e. in the shoulders and tails.
      const z = sample(noWedge, 1_000_000);
      expect(momentsCheck(z)).to.be.a('string');
      const rng = Xoshiro128.fromSeed(12345, 3);
      expect(tailCheck(() => noWedge(rng), 1_000_000)).to.be.a('string');
    });
    it('values rounded to 0.01 fail the chi-square check', () => {
      expect(chiSquareCheck(sample((rng) => Math.round(100 * nextNormal(rng)) / 100, 1_000_000))).to.be.a('string');
    });
    it('a mean shifted by 0.01 fails the KS check', () => {
      expect(ksCheck(sample((rng) => nextNormal(rng) + 0.01, 1_000_000))).to.be.a('string');
    });
    it('a variance 0.5% too large fails the moments check', () => {
      expect(momentsCheck(sample((rng) => 1.005 * nextNormal(rng), 1_000_000))).to.be.a('string');
    });
  });
});
