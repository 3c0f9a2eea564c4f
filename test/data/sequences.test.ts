/**
 * makeSequences: generated in code, so the expectations are the definitions in src/data/sequences.ts: lengths in
 * minLength..length, zeros after the real steps and nowhere else, label = (sum of the first feature > 0).
 */
import { expect } from 'chai';
import { makeSequences } from '../../src/data/sequences.js';

/** Keras' Masking(mask_value=0) rule: a step is real (1) unless all its features are 0. */
function stepMask(X: ArrayLike<number>, rows: number, length: number, features: number): Uint8Array {
  const mask = new Uint8Array(rows * length);
  for (let r = 0; r < rows; r++) {
    for (let t = 0; t < length; t++) {
      let real = 0;
      for (let f = 0; f < features && real === 0; f++) if (X[(r * length + t) * features + f] !== 0) real = 1;
      mask[r * length + t] = real;
    }
  }
  return mask;
}

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

  it('refuses a minimum length above the length', () => {
    expect(() => makeSequences({ samples: 5, length: 4, minLength: 5, features: 1, seed: 0 })).to.throw(RangeError, /minLength/);
  });
});
