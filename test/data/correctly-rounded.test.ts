/**
 * crSin/crCos/crLog against mpmath at 200 bits rounded to nearest (test/fixtures/data/libm.csv, from
 * test/fixtures/gen/make_data.py). The file also holds inputs where glibc 2.36 misses the nearest double.
 */
import { expect } from 'chai';
import { crCos, crLog, crSin } from '../../src/data/correctly-rounded.js';
import { readCsvRows } from './fixtures.js';

const FN: Record<string, (x: number) => number> = { sin: crSin, cos: crCos, log: crLog };

describe('correctly rounded sin, cos, log', () => {
  const { rows } = readCsvRows('libm.csv');

  it('gives the nearest double (mpmath) on every reference input', () => {
    const wrong = rows.filter(([fn, x, cr]) => FN[fn!]!(Number(x)) !== Number(cr));
    expect(rows.length).to.be.greaterThan(3000);
    expect(wrong.map((r) => r.join(','))).to.deep.equal([]);
  });

  it('is right where glibc is not (the reference holds such inputs for each function)', () => {
    const glibcMisses = rows.filter(([, , cr, glibc]) => cr !== glibc);
    for (const fn of ['sin', 'cos', 'log']) expect(glibcMisses.filter((r) => r[0] === fn).length, fn).to.be.greaterThan(10);
    for (const [fn, x, cr] of glibcMisses) expect(FN[fn!]!(Number(x)), `${fn}(${x})`).to.equal(Number(cr));
  });

  it('keeps IEEE special values of log', () => {
    expect(crLog(1)).to.equal(0);
    expect(crLog(0)).to.equal(-Infinity);
    expect(crLog(Infinity)).to.equal(Infinity);
    expect(crLog(-1)).to.be.NaN;
    expect(crLog(NaN)).to.be.NaN;
    // mpmath: log(2^-1074) = -744.44007192138126..., log(2^1023·(2-2^-52)) = 709.78271289338400..., log(2^-1000) = -693.14718055994530942 (its nearest double prints as -693.1471805599454)
    expect(crLog(5e-324)).to.equal(-744.4400719213812);
    expect(crLog(Number.MAX_VALUE)).to.equal(709.782712893384);
    expect(crLog(2 ** -1000)).to.equal(-693.1471805599454);
  });

  it('keeps the sign of zero and refuses arguments it cannot reduce accurately', () => {
    expect(Object.is(crSin(-0), -0)).to.equal(true);
    expect(crCos(0)).to.equal(1);
    // mpmath: sin(-1) = -0.8414709848078965, cos(-1) = 0.5403023058681398, sin(1e6) = -0.34999350217129294
    expect(crSin(-1)).to.equal(-0.8414709848078965);
    expect(crCos(-1)).to.equal(0.5403023058681398);
    expect(crSin(1e6)).to.equal(-0.34999350217129294);
    expect(() => crSin(2 ** 21)).to.throw(RangeError);
    expect(() => crCos(NaN)).to.throw(RangeError);
  });
});
