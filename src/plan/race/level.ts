/**
 * The level a race's round r tests at (issue 11): alpha spent over the rounds, not at every round.
 *
 * Why: a race looks at its data once per round, and every look can eliminate a point that is no worse. Testing
 * each round at the full alpha makes the race's family-wise error grow with the number of rounds (in null races
 * of 21 points, 5 to 30 repeats in steps of 5, up to 59 % of races eliminated something at alpha 0.05). Round r
 * (1-based) gets alpha · 6 / (π² r²) instead: since Σ 1/r² = π²/6, the levels sum to alpha over any number of
 * rounds, and by the union bound the chance that any round of a race rejects a true null is at most alpha
 * (each round's Holm adjustment holding its own family-wise error at its level). A race whose max is raised on
 * --resume keeps the levels its earlier rounds had, so those rounds are decided as they were.
 *
 * @param alpha the race's family-wise level, in (0, 1)
 * @param round 1-based round number
 * @returns the round's level
 * @throws {RangeError} when alpha is outside (0, 1) or round is not a whole number ≥ 1
 * @example
 * roundLevel(0.05, 1); // => 0.03039635509270134
 * roundLevel(0.05, 2); // => 0.007599088773175335
 */
export function roundLevel(alpha: number, round: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`roundLevel: expected alpha in (0, 1), found ${String(alpha)}`);
  if (!(Number.isInteger(round) && round >= 1)) throw new RangeError(`roundLevel: expected a whole round number ≥ 1, found ${String(round)}`);
  return (alpha * 6) / (Math.PI ** 2 * round ** 2);
}
