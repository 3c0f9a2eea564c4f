/** --dry-run's power line: what the planned repeats can decide (Noether's formula and its inverse). */
import { expect } from 'chai';
import { powerLine } from '../../src/commands/dry-run.js';
import { detectableProbability, noetherSampleSize } from '../../src/stats/noether.js';

describe('commands/dry-run power line', () => {
  it('detectableProbability inverts Noether: the P that N repeats detect needs at most N', () => {
    for (const n of [10, 29, 100]) {
      const p = detectableProbability(n);
      expect(noetherSampleSize(p + 1e-9)).to.be.at.most(n);
      expect(noetherSampleSize(p - 0.01)).to.be.greaterThan(n);
    }
    expect(detectableProbability(10)).to.be.closeTo(0.5 + (2 * 1.6448536269514722) / Math.sqrt(60), 1e-12);
  });

  it('says what a paired study can decide, and that an unpaired one uses Welch', () => {
    expect(powerLine({ repeats: 10, pairing: 'paired', vary: ['init', 'order', 'noise'], gamma: 0.75 })).to.equal('comparisons: paired on repeats (varied: init, order, noise); 10 repeats detect P(better) ≥ 0.92 (Noether, α = β = 0.05); P = 0.75 (gamma) needs 29');
    expect(powerLine({ repeats: 3, pairing: 'paired', vary: ['split'], gamma: 0.75 })).to.match(/below 6 repeats no verdict/);
    expect(powerLine({ repeats: 10, pairing: 'independent', vary: ['init', 'order', 'noise'], gamma: 0.75 })).to.match(/^comparisons: unpaired .*Welch/);
  });
});
