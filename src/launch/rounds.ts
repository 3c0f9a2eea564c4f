/**
 * Tasks in rounds through one launcher: a round is launched, and when every task of it has reported, `next`
 * says what the next round is (a race's survivors' missing repeats, see plan/race/), until it says nothing or
 * the sweep is stopped. The launcher's threads or processes stay up between rounds; this function knows nothing
 * of what decides a round, only that a round which reported nothing cannot be followed by another.
 */
import type { PlannedRun } from '../protocol.js';
import type { LaunchOptions, Launcher, Tasks } from './launcher.js';

export interface Rounds<T> {
  /** The round after the one that just reported; empty when there is none. */
  readonly next: () => readonly T[];
  /** Called before each round after the first, e.g. to start its progress bar. */
  readonly onRound?: (round: Tasks<T>) => void;
}

/** Runs `first`, then each round `rounds.next` gives; resolves when none is left or options.signal is aborted. */
export async function runInRounds<T extends PlannedRun>(launcher: Launcher<T>, first: Tasks<T>, rounds: Rounds<T>, options: LaunchOptions): Promise<void> {
  let round: Tasks<T> = first;
  while (round.length > 0) {
    let reported = 0;
    await launcher.run(round, { ...options, onResult: (r) => (reported++, options.onResult(r)) });
    if (options.signal?.aborted) return;
    // Not stopped, yet nothing reported: the next round would ask for the same runs again, forever.
    if (reported === 0) throw new Error(`runInRounds: a round of ${round.length} tasks reported none`);
    round = rounds.next();
    if (round.length > 0) rounds.onRound?.(round);
  }
}
