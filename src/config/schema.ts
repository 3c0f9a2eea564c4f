/**
 * The study schema: every key a YAML study may hold, its type, range and default. Each section has its own
 * file under schema/ (data, model, train, noise, eval, expect); this one puts them together and re-exports
 * them, so `import ... from 'config/schema.js'` reaches every part.
 * Validation happens on the whole study (and on every grid point) before any run starts; see load.ts.
 */
import { z } from 'zod';
import { int } from './schema/common.js';
import { dataSpec } from './schema/data.js';
import { evalSpec } from './schema/eval.js';
import { expectSpec } from './schema/expect.js';
import { limitsSpec } from './schema/limits.js';
import { modelSpec } from './schema/model.js';
import { noiseSpec } from './schema/noise.js';
import { checkRace, raceSpec } from './schema/race.js';
import { runSpec, sortSpec } from './schema/run.js';
import { trainSpec } from './schema/train.js';
import { varianceKeys } from './schema/variance.js';

export * from './schema/data.js';
export * from './schema/eval.js';
export * from './schema/expect.js';
export * from './schema/limits.js';
export * from './schema/model.js';
export * from './schema/noise.js';
export * from './schema/race.js';
export * from './schema/run.js';
export * from './schema/run-config.js';
export * from './schema/train.js';
export * from './schema/variance.js';

const gridValues = z.array(z.unknown()).min(1);

/** Keys every study has, whatever trains its runs. */
const studyCommon = {
  name: z.string().min(1).regex(/^[\w.-]+$/, 'letters, digits, "_", "-" or "."'),
  seed: int(0).max(2 ** 32 - 1).default(1),
  repeats: int(1).default(10),
  grid: z.record(z.string(), gridValues).default({}),
  /** The grid point(s) the others are compared with: a {dotted key: value} selection. */
  baseline: z.record(z.string(), z.unknown()).optional(),
  /** Accuracy bounds judged after the sweep: a `where` selection plus {column: {min, max}}. */
  expect: expectSpec,
  /** The metric that ranks grid points (tables, "best", progress). Absent: test accuracy, or the test error. */
  sort: sortSpec.optional(),
  /** Sizes the study may reach (grid points, runs, repeats, samples, parameters); see schema/limits.ts. */
  limits: limitsSpec.prefault({}),
  /** pairing, vary, equivalence, gamma: how repeats differ and how points are compared (schema/variance.ts). */
  ...varianceKeys,
  /** Racing: repeats spent round by round on the points still in contention (schema/race.ts); off when absent. */
  race: raceSpec.optional(),
};

export const studySpec = z.strictObject({
  ...studyCommon,
  data: dataSpec.prefault({ generator: 'circles' }),
  model: modelSpec.prefault({}),
  train: trainSpec.prefault({}),
  noise: noiseSpec.prefault({}),
  eval: evalSpec.prefault({}),
}).superRefine(checkRace);

/** A study of the user's own code: `run:` (a command, or a function through the API) over free-form `params`. */
export const commandStudySpec = z
  .strictObject({
    ...studyCommon,
    /** The user's own settings, any YAML values; the grid varies them as params.<key>. */
    params: z.record(z.string(), z.unknown()).default({}),
    run: runSpec,
  })
  .superRefine(checkRace)
  .superRefine((s, ctx) => {
    // noise-sweep cannot know what the user's metrics mean: the one that ranks points is named, never guessed.
    if (s.sort === undefined) ctx.addIssue({ code: 'custom', path: ['sort'], message: 'expected the metric that ranks grid points, one your runs report (e.g. sort: accuracy, or sort: { metric: loss, better: lower })' });
  });

export type StudyInput = z.input<typeof studySpec>;
export type Study = z.output<typeof studySpec>;
export type CommandStudyInput = z.input<typeof commandStudySpec>;
export type CommandStudy = z.output<typeof commandStudySpec>;
/** Either kind of study: the keys results, statistics and bounds need are common to both. */
export type AnyStudy = Study | CommandStudy;

/** True for a study of the user's own code (`run:`). */
export function isCommandStudy(study: AnyStudy): study is CommandStudy {
  return 'run' in study;
}

/** The sections of a model study, which a study with `run:` does not have. */
export const MODEL_SECTIONS = ['data', 'model', 'train', 'noise', 'eval'] as const;
