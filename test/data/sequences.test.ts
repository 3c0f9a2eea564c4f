/**
 * makeSequences: generated in code, so the expectations are the definitions in src/data/sequences.ts: lengths in
 * minLength..length, zeros after the real steps and nowhere else, label = (sum of the first feature > 0).
 */
import { expect } from 'chai';
import { makeSequences, stepMask } from '../../src/data/sequences.js';

describe('makeSequences', () => {
  const length = 12;
  const features = 2;
  const { X, y, nFeatures } = makeSequences({ samples: 300, length, minLength: 3, features, seed: 7 });
  const mask = stepMask(X, 300, length, features);

  it('pads each row at the end, and only there', () => {
    expect(nFeatures).to.equal(length * features);
    const lengths = new Set<number>();
    for (let r = 0; r < 300; r++) {
      const steps = Array.from(mask.subarray(r * length, (r + 1) * length));
      const real = steps.indexOf(0) === -1 ? length : steps.indexOf(0);
      expect(steps.slice(real).every((m) => m === 0), `row ${r}`).to.equal(true);
      expect(real).to.be.within(3, length);
      lengths.add(real);
    }
    expect(lengths.size).to.equal(length - 3 + 1);
  });

  it('labels a row 1 exactly when its first feature sums to more than 0', () => {
    for (let r = 0; r < 300; r++) {
      let sum = 0;
      for (let t = 0; t < length; t++) sum += X[(r * length + t) * features]!;
      expect(y[r], `row ${r}`).to.equal(sum > 0 ? 1 : 0);
    }
    const ones = Array.from(y).filter((v) => v === 1).length;
    expect(ones).to.be.within(110, 190);
  });

  it('draws standard normals for the real steps', () => {
    const values = Array.from(X).filter((_, i) => mask[Math.floor(i / features)] === 1);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
    expect(mean).to.be.closeTo(0, 0.06);
    expect(variance).to.be.closeTo(1, 0.08);
  });

  it('finds padding as steps whose features all equal the mask value', () => {
    expect(Array.from(stepMask([1, 0, 0, 0, 0, 2, 5, 5], 1, 4, 2))).to.deep.equal([1, 0, 1, 1]);
    expect(Array.from(stepMask([1, 0, 0, 0, 0, 2, 5, 5], 1, 4, 2, 5))).to.deep.equal([1, 1, 1, 0]);
  });

  it('refuses a minimum length above the length', () => {
    expect(() => makeSequences({ samples: 5, length: 4, minLength: 5, features: 1, seed: 0 })).to.throw(RangeError, /minLength/);
  });
});
