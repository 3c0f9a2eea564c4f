/**
 * `sweep CONFIG`: load the study, plan its runs, launch them, stream every result to runs.csv, then write
 * summary.csv and print the table. The plan decides what runs; the launcher decides where; this function
 * connects them to the results directory and to the user (progress, signals, exit codes).
 */
import { join } from 'node:path';
import YAML from 'yaml';
import { type LoadedStudy, loadAnyStudy } from '../config/load.js';
import type { AnyStudy } from '../config/schema.js';
import { InputError, Interrupted, RunsFailed } from '../errors.js';
import { checkOutputFile } from '../store/output-file.js';
import type { LimitName } from '../config/schema.js';
import { RunLog, staleNote, withResumeHint } from '../report/run-log.js';
import { chooseLauncher } from '../launch/choose.js';
import type { Launcher, Tasks } from '../launch/launcher.js';
import { inShard, type Shard } from '../launch/shard.js';
import { RunSelection } from '../plan/run-list.js';
import { trapStop } from '../launch/stop.js';
import { runInRounds } from '../launch/rounds.js';
import { type CommandPlan, isCommandPlan, type Plan, planStudy } from '../plan/plan.js';
import type { PlannedRun, RunResult } from '../protocol.js';
import { orderMetrics, widenedMetrics } from '../report/runs-header.js';
import type { TrainFunction } from '../worker/run-function.js';
import { checkOwnCode, ownCodeLauncher } from './own-code.js';
import { sortMetricName } from '../plan/command-config.js';
import { didYouMean } from '../config/suggest.js';
import { createProgress } from '../report/progress.js';
import { type DirMode, defaultOutDir, openResultsDir, type StudyMeta, writeFileAtomic } from '../report/results-dir.js';
import { parseRunColumns, runColumns } from '../report/runs-csv.js';
import type { SummaryRow } from '../report/summary.js';
import { rewriteRunsCsv } from '../report/write-results.js';
import { resolveBaseline } from '../plan/baseline.js';
import { planMetrics, studyHash } from '../plan/study.js';
import { expectationsOf, finishResults, type LiveResults, liveReportHtml, throwIfViolated } from './finish.js';
import type { Expectation } from '../check/expect.js';
import { STAT_SUFFIXES } from '../stats/summarize-group.js';
import { LIVE_REPORT_SECONDS, startLiveReport } from '../report/live-report.js';
import { planSortOf, seedColumnsOf } from '../report/columns.js';
import { checkPlanData, describeData } from '../plan/check-data.js';
import { savedStudy } from '../plan/saved-study.js';
import { planOrder } from '../report/stream/plan-order.js';
import { digestRun, pointCells, reportDigestOf, summaryStreamOf } from '../report/stream/summarize-runs.js';
import { pairedDesignOf } from '../report/paired-design.js';
import type { RaceState } from '../plan/race/replay.js';
import { budgetLine, raceBudget, raceStateOf, studyRaceOf } from '../report/race.js';
import { dryRun } from './sweep/dry-run-sweep.js';
import { withResults } from './sweep/lazy-results.js';
import { readPrevious, type Reused } from './sweep/previous-runs.js';
import { resumeCommand } from './sweep/resume-command.js';
import { BestSoFar } from './sweep/best-so-far.js';
import { keepSeedingOfResumed } from './sweep/resumed-seeding.js';
import { checkResumedNumerics } from './sweep/resumed-numerics.js';
import { NUMERICS } from '../engine/numerics.js';
import { startMemoryLog } from '../diagnostics/memory-log.js';

export interface SweepOptions {
  readonly config: string;
  readonly out?: string;
  readonly workers: number;
  readonly repeats?: number;
  readonly set: readonly string[];
  /** --limit name=N: limits raised (or lowered) for this sweep. */
  readonly limits?: Readonly<Partial<Record<LimitName, number>>>;
  readonly quiet: boolean;
  /** Continue the results directory in `out`: only missing runs are run. */
  readonly resume?: boolean;
  /** Start `out` over, removing its previous results. */
  readonly force?: boolean;
  /** This machine's part of the study (null or absent: all of it). */
  readonly shard?: Shard | null;
  /** Stop handing out runs once this many have failed. */
  readonly maxFailures?: number;
  /** Print the plan and a time estimate; run nothing, write nothing. */
  readonly dryRun?: boolean;
  /** Write JUnit XML of the `expect:` bounds to this file. */
  readonly junit?: string;
  /** Also write summary.json. */
  readonly json?: boolean;
  /** Run in the main thread instead of worker threads. */
  readonly inline?: boolean;
  /** Where the table and messages go (stdout in the CLI). */
  readonly log?: (line: string) => void;
  /** Seconds between rewrites of report.html while runs come in (default 5; 0: only at the end). */
  readonly reportEvery?: number;
  /** 'bar' on a terminal, 'lines' in logs. */
  readonly progress?: 'bar' | 'lines' | 'quiet';
  /** How the study was asked for, for config.yaml's first line, when not `sweep CONFIG --set ...` (sweep variance). */
  readonly ranAs?: string;
  /** The command that continues this sweep, when it is not `sweep CONFIG ...` (sweep variance). */
  readonly resumeCommand?: (outDir: string) => string;
}

export interface SweepOutcome {
  readonly outDir: string;
  readonly plan: Plan | CommandPlan;
  readonly metrics: readonly string[];
  /** Results of this sweep's runs (reused and new), in plan order. */
  readonly results: readonly RunResult[];
  readonly summary: readonly SummaryRow[];
  readonly reused: number;
  /** Rewrites of report.html while the sweep ran, and milliseconds the main thread spent on them. */
  readonly liveReport?: { readonly writes: number; readonly busyMs: number };
  /** A racing study: its rounds and outcome, and the runs it spent against a fixed study's points × max. */
  readonly race?: { readonly state: RaceState; readonly spent: number; readonly budget: number };
}

export { pointLabel } from './sweep/best-so-far.js';

export async function sweepCommand(opts: SweepOptions): Promise<SweepOutcome> {
  const loaded = loadAnyStudy(opts.config, { set: opts.set, ...(opts.repeats !== undefined ? { repeats: opts.repeats } : {}), ...(opts.limits ? { limits: opts.limits } : {}) });
  return runSweep(loaded, opts);
}

/**
 * Bounds of a run: study may name metrics its runs have not reported yet: they are checked for their shape
 * now and for their columns once the runs have said which metrics there are (the end of the sweep).
 */
function boundsNamingUnknownMetrics(plan: CommandPlan): string[] {
  const suffixes = STAT_SUFFIXES.map((s) => `_${s}`);
  return plan.study.expect.flatMap((entry) => Object.keys(entry)).filter((k) => k !== 'where' && suffixes.some((s) => k.endsWith(s)));
}

/** The sweep of a loaded study; `train` replaces run.command for a study given to runStudy() (src/api.ts). */
export async function runSweep(given: LoadedStudy<AnyStudy>, opts: SweepOptions, train?: TrainFunction): Promise<SweepOutcome> {
  const log = opts.log ?? ((line: string) => process.stdout.write(line + '\n'));
  const loaded = keepSeedingOfResumed(given, opts, log);
  const plan = planStudy(loaded.raw, loaded.study, loaded.file, loaded.baseDir);
  const ownCode = isCommandPlan(plan);
  const required = planMetrics(plan);
  const shard = opts.shard ?? null;
  // This machine's runs, by index into the plan (4 bytes a run), built one at a time as they are launched.
  const tasks = RunSelection.where<PlannedRun>(plan.runs, (i) => inShard(i, shard));

  // Everything that can be wrong with the input is found here, before a directory is touched or a run starts.
  const baseline = resolveBaseline(plan.study.baseline, plan.points, plan.gridKeys, loaded.file);
  let expectations: Expectation[] = expectationsOf(plan, required, loaded.file, ownCode ? boundsNamingUnknownMetrics(plan) : []);
  if (ownCode) {
    if (opts.inline) throw new InputError(`--inline: expected a study of noise-sweep's models, found one with run: (its runs are ${train ? 'calls of your function' : 'child processes'} already)`);
    checkOwnCode(plan, loaded.file, train);
  } else {
    const sortMetric = plan.study.sort === undefined ? undefined : sortMetricName(plan.study.sort);
    if (sortMetric !== undefined && !required.includes(sortMetric)) throw new InputError(`${loaded.file}: sort: expected one of the study's metrics (${required.join(', ')})${didYouMean(sortMetric, required)}, found "${sortMetric}"`);
    const data = checkPlanData(plan, loaded.file);
    if (opts.dryRun || !opts.quiet) for (const d of data) log(describeData(d));
  }
  if (opts.junit) checkOutputFile(opts.junit, '--junit');
  const race = studyRaceOf(plan, required, baseline, loaded.file);
  // Each round waits for every point's results: a shard holds part of each point's runs, so cannot decide one.
  if (race && shard) throw new InputError(`--shard ${shard.index}/${shard.count} (from --shard or a job array's index): expected no shard for a study with race: (each round of a race waits for every point's runs; run it on one machine with --workers N, or drop race: to shard it)`);
  if (opts.dryRun) {
    await dryRun(opts, plan, tasks, log, race);
    return { outDir: '', plan, metrics: required, results: [], summary: [], reused: 0 };
  }

  const mode: DirMode = opts.resume ? 'resume' : opts.force ? 'force' : 'new';
  const outDir = opts.out ?? defaultOutDir(plan.study.name + (shard ? `-shard-${shard.index}-of-${shard.count}` : ''));
  const order = planOrder(plan);
  // A resumed directory whose meta.json records no numerics keeps none: its older runs' numerics stay unknown
  // (stamping this build's version would vouch for them, and later resumes and merges would not warn).
  let unrecordedNumerics = false;
  const opened = await openResultsDir(outDir, mode, `sweep ${opts.config} --out ${outDir}${mode === 'new' ? '' : ` --${mode}`}`, ownCode ? undefined : {
    metrics: required,
    runIds: order.indexOf,
    checkMeta: (previous) => {
      const warning = checkResumedNumerics(previous, outDir);
      if (warning !== null) log(warning);
      unrecordedNumerics = previous.numerics === undefined;
    },
  });
  try {
    // A run: study's metric columns are learned from its runs: a resumed one keeps those its runs.csv has.
    let metrics = ownCode ? orderMetrics(required, opened.previous ? parseRunColumns(opened.previous.header, join(outDir, 'runs.csv')).metrics : []) : required;

    const meta: StudyMeta = { tool: 'noise-sweep', format: 2, name: plan.study.name, studyHash: studyHash(plan), config: opts.config, baseDir: loaded.baseDir, set: [...opts.set], shard, dataHashes: plan.dataHashes, ...(ownCode || unrecordedNumerics ? {} : { numerics: NUMERICS }) };
    const ranAs = opts.ranAs ?? `sweep ${opts.config}${opts.set.map((s) => ` --set ${s}`).join('')}`;
    // A model study's saved copy re-runs from anywhere: absolute data paths, the data pinned by its sha256.
    const saved = ownCode ? plan.study : savedStudy(plan, loaded.baseDir);
    writeFileAtomic(join(outDir, 'config.yaml'), `# resolved study, as run by: ${ranAs}\n` + (ownCode ? '' : '# paths are absolute and data.sha256 pins the data, so this file re-runs from anywhere\n') + YAML.stringify(saved));
    writeFileAtomic(join(outDir, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');

    const sort = planSortOf(plan, metrics);
    // A resumed directory whose columns changed (new grid keys or metrics) is rewritten to the new header first
    // (new metric columns of a run: study come in blank), streamed from disk.
    const header = runColumns(plan.gridKeys, metrics, sort.metric, seedColumnsOf(plan));
    if (opened.previous && opened.previous.header.join('\u0000') !== header.join('\u0000')) await rewriteRunsCsv(outDir, plan, metrics);

    // What the live page and the progress line show, fed as results come: O(1) per grid point and a number per
    // run (summary-stream.ts), never the results themselves.
    const inPart = new Uint8Array(plan.runs.length);
    for (const index of tasks.indices) inPart[index] = 1;
    let liveState: LiveResults = { plan, metrics, baseline, stream: summaryStreamOf({ plan, metrics, baseline }), digest: reportDigestOf({ plan, metrics }) };
    const cells = pointCells(plan);
    const best = new BestSoFar(sort.metric, sort.lowerIsBetter, plan.points, plan.gridKeys);
    const take = (r: RunResult, part: Reused = 'all'): void => {
      if (part !== 'rest') liveState.stream.add(r);
      if (part === 'stream') return;
      digestRun(liveState.digest, cells, sort.metric, r);
      best.add(r);
    };
    const paired = pairedDesignOf(plan, metrics) !== null ? baseline : null;
    const previous = opened.previous ? await readPrevious(outDir, plan, metrics, paired, inPart, take) : { done: new Uint8Array(plan.runs.length), reused: 0, stale: 0 };
    // A race runs round by round: what its finished runs say the round under way still needs (plan/race/).
    const raceRuns = () => ({ pointRuns: liveState.stream.pointRuns() });
    // In plan order (repeat-major), as a fixed study launches: early results of a round cover every point.
    const nextRound = (): PlannedRun[] => (race ? raceStateOf(race, plan.points.length, raceRuns()).pending.map((p) => plan.runs.get(plan.runs.indexAt(p.point, p.repeat))).sort((a, b) => a.repeat - b.repeat || a.pointIndex - b.pointIndex) : []);
    const todo: Tasks<PlannedRun> = race ? nextRound() : tasks.where((i) => !previous.done[i]);
    let done = previous.reused;
    let failed = 0;
    const memoryLog = startMemoryLog('sweep', () => ({ done }));
    if (opened.previous && !opts.quiet) {
      if (race) {
        const state = raceStateOf(race, plan.points.length, raceRuns());
        log(`resuming ${outDir}: ${previous.reused} runs of the race already done; ${state.finished ? 'the race is finished, nothing to run' : `round ${state.rounds.length + 1} takes ${state.survivors.length} points to ${state.target} repeats, ${todo.length} runs to go`}`);
      } else log(`resuming ${outDir}: ${previous.reused} of ${tasks.length} runs already done, ${todo.length} to run`);
      if (previous.stale > 0) log(staleNote(previous.stale, opened.previousMeta?.dataHashes, plan.dataHashes));
    }

    const runLog = new RunLog(outDir, plan, metrics, sort.metric, opened.lock);
    const everySeconds = opts.reportEvery ?? LIVE_REPORT_SECONDS;
    // The report's module (vega) is loaded only where a report is written; here before the live page's first
    // render, whose time sets how often it may render again.
    if (everySeconds > 0 && todo.length > 0) await import('../report/html.js');
    const live = everySeconds > 0 && todo.length > 0 ? startLiveReport({
      path: join(outDir, 'report.html'),
      everySeconds,
      render: () => liveReportHtml(outDir, liveState, { done, total: tasks.length, failed, refreshSeconds: everySeconds, updated: new Date() }),
      onError: (err) => process.stderr.write(`sweep: warning: live report.html not updated: ${err instanceof Error ? err.message : String(err)}\n`),
    }) : undefined;
    const intro = live ? `live report: ${join(outDir, 'report.html')} (reloads every ${everySeconds} s while the sweep runs)` : undefined;
    const progressMode = opts.quiet ? 'quiet' : opts.progress ?? (process.stderr.isTTY ? 'bar' : 'lines');
    // A race's rounds are not known ahead: each round gets its own progress, introduced by a line.
    const roundIntro = (batch: Tasks<PlannedRun>): string | undefined => {
      if (!race) return intro;
      const state = raceStateOf(race, plan.points.length, raceRuns());
      const line = `race round ${state.rounds.length + 1}: ${state.survivors.length} points to ${state.target} repeats, ${batch.length} runs`;
      return intro && batch === todo ? `${intro}\n${line}` : line;
    };
    let progress = createProgress(todo.length, progressMode, process.stderr, roundIntro(todo));
    live?.update();
    const stop = trapStop((signal) => {
      progress.stop();
      process.stderr.write(`\n${signal}: no new runs; waiting for the running ones to finish (${signal === 'SIGINT' ? 'Ctrl-C' : 'signal'} again to stop now)\n`);
    });
    const launcher = (ownCode ? ownCodeLauncher(opts.workers, outDir, train) : chooseLauncher(opts.workers, opts.inline ?? false)) as Launcher<PlannedRun>;
    const onResult = (result: RunResult): void => {
      const wider = ownCode ? widenedMetrics(metrics, required, Object.keys(result.metrics)) : undefined;
      if (wider) {
        metrics = wider;
        // Earlier runs did not report the new metrics: their columns start empty.
        liveState = { ...liveState, metrics: wider, stream: liveState.stream.widen(wider) };
      }
      // A run counts as done only once its row is on disk; when the disk fails, no new runs start.
      if (!runLog.record(result, wider)) return stop.abort('storage');
      done++;
      take(result);
      if (result.status !== 'ok') {
        failed++;
        if (opts.maxFailures !== undefined && failed >= opts.maxFailures) stop.abort('max-failures');
      }
      progress.tick(best.label(), failed);
      live?.update();
    };
    try {
      // A fixed study launches every missing run at once; a race one round at a time, until it is decided.
      if (!race) await launcher.run(todo, { signal: stop.signal, onResult });
      else {
        await runInRounds(launcher, todo, {
          next: nextRound,
          onRound(round) {
            progress.stop();
            progress = createProgress(round.length, progressMode, process.stderr, roundIntro(round));
          },
        }, { signal: stop.signal, onResult });
      }
    } finally {
      await live?.stop();
      stop.release();
      progress.stop();
      runLog.close();
      await launcher.close();
      memoryLog.stop();
    }
    const resume = resumeCommand(opts, outDir);
    runLog.throwIfFailed(resume);

    // Bounds on metrics learned from the runs are checked now; a bad one is still an input error (exit 2), after
    // every result is written.
    let badBound: unknown;
    if (ownCode) {
      try {
        expectations = expectationsOf(plan, metrics, loaded.file);
      } catch (err) {
        badBound = err;
        expectations = [];
      }
    }
    const judged = shard === null ? expectations : [];
    // This part's runs as recorded: counted, and the first failure in plan order kept for the message.
    let recorded = 0;
    let failedNow = 0;
    let firstFailure: { position: number; error: string } | undefined;
    const onRun = (r: RunResult): void => {
      const index = order.indexOf.get(r.runId)!;
      if (!inPart[index]) return;
      recorded++;
      if (r.status === 'ok') return;
      failedNow++;
      const position = order.positionOf(index);
      if (!firstFailure || position < firstFailure.position) firstFailure = { position, error: r.error ?? '' };
    };
    const finished = await withResumeHint(resume, () => finishResults({ dir: outDir, set: { plan, metrics, baseline }, onRun, expectations: judged, quiet: opts.quiet, log, ...(opts.junit && !shard ? { junit: opts.junit } : {}), ...(opts.json ? { json: true } : {}) }));
    const { summary, verdicts } = finished;

    if (!opts.quiet) {
      log('');
      const reusedNote = previous.reused > 0 ? ` (${previous.reused} reused)` : '';
      log(`${recorded - failedNow} runs ok${reusedNote}${failedNow ? `, ${failedNow} failed` : ''}${shard ? ` in shard ${shard.index}/${shard.count}` : ''}; results in ${outDir}/`);
      if (shard && expectations.length > 0) log(`expect: not judged on shard ${shard.index}/${shard.count} (it holds part of each grid point's runs); sweep merge judges the whole study`);
      if (race) log(budgetLine(race, plan.points.length, { pointRuns: finished.stream.pointRuns() }));
    }
    const signal = stop.received();
    if (signal) throw new Interrupted(`stopped by ${signal} after ${recorded} of ${race ? 'at most ' : ''}${tasks.length} runs; results so far are in ${outDir}/. Resume with: ${resume}`, signal);
    if (badBound) throw badBound;
    if (failedNow > 0) {
      const why = stop.signal.aborted ? `stopped after ${failedNow} failures (--max-failures ${opts.maxFailures}); ` : '';
      throw new RunsFailed(`${why}${failedNow} of ${tasks.length} runs failed (first: ${firstFailure!.error}); see the status and error columns of ${join(outDir, 'runs.csv')}`);
    }
    throwIfViolated(verdicts);
    const raced = race ? { pointRuns: finished.stream.pointRuns() } : null;
    return withResults({ outDir, plan, metrics, summary, reused: previous.reused, ...(live ? { liveReport: live.stats() } : {}), ...(race && raced ? { race: { state: raceStateOf(race, plan.points.length, raced), ...raceBudget(race, plan.points.length, raced) } } : {}) }, inPart);
  } finally {
    await opened.lock.release();
  }
}
