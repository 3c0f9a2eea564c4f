/**
 * A run: study's point → the configuration of its runs (CommandConfig) and its identity. The identity is what
 * noise-sweep can know changes a run's numbers: the params, the command as written (placeholders and all), the
 * working directory, where the metrics come from, and the study seed. It is not the content of the files the
 * command runs: a script is one file among the modules it imports, the data it reads and the interpreter that
 * runs it, so a hash of it would claim a certainty it does not have, and would make a comment or a line ending
 * discard finished runs and keep shards of one study from merging. Editing train.py keeps the run ids; --force,
 * or a param such as `version: 2`, makes new runs (README, "Sweep your own code").
 */
import type { CommandConfig, CommandStudy, SortSpec } from '../config/schema.js';
import { inputError } from '../errors.js';
import { checkTemplate, PER_RUN, placeholdersOf } from './command-line.js';

/** The metric `sort:` names. */
export function sortMetricName(sort: SortSpec): string {
  return typeof sort === 'string' ? sort : sort.metric;
}

export function resolveCommandConfig(study: CommandStudy, where: string): { config: CommandConfig; identity: unknown } {
  const { run, params } = study;
  run.command?.forEach((arg, i) => checkTemplate(arg, params, where, `run.command[${i}]`));
  const program = run.command?.[0];
  if (program !== undefined && placeholdersOf(program).some((p) => (PER_RUN as readonly string[]).includes(p))) {
    throw inputError(where, 'run.command[0]', `the program to run, the same for every repeat (no ${PER_RUN.map((p) => `{${p}}`).join(', ')})`, program);
  }
  if (placeholdersOf(run.cwd).length > 0) throw inputError(where, 'run.cwd', 'a folder without placeholders (relative to the study file)', run.cwd);
  if (run.metrics !== 'stdout') {
    checkTemplate(run.metrics, params, where, 'run.metrics');
    // Runs in parallel would overwrite one another's file: the path must be the run's own.
    if (!placeholdersOf(run.metrics).some((p) => p === 'out' || p === 'run_id')) throw inputError(where, 'run.metrics', '"stdout" or a file path that differs per run, e.g. "{out}/metrics.json"', run.metrics);
  }
  const require = [...new Set([sortMetricName(study.sort!), ...run.columns])];
  const identity = {
    studySeed: study.seed,
    params,
    ...(run.command ? { command: run.command } : { function: run.function }),
    cwd: run.cwd,
    metrics: run.metrics,
  };
  const config: CommandConfig = { ...identity, ...(run.timeout !== undefined ? { timeout: run.timeout } : {}), require };
  return { config, identity };
}
