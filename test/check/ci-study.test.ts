/**
 * This project's own accuracy gate: configs/ci.yaml is a real (small) study with `expect:` bounds, run here
 * as a user's CI would run it. A violated bound must exit 1 after every result is written, and `sweep check`
 * must re-judge saved results against other bounds without training anything.
 */
import { expect } from 'chai';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../helpers/cli.js';
import { tmpDir, tmpFile } from '../helpers/tmp.js';

const CI_CONFIG = fileURLToPath(new URL('../../../configs/ci.yaml', import.meta.url));

describe('check: the CI study with accuracy bounds', function () {
  this.timeout(120_000);
  let out: string;

  before(async () => {
    out = join(tmpDir(), 'ci');
    const junit = join(out, '..', 'junit.xml');
    const result = await runCli([CI_CONFIG, '--out', out, '--junit', junit, '--quiet']);
    expect(result.code, result.stderr).to.equal(0);
    const xml = readFileSync(junit, 'utf8');
    expect(xml.match(/<testcase /g)).to.have.length(5);
    expect(xml).not.to.include('<failure');
  });

  it('writes every result file, the report included', () => {
    expect(readdirSync(out).sort()).to.deep.equal(['config.yaml', 'meta.json', 'report.html', 'runs.csv', 'summary.csv']);
  });

  it('exits 1 when a change makes the model worse than a bound, after writing every result', async () => {
    const worse = join(tmpDir(), 'worse');
    const junit = join(worse, '..', 'junit.xml');
    // Fewer epochs make the model worse: the train-accuracy bound catches it.
    const result = await runCli([CI_CONFIG, '--out', worse, '--junit', junit, '--set', 'train.epochs=5', '--quiet']);
    expect(result.code).to.equal(1);
    expect(result.stderr).to.match(/bounds violated; first: expect\[0\] train_accuracy_mean ≥ 0\.85 at noise\.placement=none: [\d.]+ is below the minimum/);
    expect(readdirSync(worse)).to.include.members(['runs.csv', 'summary.csv', 'report.html']);
    expect(readFileSync(junit, 'utf8')).to.include('<failure');
  });

  it('sweep check re-judges saved results against stricter bounds without training', async () => {
    const strict = tmpFile('strict.yaml', 'name: strict\nexpect:\n  - test_accuracy_mean: { min: 0.99 }\n');
    const before = readFileSync(join(out, 'runs.csv'), 'utf8');
    const result = await runCli(['check', out, '--config', strict]);
    expect(result.code).to.equal(1);
    expect(result.stdout).to.match(/FAIL expect\[0\] test_accuracy_mean ≥ 0\.99 at noise\.placement=none/);
    expect(readFileSync(join(out, 'runs.csv'), 'utf8')).to.equal(before);
    const own = await runCli(['check', out]);
    expect(own.code, own.stdout).to.equal(0);
    expect(own.stdout).to.include('5 of 5 bounds met');
  });

  it('rejects a bound on a column that does not exist before running anything', async () => {
    const bad = join(tmpDir(), 'bad');
    const result = await runCli([CI_CONFIG, '--out', bad, '--set', 'expect=[{test_acuracy_mean: {min: 0.5}}]']);
    expect(result.code).to.equal(2);
    expect(result.stderr).to.match(/expect\[0\]\.test_acuracy_mean: unknown column \(did you mean "test_accuracy_mean"\?\)/);
    expect(existsSync(bad)).to.equal(false);
  });
});
