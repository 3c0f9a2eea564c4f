/**
 * A real memory-exhausting point followed by small ones (issue 16): a conv2d layer of 3000 filters over 64 × 64
 * images needs more than the WebAssembly memory tfjs' wasm backend can grow to, so its runs fail with "memory
 * access out of bounds" and leave that thread's backend broken; on landed main the small runs after the second
 * such failure failed too. The pool replaces the thread, so every small run succeeds. On the tfjs engine (the
 * fused one refuses such a network before allocating it: test/engine/fused/plan/memory.test.ts).
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { sweepCommand } from '../../src/commands/sweep.js';
import { RunsFailed } from '../../src/errors.js';
import { join } from 'node:path';
import { tmpDir, tmpFile } from '../helpers/tmp.js';

const OOM = `name: oom
seed: 1
repeats: 2
data: { generator: shapes, samples: 80, size: 64, classes: 3, noise: 0.2, seed: 1, trainSize: 64 }
model:
  task: multiclass
  layers: [{ type: conv2d, filters: 2, kernelSize: 3 }, { type: flatten }]
train: { epochs: 1, batchSize: 64, engine: tfjs }
limits: { parameters: 100000000 }
grid:
  model.layers: [[{ type: conv2d, filters: 3000, kernelSize: 3, padding: same }, { type: flatten }], [{ type: conv2d, filters: 2, kernelSize: 3 }, { type: flatten }]]
`;

describe('launch/pool: a point that exhausts the wasm memory, then small runs', function () {
  this.timeout(240_000);

  it('records the big runs as failed and runs every small one on a clean thread', async () => {
    const out = join(tmpDir(), 'r');
    let error: unknown;
    await sweepCommand({ config: tmpFile('oom.yaml', OOM), out, workers: 1, set: [], quiet: true }).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(RunsFailed);
    expect((error as Error).message).to.match(/^2 of 4 runs failed/);
    const rows = readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\n').slice(1);
    const big = rows.filter((r) => r.includes('filters=3000'));
    const small = rows.filter((r) => r.includes('filters=2 '));
    expect(big.every((r) => /,failed,memory access out of bounds,/.test(r)), big.join('\n')).to.equal(true);
    expect(small.map((r) => r.split(',').at(-3)), small.join('\n')).to.deep.equal(['ok', 'ok']);
  });
});
