import { expect } from 'chai';
import { fillNormal, nextNormal, SQUEEZE_AT, ZIGGURAT_R, ZIGGURAT_V, zigguratKernelTables, zigguratTables } from '../../../src/engine/rng/normal.js';
import { Xoshiro128 } from '../../../src/engine/rng/xoshiro128.js';
import { chiSquareCheck, correlationCheck, ksCheck, momentsCheck, phi, tailCheck } from './normal-checks.js';

/** n draws of a generator from a fixed seed, as doubles. */
function sample(draw: (rng: Xoshiro128) => number, n: number, seed = 12345): Float64Array {
  const rng = Xoshiro128.fromSeed(seed, 3);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = draw(rng);
  return z;
}

/** n draws of fillNormal from a fixed seed, in fills of 501 (fills split anywhere: lanes of every phase). */
function filled(n: number, seed = 12345): Float64Array {
  const rng = Xoshiro128.fromSeed(seed, 3);
  const z = new Float64Array(n);
  for (let at = 0; at < n; at += 501) fillNormal(rng, z, Math.min(501, n - at), 1, at);
  return z;
}

/** fillNormal's stream one value at a time, from a buffer refilled 4096 at a time. */
function drawsOf(rng: Xoshiro128): () => number {
  const buffer = new Float64Array(4096);
  let at = buffer.length;
  return () => {
    if (at === buffer.length) {
      fillNormal(rng, buffer, buffer.length, 1);
      at = 0;
    }
    return buffer[at++]!;
  };
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
    it('the kernel’s wedge squeeze brackets Math.exp(-x²/2) on every layer, with room for rounding, and is tight', () => {
      // The kernel decides y < exp(-x²/2) from d = y − f(x_i) − (q_i − x²/2)·s alone when d < lower or d > upper
      // (asm/normal.ts underCurve): so at every point of the wedge the curve's own d must lie strictly inside,
      // by far more than the few roundings of d. Checked at 2000 points per layer and at both edges.
      const { densities } = zigguratKernelTables();
      expect(Array.from(densities.subarray(0, 257))).to.deep.equal(Array.from(f));
      let band = 0;
      for (let i = 1; i < 256; i++) {
        const [qi, s, lower, upper] = densities.subarray(SQUEEZE_AT + 4 * i, SQUEEZE_AT + 4 * i + 4);
        expect(qi, `layer ${i} q`).to.equal(0.5 * x[i]! * x[i]!);
        for (let k = 0; k <= 2000; k++) {
          const t = x[i + 1]! + ((x[i]! - x[i + 1]!) * k) / 2000;
          const d = Math.exp(-0.5 * t * t) - f[i]! - (qi! - 0.5 * t * t) * s!;
          expect(d - lower!, `layer ${i}, x = ${t}: above the lower bound`).to.be.greaterThan(1e-13);
          expect(upper! - d, `layer ${i}, x = ${t}: below the upper bound`).to.be.greaterThan(1e-13);
        }
        band = Math.max(band, (upper! - lower!) / (f[i + 1]! - f[i]!));
      }
      // Tight: the undecided band is at most a few per cent of any wedge's height (9 % on the bottom layer).
      expect(band).to.be.lessThan(0.1);
    });
  });

  describe('fillNormal', () => {
    /** Scalar generators for the lanes of fromSeed(seed, stream), made independently of Xoshiro128.normalLanes. */
    function laneGenerators(seed: number, stream: number): Xoshiro128[] {
      return [1, 2, 3, 4].map((jumps) => {
        const g = Xoshiro128.fromSeed(seed, stream);
        for (let j = 0; j < jumps; j++) g.jump();
        return g;
      });
    }

    it('value k of a fill on a fresh generator is stddev · nextNormal of lane k mod 4, slow paths included; the lanes end where nextNormal leaves them', () => {
      const n = 200_003; // enough to take the wedge and tail paths many times in every lane; not a multiple of 4
      const rng = Xoshiro128.fromSeed(7, 3);
      const ref = laneGenerators(7, 3);
      const out = new Float64Array(n);
      fillNormal(rng, out, n, 0.25);
      for (let k = 0; k < n; k++) if (out[k] !== 0.25 * nextNormal(ref[k % 4]!)) expect.fail(`draw ${k} differs`);
      const { lanes, next } = rng.normalLanes();
      for (let l = 0; l < 4; l++) expect(lanes[l]!.nextUint32(), `lane ${l}`).to.equal(ref[l]!.nextUint32());
      expect(next).to.equal(n % 4);
    });
    it('fills of any lengths in a row give the numbers one fill of their total gives (the next fill goes on with the next lane)', () => {
      const lengths = [1, 2, 3, 5, 0, 7, 501, 13, 1000, 2, 999, 64];
      const total = lengths.reduce((x, y) => x + y, 0);
      const whole = new Float64Array(total);
      fillNormal(Xoshiro128.fromSeed(7, 3), whole, total, 1);
      const rng = Xoshiro128.fromSeed(7, 3);
      const parts = new Float64Array(total);
      let at = 0;
      for (const m of lengths) {
        fillNormal(rng, parts, m, 1, at);
        at += m;
      }
      expect(Array.from(parts)).to.deep.equal(Array.from(whole));
    });
    it('leaves the generator’s own stream (uniforms, nextNormal) where it was', () => {
      const a = Xoshiro128.fromSeed(7, 3);
      const b = Xoshiro128.fromSeed(7, 3);
      fillNormal(a, new Float32Array(1000), 1000, 1);
      expect(a.nextUint32()).to.equal(b.nextUint32());
    });
    it('writes n values from offset into float32 storage and nothing else', () => {
      const rng = Xoshiro128.fromSeed(7, 3);
      const out = new Float32Array(10).fill(99);
      fillNormal(rng, out, 5, 2, 3);
      const ref = laneGenerators(7, 3);
      expect(Array.from(out.subarray(0, 3))).to.deep.equal([99, 99, 99]);
      expect(Array.from(out.subarray(8))).to.deep.equal([99, 99]);
      for (let k = 0; k < 5; k++) expect(out[3 + k]).to.equal(Math.fround(2 * nextNormal(ref[k % 4]!)));
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

  describe('distribution of fillNormal’s laned stream (fixed seed, so deterministic; expected values are N(0,1) theory)', () => {
    const z = filled(1_000_000);
    it('mean, variance, skewness and kurtosis over 1e6 draws', () => expect(momentsCheck(z)).to.equal(null));
    it('Kolmogorov–Smirnov against Φ over 1e6 draws', () => expect(ksCheck(z)).to.equal(null));
    it('chi-square over 1000 equiprobable bins, 1e6 draws', () => expect(chiSquareCheck(z)).to.equal(null));
    it('frequency beyond ±3σ, ±4σ and ±4.5σ over 2e7 draws', () => {
      expect(tailCheck(drawsOf(Xoshiro128.fromSeed(99, 3)), 20_000_000)).to.equal(null);
    });
    it('no correlation between neighbouring values (other lanes) or values 4 apart (one lane), of z or z²', () => {
      expect(correlationCheck(z, [1, 2, 3, 4])).to.equal(null);
    });
    it('the same checks hold for another seed', () => {
      const z2 = filled(1_000_000, 2024);
      expect([momentsCheck(z2), ksCheck(z2), chiSquareCheck(z2), correlationCheck(z2, [1, 2, 3, 4])]).to.deep.equal([null, null, null, null]);
    });
    it('nextNormal on the generator’s own stream passes the moments and KS checks too', () => {
      const z3 = sample(nextNormal, 1_000_000);
      expect([momentsCheck(z3), ksCheck(z3)]).to.deep.equal([null, null]);
    });
  });

  describe('the checks can fail (broken generators are rejected)', () => {
    it('lanes that share a stream (all four from one state) fail the correlation check', () => {
      const shared = (rng: Xoshiro128) => {
        const { lanes } = rng.normalLanes();
        for (let l = 1; l < 4; l++) lanes[l]!.setStateWords(lanes[0]!.stateWord(0), lanes[0]!.stateWord(1), lanes[0]!.stateWord(2), lanes[0]!.stateWord(3));
        return rng;
      };
      const z = new Float64Array(1_000_000);
      fillNormal(shared(Xoshiro128.fromSeed(12345, 3)), z, z.length, 1);
      expect(correlationCheck(z, [1, 2, 3, 4])).to.be.a('string');
    });
    it('a stream whose lanes are one draw apart (lane l + 1 = lane l advanced once) fails the correlation check', () => {
      // Value k + 1 is then lane k's next draw: lag 4 in one lane's stream shows up as lag 1 and 5 apart.
      const offset = (rng: Xoshiro128) => {
        const { lanes } = rng.normalLanes();
        for (let l = 1; l < 4; l++) {
          lanes[l]!.setStateWords(lanes[l - 1]!.stateWord(0), lanes[l - 1]!.stateWord(1), lanes[l - 1]!.stateWord(2), lanes[l - 1]!.stateWord(3));
          nextNormal(lanes[l]!);
        }
        return rng;
      };
      const z = new Float64Array(1_000_000);
      fillNormal(offset(Xoshiro128.fromSeed(12345, 3)), z, z.length, 1);
      expect(correlationCheck(z, [1, 2, 3, 4])).to.be.a('string');
    });
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
