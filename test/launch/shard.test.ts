import { expect } from 'chai';
import { InputError } from '../../src/errors.js';
import { parseShard, selectShard, shardFromEnv } from '../../src/launch/shard.js';

describe('launch/shard', () => {
  it('splits items round-robin into disjoint shards that cover them all', () => {
    const items = Array.from({ length: 11 }, (_, i) => i);
    const parts = [1, 2, 3].map((index) => selectShard(items, { index, count: 3 }));
    expect(parts).to.deep.equal([[0, 3, 6, 9], [1, 4, 7, 10], [2, 5, 8]]);
    expect(selectShard(items, null)).to.deep.equal(items);
  });

  it('parses i/n', () => {
    expect(parseShard('3/8')).to.deep.equal({ index: 3, count: 8 });
    for (const bad of ['0/4', '5/4', '1/0', 'a/b', '2', '-1/3']) expect(() => parseShard(bad), bad).to.throw(InputError, /expected i\/n/);
  });

  // Scheduler variables → shard (1-based), as SLURM and Kubernetes document them.
  const cases: [string, NodeJS.ProcessEnv, { index: number; count: number } | null][] = [
    ['no scheduler', {}, null],
    ['SLURM array 0-7, task 0', { SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_COUNT: '8' }, { index: 1, count: 8 }],
    ['SLURM array 1-4, task 4', { SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '4' }, { index: 4, count: 4 }],
    ['SLURM array 0-12:4, task 8', { SLURM_ARRAY_TASK_ID: '8', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_STEP: '4', SLURM_ARRAY_TASK_COUNT: '4' }, { index: 3, count: 4 }],
    ['Kubernetes index 0 of 3', { JOB_COMPLETION_INDEX: '0', JOB_COMPLETIONS: '3' }, { index: 1, count: 3 }],
    ['Kubernetes index 2 of 3', { JOB_COMPLETION_INDEX: '2', JOB_COMPLETIONS: '3' }, { index: 3, count: 3 }],
  ];
  for (const [what, env, shard] of cases) it(what, () => expect(shardFromEnv(env)).to.deep.equal(shard));

  const bad: [string, NodeJS.ProcessEnv, RegExp][] = [
    ['SLURM without the count', { SLURM_ARRAY_TASK_ID: '1' }, /SLURM_ARRAY_TASK_COUNT: expected the job array size/],
    ['SLURM id outside the array', { SLURM_ARRAY_TASK_ID: '9', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_COUNT: '4' }, /SLURM_ARRAY_TASK_ID: expected an id in the array/],
    ['SLURM id not a number', { SLURM_ARRAY_TASK_ID: 'x', SLURM_ARRAY_TASK_COUNT: '4' }, /SLURM_ARRAY_TASK_ID: expected a whole number, found "x"/],
    ['Kubernetes without the count', { JOB_COMPLETION_INDEX: '1' }, /JOB_COMPLETIONS: expected the Indexed Job's completions count/],
    ['Kubernetes index too large', { JOB_COMPLETION_INDEX: '3', JOB_COMPLETIONS: '3' }, /JOB_COMPLETION_INDEX: expected 0\.\.2, found 3/],
  ];
  for (const [what, env, pattern] of bad) it(`rejects ${what}`, () => expect(() => shardFromEnv(env)).to.throw(InputError, pattern));
});
