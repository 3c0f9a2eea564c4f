/**
 * Races of points that are all the same configuration (null-simulation.ts: a synthetic accuracy around 0.8,
 * 2,000 races of 5 points per case, each race its own seed). Nothing is better than anything, so every elimination
 * is an error, and a race's family-wise error must stay at most alpha (level.ts: round r tests at
 * alpha·6/(π²r²), all pairs, Holm over the pairs). Measured over 4,000 races at alpha 0.05
 * (`node dist/test/plan/race/null-simulation.js 4000`, 2026-12-04): one round at 5 repeats eliminates anything
 * in 1.9 % (Welch) and 3.1 % (paired) of races of 5 points; a race of 5 to 30 repeats in steps of 5 in 2.7 % and
 * 4.0 % (21 points: 2.5 % and 4.4 %). The same races decided at the full alpha every round: 12.6 % and 16.4 %
 * (21 points: 13.1 % and 18.2 %), which is why the levels are spent over the rounds.
 */
import { expect } from 'chai';
import { roundLevel } from '../../../src/plan/race/level.js';
import { fullAlphaEveryRound, simulateNullRaces } from './null-simulation.js';

const RACES = 2000;
const ALPHA = 0.05;

/** `rate` plus three binomial standard errors of a share of RACES races: the noise of a finite simulation. */
const bound = (rate: number) => rate + 3 * Math.sqrt((rate * (1 - rate)) / RACES);

describe('plan/race: every point the same configuration', function () {
  this.timeout(300_000);

  for (const paired of [false, true]) {
    const test = paired ? 'paired' : 'Welch';
    it(`${test}: one round eliminates anything in at most its level of the races (round 1: ${roundLevel(ALPHA, 1).toFixed(3)})`, () => {
      const r = simulateNullRaces({ races: RACES, points: 5, paired, min: 5, max: 5, step: 5, alpha: ALPHA });
      expect(r.racesWithElimination / RACES).to.be.at.most(bound(roundLevel(ALPHA, 1)));
      // Not a rule that never eliminates: at that level some null races do lose a point.
      expect(r.racesWithElimination).to.be.above(0);
    });

    it(`${test}: a race of 5 to 30 repeats eliminates anything in at most alpha of the races; at the full alpha every round it would not`, () => {
      const r = simulateNullRaces({ races: RACES, points: 5, paired, min: 5, max: 30, step: 5, alpha: ALPHA });
      expect(r.racesWithElimination / RACES).to.be.at.most(bound(ALPHA));
      // Equal points keep racing: nearly the whole fixed budget is spent finding that nothing can be told apart.
      expect(r.runsSpent / r.budget).to.be.above(0.9);
      // The same races, every round at the full alpha: the six looks add up past alpha (so this test can fail).
      const full = simulateNullRaces({ races: RACES, points: 5, paired, min: 5, max: 30, step: 5, alpha: ALPHA, decide: fullAlphaEveryRound });
      expect(full.racesWithElimination / RACES).to.be.above(bound(ALPHA));
    });
  }
});
