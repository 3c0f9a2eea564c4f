/**
 * One suite every launcher passes (as Hydra's launchers share launcher_common_tests): all tasks reported
 * once, results that depend only on the task (not on the launcher or the worker count), and a stop that lets
 * running tasks finish but starts no new ones.
 */
import { expect } from 'chai';
import { loadStudy } from '../../src/config/load.js';
import { inlineLauncher } from '../../src/launch/inline.js';
import type { Launcher } from '../../src/launch/launcher.js';
import { poolLauncher } from '../../src/launch/pool.js';
import { makePlan } from '../../src/plan/plan.js';
import type { RunResult, RunTask } from '../../src/protocol.js';
import { tmpFile } from '../helpers/tmp.js';

function tinyTasks(repeats: number): RunTask[] {
  const file = tmpFile('tiny.yaml', `name: tiny\nrepeats: ${repeats}\nmodel: { hidden: [8] }\ntrain: { epochs: 5 }\ngrid:\n  noise.placement: [none, pre]\n`);
  const loaded = loadStudy(file);
  return [...makePlan(loaded.raw, loaded.study, loaded.file, loaded.baseDir).runs];
}

async function runAll(launcher: Launcher, tasks: RunTask[], signal?: AbortSignal, onEach?: (r: RunResult) => void): Promise<Map<string, RunResult>> {
  const out = new Map<string, RunResult>();
  try {
    await launcher.run(tasks, {
      ...(signal ? { signal } : {}),
      onResult: (r) => {
        expect(out.has(r.runId), `reported twice: ${r.runId}`).to.equal(false);
        out.set(r.runId, r);
        onEach?.(r);
      },
    });
  } finally {
    await launcher.close();
  }
  return out;
}

const launchers: [string, () => Launcher][] = [
  ['inline', () => inlineLauncher()],
  ['pool(1)', () => poolLauncher(1)],
  ['pool(2)', () => poolLauncher(2)],
];

describe('launch: the shared launcher suite', () => {
  const tasks = tinyTasks(3);
  let reference: Map<string, RunResult>;

  before(async () => {
    reference = await runAll(inlineLauncher(), tasks);
  });

  for (const [name, make] of launchers) {
    describe(name, () => {
      it('reports every task once, with numbers that depend only on the task', async () => {
        const got = await runAll(make(), tasks);
        expect(got.size).to.equal(tasks.length);
        for (const [id, r] of got) {
          expect(r.status, r.error).to.equal('ok');
          expect(r.metrics, id).to.deep.equal(reference.get(id)!.metrics);
        }
      });

      it('starts no new task once stopped, and reports the running ones', async () => {
        const controller = new AbortController();
        const got = await runAll(make(), tasks, controller.signal, () => controller.abort());
        expect(got.size).to.be.greaterThan(0);
        expect(got.size).to.be.lessThan(tasks.length);
        for (const r of got.values()) expect(r.status).to.equal('ok');
      });
    });
  }

  it('pool: a task that throws or kills its worker fails alone; the others complete', async () => {
    const fixture = new URL('../../../test/fixtures/workers/crashing.mjs', import.meta.url).pathname;
    const got = await runAll(poolLauncher(2, fixture), tinyTasks(4));
    const byRepeat = (k: number) => [...got.values()].filter((r) => r.repeat === k);
    expect(got.size).to.equal(8);
    expect(byRepeat(0).every((r) => r.status === 'ok')).to.equal(true);
    expect(byRepeat(1).map((r) => r.error)).to.deep.equal(['worker failed: boom in repeat 1', 'worker failed: boom in repeat 1']);
    expect(byRepeat(2).every((r) => r.status === 'failed' && /worker failed/.test(r.error!))).to.equal(true);
    expect(byRepeat(3).every((r) => r.status === 'ok')).to.equal(true);
  });

  it('pool: a run that threw (out of memory) gets its thread replaced, so the runs after it start clean', async () => {
    const fixture = new URL('../../../test/fixtures/workers/poisoning.mjs', import.meta.url).pathname;
    const got = await runAll(poolLauncher(1, fixture), tinyTasks(4));
    const errors = [...got.values()].map((r) => `${r.repeat}:${r.error ?? 'ok'}`).sort();
    expect(errors).to.deep.equal(['0:ok', '0:ok', '1:memory access out of bounds', '1:memory access out of bounds', '2:ok', '2:ok', '3:ok', '3:ok']);
    for (const r of got.values()) expect(r).not.to.have.property('recycle'); // the pool's business, never recorded
  });
});
