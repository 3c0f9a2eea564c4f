/**
 * The TypeScript API, the package's entry (`import { runStudy } from 'noise-sweep'`): a study of the user's own
 * code given as an object, with a `train(params, seed)` function in place of a command. It is the sweep the
 * command line runs (src/commands/sweep.ts): the same plan, run ids and seeds, runs.csv, summary.csv,
 * report.html, bounds, --resume and shards; only the runs are calls of `train` in this process.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { LoadedStudy } from './config/load.js';
import { validateAnyStudy } from './config/load.js';
import type { AnyStudy, CommandStudyInput } from './config/schema.js';
import { runSweep, type SweepOutcome } from './commands/sweep.js';
import { InputError } from './errors.js';
import type { Shard } from './launch/shard.js';
import type { TrainFunction } from './worker/run-function.js';

export type { TrainContext, TrainFunction } from './worker/run-function.js';
export type { RunResult } from './protocol.js';
export type { SummaryRow } from './report/summary.js';
export { BoundsViolated, InputError, Interrupted, RunsFailed, SweepError } from './errors.js';

/** A study as its YAML file would hold it, without run.command (the function replaces it). */
export type StudyObject = Omit<CommandStudyInput, 'run' | 'name'> & {
  /** Names the results directory; default "study". */
  readonly name?: string;
  readonly run?: Omit<NonNullable<CommandStudyInput['run']>, 'command' | 'function' | 'cwd' | 'metrics'>;
};

export interface RunStudyOptions {
  readonly study: StudyObject;
  /** Called once per run with the grid point's params and the run's seed; returns the run's metrics. */
  readonly train: TrainFunction;
  /** Results directory (default: results/<name>-<timestamp>/, relative to the current folder). */
  readonly out?: string;
  /** Calls of `train` in flight at a time (default: the number of cores; a synchronous train runs one at a time). */
  readonly workers?: number;
  /** Continue `out`: only the runs it lacks are run. */
  readonly resume?: boolean;
  /** Start `out` over. */
  readonly force?: boolean;
  /** This process's part of the study, e.g. { index: 2, count: 8 }. */
  readonly shard?: Shard;
  readonly maxFailures?: number;
  /** Write JUnit XML of the expect: bounds here. */
  readonly junit?: string;
  /** Also write summary.json. */
  readonly json?: boolean;
  /** Where the table and messages go; without it runStudy prints nothing. */
  readonly log?: (line: string) => void;
}

/** What a finished study gives back (everything is also in the results directory). */
export type StudyOutcome = Pick<SweepOutcome, 'outDir' | 'metrics' | 'results' | 'summary' | 'reused'>;

/** How the API names itself where a command line would name the study file. */
const SOURCE = 'runStudy()';

/**
 * Sweeps `train` over the study: every grid point × repeats, seeds from each run's identity.
 *
 * @throws InputError (exitCode 2) for a bad study, before any run; RunsFailed (3) when runs failed;
 *   BoundsViolated (1) when an expect: bound is not met; all after the results are written.
 * @example
 *   const { summary } = await runStudy({
 *     study: { repeats: 10, params: { lr: 0.01 }, grid: { 'params.lr': [0.1, 0.01] }, sort: 'accuracy' },
 *     train: async (params, seed) => ({ accuracy: await fit(params, seed) }),
 *   });
 */
export async function runStudy(opts: RunStudyOptions): Promise<StudyOutcome> {
  if (typeof opts.train !== 'function') throw new InputError(`${SOURCE}: train: expected a function (params, seed) => metrics, found ${typeof opts.train}`);
  const { run, ...rest } = opts.study as StudyObject & { run?: Record<string, unknown> };
  if (run && ('command' in run || 'function' in run)) throw new InputError(`${SOURCE}: study.run.${'command' in run ? 'command' : 'function'}: expected none: the train function is what runs`);
  const raw: Record<string, unknown> = { name: 'study', ...rest, run: { ...run, function: opts.train.name || 'train' } };
  const study: AnyStudy = validateAnyStudy(raw, SOURCE, 'study.');
  const loaded: LoadedStudy<AnyStudy> = { file: SOURCE, baseDir: resolve('.'), raw, study };
  const log = opts.log;
  const outcome = await runSweep(
    loaded,
    {
      config: SOURCE,
      workers: opts.workers ?? availableParallelism(),
      set: [],
      quiet: log === undefined,
      ...(log ? { log, progress: 'quiet' as const } : {}),
      ...(opts.out !== undefined ? { out: opts.out } : {}),
      ...(opts.resume ? { resume: true } : {}),
      ...(opts.force ? { force: true } : {}),
      ...(opts.shard ? { shard: opts.shard } : {}),
      ...(opts.maxFailures !== undefined ? { maxFailures: opts.maxFailures } : {}),
      ...(opts.junit !== undefined ? { junit: opts.junit } : {}),
      ...(opts.json ? { json: true } : {}),
    },
    opts.train,
  );
  const { outDir, metrics, results, summary, reused } = outcome;
  return { outDir, metrics, results, summary, reused };
}
