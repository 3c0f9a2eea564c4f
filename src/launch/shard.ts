/**
 * Shards: a deterministic 1/n of a plan's runs, so n machines (a SLURM job array, a Kubernetes Indexed Job)
 * share one study and `sweep merge` puts it back together. Run k of the plan goes to shard k mod n: balanced to
 * within one run, and the same on every machine because the plan is.
 */
import { InputError } from '../errors.js';

export interface Shard {
  /** 1-based, as users count: shard 1/4 … 4/4. */
  readonly index: number;
  readonly count: number;
}

/** "i/n" with 1 ≤ i ≤ n. */
export function parseShard(text: string, source = '--shard'): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new InputError(`${source}: expected i/n with 1 ≤ i ≤ n (e.g. 2/8), found ${JSON.stringify(text)}`);
  }
  return { index, count };
}

function envInt(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const v = env[name];
  if (v === undefined || v === '') return undefined;
  if (!/^\d+$/.test(v)) throw new InputError(`environment ${name}: expected a whole number, found ${JSON.stringify(v)}`);
  return Number(v);
}

/**
 * The shard a scheduler assigned through its own variables, or null outside one:
 * - SLURM job arrays: SLURM_ARRAY_TASK_ID within SLURM_ARRAY_TASK_MIN.. with SLURM_ARRAY_TASK_COUNT tasks
 *   (arrays with a step, e.g. --array=0-15:4, are not contiguous: their ids are mapped by position);
 * - Kubernetes Indexed Jobs: JOB_COMPLETION_INDEX (0-based) with the completions count in JOB_COMPLETIONS
 *   (Kubernetes does not expose the count itself; the manifest in the README sets it).
 */
export function shardFromEnv(env: NodeJS.ProcessEnv): Shard | null {
  const taskId = envInt(env, 'SLURM_ARRAY_TASK_ID');
  if (taskId !== undefined) {
    const min = envInt(env, 'SLURM_ARRAY_TASK_MIN') ?? 0;
    const count = envInt(env, 'SLURM_ARRAY_TASK_COUNT');
    const step = envInt(env, 'SLURM_ARRAY_TASK_STEP') ?? 1;
    if (count === undefined) throw new InputError('environment SLURM_ARRAY_TASK_COUNT: expected the job array size alongside SLURM_ARRAY_TASK_ID, found nothing');
    const index = (taskId - min) / step + 1;
    if (!Number.isInteger(index) || index < 1 || index > count) {
      throw new InputError(`environment SLURM_ARRAY_TASK_ID: expected an id in the array (min ${min}, step ${step}, ${count} tasks), found ${taskId}`);
    }
    return { index, count };
  }
  const completion = envInt(env, 'JOB_COMPLETION_INDEX');
  if (completion !== undefined) {
    const count = envInt(env, 'JOB_COMPLETIONS');
    if (count === undefined) throw new InputError('environment JOB_COMPLETIONS: expected the Indexed Job\'s completions count alongside JOB_COMPLETION_INDEX (set it in the manifest), found nothing');
    if (completion >= count) throw new InputError(`environment JOB_COMPLETION_INDEX: expected 0..${count - 1}, found ${completion}`);
    return { index: completion + 1, count };
  }
  return null;
}

/** Whether item k belongs to shard `shard` ((k mod n) + 1); every item belongs to no shard at all (null). */
export function inShard(k: number, shard: Shard | null): boolean {
  return shard === null || k % shard.count === shard.index - 1;
}

/** The items of shard `shard` (item k belongs to shard (k mod n) + 1). */
export function selectShard<T>(items: readonly T[], shard: Shard | null): T[] {
  return items.filter((_, k) => inShard(k, shard));
}
