/**
 * `sweep merge DIR... --out DIR`: the shards of one study (run on SLURM array tasks, Kubernetes Indexed Job
 * pods, or by hand with --shard) become one results directory with the same runs.csv and summary.csv a
 * single-machine sweep writes. Shards must belong to one study (same plan hash); a run recorded by two shards
 * or missing from all is refused (reported, with --allow-partial).
 */
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYaml, validateStudy } from '../config/load.js';
import { InputError } from '../errors.js';
import { makePlan } from '../plan/plan.js';
import type { RunResult } from '../protocol.js';
import { openResultsDir, readMeta, type StudyMeta, writeFileAtomic } from '../report/results-dir.js';
import { csvText, parseRunColumns, readCsvLog, resultFromRow } from '../report/runs-csv.js';
import type { SummaryRow } from '../report/summary.js';
import { renderTable } from '../report/table.js';
import { writeFinalResults } from '../report/write-results.js';
import { planMetrics, studyHash } from './sweep.js';

export interface MergeOptions {
  readonly dirs: readonly string[];
  readonly out: string;
  readonly allowPartial: boolean;
  readonly quiet?: boolean;
  readonly log?: (line: string) => void;
}

export interface MergeOutcome {
  readonly summary: readonly SummaryRow[];
  readonly runs: number;
  readonly missing: number;
}

export async function mergeCommand(opts: MergeOptions): Promise<MergeOutcome> {
  const log = opts.log ?? ((line: string) => process.stdout.write(line + '\n'));
  const metas = opts.dirs.map((d) => [d, readMeta(d)] as const);
  const [firstDir, first] = metas[0]!;
  const seenShards = new Map<number, string>();
  for (const [dir, meta] of metas) {
    if (meta.studyHash !== first.studyHash) throw new InputError(`${join(dir, 'meta.json')}: studyHash: expected ${first.studyHash} (the study of ${firstDir}), found ${meta.studyHash}: not a shard of the same study`);
    if (meta.shard) {
      if (first.shard && meta.shard.count !== first.shard.count) throw new InputError(`${join(dir, 'meta.json')}: shard: expected one of ${first.shard.count} shards (as ${firstDir}), found ${meta.shard.index}/${meta.shard.count}`);
      const twin = seenShards.get(meta.shard.index);
      if (twin) throw new InputError(`${join(dir, 'meta.json')}: shard: ${meta.shard.index}/${meta.shard.count} is also in ${twin}; expected each shard once`);
      seenShards.set(meta.shard.index, dir);
    }
  }

  // The plan is rebuilt from the resolved study the first shard saved, and must hash to the same study.
  const configPath = join(firstDir, 'config.yaml');
  const raw = parseYaml(readFileSync(configPath, 'utf8'), configPath) as Record<string, unknown>;
  const plan = makePlan(raw, validateStudy(raw, configPath), configPath, first.baseDir);
  if (studyHash(plan) !== first.studyHash) throw new InputError(`${configPath}: expected the study recorded in meta.json (hash ${first.studyHash}), found a different one: was config.yaml edited?`);
  const metrics = planMetrics(plan);
  const pointOf = new Map(plan.runs.map((r) => [r.runId, r.pointIndex]));

  const results = new Map<string, RunResult>();
  const from = new Map<string, string>();
  const stale: Record<string, string>[] = [];
  for (const [dir] of metas) {
    const path = join(dir, 'runs.csv');
    const table = readCsvLog(path);
    parseRunColumns(table.header, path);
    for (const row of table.rows) {
      const pointIndex = pointOf.get(row.run_id ?? '');
      if (pointIndex === undefined) {
        stale.push(row);
        continue;
      }
      const twin = from.get(row.run_id!);
      if (twin && twin !== dir) throw new InputError(`${path}: run ${row.run_id}: expected each run in one shard, found it in ${twin} too`);
      const result = resultFromRow(row, metrics, pointIndex);
      // Within a shard a run may appear twice (failed, then retried on resume): the later row wins.
      results.set(result.runId, result);
      from.set(result.runId, dir);
    }
  }
  const missing = plan.runs.filter((r) => results.get(r.runId)?.status !== 'ok');
  if (missing.length > 0 && !opts.allowPartial) {
    throw new InputError(`${opts.dirs.join(' ')}: expected all ${plan.runs.length} runs of the study, found ${missing.length} missing or failed (first: run ${missing[0]!.runId}, repeat ${missing[0]!.repeat}); merge the missing shards or pass --allow-partial`);
  }

  openResultsDir(opts.out, 'new');
  copyFileSync(configPath, join(opts.out, 'config.yaml'));
  const meta: StudyMeta = { ...first, shard: null };
  writeFileAtomic(join(opts.out, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
  const histories = opts.dirs.map((d) => join(d, 'history.csv')).filter((p) => existsSync(p)).map((p) => readCsvLog(p));
  if (histories.length > 0) {
    const header = histories[0]!.header;
    writeFileAtomic(join(opts.out, 'history.csv'), csvText(header, histories.flatMap((h) => h.rows.map((r) => header.map((c) => r[c] ?? '')))));
  }
  const summary = writeFinalResults(opts.out, { plan, metrics, results, stale });
  if (!opts.quiet) {
    if (missing.length > 0) log(`partial merge: ${missing.length} of ${plan.runs.length} runs missing or failed`);
    log(renderTable(summary, { gridKeys: plan.gridKeys, metrics: ['test_accuracy', 'train_accuracy'].filter((m) => metrics.includes(m)), sortBy: 'test_accuracy' }));
    log(`merged ${opts.dirs.length} shard(s), ${results.size} runs → ${opts.out}/`);
  }
  return { summary, runs: results.size, missing: missing.length };
}
