#!/usr/bin/env node
/**
 * Entry point: runs the CLI and maps errors to exit codes (0 ok, 1 a bound was violated, 2 bad input,
 * 3 runs failed, 4 results could not be written, 130/143 stopped by a signal, 70 a bug). Users see one line
 * per error; --debug adds the stack trace. A file-system error that escaped the commands' own handling but is
 * one a user can cause (a full disk, a path of the wrong kind) still gets its one line, never "internal error".
 */
import { hideBin } from 'yargs/helpers';
import { type Command, parseCli } from './cli.js';
import { checkCommand } from './commands/check.js';
import { dataCommand } from './commands/data.js';
import { reportCommand } from './commands/report.js';
import { mergeCommand } from './commands/merge.js';
import { sweepCommand } from './commands/sweep.js';
import { varianceCommand } from './commands/variance.js';
import { SweepError } from './errors.js';
import { limitHeapGrowth } from './launch/heap-growth.js';
import { userFsError } from './store/fs-errors.js';

type Runnable = Exclude<Command, { kind: 'none' }>;

/** Each command to the function that runs it (the CLI only parses; commands do the work). */
const COMMANDS: { [K in Runnable['kind']]: (options: Extract<Runnable, { kind: K }>['options']) => Promise<unknown> } = {
  sweep: sweepCommand,
  merge: mergeCommand,
  check: checkCommand,
  report: reportCommand,
  data: dataCommand,
  variance: varianceCommand,
};

async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  limitHeapGrowth();
  try {
    const command = await parseCli(argv);
    if (command.kind !== 'none') await (COMMANDS[command.kind] as (options: Runnable['options']) => Promise<unknown>)(command.options);
    return 0;
  } catch (caught) {
    const err = userFsError(caught, 'running the command') ?? caught;
    if (err instanceof SweepError) {
      process.stderr.write(`sweep: ${err.message}\n`);
      if (debug) process.stderr.write(`${err.stack}\n`);
      return err.exitCode;
    }
    process.stderr.write(`sweep: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.stderr.write(debug && err instanceof Error ? `${err.stack}\n` : 'run again with --debug for the stack trace, and please report it\n');
    return 70;
  }
}

// Help and version print and resolve without a command: exit 0 then.
main(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 70;
  },
);
