/**
 * run: a study of the user's own training code instead of noise-sweep's models. Each run is a child process
 * (`command`, an argv list: never a shell) or, through the TypeScript API (src/api.ts), a call of a `train`
 * function; its metrics are the numeric fields of the JSON object it reports. Goes with top-level `params`
 * (the user's own settings, free-form) and `sort` (the metric that ranks grid points), see schema.ts.
 */
import { z } from 'zod';

/** A metric name as it becomes a runs.csv column: letters, digits, "_", "." and "-", not starting with a digit. */
export const METRIC_NAME = /^[A-Za-z_][\w.-]*$/;
/** Columns runs.csv and summary.csv already have: a run reporting one of these names keeps it out of its metrics. */
export const RESERVED_COLUMNS = ['repeat', 'seed', 'seconds', 'engine', 'status', 'error', 'run_id', 'n', 'failed'] as const;

export const metricName = z
  .string()
  .regex(METRIC_NAME, 'a metric name (letters, digits, "_", "." or "-", starting with a letter or "_")')
  .refine((m) => !(RESERVED_COLUMNS as readonly string[]).includes(m), { message: `a metric name other than the columns runs.csv already has (${RESERVED_COLUMNS.join(', ')})` });

/** One argv element: YAML may write numbers and booleans bare ([train.py, --epochs, 10]); they are passed as text. */
const argument = z.union([z.string(), z.number(), z.boolean()]).transform(String);

export const runSpec = z
  .strictObject({
    /** The program and its arguments, one element each, with {placeholders} (see plan/command-line.ts). */
    command: z.array(argument).min(1).optional(),
    /** Set by runStudy() (src/api.ts): the name of the TypeScript function that replaces `command`. */
    function: z.string().optional(),
    /** Working directory of the runs, relative to the YAML file's folder. */
    cwd: z.string().min(1).default('.'),
    /** Seconds a run may take; past it its process group is killed and the run recorded as failed. Absent: no limit. */
    timeout: z.number().positive().finite().optional(),
    /** Where a run's metrics are: "stdout" (the last line of stdout that is a JSON object) or a file it writes. */
    metrics: z.string().min(1).default('stdout'),
    /** Metrics every run must report (besides `sort`), known before any run: their columns and bounds are checked up front. */
    columns: z.array(metricName).default([]),
  })
  .superRefine((r, ctx) => {
    if (r.command === undefined && r.function === undefined) {
      ctx.addIssue({ code: 'custom', path: ['command'], message: 'expected the command to run, a list such as [python3, train.py, --lr, "{params.lr}", --seed, "{seed}"]' });
    }
    if (r.command !== undefined && r.function !== undefined) ctx.addIssue({ code: 'custom', path: ['function'], message: 'expected either run.command or run.function, not both' });
  });

export type RunSpec = z.output<typeof runSpec>;

/** `sort:` as written: a metric name (higher is better unless the name says loss, mse or mae), or the metric and its direction. */
export const sortSpec = z.union([metricName, z.strictObject({ metric: metricName, better: z.enum(['higher', 'lower']) })]);
export type SortSpec = z.output<typeof sortSpec>;

/**
 * What one run of a run: study is, and all it is: the part of the study that can change its numbers. Its
 * canonical JSON (less `timeout` and `require`, which decide whether a run counts, not what it computes) with
 * the repeat index is the run's identity. What the command's files contain is not known to noise-sweep and is
 * not part of it (see the README, "Sweep your own code").
 */
export interface CommandConfig {
  readonly studySeed: number;
  /** The grid point's params, the user's own keys. */
  readonly params: Readonly<Record<string, unknown>>;
  /** The argv template (placeholders unsubstituted); absent for a function study. */
  readonly command?: readonly string[];
  /** The function's name, for a study run by runStudy(). */
  readonly function?: string;
  /** As written, relative to the study file's folder (the task's baseDir). */
  readonly cwd: string;
  /** "stdout" or a file path template. */
  readonly metrics: string;
  readonly timeout?: number;
  /** Metrics a successful run must report: the sort metric and run.columns. */
  readonly require: readonly string[];
}
