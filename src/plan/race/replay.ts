/**
 * A race replayed from its finished runs (issue 11). Round r (1-based) takes every survivor to
 * min + (r − 1)·step repeats (at most max) and is decided (eliminate.ts) once each survivor has a result for each
 * of those repeats; the race ends when no survivor but the best still contends, or the survivors have max repeats.
 * Each decision reads the values of repeats below its round's count and nothing else, so the replay gives the
 * same rounds however the runs were scheduled: on one worker or many, in one sweep or resumed after a stop, and
 * with max raised (the rounds before the old max are decided as they were). A run is never planned here: the
 * runs are those of a fixed study of max repeats (plan.ts); the replay says which of them the race needs next.
 */
import { decideRound, type RaceTest, type RoundDecision, type RoundInput } from './eliminate.js';

export interface RaceRules {
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly alpha: number;
  readonly lowerIsBetter: boolean;
  /** Never eliminated; null when the study has none. */
  readonly baseline: number | null;
  readonly test: RaceTest;
}

/**
 * What is known of one point's runs: repeat → its value of the race metric, or null for a run that has a result
 * but no value (it failed). A repeat that is absent has not run.
 */
export type PointRuns = ReadonlyMap<number, number | null>;

export type RaceStatus = 'winner' | 'survivor' | 'eliminated';

export interface PointOutcome {
  readonly status: RaceStatus;
  /** For an eliminated point: the round that eliminated it, and the repeats it had then. */
  readonly round?: number;
  readonly after?: number;
}

export interface RaceState {
  /** The rounds decided so far, in order. */
  readonly rounds: readonly RoundDecision[];
  readonly finished: boolean;
  /** The best survivor of the last round, once the race is finished. */
  readonly winner: number | null;
  /** The repeats the survivors are taken to in the round under way (the last round's, once finished). */
  readonly target: number;
  /** Point indices still in the race (the winner and the baseline among them). */
  readonly survivors: readonly number[];
  /** Every point's outcome, by point index. */
  readonly outcomes: readonly PointOutcome[];
  /** The runs the round under way still needs, point-major: empty once the race is finished. */
  readonly pending: readonly { readonly point: number; readonly repeat: number }[];
}

/** The repeats survivors have after `round` rounds (1-based). */
export function roundRepeats(rules: Pick<RaceRules, 'min' | 'max' | 'step'>, round: number): number {
  return Math.min(rules.max, rules.min + (round - 1) * rules.step);
}

/** Rounds of a race that goes the distance: from min to max repeats. */
export function plannedRounds(rules: Pick<RaceRules, 'min' | 'max' | 'step'>): number {
  return 1 + Math.ceil((rules.max - rules.min) / rules.step);
}

function checkRules(rules: RaceRules, points: number): void {
  const whole = (x: number, lo: number) => Number.isInteger(x) && x >= lo;
  if (!whole(rules.min, 2) || !whole(rules.step, 1) || !whole(rules.max, rules.min)) {
    throw new RangeError(`replayRace: expected whole numbers min ≥ 2, step ≥ 1 and max ≥ min, found min ${rules.min}, step ${rules.step}, max ${rules.max}`);
  }
  if (rules.baseline !== null && !(Number.isInteger(rules.baseline) && rules.baseline >= 0 && rules.baseline < points)) {
    throw new RangeError(`replayRace: expected the baseline to be a point index below ${points}, found ${rules.baseline}`);
  }
}

/**
 * The race of `points` points (indices 0..points−1) given what their runs produced (`runs[i]`, absent: no run yet).
 * `decide` is the rule a round is decided by: eliminate.ts's, unless a simulation compares another rule with it.
 * @example
 * // Two points at min = max = 2: one round, decided once all four runs are in.
 * replayRace(2, [new Map([[0, 0.8]]), new Map()], { min: 2, max: 2, step: 1, alpha: 0.05, lowerIsBetter: false, baseline: null, test: { paired: true } }).pending;
 * // => [{ point: 0, repeat: 1 }, { point: 1, repeat: 0 }, { point: 1, repeat: 1 }]
 */
export function replayRace(points: number, runs: readonly (PointRuns | undefined)[], rules: RaceRules, decide: (input: RoundInput) => RoundDecision = decideRound): RaceState {
  checkRules(rules, points);
  const values = Array.from({ length: points }, (_, i) => {
    const own = new Map<number, number>();
    for (const [repeat, value] of runs[i] ?? []) if (value !== null) own.set(repeat, value);
    return own;
  });
  let survivors = Array.from({ length: points }, (_, i) => i);
  const eliminated = new Map<number, { round: number; after: number }>();
  const rounds: RoundDecision[] = [];
  for (let round = 1; ; round++) {
    const target = roundRepeats(rules, round);
    const pending = survivors.flatMap((point) => Array.from({ length: target }, (_, repeat) => repeat).filter((repeat) => !(runs[point]?.has(repeat) ?? false)).map((repeat) => ({ point, repeat })));
    const state = (finished: boolean, winner: number | null): RaceState => ({
      rounds,
      finished,
      winner,
      target,
      survivors,
      outcomes: Array.from({ length: points }, (_, i): PointOutcome => {
        const out = eliminated.get(i);
        if (out) return { status: 'eliminated', ...out };
        return { status: i === winner ? 'winner' : 'survivor' };
      }),
      pending: finished ? [] : pending,
    });
    if (pending.length > 0) return state(false, null);
    const decision = decide({ round, repeats: target, survivors, values: (i) => values[i]!, lowerIsBetter: rules.lowerIsBetter, baseline: rules.baseline, alpha: rules.alpha, test: rules.test });
    rounds.push(decision);
    for (const p of decision.eliminated) eliminated.set(p, { round, after: target });
    survivors = survivors.filter((p) => !eliminated.has(p));
    if (decision.contending.length === 0 || target >= rules.max) return state(true, decision.best);
  }
}

/** Runs a race has spent: every run with a result among its points' repeats below max. */
export function runsSpent(runs: readonly (PointRuns | undefined)[], max: number): number {
  return runs.reduce((n, r) => n + [...(r?.keys() ?? [])].filter((repeat) => repeat < max).length, 0);
}
