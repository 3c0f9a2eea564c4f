/**
 * The sampled memory log (src/diagnostics/memory-log.ts), on when NOISE_SWEEP_MEMORY_LOG names a file: a JSON
 * line per sample with the thread, its heap and the caller's counts; `tick` samples only once the interval has
 * passed (a worker's substitute for the timer its Atomics.wait starves).
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startMemoryLog } from '../../src/diagnostics/memory-log.js';
import { tmpDir } from '../helpers/tmp.js';

function withEnv(env: Record<string, string | undefined>, f: () => void): void {
  const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env)) (v === undefined ? delete process.env[k] : (process.env[k] = v));
  try {
    f();
  } finally {
    for (const [k, v] of Object.entries(before)) (v === undefined ? delete process.env[k] : (process.env[k] = v));
  }
}

const lines = (file: string): Record<string, unknown>[] => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('diagnostics/memory-log', () => {
  it('a line at start, at each sample and at stop, with the thread, its heap and the counts', () => {
    const file = join(tmpDir(), 'memory.jsonl');
    let done = 0;
    withEnv({ NOISE_SWEEP_MEMORY_LOG: file, NOISE_SWEEP_MEMORY_MS: '600000' }, () => {
      const log = startMemoryLog('test', () => ({ done }));
      done = 7;
      log.sample();
      done = 9;
      log.stop();
    });
    const got = lines(file);
    expect(got.map((l) => l.done)).to.deep.equal([0, 7, 9]);
    for (const l of got) {
      expect(l.thread).to.equal('test#0');
      for (const key of ['rss', 'heapUsed', 'heapTotal', 'external', 'arrayBuffers', 'malloced']) expect(l[key]).to.be.a('number').and.to.be.at.least(0);
      expect(l.heapUsed as number).to.be.above(0).and.at.most(l.heapTotal as number);
    }
  });

  it('tick samples nothing before the interval has passed since the last line', () => {
    const file = join(tmpDir(), 'memory.jsonl');
    withEnv({ NOISE_SWEEP_MEMORY_LOG: file, NOISE_SWEEP_MEMORY_MS: '600000' }, () => {
      const log = startMemoryLog('test');
      log.tick();
      log.tick();
      expect(lines(file)).to.have.length(1);
      log.stop();
    });
    expect(lines(file)).to.have.length(2);
  });

  it('tick samples once the interval has passed', async () => {
    const file = join(tmpDir(), 'memory.jsonl');
    let log = startMemoryLog('off');
    withEnv({ NOISE_SWEEP_MEMORY_LOG: file, NOISE_SWEEP_MEMORY_MS: '30' }, () => {
      log = startMemoryLog('test');
    });
    // Busy, as a worker between runs is: the timer cannot fire, only tick can sample.
    const until = Date.now() + 60;
    while (Date.now() < until);
    log.tick();
    log.tick();
    expect(lines(file)).to.have.length(2);
    log.stop();
  });
});
