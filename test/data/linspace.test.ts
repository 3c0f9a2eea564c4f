/** linspace against np.linspace (test/fixtures/data/linspace.json, numpy 1.24.2, from test/fixtures/gen/make_data.py). */
import { expect } from 'chai';
import { linspace } from '../../src/data/linspace.js';
import { readJson } from './fixtures.js';

interface Case {
  start: number;
  stop: number;
  num: number;
  endpoint: boolean;
  values: number[];
}

describe('linspace', () => {
  const { cases } = readJson<{ cases: Case[] }>('linspace.json');

  it('gives numpy\'s doubles, including the exact stop point and the one- and zero-point cases', () => {
    expect(cases.length).to.be.greaterThan(30);
    for (const c of cases) {
      expect(Array.from(linspace(c.start, c.stop, c.num, c.endpoint)), `linspace(${c.start}, ${c.stop}, ${c.num}, ${c.endpoint})`).to.deep.equal(c.values);
    }
  });

  it('refuses a negative or fractional count', () => {
    expect(() => linspace(0, 1, -1)).to.throw(RangeError);
    expect(() => linspace(0, 1, 2.5)).to.throw(RangeError);
  });
});
