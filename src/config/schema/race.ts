/**
 * race: spend repeats where the answer is uncertain (issue 11). Every grid point first gets `min` repeats;
 * then, round by round, a point a better one beats (every pair of points still racing, Holm over the pairs, at
 * round r's share alpha·6/(π²r²) of `alpha`: plan/race/level.ts) is eliminated and the survivors get `step`
 * more, up to `max`. Off unless the study says `race:`.
 * A study-level key: it says how many runs to spend, not what a run computes, so a grid cannot vary it and a
 * run's identity does not include it (repeat k of a point is the run it is in a fixed study of `max` repeats).
 */
import { z } from 'zod';
import { int } from './common.js';
import { metricName } from './run.js';

/** The usual level of the tests (the tables' stars use the same). */
export const DEFAULT_RACE_ALPHA = 0.05;

export const raceSpec = z.strictObject({
  /** Repeats every point gets before the first elimination: at least two, or no test has a variance. */
  min: int(2).default(5),
  /** The most repeats a point gets; default the study's `repeats`. The race is then planned as a study of max repeats. */
  max: int(2).optional(),
  /** Repeats added to every survivor per round. */
  step: int(1).default(5),
  /** Family-wise level of the whole race's eliminations, spent over its rounds (plan/race/level.ts). */
  alpha: z.number().gt(0).lt(1).default(DEFAULT_RACE_ALPHA),
  /** The metric the race is run on; default the study's sort metric (checked against the study's metrics before any run). */
  metric: metricName.optional(),
});

export type RaceSpec = z.output<typeof raceSpec>;

/** A race with every default filled in: max resolved against the study's repeats. */
export interface Race {
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly alpha: number;
  readonly metric?: string;
}

/** The race of a study, or null when it has none. */
export function raceOf(study: { readonly race?: RaceSpec; readonly repeats: number }): Race | null {
  if (study.race === undefined) return null;
  const { max, ...rest } = study.race;
  return { ...rest, max: max ?? study.repeats };
}

/** Repeats a study plans per point: a race's max, else `repeats`. */
export function plannedRepeats(study: { readonly race?: RaceSpec; readonly repeats: number }): number {
  return raceOf(study)?.max ?? study.repeats;
}

/** The study-level check zod cannot make on race: alone: max (or repeats, its default) ≥ min. */
export function checkRace(study: { readonly race?: RaceSpec; readonly repeats: number }, ctx: z.RefinementCtx): void {
  const race = raceOf(study);
  if (race === null || race.max >= race.min) return;
  const given = study.race!.max !== undefined;
  ctx.addIssue({
    code: 'custom',
    path: given ? ['race', 'max'] : ['repeats'],
    message: given
      ? `expected race.max ≥ race.min (${race.min})`
      : `expected repeats ≥ race.min (${race.min}), since race.max defaults to repeats (or give race.max)`,
  });
}
