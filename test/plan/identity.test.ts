import { expect } from 'chai';
import { canonicalJson, contentHash, runId, runSeed } from '../../src/plan/identity.js';

describe('plan/identity', () => {
  it('canonical JSON sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).to.equal('{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
  });
  it('hashes equal configurations equally whatever the key order', () => {
    expect(contentHash({ a: 1, b: 2 })).to.equal(contentHash({ b: 2, a: 1 }));
    expect(contentHash({ a: 1, b: 2 })).to.not.equal(contentHash({ a: 1, b: 3 }));
  });
  it('derives ids from config and repeat, and seeds from ids', () => {
    const id0 = runId('abc', 0);
    expect(id0).to.match(/^[0-9a-f]{16}$/);
    expect(runId('abc', 1)).to.not.equal(id0);
    expect(runSeed(id0)).to.equal(Number.parseInt(id0.slice(0, 8), 16));
    expect(runSeed('ffffffff00000000')).to.equal(4294967295);
  });
});
