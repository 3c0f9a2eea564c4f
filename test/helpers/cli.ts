/** Runs the built CLI (dist/src/bin.js) as a child process, as a user would. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** NOISE_SWEEP_BIN runs the CLI tests against another build (e.g. an older one, to see a test fail there). */
export const BIN = process.env.NOISE_SWEEP_BIN ?? fileURLToPath(new URL('../../src/bin.js', import.meta.url));
/** The same CLI with a disk that fails as NOISE_SWEEP_TEST_FAULT says (see faulty-bin.ts). */
export const FAULTY_BIN = fileURLToPath(new URL('./faulty-bin.js', import.meta.url));

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts `sweep ...args`; `started` gets the child so a test can signal it. */
export function runCli(args: readonly string[], opts: { env?: NodeJS.ProcessEnv; started?: (child: ChildProcess) => void; cwd?: string; bin?: string } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [opts.bin ?? BIN, ...args], { env: { ...process.env, ...opts.env }, cwd: opts.cwd ?? process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    opts.started?.(child);
  });
}
