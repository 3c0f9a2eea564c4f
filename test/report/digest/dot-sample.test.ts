/** The bounded seeded sample of dots (src/report/digest/dot-sample.ts). */
import { expect } from 'chai';
import { BottomK, sampleHash } from '../../../src/report/digest/dot-sample.js';

describe('dot sample', () => {
  it('keeps at most k items, the same ones whatever the order they arrive in', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `run-${i}`);
    const forward = new BottomK<string>(50, 3);
    const backward = new BottomK<string>(50, 3);
    for (const id of ids) forward.offer(id, id);
    for (const id of [...ids].reverse()) backward.offer(id, id);
    expect(forward.items()).to.have.length(50);
    expect(forward.items()).to.deep.equal(backward.items());
    expect(forward.offered).to.equal(5000);
  });

  it('keeps everything below k, and another seed draws another sample', () => {
    const small = new BottomK<number>(10, 1);
    for (let i = 0; i < 7; i++) small.offer(`r${i}`, i);
    expect(small.items().sort()).to.deep.equal([0, 1, 2, 3, 4, 5, 6]);
    const a = new BottomK<number>(20, 1);
    const b = new BottomK<number>(20, 2);
    for (let i = 0; i < 1000; i++) {
      a.offer(`r${i}`, i);
      b.offer(`r${i}`, i);
    }
    expect(a.items()).not.to.deep.equal(b.items());
  });

  it('draws every run about equally often: each tenth of 10,000 runs gets 10 % ± 3 % of a 1,000-run sample', () => {
    const sample = new BottomK<number>(1000, 1);
    for (let i = 0; i < 10_000; i++) sample.offer(`run-${i}`, i);
    const deciles = new Array<number>(10).fill(0);
    for (const i of sample.items()) deciles[Math.floor(i / 1000)]!++;
    for (const d of deciles) expect(d).to.be.within(70, 130);
  });

  it('hashes to 32 unsigned bits that depend on the seed', () => {
    expect(sampleHash(1, 'abc')).to.be.within(0, 2 ** 32 - 1);
    expect(sampleHash(1, 'abc')).to.not.equal(sampleHash(2, 'abc'));
    expect(sampleHash(1, 'abc')).to.equal(sampleHash(1, 'abc'));
  });
});
