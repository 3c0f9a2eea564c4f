/**
 * The command line: commands and flags only. Each command's handler builds a typed options object; bin.ts
 * runs it. Parsing is a pure step (argv and environment in, command out) so its test is a table.
 */
import { availableParallelism } from 'node:os';
import yargs, { type Argv } from 'yargs';
import { InputError } from './errors.js';
import type { SweepOptions } from './commands/sweep.js';
import type { CheckOptions } from './commands/check.js';
import { type DataOptions, flagOf } from './commands/data.js';
import { GENERATOR_KEYS, type GeneratorName } from './config/schema.js';
import type { ReportOptions } from './commands/report.js';
import type { MergeOptions } from './commands/merge.js';
import type { VarianceOptions } from './commands/variance.js';
import { parseShard, shardFromEnv } from './launch/shard.js';
import { LIMIT_NAMES, type LimitName } from './config/schema/limits.js';

export type Command =
  | { readonly kind: 'sweep'; readonly options: SweepOptions }
  | { readonly kind: 'merge'; readonly options: MergeOptions }
  | { readonly kind: 'variance'; readonly options: VarianceOptions }
  | { readonly kind: 'data'; readonly options: DataOptions }
  | { readonly kind: 'check'; readonly options: CheckOptions }
  | { readonly kind: 'report'; readonly options: ReportOptions }
  | { readonly kind: 'none' };

const GENERATORS = Object.keys(GENERATOR_KEYS) as GeneratorName[];

/** `sweep data`'s generator settings: the `data:` keys, as flags (clusterStd → --cluster-std); defaults in parentheses. */
const DATA_FLAGS: Record<string, { type: 'number' | 'boolean'; describe: string }> = {
  samples: { type: 'number', describe: 'rows (100; shapes 300, sequences 400)' },
  seed: { type: 'number', describe: 'random_state (1)' },
  noise: { type: 'number', describe: 'circles, moons: stddev of the point noise (0.1); friedman1: of the target noise (0); shapes: of the pixel noise (0.2)' },
  factor: { type: 'number', describe: 'circles: inner/outer radius (0.8)' },
  features: { type: 'number', describe: 'blobs (2), classification (20), friedman1 (10): columns; sequences: values per step (1)' },
  centers: { type: 'number', describe: 'blobs: clusters (3)' },
  clusterStd: { type: 'number', describe: 'blobs: stddev of each cluster (1)' },
  informative: { type: 'number', describe: 'classification: informative features (2)' },
  redundant: { type: 'number', describe: 'classification: redundant features (2)' },
  repeated: { type: 'number', describe: 'classification: repeated features (0)' },
  classes: { type: 'number', describe: 'classification (2), shapes (3): classes' },
  clustersPerClass: { type: 'number', describe: 'classification: clusters per class (2)' },
  flipY: { type: 'number', describe: 'classification: share of labels flipped (0.01)' },
  classSep: { type: 'number', describe: 'classification: class separation (1)' },
  hypercube: { type: 'boolean', describe: 'classification: clusters on hypercube vertices (true; --no-hypercube)' },
  size: { type: 'number', describe: 'shapes: image side in pixels (12)' },
  length: { type: 'number', describe: 'sequences: steps after padding (20)' },
  minLength: { type: 'number', describe: 'sequences: shortest sequence (5)' },
};

function wholeNumber(flag: string, value: unknown, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    const found = typeof value === 'number' && Number.isNaN(value) ? 'something that is not a number' : JSON.stringify(value);
    throw new InputError(`--${flag}: expected a whole number ≥ ${min}, found ${found}`);
  }
  return value;
}

/** Runs per source in `sweep variance` when --repeats is not given: enough for a standard deviation within about −30 %/+80 % (95 %). */
const DEFAULT_VARIANCE_REPEATS = 10;

/** --limit name=N pairs (a limit name from config/schema/limits.ts, a whole number ≥ 1). */
function parseLimits(pairs: readonly unknown[]): Partial<Record<LimitName, number>> {
  const limits: Partial<Record<LimitName, number>> = {};
  for (const pair of pairs.map(String)) {
    const m = /^(\w+)=(\d+)$/.exec(pair);
    if (!m || !(LIMIT_NAMES as string[]).includes(m[1]!) || Number(m[2]) < 1) throw new InputError(`--limit ${pair}: expected name=N with N ≥ 1 and a name among ${LIMIT_NAMES.join(', ')}`);
    limits[m[1] as LimitName] = Number(m[2]);
  }
  return limits;
}

/** The flags of every command that runs a study (sweep, sweep variance): where results go, how it runs, what it says. */
function runFlags<T>(y: Argv<T>) {
  return y
    .option('out', { type: 'string', describe: 'results directory (default: results/<name>-<timestamp>/)' })
    .option('workers', { type: 'number', describe: 'worker threads (default: the cores)' })
    .option('set', { type: 'string', array: true, describe: 'override any key: --set train.epochs=100 (YAML value)' })
    .option('limit', { type: 'string', array: true, describe: 'raise a limit: --limit gridPoints=500000 (see limits: in the README)' })
    .option('resume', { type: 'boolean', default: false, describe: 'continue --out: run only the missing runs' })
    .option('force', { type: 'boolean', default: false, describe: 'start --out over, removing its results' })
    .option('inline', { type: 'boolean', default: false, describe: 'train in the main thread (debugging; lets tfjs-node load)' })
    .option('json', { type: 'boolean', default: false, describe: 'also write summary.json' })
    .option('report-every', { type: 'number', describe: 'seconds between rewrites of report.html while the sweep runs (default 5; 0: only at the end)' })
    .option('dry-run', { type: 'boolean', default: false, describe: 'print the plan and a time estimate; run nothing' })
    .option('quiet', { type: 'boolean', default: false, describe: 'no progress and no table' });
}

type RunFlags = ReturnType<typeof runFlags<object>> extends Argv<infer A> ? A : never;

/** runFlags' values as the options both commands share. */
function runOptionsOf(args: RunFlags) {
  // By hand, not yargs' conflicts(): boolean defaults count as "given" there.
  if (args.resume && args.force) throw new InputError('--resume and --force: expected one of them, found both (resume keeps finished runs, force discards them)');
  const reportEvery = wholeNumber('report-every', args['report-every'], 0);
  return {
    ...(args.out !== undefined ? { out: args.out } : {}),
    workers: wholeNumber('workers', args.workers, 1) ?? availableParallelism(),
    set: (args.set ?? []).map(String),
    ...(args.limit !== undefined ? { limits: parseLimits(args.limit) } : {}),
    quiet: args.quiet,
    resume: args.resume,
    force: args.force,
    ...(reportEvery !== undefined ? { reportEvery } : {}),
    inline: args.inline,
    dryRun: args['dry-run'],
    json: args.json,
  };
}

/** Parses arguments (without "node sweep") into a command; bad flags throw InputError (exit 2). */
export async function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Command> {
  let command: Command | undefined;
  await yargs([...argv])
    .scriptName('sweep')
    .usage('$0 CONFIG [options]\n\nRun a YAML noise study: grid × repeats on a worker pool → runs.csv, summary.csv, table.')
    .command(
      '$0 <config>',
      'run the sweep a YAML study describes',
      (y) =>
        runFlags(y)
          .positional('config', { type: 'string', describe: 'YAML study file, e.g. configs/grid.yaml', demandOption: true })
          .option('repeats', { type: 'number', describe: 'repeats per grid point (overrides the file)' })
          .option('shard', { type: 'string', describe: 'run shard i/n of the study (default: from SLURM_ARRAY_* or JOB_COMPLETION_INDEX)' })
          .option('max-failures', { type: 'number', describe: 'stop handing out runs after this many failures' })
          .option('junit', { type: 'string', describe: 'write the expect: bounds as JUnit XML to this file' }),
      (args) => {
        const run = runOptionsOf(args);
        const shard = args.shard !== undefined ? parseShard(args.shard) : shardFromEnv(env);
        const maxFailures = wholeNumber('max-failures', args['max-failures'], 1);
        command = {
          kind: 'sweep',
          options: {
            config: args.config,
            ...run,
            ...(args.repeats !== undefined ? { repeats: wholeNumber('repeats', args.repeats, 1)! } : {}),
            shard,
            ...(maxFailures !== undefined ? { maxFailures } : {}),
            ...(args.junit !== undefined ? { junit: args.junit } : {}),
          },
        };
      },
    )
    .command(
      'merge <dirs..>',
      'merge the results directories of a sharded study into one',
      (y) =>
        y
          .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'shard results directories' })
          .option('out', { type: 'string', demandOption: true, describe: 'merged results directory (new)' })
          .option('allow-partial', { type: 'boolean', default: false, describe: 'merge even if some runs are missing (they are reported)' })
          .option('junit', { type: 'string', describe: 'write the expect: bounds as JUnit XML to this file' })
          .option('json', { type: 'boolean', default: false, describe: 'also write summary.json' }),
      (args) => {
        command = { kind: 'merge', options: { dirs: args.dirs.map(String), out: args.out, allowPartial: args['allow-partial'], json: args.json, ...(args.junit !== undefined ? { junit: args.junit } : {}) } };
      },
    )
    .command(
      'variance <config>',
      'where one grid point\'s spread comes from: N runs varying each source of randomness alone (init, order, noise, split), and all together',
      (y) =>
        runFlags(y)
          .positional('config', { type: 'string', demandOption: true, describe: 'YAML study file' })
          .option('point', { type: 'string', array: true, describe: 'the grid point: --point noise.placement=pre --point noise.stddev=0.1 (needed when the grid has more than one)' })
          .option('repeats', { type: 'number', describe: 'runs per source (default 10)' }),
      (args) => {
        command = {
          kind: 'variance',
          options: {
            config: args.config,
            ...runOptionsOf(args),
            point: (args.point ?? []).map(String),
            repeats: wholeNumber('repeats', args.repeats, 2) ?? DEFAULT_VARIANCE_REPEATS,
          },
        };
      },
    )
    .command(
      'check <dir>',
      "judge expect: bounds on saved results (the study's own, or --config's), without running anything",
      (y) =>
        y
          .positional('dir', { type: 'string', demandOption: true, describe: 'results directory' })
          .option('config', { type: 'string', describe: 'take the bounds from this study file' })
          .option('junit', { type: 'string', describe: 'write JUnit XML to this file' }),
      (args) => {
        command = { kind: 'check', options: { dir: args.dir, ...(args.config !== undefined ? { config: args.config } : {}), ...(args.junit !== undefined ? { junit: args.junit } : {}) } };
      },
    )
    .command(
      'report <dir>',
      'rebuild summary.csv and report.html from a results directory',
      (y) => y.positional('dir', { type: 'string', demandOption: true, describe: 'results directory' }).option('json', { type: 'boolean', default: false, describe: 'also write summary.json' }),
      (args) => {
        command = { kind: 'report', options: { dir: args.dir, json: args.json } };
      },
    )
    .command(
      'data [generator]',
      "write a generated dataset as CSV (scikit-learn's numbers): a generator with its settings, or a study's data: section",
      (y) => {
        let withFlags = y
          .positional('generator', { choices: GENERATORS, describe: 'the generator (or --config)' })
          .option('config', { type: 'string', describe: "take data: from this study file (its grid and --set applied)" })
          .option('set', { type: 'string', array: true, describe: 'with --config: override any key, e.g. --set data.samples=500' })
          .option('out', { type: 'string', demandOption: true, describe: 'CSV file to write (never overwritten)' });
        for (const [key, flag] of Object.entries(DATA_FLAGS)) withFlags = withFlags.option(flagOf(key).slice(2), flag);
        return withFlags;
      },
      (args) => {
        const settings = Object.fromEntries(Object.keys(DATA_FLAGS).flatMap((key) => {
          const value = args[flagOf(key).slice(2)] as number | boolean | undefined;
          return value === undefined ? [] : [[key, value]];
        }));
        command = {
          kind: 'data',
          options: {
            out: args.out,
            ...(args.generator !== undefined ? { generator: args.generator } : {}),
            ...(Object.keys(settings).length > 0 ? { settings } : {}),
            ...(args.config !== undefined ? { config: args.config } : {}),
            ...(args.set !== undefined ? { set: args.set.map(String) } : {}),
          },
        };
      },
    )
    .option('debug', { type: 'boolean', default: false, describe: 'print stack traces of errors' })
    .strict()
    .help()
    .version()
    .exitProcess(false)
    .fail((message, error) => {
      // yargs words some messages over several lines; users get one.
      throw error instanceof InputError ? error : new InputError((message ?? error?.message ?? 'bad arguments').replace(/\s*\n\s*/g, ' '));
    })
    .parseAsync();
  // --help and --version print and leave no command to run.
  if (!command) {
    if (argv.some((a) => ['--help', '-h', '--version'].includes(a))) return { kind: 'none' };
    throw new InputError('expected a command; see sweep --help');
  }
  return command;
}
