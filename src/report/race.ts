/**
 * The race of a study's results (issue 11): the study's `race:` turned into the rules plan/race/ applies (the
 * metric and its direction, the baseline, paired or Welch as the summary compares), the replay of its rounds
 * from a result set, and the words and columns that show it. The sweep asks it which runs the next round needs;
 * summary.csv, the table and report.html ask it how the race went: one replay serves all of them.
 */
import { raceOf, type Race } from '../config/schema.js';
import { lowerIsBetter } from '../engine/metrics.js';
import { didYouMean } from '../config/suggest.js';
import { InputError } from '../errors.js';
import type { AnyPlan } from '../plan/plan.js';
import { roundLevel } from '../plan/race/level.js';
import { plannedRounds, type PointRuns, type RaceRules, type RaceState, replayRace, roundRepeats, runsSpent } from '../plan/race/replay.js';
import type { RunResult } from '../protocol.js';
import { planSortOf } from './columns.js';
import { pairedDesignOf } from './paired-design.js';
import type { SummaryRow } from './summary.js';

/** A study's race: what it says, and the rules its rounds are decided by. */
export interface StudyRace {
  readonly race: Race;
  /** The metric the race is run on: race.metric, else the sort metric. */
  readonly metric: string;
  readonly rules: RaceRules;
}

/**
 * The race of a plan, or null when its study does not race. `file` names the study in the error for a
 * race.metric the study does not have (checked before any run).
 */
export function studyRaceOf(plan: AnyPlan, metrics: readonly string[], baseline: number | null, file = 'study'): StudyRace | null {
  const race = raceOf(plan.study);
  if (race === null) return null;
  const sort = planSortOf(plan, metrics);
  const metric = race.metric ?? sort.metric;
  if (!metrics.includes(metric)) throw new InputError(`${file}: race.metric: expected one of the study's metrics (${metrics.join(', ')})${didYouMean(metric, [...metrics])}, found "${metric}"`);
  const paired = pairedDesignOf(plan, metrics);
  return {
    race,
    metric,
    rules: {
      min: race.min,
      max: race.max,
      step: race.step,
      alpha: race.alpha,
      lowerIsBetter: metric === sort.metric ? sort.lowerIsBetter : lowerIsBetter(metric),
      baseline,
      test: paired === null ? { paired: false } : { paired: true, testTrainRatio: paired.testTrainRatio },
    },
  };
}

/**
 * Results as the race reads them: the runs themselves, or each point's runs by repeat already gathered (a
 * summary streamed from runs.csv keeps those: report/stream/summary-stream.ts, issue 13).
 */
export type RaceResults = Iterable<RunResult> | { readonly pointRuns: readonly PointRuns[] };

/** Each point's runs as the race sees them: repeat → the metric's value, null for a run that failed. */
export function pointRunsOf(points: number, results: RaceResults, metric: string): readonly PointRuns[] {
  if ('pointRuns' in results) return results.pointRuns;
  const runs = Array.from({ length: points }, () => new Map<number, number | null>());
  for (const r of results) runs[r.pointIndex]?.set(r.repeat, r.status === 'ok' && r.metrics[metric] !== undefined ? r.metrics[metric]! : null);
  return runs;
}

/** The race replayed from results (any order: the replay reads them by repeat). */
export function raceStateOf(r: StudyRace, points: number, results: RaceResults): RaceState {
  return replayRace(points, pointRunsOf(points, results, r.metric), r.rules);
}

/** The race's columns of a summary row (point `index`). */
export function raceColumns(state: RaceState, index: number): SummaryRow {
  const o = state.outcomes[index]!;
  return { status: o.status, eliminated_after: o.after ?? null, eliminated_round: o.round ?? null };
}

/** What the race spent: runs with a result below max, against a fixed study's points × max. */
export function raceBudget(r: StudyRace, points: number, results: RaceResults): { spent: number; budget: number } {
  return { spent: runsSpent(pointRunsOf(points, results, r.metric), r.race.max), budget: points * r.race.max };
}

function percent(part: number, whole: number): string {
  return `${whole === 0 ? 0 : ((100 * part) / whole).toFixed(1)} %`;
}

/** "race: 180 of the 630 runs of a fixed study (21 points × 30 repeats), 28.6 %": a sweep's last line. */
export function budgetLine(r: StudyRace, points: number, results: RaceResults): string {
  const { spent, budget } = raceBudget(r, points, results);
  return `race: ${spent} runs spent of the ${budget} a fixed study would run (${points} points × ${r.race.max} repeats), ${percent(spent, budget)}`;
}

/**
 * The rules in words: "rounds at 5, 10, ..., 30 repeats; a point is out when a better one beats it on
 * test_accuracy (paired t-test on matched repeats, every pair of points racing, Holm over the pairs) at round r's
 * level 0.05·6/(π²r²): 0.0304, 0.0076, 0.0034, ..., so at most 0.05 over the race".
 */
export function rulesInWords(r: StudyRace): string {
  const rounds = Array.from({ length: plannedRounds(r.race) }, (_, k) => roundRepeats(r.race, k + 1));
  const shown = rounds.length > 4 ? `${rounds.slice(0, 2).join(', ')}, ..., ${rounds[rounds.length - 1]}` : rounds.join(', ');
  const test = r.rules.test.paired ? 'paired t-test on matched repeats' : "Welch's t-test";
  const levels = rounds.slice(0, 3).map((_, k) => roundLevel(r.race.alpha, k + 1).toPrecision(2));
  return `rounds at ${shown} repeats; a point is out when a better one beats it on ${r.metric} (${test}, every pair of points racing, Holm over the pairs) at round r's level ${r.race.alpha}·6/(π²r²): ${levels.join(', ')}${rounds.length > 3 ? ', ...' : ''}, so at most ${r.race.alpha} over the race${r.rules.baseline !== null ? '; the baseline is never out' : ''}`;
}

/** The worst case a dry run states: every point at max, and the least a race can spend. */
export function worstCaseLine(r: StudyRace, points: number): string {
  return `race: at most ${points * r.race.max} runs (the worst case: nothing eliminated, ${points} × ${r.race.max}), at least ${points * r.race.min} (${points} × ${r.race.min}); ${rulesInWords(r)}`;
}

/**
 * How the race went, for the end of a sweep and `report`: each round's eliminations, and the winner (or where
 * an unfinished race stands). Points are separated by "; " (a label such as "a=1, b=2" has commas of its own).
 */
export function raceLines(r: StudyRace, state: RaceState, label: (point: number) => string): string[] {
  const lines = [`race on ${r.metric}: ${rulesInWords(r)}`];
  for (const round of state.rounds) {
    const by = new Map(round.comparisons.map((c) => [c.point, c.against]));
    const out = round.eliminated.map((p) => `${label(p)} (beaten by ${label(by.get(p)!)})`);
    lines.push(`  round ${round.round} at ${round.repeats} repeats, level ${round.level.toPrecision(2)}: ${out.length === 0 ? 'none out' : `out: ${out.join('; ')}`}`);
  }
  if (state.finished) {
    const others = state.survivors.filter((p) => p !== state.winner);
    lines.push(`  winner: ${state.winner === null ? '— (no point has a value)' : label(state.winner)}${others.length > 0 ? `; still in at the end: ${others.map(label).join('; ')}` : ''}`);
  } else {
    lines.push(`  not finished: round ${state.rounds.length + 1} takes ${state.survivors.length} points to ${state.target} repeats (${state.pending.length} runs to go; --resume continues it)`);
  }
  return lines;
}
