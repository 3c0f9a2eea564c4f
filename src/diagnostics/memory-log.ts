/**
 * A sampled log of each thread's memory, for finding what grows with the number of runs (issue 13): with
 * NOISE_SWEEP_MEMORY_LOG=FILE set, the main thread and every worker thread append a JSON line to FILE every
 * NOISE_SWEEP_MEMORY_MS milliseconds (default 1000). Off, it costs nothing: no timer, no file. A piscina worker
 * waits for its next task in Atomics.wait, where timers never fire, so a worker calls `tick` after each run
 * instead, which samples once the interval has passed. The lines are short appends (O_APPEND), so threads writing one file do not interleave them.
 * process.memoryUsage() in a worker thread gives that thread's own V8 heap (heapUsed, heapTotal) but the whole
 * process's rss; v8.getHeapStatistics() adds what V8 took outside its heap (malloced, external).
 */
import { appendFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { threadId } from 'node:worker_threads';

const MB = 2 ** 20;
const DEFAULT_MS = 1000;

export interface MemoryLog {
  /** Appends a line now. */
  sample(): void;
  /** Appends a line if the interval has passed since the last one. */
  tick(): void;
  stop(): void;
}

const off: MemoryLog = { sample() {}, tick() {}, stop() {} };

/** Starts the log of this thread (`what`: main, worker, merge...) when the environment asks for one; `counts` adds e.g. the runs done so far. */
export function startMemoryLog(what: string, counts: () => Record<string, number> = () => ({})): MemoryLog {
  const file = process.env.NOISE_SWEEP_MEMORY_LOG;
  if (!file) return off;
  const every = Number(process.env.NOISE_SWEEP_MEMORY_MS ?? DEFAULT_MS) || DEFAULT_MS;
  const mb = (bytes: number): number => Math.round((bytes / MB) * 10) / 10;
  let last = 0;
  const sample = (): void => {
    last = Date.now();
    const m = process.memoryUsage();
    const h = getHeapStatistics();
    const line = { t: Date.now() / 1000, thread: `${what}#${threadId}`, rss: mb(m.rss), heapUsed: mb(m.heapUsed), heapTotal: mb(m.heapTotal), external: mb(m.external), arrayBuffers: mb(m.arrayBuffers), malloced: mb(h.malloced_memory), ...counts() };
    appendFileSync(file, JSON.stringify(line) + '\n');
  };
  const timer = setInterval(sample, every);
  // The log must never keep a thread (or the process) alive.
  timer.unref();
  sample();
  return { sample, tick: () => void (Date.now() - last >= every && sample()), stop: () => (clearInterval(timer), sample()) };
}
