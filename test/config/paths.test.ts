/** Dotted keys: reading, and writing into prototype-free deep copies. */
import { expect } from 'chai';
import { getPath, plainCopy, withPath } from '../../src/config/paths.js';

describe('config/paths', () => {
  it('reads dotted and indexed keys, undefined where a step is missing', () => {
    const obj = { model: { layers: [{ units: 3 }, { units: 5 }] } };
    expect(getPath(obj, 'model.layers[1].units')).to.equal(5);
    expect(getPath(obj, 'model.hidden')).to.equal(undefined);
    expect(getPath(obj, 'model.layers.units')).to.equal(undefined);
  });

  it('writes into a deep copy and leaves the original alone', () => {
    const obj = { train: { epochs: 3 }, grid: { 'noise.stddev': [0.1] } };
    const copy = withPath(obj, 'train.epochs', 5);
    expect(copy).to.deep.equal({ train: { epochs: 5 }, grid: { 'noise.stddev': [0.1] } });
    expect(obj.train.epochs).to.equal(3);
    expect(withPath(obj, 'train.epochs.deeper', 1).train).to.deep.equal({ epochs: { deeper: 1 } });
  });

  it('copies into objects without a prototype, so even a __proto__ step is an ordinary key', () => {
    const copy = withPath({ model: { layers: [] } }, 'model.layers.__proto__.polluted', 1) as Record<string, any>;
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect(Object.getPrototypeOf(copy)).to.equal(null);
    expect(Object.getPrototypeOf(copy.model.layers)).to.equal(null);
    expect(Object.keys(copy.model.layers)).to.deep.equal(['__proto__']);
    expect(copy.model.layers.__proto__.polluted).to.equal(1);
    const nested = plainCopy({ a: [{ b: 1 }] });
    expect(Object.getPrototypeOf(nested.a[0])).to.equal(null);
    delete (Object.prototype as Record<string, unknown>).polluted;
  });
});
