/**
 * Double-double arithmetic: a value is the unevaluated sum hi + lo of two doubles with |lo| <= ulp(hi)/2,
 * about 106 bits of precision. Only what correctly-rounded.ts needs, built on the error-free
 * transformations of Knuth (TwoSum) and Dekker/Veltkamp (TwoProduct); the addition is the "accurate"
 * double-word sum of Joldes, Muller & Popescu (2017, Algorithm 6), relative error <= 3·2^-106.
 */

/** A double-double number: hi + lo, normalized so that hi === hi + lo. */
export type DD = readonly [hi: number, lo: number];

/** 2^27 + 1: Veltkamp's constant that splits a double into two 26-bit halves. */
const SPLITTER = 134217729;

/** s + e === a + b exactly, with s = fl(a + b) (Knuth's TwoSum, no precondition on magnitudes). */
export function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

/** s + e === a + b exactly when |a| >= |b| (Dekker's FastTwoSum). */
function fastTwoSum(a: number, b: number): DD {
  const s = a + b;
  return [s, b - (s - a)];
}

/** p + e === a * b exactly (Dekker's TwoProduct; no FMA in JavaScript). Valid away from overflow. */
export function twoProd(a: number, b: number): DD {
  const p = a * b;
  const ta = SPLITTER * a;
  const ah = ta - (ta - a);
  const al = a - ah;
  const tb = SPLITTER * b;
  const bh = tb - (tb - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

/** x + y. */
export function add(x: DD, y: DD): DD {
  const [s, e0] = twoSum(x[0], y[0]);
  const [t, f] = twoSum(x[1], y[1]);
  const [s1, e1] = fastTwoSum(s, e0 + t);
  return fastTwoSum(s1, e1 + f);
}

/** x * y. */
export function mul(x: DD, y: DD): DD {
  const [p, e] = twoProd(x[0], y[0]);
  return fastTwoSum(p, e + (x[0] * y[1] + x[1] * y[0]));
}

/** x / y, by long division: three quotient digits, each corrected with the exact remainder. */
export function div(x: DD, y: DD): DD {
  const q1 = x[0] / y[0];
  let r = add(x, neg(mul(y, [q1, 0])));
  const q2 = r[0] / y[0];
  r = add(r, neg(mul(y, [q2, 0])));
  const q3 = r[0] / y[0];
  return add(fastTwoSum(q1, q2), [q3, 0]);
}

/** -x. */
export function neg(x: DD): DD {
  return [-x[0], -x[1]];
}

/** Horner evaluation of c[0] + c[1]·t + c[2]·t² + ... in double-double. */
export function horner(c: readonly DD[], t: DD): DD {
  let acc = c[c.length - 1]!;
  for (let i = c.length - 2; i >= 0; i--) acc = add(mul(acc, t), c[i]!);
  return acc;
}
