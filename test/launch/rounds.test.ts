/** runInRounds: rounds one after another through one launcher, until none is left, a stop, or a round that reported nothing. */
import { expect } from 'chai';
import type { LaunchOptions, Launcher } from '../../src/launch/launcher.js';
import { runInRounds } from '../../src/launch/rounds.js';
import type { PlannedRun, RunResult } from '../../src/protocol.js';

const task = (repeat: number): PlannedRun => ({ runId: `r${repeat}`, pointIndex: 0, repeat, seed: repeat, seeds: { init: 1, order: 1, noise: 1 } });
const result = (t: PlannedRun): RunResult => ({ runId: t.runId, pointIndex: t.pointIndex, repeat: t.repeat, seed: t.seed, status: 'ok', engine: 'test', metrics: {}, seconds: 0 });

/** A launcher that reports each task at once (or drops them all, to act out a launcher that lost a round). */
function fakeLauncher(drop = false): Launcher<PlannedRun> & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    name: 'fake',
    calls,
    async run(tasks: readonly PlannedRun[], { onResult, signal }: LaunchOptions) {
      calls.push(tasks.map((t) => t.runId));
      for (const t of tasks) if (!signal?.aborted && !drop) onResult(result(t));
    },
    async close() {},
  };
}

describe('launch/rounds', () => {
  it('launches each round the last one led to, on one launcher, until there is none', async () => {
    const launcher = fakeLauncher();
    const seen: string[] = [];
    const rounds = [[task(2), task(3)], [task(4)], []];
    const announced: number[] = [];
    await runInRounds(launcher, [task(0), task(1)], { next: () => rounds.shift()!, onRound: (r) => announced.push(r.length) }, { onResult: (r) => seen.push(r.runId) });
    expect(launcher.calls).to.deep.equal([['r0', 'r1'], ['r2', 'r3'], ['r4']]);
    expect(seen).to.deep.equal(['r0', 'r1', 'r2', 'r3', 'r4']);
    expect(announced).to.deep.equal([2, 1]);
  });

  it('starts no further round once stopped', async () => {
    const launcher = fakeLauncher();
    const stop = new AbortController();
    await runInRounds(launcher, [task(0)], { next: () => [task(1)] }, { signal: stop.signal, onResult: () => stop.abort() });
    expect(launcher.calls).to.deep.equal([['r0']]);
  });

  it('refuses to go on after a round that reported nothing (it would ask for the same runs forever)', async () => {
    const failed = await runInRounds(fakeLauncher(true), [task(0)], { next: () => [task(0)] }, { onResult: () => {} }).catch((e: Error) => e);
    expect((failed as Error).message).to.equal('runInRounds: a round of 1 tasks reported none');
  });

  it('runs nothing for an empty first round', async () => {
    const launcher = fakeLauncher();
    await runInRounds(launcher, [], { next: () => [task(1)] }, { onResult: () => {} });
    expect(launcher.calls).to.deep.equal([]);
  });
});
