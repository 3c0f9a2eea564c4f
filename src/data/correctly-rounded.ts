/**
 * Correctly rounded sin, cos and log (the double nearest the exact value), for the generators' numpy calls.
 *
 * Why not Math.sin/cos/log: V8 uses fdlibm, whose results are within 1 ulp but often not the nearest double.
 * On the 4,002,000 angles make_circles/make_moons pass to sin/cos for n = 1..2000 points per class, Math.sin
 * differs from glibc 2.36 (what numpy calls with its AVX-512 loops off) on 135,048 and Math.cos on 133,652;
 * Math.log differs on 57,015 of 785,816 Marsaglia r² values (7.3%). glibc is not correctly rounded either,
 * but this module disagrees with it on only 5,225 sines, 5,420 cosines (0.13%) and 682 logs (0.09%), and in
 * all 11,327 of those mpmath at 200 bits says this module has the nearest double. So it reproduces numpy far
 * more often than fdlibm does, and it is the one answer that does not depend on the platform.
 * Measured by test/fixtures/gen/measure_libm.py.
 * Why hand-written: decimal.js (the obvious library) takes 80–160 µs per call and converts a double through
 * its shortest decimal string, not its exact value; this takes about 2 µs per call.
 *
 * Method: evaluate in double-double (about 2^-100 relative error), then round once to double. The result is
 * the correctly rounded one unless the exact value lies within ~2^-100 of a midpoint between two doubles.
 * test/data/correctly-rounded.test.ts checks it against mpmath.
 */
import { add, div, horner, mul, neg, twoProd, twoSum, type DD } from './double-double.js';

/** π/2 as four doubles whose exact sum is π/2 to about 2^-210 (from mpmath at 400 bits). */
const PIO2: readonly number[] = [1.5707963267948966, 6.123233995736766e-17, -1.4973849048591698e-33, 5.562271104316826e-50];
/** ln 2 as a double-double (mpmath at 400 bits). */
const LN2: DD = [0.6931471805599453, 2.3190468138462996e-17];
/** Beyond this the four-part π/2 reduction loses accuracy; the generators only need [0, 2π]. */
const MAX_TRIG_ARGUMENT = 2 ** 20;

/** 1/k! for k = 0..31, each from the previous by one double-double division. */
const INV_FACT: readonly DD[] = (() => {
  const out: DD[] = [[1, 0]];
  for (let k = 1; k <= 31; k++) out.push(div(out[k - 1]!, [k, 0]));
  return out;
})();
/** Taylor coefficients in t = r²: sin r = r·Σ (-1)^j t^j/(2j+1)!, cos r = Σ (-1)^j t^j/(2j)!, j = 0..15. */
const SIN_COEF: readonly DD[] = Array.from({ length: 16 }, (_, j) => (j % 2 ? neg(INV_FACT[2 * j + 1]!) : INV_FACT[2 * j + 1]!));
const COS_COEF: readonly DD[] = Array.from({ length: 16 }, (_, j) => (j % 2 ? neg(INV_FACT[2 * j]!) : INV_FACT[2 * j]!));
/** atanh(s)/s = Σ t^j/(2j+1) with t = s², j = 0..21 (|s| <= 0.172 after the reduction, so t^22 < 2^-112). */
const ATANH_COEF: readonly DD[] = Array.from({ length: 22 }, (_, j) => div([1, 0], [2 * j + 1, 0]));

/** x - k·π/2 in double-double, and k mod 4. */
function reduce(x: number): { r: DD; quadrant: number } {
  const k = Math.round(x * (2 / Math.PI));
  let r: DD = [x, 0];
  for (const part of PIO2) r = add(r, twoProd(-k, part));
  return { r, quadrant: ((k % 4) + 4) % 4 };
}

function sinKernel(r: DD): DD {
  return mul(r, horner(SIN_COEF, mul(r, r)));
}

function cosKernel(r: DD): DD {
  return horner(COS_COEF, mul(r, r));
}

function checkTrigArgument(x: number, name: string): void {
  if (!(Math.abs(x) <= MAX_TRIG_ARGUMENT)) throw new RangeError(`${name}: argument ${x} outside [-2^20, 2^20]`);
}

/** sin(x) rounded to nearest, for |x| <= 2^20. */
export function crSin(x: number): number {
  checkTrigArgument(x, 'crSin');
  if (x === 0) return x; // keeps the sign of -0
  const { r, quadrant } = reduce(x);
  switch (quadrant) {
    case 0: return sinKernel(r)[0];
    case 1: return cosKernel(r)[0];
    case 2: return -sinKernel(r)[0];
    default: return -cosKernel(r)[0];
  }
}

/** cos(x) rounded to nearest, for |x| <= 2^20. */
export function crCos(x: number): number {
  checkTrigArgument(x, 'crCos');
  const { r, quadrant } = reduce(x);
  switch (quadrant) {
    case 0: return cosKernel(r)[0];
    case 1: return -sinKernel(r)[0];
    case 2: return -cosKernel(r)[0];
    default: return sinKernel(r)[0];
  }
}

const bits = new DataView(new ArrayBuffer(8));

/** Natural logarithm rounded to nearest; IEEE special values as Math.log gives them. */
export function crLog(x: number): number {
  if (!(x > 0) || x === Infinity) return Math.log(x); // NaN, negatives, ±0, +Infinity
  let e = 0;
  if (x < 2 ** -1022) {
    x *= 2 ** 54; // subnormal: scale into the normal range first (exact)
    e = -54;
  }
  bits.setFloat64(0, x);
  const high = bits.getUint32(0);
  e += ((high >>> 20) & 0x7ff) - 1023;
  bits.setUint32(0, (high & 0x000fffff) | 0x3ff00000); // same significand, exponent 0: m in [1, 2)
  let m = bits.getFloat64(0);
  if (m > Math.SQRT2) {
    m /= 2;
    e += 1;
  }
  // log m = 2·atanh(s), s = (m-1)/(m+1); m - 1 is exact (Sterbenz) for m in [√½, √2].
  const s = div([m - 1, 0], twoSum(m, 1));
  const logM = mul([2, 0], mul(s, horner(ATANH_COEF, mul(s, s))));
  return add(mul([e, 0], LN2), logM)[0];
}
