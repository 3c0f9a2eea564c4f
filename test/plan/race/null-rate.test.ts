/**
 * Races of points that are all the same configuration (null-simulation.ts: a synthetic accuracy around 0.8,
 * 2,000 races of 5 points per case, each race its own seed). Nothing is better than anything, so every elimination
 * is an error. Holm makes one round's family-wise error about alpha; comparing with the best of the round (chosen
 * because it looks best) and looking once per round push a whole race's rate above it. Measured over
 * 20,000 races (`node dist/test/plan/race/null-simulation.js`): one round at 5 repeats eliminates anything in
 * 6.8 % (Welch) and 8.1 % (paired) of races of 5 points; a race of 5 to 30 repeats in steps of 5 in 26.3 % and
 * 29.0 % of races, 7.7 % and 8.1 % of its points (21 points: 53.9 % and 59.3 % of races, 5.8 % and 6.0 % of points).
 */
import { expect } from 'chai';
import { simulateNullRaces } from './null-simulation.js';

const RACES = 2000;

describe('plan/race: every point the same configuration', function () {
  this.timeout(120_000);

  for (const paired of [false, true]) {
    const test = paired ? 'paired' : 'Welch';
    it(`${test}: one round eliminates anything in about alpha of the races (at most 10 % at alpha 0.05)`, () => {
      const r = simulateNullRaces({ races: RACES, points: 5, paired, min: 5, max: 5, step: 5, alpha: 0.05 });
      expect(r.racesWithElimination / RACES).to.be.within(0.02, 0.1);
      // A tenth of alpha, a tenth of the errors, give or take the noise of 2,000 races.
      const strict = simulateNullRaces({ races: RACES, points: 5, paired, min: 5, max: 5, step: 5, alpha: 0.005 });
      expect(strict.racesWithElimination / RACES).to.be.below(0.02);
    });

    it(`${test}: a race of 5 to 30 repeats eliminates nothing in most races, and under 10 % of its points`, () => {
      const r = simulateNullRaces({ races: RACES, points: 5, paired, min: 5, max: 30, step: 5, alpha: 0.05 });
      expect(r.racesWithElimination / RACES).to.be.below(0.35);
      expect(r.pointsEliminated / (RACES * 5)).to.be.below(0.1);
      // Equal points keep racing: nearly the whole fixed budget is spent finding that nothing can be told apart.
      expect(r.runsSpent / r.budget).to.be.above(0.9);
    });
  }
});
