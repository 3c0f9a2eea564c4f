/**
 * What a sweep does differently for a run: study (the user's own command or function): the checks before any
 * run (the program exists, the folder exists, a function study has its function), the launcher, and the dry
 * run, which cannot time the user's code without running it.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { Launcher } from '../launch/launcher.js';
import { functionLauncher } from '../launch/function-pool.js';
import { processLauncher } from '../launch/process-pool.js';
import { getPath } from '../config/paths.js';
import { renderParam, substitute } from '../plan/command-line.js';
import type { CommandPlan } from '../plan/plan.js';
import type { CommandTask } from '../protocol.js';
import { renderValue } from '../report/cells.js';
import type { TrainFunction } from '../worker/run-function.js';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The program as execvp finds it: a path (with a "/") relative to the run's folder, or a name on PATH. */
export function findProgram(program: string, cwd: string, path = process.env.PATH ?? ''): string | undefined {
  if (program.includes('/')) {
    const full = isAbsolute(program) ? program : resolve(cwd, program);
    return isExecutable(full) ? full : undefined;
  }
  return path.split(delimiter).filter((d) => d !== '').map((d) => join(d, program)).find(isExecutable);
}

/**
 * Checks, before any run, what would make every run fail: a folder that does not exist, a program that is not
 * found, a function study run without its function.
 * @throws InputError naming the file and the key (run.cwd, run.command[0], run.function)
 */
export function checkOwnCode(plan: CommandPlan, file: string, train: TrainFunction | undefined): void {
  const seen = new Set<string>();
  // What is checked is a point's (its command and folder), the same for each of its runs: one run a point.
  for (const point of plan.points) {
    const task = plan.runs.get(plan.runs.indexAt(point.index, 0));
    const { command, cwd: folder } = task.config;
    const cwd = resolve(task.baseDir, folder);
    if (command === undefined) {
      if (train === undefined) throw new InputError(`${file}: run.function: expected run.command in a study file (run.function names the train function runStudy() is given from TypeScript)`);
      continue;
    }
    if (train !== undefined) throw new InputError(`${file}: run.command: expected no command in a study given to runStudy() with a train function (one or the other runs)`);
    const program = substitute(command[0]!, { params: task.config.params, seed: 0, repeat: 0, run_id: '', out: '' });
    if (seen.has(`${cwd}\0${program}`)) continue;
    seen.add(`${cwd}\0${program}`);
    let isDir = false;
    try {
      isDir = statSync(cwd).isDirectory();
    } catch {
      // reported below
    }
    if (!isDir) throw new InputError(`${file}: run.cwd: expected a folder (relative to the study file's folder), found ${JSON.stringify(folder)}: no such folder ${cwd}`);
    if (findProgram(program, cwd) === undefined) {
      throw new InputError(`${file}: run.command[0]: expected a program on PATH or the path of an executable file (relative to run.cwd), found ${JSON.stringify(program)}: command not found`);
    }
  }
}

/** Runs the plan's tasks as child processes, or as calls of `train` for a runStudy() study. */
export function ownCodeLauncher(workers: number, outDir: string, train: TrainFunction | undefined): Launcher<CommandTask> {
  return train === undefined ? processLauncher(workers, outDir) : functionLauncher(workers, train, outDir);
}

/** The dry run's lines for a run: study: each point's command (params substituted, per-run placeholders shown as such). */
export function describeOwnCode(plan: CommandPlan): string[] {
  return plan.points.map((p) => {
    const label = plan.gridKeys.map((k) => `${k}=${renderValue(p.values[k]) || '·'}`).join(' ') || '(single point)';
    const { command, params } = p.config;
    const shown = command === undefined ? `${p.config.function}(params, seed)` : command.map((arg) => arg.replace(/\{params\.([\w.]+)\}/g, (_t, key: string) => (getPath(params, key) === undefined ? `{params.${key}}` : renderParam(getPath(params, key))))).map((a) => (/[\s"']/.test(a) || a === '' ? JSON.stringify(a) : a)).join(' ');
    return `  ${label}  [${shown}]`;
  });
}

/** An estimate from the seconds earlier runs of this study took, or why there is none. */
export function estimateOwnCode(previousSeconds: readonly number[], todo: number, workers: number): string {
  if (previousSeconds.length === 0) {
    return 'estimate: none: the runs are your own code, which noise-sweep cannot time without running it (--dry-run --resume --out DIR estimates from the runs a results directory already has)';
  }
  const mean = previousSeconds.reduce((a, b) => a + b, 0) / previousSeconds.length;
  const seconds = (mean * todo) / Math.max(1, Math.min(workers, todo));
  return `estimate: ~${seconds < 120 ? `${seconds.toFixed(0)} s` : `${(seconds / 60).toFixed(1)} min`} for ${todo} runs on ${workers} worker(s) (from the ${previousSeconds.length} runs already done: ${mean.toFixed(2)} s each)`;
}
