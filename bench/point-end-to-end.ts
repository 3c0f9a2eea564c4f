/**
 * Bench section 8 (issue 18's second target): one grid point of 30 repeats, end to end, for the tutorial and
 * every example study with a model, one thread per tool. A user who asks "does noise help here?" waits for a
 * whole point, not for one steady-state run, so this counts what each tool really costs for that:
 *   ours: `sweep STUDY --set grid={} --set <the point's values> --set repeats=30 --workers 1` as a child process
 *     (node start, data, plan, the worker, every run, summary and report written);
 *   PyTorch eager and JAX: their script as a child process over the point's task file with `repeats: 30`
 *     (interpreter start, imports, for JAX the tracing and XLA compilation, every run); the tutorial MLP's JAX
 *     trains its 30 seeds in one vmapped call (the form section 6 times), the others one jitted call per seed.
 * Each figure is one wall-clock measurement (a point of 30 runs is long enough not to need a median).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { datasetOf, modelStudies, type ModelStudy } from './per-model.js';
import { peerTask } from './peers/peer-task.js';
import { pythonFor, type PeerTool } from './peers/python.js';

/** Repeats of the point: what a study needs to detect P(better) ≥ 0.75 (the README's "Honest statistics"). */
const REPEATS = 30;

export interface PointRow {
  readonly label: string;
  readonly ours: number;
  /** Seconds, null where the tool is absent, or why it failed. */
  readonly torch: number | null | { error: string };
  readonly jax: number | null | { error: string };
}

/** Wall seconds of a child process run to its end; throws with its last stderr line if it failed. */
function wall(command: string, args: readonly string[]): number {
  const start = performance.now();
  const out = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - start) / 1000;
  if (out.status !== 0) throw new Error((out.stderr ?? '').trim().split('\n').pop() || `exit ${out.status}`);
  return seconds;
}

function peerWall(tool: PeerTool, script: string, taskFile: string): number | null | { error: string } {
  const python = pythonFor(tool);
  if (python === null) return null;
  try {
    return wall(python, [script, taskFile]);
  } catch (err) {
    return { error: `${tool}: ${(err as Error).message}` };
  }
}

export function measurePoint(root: string, study: ModelStudy, repeats: number): PointRow {
  const dir = mkdtempSync(join(tmpdir(), 'bench-point-'));
  try {
    const sets = [...study.pointSet, `repeats=${repeats}`].flatMap((s) => ['--set', s]);
    const ours = wall(process.execPath, [join(root, 'dist/src/bin.js'), join(root, study.file), ...sets, '--workers', '1', '--out', join(dir, 'results'), '--quiet']);
    const data = datasetOf(study.task);
    const file = (name: string, vmap?: number) => {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify(peerTask(study.task.config, data, { budget: 0, repeats, ...(vmap === undefined ? {} : { vmap }) })));
      return path;
    };
    const torch = peerWall('torch', join(root, 'bench/torch_models.py'), file('torch.json'));
    const jax = peerWall('jax', join(root, 'bench/jax_models.py'), file('jax.json', study.vmap === undefined ? undefined : repeats));
    return { label: study.label, ours, torch, jax };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cell = (x: PointRow['torch']) => (x === null ? 'n/a' : typeof x === 'number' ? x.toFixed(1) : 'failed');
const ratio = (x: PointRow['torch'], ours: number) => (typeof x === 'number' ? (x / ours).toFixed(2) : 'n/a');

export function formatPointRows(rows: readonly PointRow[], repeats: number): string[] {
  const width = Math.max(...rows.map((r) => r.label.length), 12) + 2;
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(width) : c.padStart(11))).join('');
  const out = [line(['', 'ours s', 'PyTorch s', 'JAX s', 'PyTorch/us', 'JAX/us'])];
  for (const r of rows) out.push(line([r.label, r.ours.toFixed(1), cell(r.torch), cell(r.jax), ratio(r.torch, r.ours), ratio(r.jax, r.ours)]));
  for (const r of rows) for (const x of [r.torch, r.jax]) if (x !== null && typeof x === 'object') out.push(`   ${r.label}: ${x.error}`);
  out.push(`   each: one process from start to its last result, ${repeats} runs, one thread (ours: sweep --workers 1)`);
  out.push('   PyTorch/us, JAX/us: their seconds / ours; above 1, ours is faster. target (issue 18): above 1 for both');
  return out;
}

/** Section 8 of `npm run bench`. */
export function pointEndToEndSection(root: string, smoke: boolean): string[] {
  const repeats = smoke ? 2 : REPEATS;
  const rows = modelStudies(root, smoke).map((study) => measurePoint(root, study, repeats));
  return [`8. one grid point, ${repeats} repeats, end to end (start-up, compilation where the tool needs it, every run), seconds`, ...formatPointRows(rows, repeats)];
}
