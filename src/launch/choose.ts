/** The launcher for a sweep: worker threads by default (the main thread stays free for progress and signals). */
import { inlineLauncher } from './inline.js';
import type { Launcher } from './launcher.js';
import { poolLauncher } from './pool.js';

export function chooseLauncher(workers: number, inline: boolean): Launcher {
  return inline ? inlineLauncher() : poolLauncher(workers);
}
