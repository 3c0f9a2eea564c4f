/**
 * Bench section 5: what noise-sweep adds to each run of a user's command, over the command's own time,
 * measured with a no-op script (bench/noop-run.sh under /bin/sh: one JSON line, nothing else).
 *  - the command alone: spawned and awaited N times in a row with child_process.spawn, output discarded;
 *  - through noise-sweep: sweeps of a run: study with N₁ and N₂ runs on one worker; the slope
 *    (T₂ − T₁) / (N₂ − N₁) is the time per run without the fixed costs (plan, summary, report);
 *  - overhead per run = slope − the command alone. Rounds interleave the two, and the medians are reported.
 * What the overhead holds: placeholders, the run's folder and log files, the process group and the reaper's
 * bookkeeping, reading the metrics back, and the fsync of its runs.csv row (a row reported done survives a
 * power cut).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sweepCommand } from '../src/commands/sweep.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function spawnOnce(argv: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve());
  });
}

async function aloneMs(argv: readonly string[], n: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < n; i++) await spawnOnce(argv);
  return (performance.now() - start) / n;
}

async function sweepSeconds(dir: string, study: string, runs: number): Promise<number> {
  const out = join(dir, `r-${runs}-${performance.now()}`);
  const start = performance.now();
  await sweepCommand({ config: study, out, workers: 1, set: [`repeats=${runs}`], quiet: true });
  const seconds = (performance.now() - start) / 1000;
  rmSync(out, { recursive: true, force: true });
  return seconds;
}

/** Lines of section 5. */
export async function ownCodeOverhead(root: string, smoke: boolean): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-own-'));
  try {
    const argv = ['/bin/sh', join(root, 'bench', 'noop-run.sh')];
    const study = join(dir, 'noop.yaml');
    writeFileSync(study, `name: noop\nrun:\n  command: ${JSON.stringify(argv)}\nsort: value\n`);
    const [n1, n2, rounds] = smoke ? [2, 4, 1] : [40, 160, 3];
    await sweepSeconds(dir, study, n1); // warm-up: module loading, the reaper, the file system cache
    const alone: number[] = [];
    const through: number[] = [];
    for (let r = 0; r < rounds; r++) {
      alone.push(await aloneMs(argv, n2));
      const t1 = await sweepSeconds(dir, study, n1);
      const t2 = await sweepSeconds(dir, study, n2);
      through.push(((t2 - t1) / (n2 - n1)) * 1000);
    }
    const a = median(alone);
    const t = median(through);
    return [
      `5. a run of your own code: a no-op script (sh bench/noop-run.sh), ms per run, 1 worker (median of ${rounds} rounds)`,
      `${'the command alone (spawn, wait)'.padEnd(34)}${a.toFixed(1).padStart(12)}`,
      `${'through noise-sweep (per-run slope)'.padEnd(34)}${t.toFixed(1).padStart(12)}`,
      `${'overhead per run'.padEnd(34)}${(t - a).toFixed(1).padStart(12)}`,
      '   target: overhead per run under 30 ms',
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
