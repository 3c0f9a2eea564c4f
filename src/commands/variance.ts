/**
 * `sweep variance CONFIG [--point key=value ...] --repeats N`: where does one grid point's spread come from?
 * For the chosen point, one arm of N runs per source of randomness (init, order, noise, split), each varying
 * that source alone, and one arm varying all of them (plan/variance-study.ts); the sweep itself is an ordinary
 * one (runSweep), whose finish writes variance.csv, the table and report.html's section (report/variance-rows.ts).
 */
import { loadAnyStudy, parseYaml } from '../config/load.js';
import { isCommandStudy, type LimitName } from '../config/schema.js';
import { checkKeyPath } from '../config/safe-keys.js';
import { InputError } from '../errors.js';
import { varianceStudy } from '../plan/variance-study.js';
import { runSweep, type SweepOptions, type SweepOutcome } from './sweep.js';

export interface VarianceOptions {
  readonly config: string;
  /** key=value selections of one grid point (the grid's keys, YAML values). */
  readonly point: readonly string[];
  /** Runs per arm. */
  readonly repeats: number;
  readonly set: readonly string[];
  readonly out?: string;
  readonly workers: number;
  readonly limits?: Readonly<Partial<Record<LimitName, number>>>;
  readonly resume?: boolean;
  readonly force?: boolean;
  readonly dryRun?: boolean;
  readonly inline?: boolean;
  readonly json?: boolean;
  readonly quiet: boolean;
  readonly log?: (line: string) => void;
  readonly reportEvery?: number;
  readonly progress?: SweepOptions['progress'];
}

/** --point key=value → { key: value }, the value read as YAML (as --set reads it). */
export function parsePoint(pairs: readonly string[]): Record<string, unknown> {
  const select: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new InputError(`--point ${pair}: expected key=value, e.g. --point noise.placement=pre`);
    const key = pair.slice(0, eq);
    checkKeyPath(key, `--point ${pair}`, key);
    select[key] = parseYaml(pair.slice(eq + 1), `--point ${key}`);
  }
  return select;
}

export async function varianceCommand(opts: VarianceOptions): Promise<SweepOutcome> {
  const log = opts.log ?? ((line: string) => process.stdout.write(line + '\n'));
  const loaded = loadAnyStudy(opts.config, { set: opts.set, ...(opts.limits ? { limits: opts.limits } : {}) });
  if (isCommandStudy(loaded.study)) {
    throw new InputError(`${opts.config}: run: expected a study of noise-sweep's models for sweep variance (a run: study's command draws everything from its one {seed}, so its sources cannot be varied one at a time)`);
  }
  const variance = varianceStudy({ ...loaded, study: loaded.study }, parsePoint(opts.point), opts.repeats);
  if (!opts.quiet) {
    const arms = variance.sources.length + 1;
    log(`sweep variance: ${variance.point}: ${arms} arms (${variance.sources.join(', ')}, all) × ${opts.repeats} runs = ${arms * opts.repeats} runs`);
    for (const s of variance.skipped) log(`  ${s.source}: no arm, ${s.why}`);
  }
  const again = (outDir: string) => ['npx sweep variance', opts.config, ...opts.point.flatMap((p) => ['--point', `'${p}'`]), '--repeats', String(opts.repeats), ...opts.set.flatMap((s) => ['--set', `'${s}'`]), '--out', outDir, '--resume'].join(' ');
  return runSweep(variance.loaded, {
    config: opts.config,
    set: opts.set,
    workers: opts.workers,
    quiet: opts.quiet,
    shard: null,
    resumeCommand: again,
    ranAs: `sweep variance ${opts.config}${opts.point.map((p) => ` --point ${p}`).join('')} --repeats ${opts.repeats}${opts.set.map((s) => ` --set ${s}`).join('')}`,
    log,
    ...(opts.out !== undefined ? { out: opts.out } : {}),
    ...(opts.resume ? { resume: true } : {}),
    ...(opts.force ? { force: true } : {}),
    ...(opts.dryRun ? { dryRun: true } : {}),
    ...(opts.inline ? { inline: true } : {}),
    ...(opts.json ? { json: true } : {}),
    ...(opts.reportEvery !== undefined ? { reportEvery: opts.reportEvery } : {}),
    ...(opts.progress ? { progress: opts.progress } : {}),
  });
}
