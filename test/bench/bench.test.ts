/**
 * The benchmark itself must keep working: run it at tiny sizes (--smoke) and check that it measures every
 * engine and prints every section. No timing is asserted: speed targets are judged by `npm run bench`.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCH = fileURLToPath(new URL('../../bench/bench.js', import.meta.url));

describe('bench (smoke)', function () {
  this.timeout(120_000);
  it('measures every engine, the pool and memory, and prints the ratios', () => {
    const out = spawnSync(process.execPath, ['--expose-gc', BENCH, '--smoke', '--skip-study'], { encoding: 'utf8' });
    expect(out.status, out.stderr).to.equal(0);
    for (const line of [/^fused engine \((wasm|js) kernel\)\s+\d+\.\d{3}\s+1\.0$/m, /^tfjs engine \(\w+, minimize loop\)\s+\d+\.\d{3}\s+\d+\.\d$/m, /^tfjs model\.fit \(\w+\)\s+\d+\.\d{3}\s+\d+\.\d$/m, /^PyTorch eager, 1 thread\s+(\d+\.\d{3}\s+\d+\.\d\d|n\/a\s+no torch)$/m, /^2 workers\s+\d+\.\d\d\s+\d+\.\d\d×$/m, /^3\. RSS over 50 short runs \(2 workers\): \d+ MB → \d+ MB \([+-]\d+\.\d MB\)$/m, /^overhead per run\s+-?\d+\.\d$/m, /^sweep\s+126\s+\d+\.\d\s+\d+\s+\d+\.\d\d$/m, /^merge of 4 shards\s+126\s+\d+\.\d s\s+\d+\s+\d+\.\d\d$/m, /^   summary\.csv of the 126-run sweep vs in-memory summarize\(\) of its runs\.csv: largest deviation \d\.\de[-+]\d+; merge vs sweep: \d\.\de[-+]\d+$/m]) {
      expect(out.stdout).to.match(line);
    }
  });
});
