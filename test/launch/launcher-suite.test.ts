/**
 * One suite every launcher passes (as Hydra's launchers share launcher_common_tests): all tasks reported
 * once, results that depend only on the task (not on the launcher or the worker count), a stop that lets
 * running tasks finish but starts no new ones, and a task that fails alone. The thread pool and the inline
 * launcher run noise-sweep's training tasks; the process and function launchers run a run: study's tasks.
 */
import { expect } from 'chai';
import { loadStudy } from '../../src/config/load.js';
import { functionLauncher } from '../../src/launch/function-pool.js';
import { inlineLauncher } from '../../src/launch/inline.js';
import type { Launcher } from '../../src/launch/launcher.js';
import { poolLauncher } from '../../src/launch/pool.js';
import { processLauncher } from '../../src/launch/process-pool.js';
import { makePlan } from '../../src/plan/plan.js';
import type { PlannedRun, RunResult, RunTask } from '../../src/protocol.js';
import { commandTasks, scriptStudy } from '../helpers/own-code.js';
import { tmpDir, tmpFile } from '../helpers/tmp.js';

function tinyTasks(repeats: number): RunTask[] {
  const file = tmpFile('tiny.yaml', `name: tiny\nrepeats: ${repeats}\nmodel: { hidden: [8] }\ntrain: { epochs: 5 }\ngrid:\n  noise.placement: [none, pre]\n`);
  const loaded = loadStudy(file);
  return [...makePlan(loaded.raw, loaded.study, loaded.file, loaded.baseDir).runs];
}

async function runAll<T extends PlannedRun>(launcher: Launcher<T>, tasks: readonly T[], signal?: AbortSignal, onEach?: (r: RunResult) => void): Promise<Map<string, RunResult>> {
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

/** A kind of task, the launchers that run it, and a launcher whose results are the reference. */
interface Kind<T extends PlannedRun> {
  readonly name: string;
  readonly tasks: readonly T[];
  readonly reference: () => Launcher<T>;
  readonly launchers: readonly [string, () => Launcher<T>][];
  /** Tasks of which those with repeat 1 fail (and the others succeed), with the error they fail with. */
  readonly failing: { readonly tasks: readonly T[]; readonly launcher: () => Launcher<T>; readonly error: RegExp };
}

/** A train function with the fixture script's numbers: a score from the seed; throws for repeat 1. */
const train = (_params: unknown, seed: number, { repeat }: { repeat: number }) => {
  if (repeat === 1) throw new Error('boom in repeat 1');
  return { score: (seed % 10007) / 10007 };
};

function suite<T extends PlannedRun>(kind: Kind<T>): void {
  describe(kind.name, () => {
    let reference: Map<string, RunResult>;
    before(async () => {
      reference = await runAll(kind.reference(), kind.tasks);
    });

    for (const [name, make] of kind.launchers) {
      describe(name, () => {
        it('reports every task once, with numbers that depend only on the task', async () => {
          const got = await runAll(make(), kind.tasks);
          expect(got.size).to.equal(kind.tasks.length);
          for (const [id, r] of got) {
            expect(r.status, r.error).to.equal('ok');
            expect(r.metrics, id).to.deep.equal(reference.get(id)!.metrics);
          }
        });

        it('starts no new task once stopped, and reports the running ones', async () => {
          const controller = new AbortController();
          const got = await runAll(make(), kind.tasks, controller.signal, () => controller.abort());
          expect(got.size).to.be.greaterThan(0);
          expect(got.size).to.be.lessThan(kind.tasks.length);
          for (const r of got.values()) expect(r.status).to.equal('ok');
        });
      });
    }

    it('a task that fails, fails alone; the others complete', async () => {
      const got = await runAll(kind.failing.launcher(), kind.failing.tasks);
      expect(got.size).to.equal(kind.failing.tasks.length);
      for (const r of got.values()) {
        if (r.repeat === 1) expect(r.status === 'failed' && kind.failing.error.test(r.error!), `${r.repeat}: ${r.error}`).to.equal(true);
        else if (r.repeat !== 2) expect(r.status, r.error).to.equal('ok');
      }
    });
  });
}

describe('launch: the shared launcher suite', function () {
  this.timeout(120_000);
  const fixture = new URL('../../../test/fixtures/workers/crashing.mjs', import.meta.url).pathname;
  suite<RunTask>({
    name: 'training tasks',
    tasks: tinyTasks(3),
    reference: () => inlineLauncher(),
    launchers: [
      ['inline', () => inlineLauncher()],
      ['pool(1)', () => poolLauncher(1)],
      ['pool(2)', () => poolLauncher(2)],
    ],
    failing: { tasks: tinyTasks(4), launcher: () => poolLauncher(2, fixture), error: /^worker failed: boom in repeat 1$/ },
  });

  // The fixture script fails for repeat 1 when the study says so through a param.
  const commandStudy = (repeats: number, mode: string) => scriptStudy(mode).replace('repeats: 2', `repeats: ${repeats}`);
  const failingCommand = commandTasks(commandStudy(4, 'ok')).map((t) => (t.repeat === 1 ? commandTasks(commandStudy(4, 'fail')).find((f) => f.repeat === 1)! : t));
  suite({
    name: 'run: study tasks',
    tasks: commandTasks(commandStudy(3, 'ok')),
    reference: () => processLauncher(1, tmpDir()),
    launchers: [
      ['processes(1)', () => processLauncher(1, tmpDir())],
      ['processes(2)', () => processLauncher(2, tmpDir())],
      ['function(2)', () => functionLauncher(2, (params, seed) => ({ score: (seed % 10007) / 10007, loss: 1 - (seed % 10007) / 10007 }), tmpDir())],
    ],
    failing: { tasks: failingCommand, launcher: () => processLauncher(2, tmpDir()), error: /^exit code 1; stderr: / },
  });

  it('pool: a task that kills its worker thread fails alone', async () => {
    const got = await runAll(poolLauncher(2, fixture), tinyTasks(4));
    const byRepeat = (k: number) => [...got.values()].filter((r) => r.repeat === k);
    expect(byRepeat(2).every((r) => r.status === 'failed' && /worker failed/.test(r.error!))).to.equal(true);
    expect(byRepeat(3).every((r) => r.status === 'ok')).to.equal(true);
  });

  it('function: a train that throws fails its run alone', async () => {
    const tasks = commandTasks(commandStudy(3, 'ok'));
    const got = await runAll(functionLauncher(2, train, tmpDir()), tasks);
    for (const r of got.values()) expect(r.status === 'failed', `${r.repeat}`).to.equal(r.repeat === 1);
  });
});
