import { expect } from 'chai';
import { Xoshiro128 } from '../../../src/engine/rng/xoshiro128.js';

/**
 * Reference values from the authors' C code (xoshiro128starstar.c, Blackman & Vigna: next() and jump() copied
 * verbatim), compiled with gcc and run from the state {1, 2, 3, 4}.
 */
describe('engine/rng/xoshiro128', () => {
  it('gives the authors’ outputs from state {1, 2, 3, 4}', () => {
    const rng = new Xoshiro128(1, 2, 3, 4);
    expect([rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]).to.deep.equal([11520, 0, 5927040]);
  });

  it('jump() moves the state where the authors’ jump() does, and the stream goes on from there', () => {
    const rng = new Xoshiro128(1, 2, 3, 4);
    rng.jump();
    expect([0, 1, 2, 3].map((i) => rng.stateWord(i) >>> 0)).to.deep.equal([2843103750, 2038079848, 1533207345, 44816753]);
    expect([rng.nextUint32(), rng.nextUint32()]).to.deep.equal([1194304935, 745561276]);
    rng.jump();
    expect([0, 1, 2, 3].map((i) => rng.stateWord(i) >>> 0)).to.deep.equal([2585999373, 2575864366, 2643765311, 3505959156]);
  });

  describe('normalLanes', () => {
    const words = (rng: Xoshiro128) => [0, 1, 2, 3].map((i) => rng.stateWord(i));
    it('lane l is the seeded state jumped l + 1 times, whatever the generator drew before it was asked', () => {
      const rng = Xoshiro128.fromSeed(5, 3);
      for (let i = 0; i < 10; i++) rng.nextUint32();
      const { lanes, next } = rng.normalLanes();
      expect(next).to.equal(0);
      const ref = Xoshiro128.fromSeed(5, 3);
      for (let l = 0; l < 4; l++) {
        ref.jump();
        expect(words(lanes[l]!), `lane ${l}`).to.deep.equal(words(ref));
      }
    });
    it('are made once: later calls return the same, advanced lanes', () => {
      const rng = Xoshiro128.fromSeed(5, 3);
      const first = rng.normalLanes();
      first.lanes[0].nextUint32();
      expect(rng.normalLanes()).to.equal(first);
    });
    it('leave the generator’s own stream alone', () => {
      const a = Xoshiro128.fromSeed(5, 3);
      const b = Xoshiro128.fromSeed(5, 3);
      for (const lane of a.normalLanes().lanes) lane.nextUint32();
      expect(a.nextUint32()).to.equal(b.nextUint32());
    });
  });
});
