/** Runs tasks one after another on the main thread: for --workers 1, debugging, and tfjs-node. */
import { allowTfjsNode } from '../engine/registry.js';
import type { RunTask } from '../protocol.js';
import train from '../worker/train.js';
import { runInLanes } from './lanes.js';
import type { LaunchOptions, Launcher, Tasks } from './launcher.js';

export function inlineLauncher(): Launcher {
  // The main thread is the one place tfjs-node may load (see src/engine/tfjs/backend.ts).
  allowTfjsNode(true);
  return {
    name: 'inline',
    async run(tasks: Tasks<RunTask>, { onResult, signal }: LaunchOptions): Promise<void> {
      await runInLanes(tasks, 1, signal, train, onResult);
    },
    async close(): Promise<void> {},
  };
}
