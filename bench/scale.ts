/**
 * 7. Results at scale (issue 13): the grid study (configs/grid.yaml, 21 grid points) with one epoch a run, at
 * three sizes (or those of --runs) through the real CLI in a child process, 2 workers, the live report on as by
 * default: runs/s, the process's peak RSS (threads included, process.resourceUsage at exit), report.html's size;
 * then `sweep merge` of 8 shards of the largest one, and its peak RSS and time. The shards are the largest
 * sweep's runs.csv split by --shard's own rule (inShard: run k of the plan in shard k mod 8 + 1), each with the
 * meta.json a shard writes, instead of its runs trained again. Then the largest report.html loaded in headless
 * Chromium (--dump-dom: parsed, laid out, its DOM written out), beside an empty page loaded the same way (what
 * Chromium's start costs), n/a without Chromium. Last, the sweep's summary.csv against summary.ts's in-memory
 * summarize() over the same runs.csv (read whole in this process: at a million runs this process, not the
 * CLI's, needs a few GB), and the merge's against the sweep's.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, writeSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import { loadAnyStudy } from '../src/config/load.js';
import { resolveBaseline } from '../src/plan/baseline.js';
import { type AnyPlan, planStudy } from '../src/plan/plan.js';
import { planMetrics } from '../src/plan/study.js';
import { pairedDesignOf } from '../src/report/paired-design.js';
import { readMeta } from '../src/report/results-dir.js';
import { csvLines, readCsvLog } from '../src/report/runs-csv.js';
import { logRows, readLogHeader } from '../src/report/stream/csv-records.js';
import { planOrder } from '../src/report/stream/plan-order.js';
import { rangesOf, summarize, type SummaryRow } from '../src/report/summary.js';
import { orderedResults, resultSetOf } from '../src/report/write-results.js';

const GRID_POINTS = 21;
const SHARDS = 8;
/** Where Debian's chromium package puts it; the row says n/a where it is absent. */
const CHROMIUM = '/usr/bin/chromium';
const MB = 2 ** 20;
/** What bench/max-rss.ts prints at the child's exit. */
const MAX_RSS_PREFIX = 'bench-max-rss-kb';

interface Measured {
  readonly seconds: number;
  readonly maxRssMb: number;
}

/** Runs the CLI in a child process with the max-RSS preload; throws with its stderr when it fails. */
function cli(root: string, args: readonly string[]): Measured {
  const preload = fileURLToPath(new URL('./max-rss.js', import.meta.url));
  const start = performance.now();
  const out = spawnSync(process.execPath, ['--import', preload, join(root, 'dist/src/bin.js'), ...args], { encoding: 'utf8', maxBuffer: 64 * MB });
  const seconds = (performance.now() - start) / 1000;
  if (out.status !== 0) throw new Error(`sweep ${args.join(' ')}: exit ${out.status}: ${out.stderr.slice(-2000)}`);
  const kb = new RegExp(`^${MAX_RSS_PREFIX} (\\d+)$`, 'm').exec(out.stderr);
  if (!kb) throw new Error(`sweep ${args.join(' ')}: no ${MAX_RSS_PREFIX} line on stderr`);
  return { seconds, maxRssMb: Number(kb[1]) / 1024 };
}

/** The largest deviation between two summaries' numbers (relative above 1, absolute below), and whether all else is equal. */
function deviation(a: readonly Record<string, unknown>[], b: readonly Record<string, unknown>[]): { max: number; sameCells: boolean } {
  let max = 0;
  let sameCells = a.length === b.length;
  a.forEach((row, i) => {
    for (const [column, x] of Object.entries(row)) {
      const y = b[i]?.[column];
      const nx = x === '' || x === null ? null : Number(x);
      const ny = y === '' || y === null || y === undefined ? null : Number(y);
      if (nx === null || ny === null || !Number.isFinite(nx) || !Number.isFinite(ny)) {
        if (String(x ?? '') !== String(y ?? '')) sameCells = false;
        continue;
      }
      max = Math.max(max, Math.abs(nx - ny) / Math.max(1, Math.abs(ny)));
    }
  });
  return { max, sameCells };
}

function summaryCsv(dir: string): Record<string, string>[] {
  return parse(readFileSync(join(dir, 'summary.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
}

/** summary.ts's in-memory summary of a results directory's runs.csv, read whole (the reference). */
function inMemorySummary(dir: string, plan: AnyPlan, metrics: readonly string[]): SummaryRow[] {
  const baseline = resolveBaseline(plan.study.baseline, plan.points, plan.gridKeys, join(dir, 'config.yaml'));
  const set = resultSetOf(plan, metrics, baseline, readCsvLog(join(dir, 'runs.csv')).rows);
  return summarize({ points: plan.points, gridKeys: plan.gridKeys, metrics, results: orderedResults(set), baseline, range: rangesOf(plan), paired: pairedDesignOf(plan, metrics) });
}

/** Seconds Chromium takes to load a page headless and print its DOM, or null without Chromium (or when it fails). */
function chromiumSeconds(page: string): number | null {
  if (!existsSync(CHROMIUM)) return null;
  const start = performance.now();
  // --no-sandbox: the bench may run as root (in a container), where Chromium refuses its sandbox.
  const out = spawnSync(CHROMIUM, ['--headless', '--disable-gpu', '--no-sandbox', '--dump-dom', pathToFileURL(page).href], { encoding: 'utf8', maxBuffer: 256 * MB, timeout: 300_000 });
  const seconds = (performance.now() - start) / 1000;
  return out.status === 0 && out.stdout.includes('</html>') ? seconds : null;
}

/** The report's load in Chromium beside an empty page's, as one line. */
function chromiumLine(report: string, runs: number, work: string): string {
  const empty = join(work, 'empty.html');
  writeFileSync(empty, '<!doctype html><html><head><title>empty</title></head><body></body></html>\n');
  const blank = chromiumSeconds(empty);
  const page = blank === null ? null : chromiumSeconds(report);
  const what = `   report.html of the ${runs}-run sweep in headless Chromium (--dump-dom, start included):`;
  return page === null || blank === null ? `${what} n/a (no ${CHROMIUM}, or it failed)` : `${what} ${page.toFixed(1)} s; an empty page ${blank.toFixed(1)} s`;
}

/** Splits a whole study's results directory into the directories its shards would have written. */
async function splitIntoShards(dir: string, plan: AnyPlan, into: string): Promise<string[]> {
  const { indexOf } = planOrder(plan);
  const meta = readMeta(dir);
  const header = await readLogHeader(join(dir, 'runs.csv'));
  const shards = Array.from({ length: SHARDS }, (_, k) => join(into, `shard-${k + 1}`));
  shards.forEach((shard, k) => {
    mkdirSync(shard, { recursive: true });
    copyFileSync(join(dir, 'config.yaml'), join(shard, 'config.yaml'));
    writeFileSync(join(shard, 'meta.json'), JSON.stringify({ ...meta, shard: { index: k + 1, count: SHARDS } }, null, 2) + '\n');
  });
  // Streamed into each shard's file, a batch of rows at a time (a million runs' rows would be 130 MB here).
  const fds = shards.map((shard) => openSync(join(shard, 'runs.csv'), 'w'));
  const batches: string[][] = shards.map(() => [csvLines([header])]);
  const flush = (k: number): void => {
    writeSync(fds[k]!, batches[k]!.join(''));
    batches[k] = [];
  };
  for await (const { row } of logRows(join(dir, 'runs.csv'))) {
    const k = indexOf.get(row.run_id!)! % SHARDS;
    batches[k]!.push(csvLines([header.map((h) => row[h] ?? '')]));
    if (batches[k]!.length >= 1024) flush(k);
  }
  shards.forEach((_, k) => (flush(k), closeSync(fds[k]!)));
  return shards;
}

function row(cells: (string | number)[]): string {
  return cells.map((c, i) => (i === 0 ? String(c).padEnd(24) : String(c).padStart(16))).join('');
}

/** Above this many runs the in-memory reference is left out: it reads every row into this process at once. */
const IN_MEMORY_MAX_RUNS = 300_000;

/** `sizes`: the sweeps' sizes in runs (--runs), by default 50,000, 100,000 and 200,000. */
export async function scaleCheck(root: string, smoke: boolean, sizesAsked?: readonly number[]): Promise<string[]> {
  const sizes = sizesAsked ?? (smoke ? [GRID_POINTS * 2, GRID_POINTS * 6] : [50_000, 100_000, 200_000]);
  const work = mkdtempSync(join(tmpdir(), 'bench-scale-'));
  const lines = [`7. results at scale: configs/grid.yaml, train.epochs=1, 2 workers, live report on (peak RSS of the whole process, threads included)`, row(['', 'runs', 'runs/s', 'max RSS MB', 'report.html MB'])];
  try {
    let largest = { dir: '', repeats: 0, runs: 0 };
    for (const size of sizes) {
      const repeats = Math.ceil(size / GRID_POINTS);
      const dir = join(work, `sweep-${repeats}`);
      // limits.runs counts grid points before de-duplication (25 here for 21 points): raised for a million runs.
      const m = cli(root, [join(root, 'configs/grid.yaml'), '--set', 'train.epochs=1', '--repeats', String(repeats), '--limit', `runs=${Math.max(1_000_000, 2 * repeats * GRID_POINTS)}`, '--out', dir, '--workers', '2', '--quiet']);
      const runs = repeats * GRID_POINTS;
      lines.push(row([`sweep`, runs, (runs / m.seconds).toFixed(1), m.maxRssMb.toFixed(0), (statSync(join(dir, 'report.html')).size / MB).toFixed(2)]));
      largest = { dir, repeats, runs };
    }
    const loaded = loadAnyStudy(join(largest.dir, 'config.yaml'), { set: [] });
    const plan = planStudy(loaded.raw, loaded.study, loaded.file, loaded.baseDir) as AnyPlan;
    const metrics = planMetrics(plan as Parameters<typeof planMetrics>[0]);
    const shards = await splitIntoShards(largest.dir, plan, join(work, 'shards'));
    const merged = join(work, 'merged');
    const m = cli(root, ['merge', ...shards, '--out', merged]);
    lines.push(row([`merge of ${SHARDS} shards`, largest.runs, `${m.seconds.toFixed(1)} s`, m.maxRssMb.toFixed(0), (statSync(join(merged, 'report.html')).size / MB).toFixed(2)]));
    lines.push(chromiumLine(join(largest.dir, 'report.html'), largest.runs, work));
    const vsSweep = deviation(summaryCsv(merged), summaryCsv(largest.dir));
    const mergeNote = `merge vs sweep: ${vsSweep.max.toExponential(1)}${vsSweep.sameCells ? '' : ', OTHER CELLS DIFFER'}`;
    if (largest.runs <= IN_MEMORY_MAX_RUNS) {
      const reference = inMemorySummary(largest.dir, plan, metrics);
      const vsMemory = deviation(summaryCsv(largest.dir), reference.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? '' : String(v)]))));
      lines.push(`   summary.csv of the ${largest.runs}-run sweep vs in-memory summarize() of its runs.csv: largest deviation ${vsMemory.max.toExponential(1)}${vsMemory.sameCells ? '' : ', OTHER CELLS DIFFER'}; ${mergeNote}`);
    } else lines.push(`   summary.csv of the ${largest.runs}-run sweep: in-memory summarize() left out above ${IN_MEMORY_MAX_RUNS} runs (it holds every row); ${mergeNote}`);
    lines.push('   targets: max RSS ≤ 350 MB at 100,000 runs and at 1,000,000 (--runs 1000000), in the sweep and the merge; report.html ≤ 5 MB, open in Chromium in < 10 s; summaries equal to 1e-12');
    return lines;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
