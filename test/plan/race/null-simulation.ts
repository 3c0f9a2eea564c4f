/**
 * How often a race eliminates something when every point is the same configuration: simulated races of a cheap
 * synthetic metric, each point's repeats drawn from one distribution. null-rate.test.ts runs a few thousand; for
 * tighter figures run this file (not a test):
 *   npm run build && node dist/test/plan/race/null-simulation.js [races=20000]
 * It prints, for Welch (independent repeats) and paired (a shared per-repeat effect, as paired seeds give), the
 * share of races that eliminated any point and the share of points eliminated, with binomial standard errors.
 */
import { pathToFileURL } from 'node:url';
import { nextNormal } from '../../../src/engine/rng/normal.js';
import { Xoshiro128 } from '../../../src/engine/rng/xoshiro128.js';
import { decideRound, type RoundDecision, type RoundInput } from '../../../src/plan/race/eliminate.js';
import { type PointRuns, replayRace } from '../../../src/plan/race/replay.js';

export interface NullRaces {
  readonly races: number;
  readonly points: number;
  readonly paired: boolean;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly alpha: number;
  /** The rule rounds are decided by (eliminate.ts's unless given: a test shows what another rule would do). */
  readonly decide?: (input: RoundInput) => RoundDecision;
}

/** Every round at the full alpha, as issue 11's first rule did: the looks a race takes then add up. */
export const fullAlphaEveryRound = (input: RoundInput): RoundDecision => decideRound({ ...input, level: input.alpha });

export interface NullRates {
  /** Races that eliminated at least one point. */
  readonly racesWithElimination: number;
  readonly pointsEliminated: number;
  /** Runs the races spent, and what fixed repeats would have (points × max per race). */
  readonly runsSpent: number;
  readonly budget: number;
}

/**
 * An accuracy-like metric around 0.8. Paired: repeat k's seeds move every point alike (the repeat effect, sd 0.02)
 * and each point adds its own noise (sd 0.01); independent: sd 0.02 per run, nothing shared. Race k draws from
 * Xoshiro128.fromSeed(k, 11).
 */
export function simulateNullRaces(s: NullRaces): NullRates {
  let racesWithElimination = 0;
  let pointsEliminated = 0;
  let runsSpent = 0;
  for (let k = 0; k < s.races; k++) {
    const rng = Xoshiro128.fromSeed(k, 11);
    const runs: PointRuns[] = Array.from({ length: s.points }, () => new Map<number, number>());
    for (let repeat = 0; repeat < s.max; repeat++) {
      const shared = s.paired ? 0.02 * nextNormal(rng) : 0;
      for (const r of runs) (r as Map<number, number>).set(repeat, 0.8 + shared + (s.paired ? 0.01 : 0.02) * nextNormal(rng));
    }
    // Every repeat is drawn up front; the race reads only the ones its rounds reach.
    const state = replayRace(s.points, runs, { min: s.min, max: s.max, step: s.step, alpha: s.alpha, lowerIsBetter: false, baseline: null, test: { paired: s.paired } }, s.decide);
    const out = state.outcomes.filter((o) => o.status === 'eliminated').length;
    if (out > 0) racesWithElimination++;
    pointsEliminated += out;
    runsSpent += state.outcomes.reduce((n, o) => n + (o.status === 'eliminated' ? o.after! : state.target), 0);
  }
  return { racesWithElimination, pointsEliminated, runsSpent, budget: s.races * s.points * s.max };
}

function main(): void {
  const races = Number(process.argv[2] ?? 20000);
  const pct = (x: number, n: number) => `${((100 * x) / n).toFixed(2)} % ± ${((100 * Math.sqrt((x / n) * (1 - x / n))) / Math.sqrt(n)).toFixed(2)}`;
  for (const paired of [false, true]) {
    for (const [points, min, max, step] of [[5, 5, 5, 5], [5, 5, 30, 5], [21, 5, 30, 5]] as const) {
      for (const [rule, decide] of [['levels', decideRound], ['full alpha', fullAlphaEveryRound]] as const) {
        const r = simulateNullRaces({ races, points, paired, min, max, step, alpha: 0.05, decide });
        console.log(`${rule}: ${paired ? 'paired' : 'Welch '} ${points} points, min ${min} max ${max} step ${step}: races eliminating anything ${pct(r.racesWithElimination, races)}, points eliminated ${pct(r.pointsEliminated, races * points)}, runs ${((100 * r.runsSpent) / r.budget).toFixed(1)} % of fixed (${races} races)`);
      }
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
