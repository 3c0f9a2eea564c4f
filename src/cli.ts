/**
 * The command line: commands and flags only. Each command's handler builds a typed options object; bin.ts
 * runs it. Parsing is a pure step (argv in, command out) so its test is a table.
 */
import { availableParallelism } from 'node:os';
import yargs from 'yargs';
import { InputError } from './errors.js';
import type { SweepOptions } from './commands/sweep.js';

export type Command = { readonly kind: 'sweep'; readonly options: SweepOptions } | { readonly kind: 'none' };

function positiveInt(flag: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new InputError(`--${flag}: expected a whole number ≥ 1, found ${Number.isNaN(value) ? "something that is not a number" : JSON.stringify(value)}`);
  return value;
}

/** Parses arguments (without "node sweep") into a command; bad flags throw InputError (exit 2). */
export async function parseCli(argv: readonly string[]): Promise<Command> {
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
          .option('quiet', { type: 'boolean', default: false, describe: 'no progress and no table' }),
      (args) => {
        command = {
          kind: 'sweep',
          options: {
            config: args.config,
            ...(args.out !== undefined ? { out: args.out } : {}),
            workers: positiveInt('workers', args.workers) ?? availableParallelism(),
            ...(args.repeats !== undefined ? { repeats: positiveInt('repeats', args.repeats)! } : {}),
            set: (args.set ?? []).map(String),
            quiet: args.quiet,
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
      throw error instanceof InputError ? error : new InputError(message ?? error?.message ?? 'bad arguments');
    })
    .parseAsync();
  // --help and --version print and leave no command to run.
  if (!command) return argv.some((a) => ['--help', '-h', '--version'].includes(a)) ? { kind: 'none' } : Promise.reject(new InputError('expected a command; see sweep --help'));
  return command;
}
