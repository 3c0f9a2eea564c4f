/**
 * The benchmark itself must keep working: run it at tiny sizes (--smoke) and check that it measures every
 * engine and prints every section. No timing is asserted: speed targets are judged by `npm run bench`.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { modelStudies } from '../../bench/per-model.js';

const BENCH = fileURLToPath(new URL('../../bench/bench.js', import.meta.url));
const root = fileURLToPath(new URL('../../..', import.meta.url));

function bench(...args: string[]) {
  return spawnSync(process.execPath, ['--expose-gc', BENCH, ...args], { encoding: 'utf8' });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('bench (smoke)', function () {
  this.timeout(240_000);
  it('measures every engine and peer, the pool and memory, and prints the ratios', () => {
    const out = bench('--smoke', '--only', 'tutorial,throughput,memory,own-code');
    expect(out.status, out.stderr).to.equal(0);
    for (const line of [
      /^fused engine \((wasm|js) kernel\)\s+\d+\.\d{3}\s+1\.0$/m,
      /^tfjs engine \(\w+, minimize loop\)\s+\d+\.\d{3}\s+\d+\.\d$/m,
      /^tfjs model\.fit \(\w+\)\s+\d+\.\d{3}\s+\d+\.\d$/m,
      /^PyTorch eager, 1 thread\s+(\d+\.\d{3}\s+\d+\.\d\d|n\/a\s+no torch)$/m,
      /^Keras fit \(TF\), 1 thread, scaled\s+(\d+\.\d{3}\s+\d+\.\d|n\/a\s+no Keras)$/m,
      /^Keras fit \(JAX\), 1 thread, scaled\s+(\d+\.\d{3}\s+\d+\.\d|n\/a\s+no Keras)$/m,
      /^ {3}Keras: the tutorial's model\.fit with validation data, 1 thread, timed over 3 epochs and scaled to 20$/m,
      /^2 workers\s+\d+\.\d\d\s+\d+\.\d\d×$/m,
      /^3\. RSS over 50 short runs \(2 workers\): \d+ MB → \d+ MB \([+-]\d+\.\d MB\)$/m,
      /^overhead per run\s+-?\d+\.\d$/m,
    ]) {
      expect(out.stdout).to.match(line);
    }
    expect(out.stdout).to.not.match(/^6\. per model/m);
  });

  it('times every example model on our engines, with n/a for the peers on a machine without Python', () => {
    const out = bench('--smoke', '--only', 'models', '--no-python');
    expect(out.status, out.stderr).to.equal(0);
    expect(out.stdout).to.not.match(/^1\. one tutorial run/m);
    const labels = modelStudies(root, true).map((s) => s.label);
    expect(labels).to.have.length.above(10);
    for (const label of labels) {
      expect(out.stdout).to.match(new RegExp(`^${escape(label)}\\s+(fused|tfjs)\\s+\\d+\\.\\d{3}\\s+\\d+\\.\\d{3}(\\s+n/a){5}$`, 'm'));
      expect(out.stdout).to.match(new RegExp(`^${escape(label)}\\s+(accuracy\\s+[01]\\.\\d{3}\\s+[01]\\.\\d{3}|mse(\\s+\\d+\\.\\d+){2})\\s+n/a\\s+n/a$`, 'm'));
    }
  });

  it('runs the scale check at tiny sizes: two sweeps, a merge of 8 shards, the report in Chromium (or n/a), the summaries compared', () => {
    const out = bench('--smoke', '--only', 'scale');
    expect(out.status, out.stderr).to.equal(0);
    for (const line of [
      /^7\. results at scale: /m,
      /^sweep\s+42\s+\d+\.\d\s+\d+\s+\d+\.\d\d$/m,
      /^sweep\s+126\s+\d+\.\d\s+\d+\s+\d+\.\d\d$/m,
      /^merge of 8 shards\s+126\s+\d+\.\d s\s+\d+\s+\d+\.\d\d$/m,
      /^ {3}report\.html of the 126-run sweep in headless Chromium \(--dump-dom, start included\): (\d+\.\d s; an empty page \d+\.\d s|n\/a \(no \/usr\/bin\/chromium, or it failed\))$/m,
      /^ {3}summary\.csv of the 126-run sweep vs in-memory summarize\(\) of its runs\.csv: largest deviation \d\.\de[-+]\d+; merge vs sweep: \d\.\de[-+]\d+$/m,
    ]) {
      expect(out.stdout).to.match(line);
    }
  });

  it('runs one point of each example end to end through the CLI, with n/a for absent peers', () => {
    const out = bench('--smoke', '--only', 'point', '--no-python');
    expect(out.status, out.stderr).to.equal(0);
    expect(out.stdout).to.match(/^8\. one grid point, 2 repeats, end to end/m);
    for (const label of modelStudies(root, true).map((s) => s.label)) {
      expect(out.stdout).to.match(new RegExp(`^${escape(label)}\\s+\\d+\\.\\d(\\s+n/a){4}$`, 'm'));
    }
  });

  it('refuses an unknown section with one line and exit 2', () => {
    const out = bench('--only', 'modles');
    expect(out.status).to.equal(2);
    expect(out.stderr.trim()).to.equal('--only: expected sections among tutorial, throughput, memory, study, own-code, models, scale, point, found "modles"');
  });
});
