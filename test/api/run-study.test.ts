import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InputError, runStudy, RunsFailed, type TrainFunction } from '../../src/api.js';
import { tmpDir } from '../helpers/tmp.js';

type Row = Record<string, string>;
const csv = (path: string): Row[] => parse(readFileSync(path, 'utf8'), { columns: true }) as Row[];

const study = { name: 'api', repeats: 3, params: { lr: 0.1 }, grid: { 'params.lr': [0.1, 0.01] }, sort: 'accuracy', baseline: { 'params.lr': 0.1 } };

describe('api: runStudy()', function () {
  this.timeout(60_000);

  it('sweeps a train function: its params and seeds, runs.csv and summary.csv as the command line writes them', async () => {
    const calls: [Readonly<Record<string, unknown>>, number][] = [];
    const train: TrainFunction = async (params, seed) => {
      calls.push([params, seed]);
      return { accuracy: Number(params.lr) + seed / 2 ** 32, note: 'ignored' };
    };
    const out = join(tmpDir(), 'r');
    const outcome = await runStudy({ study, train, out, workers: 2 });
    expect(calls).to.have.length(6);
    expect(new Set(calls.map(([p]) => p.lr))).to.deep.equal(new Set([0.1, 0.01]));
    const rows = csv(join(out, 'runs.csv'));
    expect(rows.map((r) => Number(r.accuracy))).to.deep.equal(rows.map((r) => Number(r['params.lr']) + Number(r.seed) / 2 ** 32));
    expect(rows.every((r) => r.engine === 'function' && r.status === 'ok')).to.equal(true);
    expect(outcome.summary).to.have.length(2);
    expect(outcome.metrics).to.deep.equal(['accuracy']);
    // The same study resumed runs nothing again.
    const again = await runStudy({ study, train: () => expect.fail('nothing to run'), out, resume: true });
    expect(again.reused).to.equal(6);
  });

  it('gives the same seeds and numbers on 1 and 2 workers', async () => {
    const train: TrainFunction = async (params, seed) => {
      await new Promise((r) => setTimeout(r, seed % 7));
      return { accuracy: Number(params.lr) * seed };
    };
    const a = join(tmpDir(), 'a');
    const b = join(tmpDir(), 'b');
    await runStudy({ study, train, out: a, workers: 1 });
    await runStudy({ study, train, out: b, workers: 2 });
    const untimed = (rows: Row[]) => rows.map(({ seconds, ...rest }) => rest);
    expect(untimed(csv(join(b, 'runs.csv')))).to.deep.equal(untimed(csv(join(a, 'runs.csv'))));
  });

  it('records a throwing train as a failed run and rejects with RunsFailed; a bad study with InputError', async () => {
    const train: TrainFunction = (params) => {
      if (params.lr === 0.01) throw new Error('lr too small');
      return { accuracy: 0.5 };
    };
    const error = await runStudy({ study, train, out: join(tmpDir(), 'r') }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RunsFailed);
    expect((error as Error).message).to.match(/3 of 6 runs failed \(first: train threw: lr too small\)/);
    const bad = await runStudy({ study: { ...study, sort: undefined } as never, train, out: join(tmpDir(), 'r') }).catch((e: unknown) => e);
    expect(bad).to.be.instanceOf(InputError);
    expect((bad as Error).message).to.match(/^runStudy\(\): study\.sort: expected the metric that ranks grid points/);
  });
});
