/** The launcher for a worker count: inline for one worker (no thread overhead), a pool otherwise. */
import { inlineLauncher } from './inline.js';
import type { Launcher } from './launcher.js';
import { poolLauncher } from './pool.js';

export function chooseLauncher(workers: number): Launcher {
  return workers <= 1 ? inlineLauncher() : poolLauncher(workers);
}
