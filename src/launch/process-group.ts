/**
 * Runs one program in a process group of its own, with stdout and stderr going straight to files (no pipe
 * through this process, however much a run prints), and makes sure nothing of it outlives its run:
 *  - when the program exits, whatever it left running in its group (a background helper, a data loader) is
 *    killed with it;
 *  - past the timeout the group gets SIGTERM, then SIGKILL after KILL_GRACE_MS;
 *  - if this process exits (a second Ctrl-C: process.exit), the groups get SIGTERM from the 'exit' hook;
 *  - if this process is killed outright (SIGKILL), the reaper process (reaper-main.ts) kills them.
 * The argv list goes to execve as is: no shell ever sees it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { KILL_GRACE_MS, killGroup } from './kill-group.js';

const REAPER = fileURLToPath(new URL('./reaper-main.js', import.meta.url));

export interface GroupRun {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdoutPath: string;
  readonly stderrPath: string;
  /** Seconds; absent: no limit. */
  readonly timeout?: number;
}

export interface GroupOutcome {
  /** Exit code, or null when a signal ended the program. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  /** Why the program could not start (e.g. ENOENT: not found), if it could not. */
  readonly spawnError?: string;
  /** Wall time from start to exit. */
  readonly seconds: number;
}

/** Process groups of runs still running. */
const live = new Set<number>();
let reaper: ChildProcess | null | undefined;

/** Starts the reaper once per process, on the first run; null when it cannot start (the exit hook still works). */
function reaperPipe(): ChildProcess | null {
  if (reaper !== undefined) return reaper;
  try {
    reaper = spawn(process.execPath, [REAPER], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
    reaper.on('error', () => (reaper = null));
    reaper.stdin!.on('error', () => {});
    // Neither the reaper nor its pipe may keep this process alive: it ends when the sweep does.
    reaper.unref();
    (reaper.stdin as unknown as Socket).unref();
  } catch {
    reaper = null;
  }
  process.on('exit', () => {
    for (const pgid of live) killGroup(pgid, 'SIGTERM');
  });
  return reaper;
}

function tell(line: string): void {
  const pipe = reaperPipe();
  if (pipe?.stdin?.writable) pipe.stdin.write(line + '\n');
}

/** The process groups of runs still running (for tests and the stop-now path). */
export function liveGroups(): readonly number[] {
  return [...live];
}

export function runInGroup(run: GroupRun): Promise<GroupOutcome> {
  const start = performance.now();
  const out = openSync(run.stdoutPath, 'w');
  const err = openSync(run.stderrPath, 'w');
  return new Promise((resolve) => {
    let child: ChildProcess;
    const elapsed = () => (performance.now() - start) / 1000;
    try {
      // detached: the child leads a new process group (and session), so the group can be signalled as one.
      child = spawn(run.argv[0]!, run.argv.slice(1), { cwd: run.cwd, env: run.env, detached: true, stdio: ['ignore', out, err] });
    } catch (e) {
      resolve({ code: null, signal: null, timedOut: false, spawnError: (e as Error).message, seconds: elapsed() });
      return;
    } finally {
      closeSync(out);
      closeSync(err);
    }
    const pgid = child.pid;
    let timedOut = false;
    const timers: NodeJS.Timeout[] = [];
    if (pgid !== undefined) {
      live.add(pgid);
      tell(`+${pgid}`);
      if (run.timeout !== undefined) {
        timers.push(
          setTimeout(() => {
            timedOut = true;
            killGroup(pgid, 'SIGTERM');
            timers.push(setTimeout(() => killGroup(pgid, 'SIGKILL'), KILL_GRACE_MS));
          }, run.timeout * 1000),
        );
      }
    }
    let finished = false;
    const finish = (outcome: Omit<GroupOutcome, 'seconds' | 'timedOut'>) => {
      if (finished) return;
      finished = true;
      for (const t of timers) clearTimeout(t);
      if (pgid !== undefined) {
        // The run is over: whatever it started in its group goes with it (no orphans).
        killGroup(pgid, 'SIGKILL');
        live.delete(pgid);
        tell(`-${pgid}`);
      }
      resolve({ ...outcome, timedOut, seconds: elapsed() });
    };
    child.once('error', (e) => finish({ code: null, signal: null, spawnError: e.message }));
    child.once('exit', (code, signal) => finish({ code, signal }));
  });
}
