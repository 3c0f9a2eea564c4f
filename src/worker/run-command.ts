/**
 * One run of the user's own command: plain data in (a CommandTask and the results directory), a RunResult out,
 * as src/worker/train.ts is for noise-sweep's models. The run gets its placeholders substituted into its argv,
 * a fresh scratch folder ({out}), its seed and params in the environment, and its stdout and stderr written to
 * runs/<run_id>/ in the results directory; its metrics are the JSON object it reports.
 */
import { mkdirSync, openSync, readFileSync, readSync, closeSync, fstatSync, rmSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { CommandTask, RunResult } from '../protocol.js';
import { runInGroup, type GroupOutcome } from '../launch/process-group.js';
import { type PlaceholderValues, substitute } from '../plan/command-line.js';
import { lastJsonObject, metricsOf } from './command-metrics.js';
import { failedRun, MAX_ERROR, okRun } from './result.js';

/** What runs.csv's engine column says for a command run. */
export const COMMAND_ENGINE = 'command';
/** Read at most the end of a run's stdout this long for its metrics line: a run may print gigabytes of logs. */
const STDOUT_TAIL_BYTES = 1 << 20;
/** Lines of stderr quoted in the error of a failed run. */
const STDERR_LINES = 3;

/** Where a run's files go: runs/<run_id>/ with stdout.log, stderr.log and out/ (the {out} placeholder). */
export function runFiles(resultsDir: string, runId: string): { dir: string; out: string; stdout: string; stderr: string } {
  const dir = resolve(resultsDir, 'runs', runId);
  return { dir, out: join(dir, 'out'), stdout: join(dir, 'stdout.log'), stderr: join(dir, 'stderr.log') };
}

/** The last `bytes` of a file as text ('' when it is missing). */
export function tail(path: string, bytes: number): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return '';
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, bytes);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** The last lines of a run's stderr, on one line. */
function stderrTail(path: string): string {
  const lines = tail(path, 16_384).split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines.slice(-STDERR_LINES).join(' | ');
}

/** "what went wrong; stderr: ...", keeping the end of stderr (where tracebacks say what happened) within MAX_ERROR. */
function withStderr(what: string, stderrPath: string): string {
  const text = stderrTail(stderrPath);
  if (text === '') return what;
  const room = MAX_ERROR - what.length - '; stderr: …'.length;
  return `${what}; stderr: ${text.length > room ? '…' + text.slice(text.length - room) : text}`;
}

function failure(outcome: GroupOutcome, program: string, timeout: number | undefined): string | undefined {
  if (outcome.spawnError !== undefined) return /ENOENT/.test(outcome.spawnError) ? `command not found: ${program}` : `could not start ${program}: ${outcome.spawnError}`;
  if (outcome.timedOut) return `timed out after ${timeout} s (run.timeout); its process group was killed`;
  if (outcome.signal !== null) return `killed by ${outcome.signal}`;
  if (outcome.code !== 0) return `exit code ${outcome.code}`;
  return undefined;
}

/** The run's placeholder values and environment. */
export function runContext(task: CommandTask, out: string): { values: PlaceholderValues; env: Record<string, string> } {
  const values: PlaceholderValues = { params: task.config.params, seed: task.seed, repeat: task.repeat, run_id: task.runId, out };
  const env = { SWEEP_SEED: String(task.seed), SWEEP_REPEAT: String(task.repeat), SWEEP_RUN_ID: task.runId, SWEEP_OUT: out, SWEEP_PARAMS: JSON.stringify(task.config.params) };
  return { values, env };
}

/** Runs the task's command once; never throws (a run that goes wrong is a failed result). */
export default async function runCommand(task: CommandTask, resultsDir: string): Promise<RunResult> {
  const { command, timeout, metrics: source, require } = task.config;
  const files = runFiles(resultsDir, task.runId);
  // A run done again (resume after a failure) starts from an empty folder: no stale metrics file is read.
  rmSync(files.dir, { recursive: true, force: true });
  mkdirSync(files.out, { recursive: true });
  const { values, env } = runContext(task, files.out);
  const argv = command!.map((arg) => substitute(arg, values));
  const cwd = resolve(task.baseDir, task.config.cwd);
  const outcome = await runInGroup({ argv, cwd, env: { ...process.env, ...env }, stdoutPath: files.stdout, stderrPath: files.stderr, ...(timeout !== undefined ? { timeout } : {}) });
  const failed = failure(outcome, argv[0]!, timeout);
  if (failed !== undefined) return failedRun(task, COMMAND_ENGINE, withStderr(failed, files.stderr), outcome.seconds);

  let obj: Record<string, unknown> | undefined;
  let where = 'stdout';
  if (source === 'stdout') obj = lastJsonObject(tail(files.stdout, STDOUT_TAIL_BYTES));
  else {
    const path = substitute(source, values);
    where = isAbsolute(path) ? path : resolve(cwd, path);
    let text: string;
    try {
      text = readFileSync(where, 'utf8');
    } catch {
      return failedRun(task, COMMAND_ENGINE, withStderr(`no metrics file ${where} (run.metrics)`, files.stderr), outcome.seconds);
    }
    obj = lastJsonObject(text, true);
  }
  const parsed = metricsOf(obj, where, require);
  if ('error' in parsed) return failedRun(task, COMMAND_ENGINE, withStderr(parsed.error, files.stderr), outcome.seconds);
  return okRun(task, COMMAND_ENGINE, parsed.metrics, outcome.seconds);
}
