/**
 * The command line: commands and flags only. Each command's handler builds a typed options object; bin.ts
 * runs it. Parsing is a pure step (argv and environment in, command out) so its test is a table.
 */
import { availableParallelism } from 'node:os';
import yargs from 'yargs';
import { InputError } from './errors.js';
import type { SweepOptions } from './commands/sweep.js';
import type { CheckOptions } from './commands/check.js';
import type { DataOptions } from './commands/data.js';
import type { ReportOptions } from './commands/report.js';
import type { MergeOptions } from './commands/merge.js';
import { parseShard, shardFromEnv } from './launch/shard.js';
import { LIMIT_NAMES, type LimitName } from './config/schema/limits.js';

export type Command =
  | { readonly kind: 'sweep'; readonly options: SweepOptions }
  | { readonly kind: 'merge'; readonly options: MergeOptions }
  | { readonly kind: 'data'; readonly options: DataOptions }
  | { readonly kind: 'check'; readonly options: CheckOptions }
  | { readonly kind: 'report'; readonly options: ReportOptions }
  | { readonly kind: 'none' };

function wholeNumber(flag: string, value: unknown, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    const found = typeof value === 'number' && Number.isNaN(value) ? 'something that is not a number' : JSON.stringify(value);
    throw new InputError(`--${flag}: expected a whole number ≥ ${min}, found ${found}`);
  }
  return value;
}

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
        y
          .positional('config', { type: 'string', describe: 'YAML study file, e.g. configs/grid.yaml', demandOption: true })
          .option('out', { type: 'string', describe: 'results directory (default: results/<name>-<timestamp>/)' })
          .option('workers', { type: 'number', describe: 'worker threads (default: the cores)' })
          .option('repeats', { type: 'number', describe: 'repeats per grid point (overrides the file)' })
          .option('set', { type: 'string', array: true, describe: 'override any key: --set train.epochs=100 (YAML value)' })
          .option('resume', { type: 'boolean', default: false, describe: 'continue --out: run only the missing runs' })
          .option('force', { type: 'boolean', default: false, describe: 'start --out over, removing its results' })
          .option('shard', { type: 'string', describe: 'run shard i/n of the study (default: from SLURM_ARRAY_* or JOB_COMPLETION_INDEX)' })
          .option('max-failures', { type: 'number', describe: 'stop handing out runs after this many failures' })
          .option('inline', { type: 'boolean', default: false, describe: 'train in the main thread (debugging; lets tfjs-node load)' })
          .option('junit', { type: 'string', describe: 'write the expect: bounds as JUnit XML to this file' })
          .option('json', { type: 'boolean', default: false, describe: 'also write summary.json' })
          .option('limit', { type: 'string', array: true, describe: 'raise a limit: --limit gridPoints=500000 (see limits: in the README)' })
          .option('dry-run', { type: 'boolean', default: false, describe: 'print the plan and a time estimate; run nothing' })
          .option('quiet', { type: 'boolean', default: false, describe: 'no progress and no table' }),
      (args) => {
        // By hand, not yargs' conflicts(): boolean defaults count as "given" there.
        if (args.resume && args.force) throw new InputError('--resume and --force: expected one of them, found both (resume keeps finished runs, force discards them)');
        const shard = args.shard !== undefined ? parseShard(args.shard) : shardFromEnv(env);
        const maxFailures = wholeNumber('max-failures', args['max-failures'], 1);
        command = {
          kind: 'sweep',
          options: {
            config: args.config,
            ...(args.out !== undefined ? { out: args.out } : {}),
            workers: wholeNumber('workers', args.workers, 1) ?? availableParallelism(),
            ...(args.repeats !== undefined ? { repeats: wholeNumber('repeats', args.repeats, 1)! } : {}),
            set: (args.set ?? []).map(String),
            ...(args.limit !== undefined ? { limits: parseLimits(args.limit) } : {}),
            quiet: args.quiet,
            resume: args.resume,
            force: args.force,
            shard,
            ...(maxFailures !== undefined ? { maxFailures } : {}),
            inline: args.inline,
            dryRun: args['dry-run'],
            json: args.json,
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
      'data <generator>',
      'write a generated dataset (scikit-learn make_circles / make_moons numbers) as x1,x2,y CSV',
      (y) =>
        y
          .positional('generator', { choices: ['circles', 'moons'] as const, demandOption: true })
          .option('samples', { type: 'number', describe: 'rows (default 100)' })
          .option('noise', { type: 'number', describe: 'stddev of the Gaussian noise (default 0.1)' })
          .option('seed', { type: 'number', describe: 'random_state (default 1)' })
          .option('factor', { type: 'number', describe: 'circles: inner/outer radius (default 0.8)' })
          .option('out', { type: 'string', demandOption: true, describe: 'CSV file to write (never overwritten)' }),
      (args) => {
        command = {
          kind: 'data',
          options: {
            generator: args.generator,
            out: args.out,
            ...(args.samples !== undefined ? { samples: args.samples } : {}),
            ...(args.noise !== undefined ? { noise: args.noise } : {}),
            ...(args.seed !== undefined ? { seed: args.seed } : {}),
            ...(args.factor !== undefined ? { factor: args.factor } : {}),
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
