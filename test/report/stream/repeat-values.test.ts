import { expect } from 'chai';
import { RepeatValues } from '../../../src/report/stream/repeat-values.js';

describe('report/stream/repeat-values', () => {
  it('keeps one value per repeat, grows past its capacity, and lists them in repeat order', () => {
    const v = new RepeatValues();
    v.set(100, 0.5);
    v.set(3, 0.25);
    v.set(3, 0.75);
    expect(v.size).to.equal(2);
    expect(v.get(3)).to.equal(0.75);
    expect(v.get(4)).to.equal(undefined);
    expect(v.get(1000)).to.equal(undefined);
    expect([...v.toMap()]).to.deep.equal([[3, 0.75], [100, 0.5]]);
  });

  it('refuses a repeat that is not a whole number and a value that is not finite', () => {
    const v = new RepeatValues();
    expect(() => v.set(-1, 0)).to.throw(RangeError, /repeat index/);
    expect(() => v.set(1.5, 0)).to.throw(RangeError, /repeat index/);
    expect(() => v.set(0, Infinity)).to.throw(RangeError, /finite value/);
  });
});
