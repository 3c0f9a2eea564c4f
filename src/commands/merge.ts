/**
 * `sweep merge DIR... --out DIR`: the shards of one study (run on SLURM array tasks, Kubernetes Indexed Job
 * pods, or by hand with --shard) become one results directory with the same runs.csv and summary.csv a
 * single-machine sweep writes. Shards must belong to one study (same plan hash); a run recorded by two shards
 * or missing from all is refused (reported, with --allow-partial). The output appears all at once: it is built
 * in a temporary directory beside --out and renamed to it only when every file is written, so a failure
 * (a full disk, a corrupted shard) leaves no half-written directory.
 */
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { type AnyPlan, isCommandPlan } from '../plan/plan.js';
import { planMetrics } from '../plan/study.js';
import { orderMetrics } from '../report/runs-header.js';
import { currentStudyOf, planOf, readResults, type SavedResults } from '../report/read-results.js';
import { readMeta, type StudyMeta, writeFileAtomic } from '../report/results-dir.js';
import { csvLines, parseRunColumns, runColumns } from '../report/runs-csv.js';
import { checkRunsRow } from '../report/check-runs.js';
import { planSortOf, seedColumnsOf } from '../report/columns.js';
import { logRows, readLogHeader } from '../report/stream/csv-records.js';
import { planOrder } from '../report/stream/plan-order.js';
import type { SummaryRow } from '../report/summary.js';
import { AtomicWriter, tempPathFor } from '../store/atomic-write.js';
import { makeDir, removePath, renamePath, syncDir } from '../store/disk.js';
import { asUserFsError } from '../store/fs-errors.js';
import { checkOutputFile } from '../store/output-file.js';
import { expectationsOf, finishResults, throwIfViolated } from './finish.js';

export interface MergeOptions {
  readonly dirs: readonly string[];
  readonly out: string;
  readonly allowPartial: boolean;
  readonly junit?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly log?: (line: string) => void;
}

export interface MergeOutcome {
  readonly summary: readonly SummaryRow[];
  readonly runs: number;
  readonly missing: number;
}

const numericsOf = (meta: StudyMeta): string => (meta.numerics === undefined ? 'no engine numerics recorded' : `engine numerics version ${meta.numerics}`);

/** Checks that the directories are distinct shards of one study. */
function checkShards(shards: readonly { readonly dir: string; readonly meta: StudyMeta }[]): void {
  const first = shards[0]!;
  const seen = new Map<number, string>();
  for (const s of shards) {
    const where = join(s.dir, 'meta.json');
    if (s.meta.studyHash !== first.meta.studyHash) throw new InputError(`${where}: studyHash: expected ${first.meta.studyHash} (the study of ${first.dir}), found ${s.meta.studyHash}: not a shard of the same study`);
    // One study's runs come from one arithmetic (engine/numerics.ts): shards swept by builds with other numerics would mix.
    if (s.meta.numerics !== first.meta.numerics) throw new InputError(`${where}: numerics: expected ${numericsOf(first.meta)} (as ${first.dir}), found ${numericsOf(s.meta)}: shards swept by noise-sweep builds whose engines compute other numbers; sweep them again with one build`);
    if (!s.meta.shard) continue;
    if (first.meta.shard && s.meta.shard.count !== first.meta.shard.count) throw new InputError(`${where}: shard: expected one of ${first.meta.shard.count} shards (as ${first.dir}), found ${s.meta.shard.index}/${s.meta.shard.count}`);
    const twin = seen.get(s.meta.shard.index);
    if (twin !== undefined) throw new InputError(`${where}: shard: ${s.meta.shard.index}/${s.meta.shard.count} is also in ${twin}; expected each shard once`);
    seen.set(s.meta.shard.index, s.dir);
  }
}

/** --out must be new (or an empty directory, not a symlink): merge never mixes its output with other files. */
function checkNewOut(out: string): void {
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(out);
  } catch {
    return; // nothing there yet
  }
  if (stat.isSymbolicLink() || !stat.isDirectory() || asUserFsError('listing it', () => readdirSync(out)).length > 0) {
    throw new InputError(`--out ${out}: expected a new or empty results directory, found ${stat.isSymbolicLink() ? 'a symbolic link' : stat.isDirectory() ? 'one with files in it' : 'a file'}`);
  }
}

/**
 * The shards' study: checked as one study by their meta.json, its plan rebuilt once (from the first shard; a
 * shard whose config.yaml differs from the first's is checked by its own plan, then that plan is dropped).
 */
async function readShards(dirs: readonly string[]): Promise<SavedResults[]> {
  const metas = dirs.map((dir) => ({ dir, meta: readMeta(dir) }));
  checkShards(metas);
  const plan = planOf(metas[0]!.dir, metas[0]!.meta);
  const config = (dir: string) => asUserFsError('reading it', () => readFileSync(join(dir, 'config.yaml')));
  const firstConfig = config(metas[0]!.dir);
  const shards: SavedResults[] = [];
  for (const { dir, meta } of metas) {
    if (dir !== metas[0]!.dir && existsSync(join(dir, 'config.yaml')) && !config(dir).equals(firstConfig)) planOf(dir, meta);
    // The rows are checked in the merge's own pass over them (mergeRuns).
    shards.push(await readResults(dir, { plan, check: false }));
  }
  return shards;
}

/** Where each run of the plan is recorded across the shards: one byte per run for its status, two for its shard. */
interface Recorded {
  /** By plan.runs index: 0 no row, 1 ok, 2 failed (its latest row in its shard). */
  readonly status: Uint8Array;
  readonly runs: number;
}

/**
 * One pass over each shard's runs.csv: every row checked (as readResults would), and each run of the plan
 * found in one shard only. With `write`, every row is also written under the merged header, cell for cell.
 */
async function mergeRuns(shards: readonly SavedResults[], plan: AnyPlan, metrics: readonly string[], header: readonly string[] | null, write?: (cells: readonly (string | number)[]) => void): Promise<Recorded> {
  const { indexOf } = planOrder(plan);
  const shardOf = new Int16Array(plan.runs.length).fill(-1);
  const status = new Uint8Array(plan.runs.length);
  let runs = 0;
  for (let k = 0; k < shards.length; k++) {
    const shard = shards[k]!;
    const context = { path: shard.runsPath, metrics: parseRunColumns(await readLogHeader(shard.runsPath), shard.runsPath).metrics, ...(currentStudyOf(plan, shard.set.metrics) ? { current: currentStudyOf(plan, shard.set.metrics)! } : {}) };
    for await (const { row, line } of logRows(shard.runsPath)) {
      if (!write) checkRunsRow(row, line, context);
      write?.(header!.map((h) => row[h] ?? ''));
      const index = indexOf.get(row.run_id!);
      if (index === undefined) continue;
      const twin = shardOf[index]!;
      if (twin >= 0 && twin !== k) throw new InputError(`${shard.runsPath}: run ${row.run_id}: expected each run in one shard, found it in ${shards[twin]!.dir} too`);
      if (twin < 0) runs++;
      shardOf[index] = k;
      status[index] = row.status === 'ok' ? 1 : 2;
    }
  }
  return { status, runs };
}

export async function mergeCommand(opts: MergeOptions): Promise<MergeOutcome> {
  const log = opts.log ?? ((line: string) => process.stdout.write(line + '\n'));
  const shards = await readShards(opts.dirs);
  const first = shards[0]!;
  const { plan, baseline } = first.set;
  // Shards of a run: study may each have learned some of its metrics: the merge has them all.
  const metrics = isCommandPlan(plan) ? orderMetrics(planMetrics(plan), shards.flatMap((s) => s.set.metrics)) : first.set.metrics;

  const recorded = await mergeRuns(shards, plan, metrics, null);
  // Counted, not listed: at a million runs a list of the missing ones would be most of the plan.
  let missing = 0;
  let firstMissing = -1;
  for (let i = 0; i < plan.runs.length; i++) {
    if (recorded.status[i] === 1) continue;
    missing++;
    if (firstMissing < 0) firstMissing = i;
  }
  if (missing > 0 && !opts.allowPartial) {
    throw new InputError(`${opts.dirs.join(' ')}: expected all ${plan.runs.length} runs of the study, found ${missing} missing or failed (first: run ${plan.runs.idAt(firstMissing)}, repeat ${plan.runs.repeatOf(firstMissing)}); merge the missing shards or pass --allow-partial`);
  }

  const expectations = expectationsOf(plan, metrics, first.configPath);
  checkNewOut(opts.out);
  if (opts.junit) checkOutputFile(opts.junit, '--junit');
  makeDir(dirname(opts.out));
  const building = tempPathFor(join(dirname(opts.out), `.${basename(opts.out)}`));
  try {
    makeDir(building);
    writeFileAtomic(join(building, 'config.yaml'), readFileSync(first.configPath));
    const meta: StudyMeta = { ...first.meta, shard: null };
    writeFileAtomic(join(building, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
    // The shards' rows as they are on disk, cell for cell, streamed; the final rewrite orders them.
    const header = runColumns(plan.gridKeys, metrics, planSortOf(plan, metrics).metric, seedColumnsOf(plan));
    const runsCsv = new AtomicWriter(join(building, 'runs.csv'));
    try {
      runsCsv.write(csvLines([header]));
      await mergeRuns(shards, plan, metrics, header, (cells) => runsCsv.write(csvLines([cells])));
      runsCsv.commit();
    } finally {
      runsCsv.abort();
    }
    const histories = opts.dirs.map((d) => join(d, 'history.csv')).filter((p) => existsSync(p));
    if (histories.length > 0) {
      const header = await readLogHeader(histories[0]!);
      const historyCsv = new AtomicWriter(join(building, 'history.csv'));
      try {
        historyCsv.write(csvLines([header]));
        for (const path of histories) for await (const { row } of logRows(path)) historyCsv.write(csvLines([header.map((c) => row[c] ?? '')]));
        historyCsv.commit();
      } finally {
        historyCsv.abort();
      }
    }
    if (missing > 0 && !opts.quiet) log(`partial merge: ${missing} of ${plan.runs.length} runs missing or failed`);
    const { summary, verdicts } = await finishResults({
      dir: building,
      set: { plan, metrics, baseline },
      expectations,
      log,
      ...(opts.quiet ? { quiet: true } : {}),
      ...(opts.junit ? { junit: opts.junit } : {}),
      ...(opts.json ? { json: true } : {}),
    });
    renamePath(building, opts.out); // all or nothing: --out appears complete, or not at all
    syncDir(dirname(opts.out));
    if (!opts.quiet) log(`merged ${opts.dirs.length} shard(s), ${recorded.runs} runs → ${opts.out}/`);
    throwIfViolated(verdicts);
    return { summary, runs: recorded.runs, missing };
  } finally {
    removePath(building);
  }
}
