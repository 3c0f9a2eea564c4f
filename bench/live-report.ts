/**
 * What the live report costs a sweep: the same study swept with report.html rewritten while runs come in
 * (every 5 s, the default) and only at the end (--report-every 0), alternating in one process so drift in
 * the machine's load falls on both sides. Prints each sweep's wall time and the median ratio.
 *
 *   node dist/bench/live-report.js [--pairs N] [--smoke]
 *
 * Default: configs/grid.yaml (210 runs of the tutorial's MLP) on 2 workers, 3 pairs; --smoke: a tiny study.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sweepCommand } from '../src/commands/sweep.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const smoke = process.argv.includes('--smoke');
const pairsFlag = process.argv.indexOf('--pairs');
const pairs = pairsFlag > 0 ? Number(process.argv[pairsFlag + 1]) : smoke ? 1 : 3;
const config = join(root, smoke ? 'configs/ci.yaml' : 'configs/grid.yaml');
// expect=[]: the smoke study is too short to meet ci.yaml's bounds, which are not what is measured here.
const set = smoke ? ['train.epochs=20', 'repeats=2', 'expect=[]'] : [];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

async function sweep(reportEvery: number): Promise<{ seconds: number; writes: number; busyMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'live-bench-'));
  try {
    const start = performance.now();
    const outcome = await sweepCommand({ config, out: join(dir, 'r'), workers: 2, set, quiet: true, reportEvery });
    return { seconds: (performance.now() - start) / 1000, writes: outcome.liveReport?.writes ?? 0, busyMs: outcome.liveReport?.busyMs ?? 0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`live report overhead: ${config.slice(root.length)}${set.length ? ` --set ${set.join(' --set ')}` : ''}, 2 workers, ${pairs} pair(s)`);
// A warm-up sweep first: the first sweep in a process also pays for loading modules and starting threads.
await sweep(0);
const ratios: number[] = [];
for (let i = 0; i < pairs; i++) {
  // Alternate which side goes first, so a trend in the machine's load does not favour one side.
  const order = i % 2 === 0 ? [0, 5] : [5, 0];
  const got: Record<number, Awaited<ReturnType<typeof sweep>>> = {};
  for (const every of order) got[every] = await sweep(every);
  const off = got[0]!, on = got[5]!;
  ratios.push(on.seconds / off.seconds);
  console.log(`pair ${i + 1}: end only ${off.seconds.toFixed(2)} s, live ${on.seconds.toFixed(2)} s (${on.writes} rewrites, ${(on.busyMs / 1000).toFixed(2)} s rendering): ×${(on.seconds / off.seconds).toFixed(3)}`);
}
console.log(`median live/end-only wall time: ×${median(ratios).toFixed(3)}`);
