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
import { trainSpec } from './schema/train.js';

export * from './schema/data.js';
export * from './schema/eval.js';
export * from './schema/expect.js';
export * from './schema/limits.js';
export * from './schema/model.js';
export * from './schema/noise.js';
export * from './schema/run-config.js';
export * from './schema/train.js';

const gridValues = z.array(z.unknown()).min(1);

export const studySpec = z.strictObject({
  name: z.string().min(1).regex(/^[\w.-]+$/, 'letters, digits, "_", "-" or "."'),
  seed: int(0).max(2 ** 32 - 1).default(1),
  repeats: int(1).default(10),
  data: dataSpec.prefault({ generator: 'circles' }),
  model: modelSpec.prefault({}),
  train: trainSpec.prefault({}),
  noise: noiseSpec.prefault({}),
  eval: evalSpec.prefault({}),
  grid: z.record(z.string(), gridValues).default({}),
  /** The grid point(s) the others are compared with: a {dotted key: value} selection. */
  baseline: z.record(z.string(), z.unknown()).optional(),
  /** Accuracy bounds judged after the sweep: a `where` selection plus {column: {min, max}}. */
  expect: expectSpec,
  /** Sizes the study may reach (grid points, runs, repeats, samples, parameters); see schema/limits.ts. */
  limits: limitsSpec.prefault({}),
});

export type StudyInput = z.input<typeof studySpec>;
export type Study = z.output<typeof studySpec>;
