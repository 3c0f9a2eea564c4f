/**
 * makeShapes: generated in code, so the expectations are the definitions in src/data/shapes-images.ts:
 * with no pixel noise every image is exactly its class's shape (decoded back from the pixels here), and the
 * noise added is N(0, noise²) on top of the same shapes (the draw order makes the shapes independent of noise).
 */
import { expect } from 'chai';
import { dataSpec } from '../../src/config/schema.js';
import { makeShapes } from '../../src/data/shapes-images.js';

/** The class whose shape the lit pixels of a noiseless image form, or -1. */
function decode(image: Float64Array, size: number): number {
  const lit: [number, number][] = [];
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) if (image[r * size + c] !== 0) lit.push([r, c]);
  const top = Math.min(...lit.map((p) => p[0]));
  const left = Math.min(...lit.map((p) => p[1]));
  const side = Math.max(...lit.map((p) => p[0])) - top + 1;
  if (Math.max(...lit.map((p) => p[1])) - left + 1 !== side) return -1;
  const at = new Set(lit.map(([r, c]) => (r - top) * side + (c - left)));
  const shapes = [
    (i: number, j: number) => i >= 0 && j >= 0,
    (i: number, j: number) => i === (side - 1) / 2 || j === (side - 1) / 2,
    (i: number, j: number) => i === 0 || j === 0 || i === side - 1 || j === side - 1,
    (i: number, j: number) => i === j || i + j === side - 1,
  ];
  return shapes.findIndex((inside) => {
    for (let i = 0; i < side; i++) for (let j = 0; j < side; j++) if (inside(i, j) !== at.has(i * side + j)) return false;
    return true;
  });
}

describe('makeShapes', () => {
  it('draws each image as exactly the shape of its label (no pixel noise)', () => {
    const size = 12;
    const { X, y, nFeatures } = makeShapes({ samples: 200, size, classes: 4, noise: 0, seed: 3 });
    expect(nFeatures).to.equal(size * size);
    for (let n = 0; n < 200; n++) expect(decode(X.subarray(n * nFeatures, (n + 1) * nFeatures), size), `image ${n}`).to.equal(y[n]);
    expect(new Set(y).size).to.equal(4);
  });

  it('draws from the smallest size on (7: a 5-pixel shape and its margin), which the schema allows first', () => {
    expect(makeShapes({ samples: 20, size: 7, classes: 4, noise: 0, seed: 2 }).X).to.have.length(20 * 49);
    expect(() => makeShapes({ samples: 20, size: 6, classes: 4, noise: 0, seed: 2 })).to.throw(RangeError, 'size must be an integer >= 7, got 6');
    expect(dataSpec.safeParse({ generator: 'shapes', size: 6 }).success).to.equal(false);
    expect(dataSpec.safeParse({ generator: 'shapes', size: 7 }).success).to.equal(true);
  });

  it('uses only the first `classes` shapes', () => {
    const { y } = makeShapes({ samples: 100, size: 8, classes: 2, noise: 0.1, seed: 1 });
    expect([...new Set(y)].sort()).to.deep.equal([0, 1]);
  });

  it('adds N(0, noise²) pixel noise on top of the same shapes', () => {
    const clean = makeShapes({ samples: 100, size: 10, classes: 3, noise: 0, seed: 9 });
    const noisy = makeShapes({ samples: 100, size: 10, classes: 3, noise: 0.3, seed: 9 });
    expect(Array.from(noisy.y)).to.deep.equal(Array.from(clean.y));
    const diff = Array.from(noisy.X, (v, i) => v - clean.X[i]!);
    const mean = diff.reduce((a, b) => a + b, 0) / diff.length;
    const sd = Math.sqrt(diff.reduce((a, b) => a + (b - mean) ** 2, 0) / (diff.length - 1));
    // 10,000 draws: the standard error of the sd is about 0.3 / sqrt(2 · 10^4) = 0.002.
    expect(mean).to.be.closeTo(0, 0.01);
    expect(sd).to.be.closeTo(0.3, 0.01);
  });

  it('is a function of its seed', () => {
    const a = makeShapes({ samples: 5, size: 8, classes: 3, noise: 0.2, seed: 4 });
    expect(Array.from(makeShapes({ samples: 5, size: 8, classes: 3, noise: 0.2, seed: 4 }).X)).to.deep.equal(Array.from(a.X));
    expect(Array.from(makeShapes({ samples: 5, size: 8, classes: 3, noise: 0.2, seed: 5 }).X)).to.not.deep.equal(Array.from(a.X));
  });

  it('refuses sizes and class counts it cannot draw', () => {
    expect(() => makeShapes({ samples: 5, size: 5, classes: 3, noise: 0, seed: 0 })).to.throw(RangeError, /size/);
    expect(() => makeShapes({ samples: 5, size: 8, classes: 5, noise: 0, seed: 0 })).to.throw(RangeError, /classes/);
  });
});
