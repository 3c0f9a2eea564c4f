/**
 * `sweep merge DIR... --out DIR`: the shards of one study (run on SLURM array tasks, Kubernetes Indexed Job
 * pods, or by hand with --shard) become one results directory with the same runs.csv and summary.csv a
 * single-machine sweep writes. Shards must belong to one study (same plan hash); a run recorded by two shards
 * or missing from all is refused (reported, with --allow-partial).
 */
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { isCommandPlan } from '../plan/plan.js';
import { planMetrics } from '../plan/study.js';
import { orderMetrics } from '../report/runs-header.js';
import type { RunResult } from '../protocol.js';
import { readResults, type SavedResults } from '../report/read-results.js';
import { openResultsDir, type StudyMeta, writeFileAtomic } from '../report/results-dir.js';
import { csvText, readCsvLog } from '../report/runs-csv.js';
import type { SummaryRow } from '../report/summary.js';
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

/** Checks that the directories are distinct shards of one study. */
function checkShards(shards: readonly SavedResults[]): void {
  const first = shards[0]!;
  const seen = new Map<number, string>();
  for (const s of shards) {
    const where = join(s.dir, 'meta.json');
    if (s.meta.studyHash !== first.meta.studyHash) throw new InputError(`${where}: studyHash: expected ${first.meta.studyHash} (the study of ${first.dir}), found ${s.meta.studyHash}: not a shard of the same study`);
    if (!s.meta.shard) continue;
    if (first.meta.shard && s.meta.shard.count !== first.meta.shard.count) throw new InputError(`${where}: shard: expected one of ${first.meta.shard.count} shards (as ${first.dir}), found ${s.meta.shard.index}/${s.meta.shard.count}`);
    const twin = seen.get(s.meta.shard.index);
    if (twin !== undefined) throw new InputError(`${where}: shard: ${s.meta.shard.index}/${s.meta.shard.count} is also in ${twin}; expected each shard once`);
    seen.set(s.meta.shard.index, s.dir);
  }
}

export async function mergeCommand(opts: MergeOptions): Promise<MergeOutcome> {
  const log = opts.log ?? ((line: string) => process.stdout.write(line + '\n'));
  const shards = opts.dirs.map(readResults);
  checkShards(shards);
  const first = shards[0]!;
  const { plan, baseline } = first.set;
  // Shards of a run: study may each have learned some of its metrics: the merge has them all.
  const metrics = isCommandPlan(plan) ? orderMetrics(planMetrics(plan), shards.flatMap((s) => s.set.metrics)) : first.set.metrics;

  const results = new Map<string, RunResult>();
  const from = new Map<string, string>();
  const stale: Record<string, string>[] = [];
  for (const shard of shards) {
    for (const [id, result] of shard.set.results) {
      const twin = from.get(id);
      if (twin !== undefined) throw new InputError(`${join(shard.dir, 'runs.csv')}: run ${id}: expected each run in one shard, found it in ${twin} too`);
      results.set(id, result);
      from.set(id, shard.dir);
    }
    stale.push(...shard.set.stale);
  }
  const missing = plan.runs.filter((r) => results.get(r.runId)?.status !== 'ok');
  if (missing.length > 0 && !opts.allowPartial) {
    throw new InputError(`${opts.dirs.join(' ')}: expected all ${plan.runs.length} runs of the study, found ${missing.length} missing or failed (first: run ${missing[0]!.runId}, repeat ${missing[0]!.repeat}); merge the missing shards or pass --allow-partial`);
  }

  const expectations = expectationsOf(plan, metrics, first.configPath);
  openResultsDir(opts.out, 'new');
  copyFileSync(first.configPath, join(opts.out, 'config.yaml'));
  const meta: StudyMeta = { ...first.meta, shard: null };
  writeFileAtomic(join(opts.out, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
  const histories = opts.dirs.map((d) => join(d, 'history.csv')).filter((p) => existsSync(p)).map((p) => readCsvLog(p));
  if (histories.length > 0) {
    const header = histories[0]!.header;
    writeFileAtomic(join(opts.out, 'history.csv'), csvText(header, histories.flatMap((h) => h.rows.map((r) => header.map((c) => r[c] ?? '')))));
  }
  if (missing.length > 0 && !opts.quiet) log(`partial merge: ${missing.length} of ${plan.runs.length} runs missing or failed`);
  const { summary, verdicts } = await finishResults({
    dir: opts.out,
    set: { plan, metrics, baseline, results, stale },
    expectations,
    log,
    ...(opts.quiet ? { quiet: true } : {}),
    ...(opts.junit ? { junit: opts.junit } : {}),
    ...(opts.json ? { json: true } : {}),
  });
  if (!opts.quiet) log(`merged ${opts.dirs.length} shard(s), ${results.size} runs → ${opts.out}/`);
  throwIfViolated(verdicts);
  return { summary, runs: results.size, missing: missing.length };
}
