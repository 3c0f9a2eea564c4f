/**
 * Every study in configs/examples/ as CI runs it: loaded with `--set train.epochs=3`, planned, and one run per
 * grid point through the worker function (the code the pool runs), so a config that no longer loads, plans
 * or trains fails here in seconds instead of in a minute-long sweep; and each one's saved config.yaml (absolute
 * paths, the data pinned) plans the same runs from another folder.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import YAML from 'yaml';
import { sweepCommand } from '../../src/commands/sweep.js';
import { loadStudy, parseYaml, validateStudy } from '../../src/config/load.js';
import { checkPlanData } from '../../src/plan/check-data.js';
import { savedStudy } from '../../src/plan/saved-study.js';
import { metricNames } from '../../src/engine/metrics.js';
import { makePlan } from '../../src/plan/plan.js';
import train from '../../src/worker/train.js';
import { tmpDir } from '../helpers/tmp.js';

const EXAMPLES = fileURLToPath(new URL('../../../configs/examples/', import.meta.url));
const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).sort();

describe('configs/examples (train.epochs=3, one run per grid point)', () => {
  it('has the studies the README names', () => {
    for (const prefix of ['cnn-', 'lstm-', 'multiclass-', 'regression-', 'test-time-noise-']) expect(files.some((f) => f.startsWith(prefix)), prefix).to.equal(true);
    // One per kind on the real tables of configs/data/: binary, multiclass, images, regression.
    for (const name of ['breast-cancer-noise', 'digits-multiclass-noise', 'digits-cnn-images', 'diabetes-regression-noise']) expect(files, name).to.include(`${name}.yaml`);
  });

  for (const file of files) {
    it(file, async () => {
      const loaded = loadStudy(join(EXAMPLES, file), { set: ['train.epochs=3'], repeats: 1 });
      expect(loaded.study.name).to.equal(file.replace(/\.yaml$/, ''));
      const plan = makePlan(loaded.raw, loaded.study, loaded.file, loaded.baseDir);
      expect(plan.points.length).to.be.greaterThan(1);
      // Its data fits its model before any run, and its saved config.yaml, read from elsewhere, is the same study.
      checkPlanData(plan, loaded.file);
      const saved = parseYaml(YAML.stringify(savedStudy(plan, loaded.baseDir)), 'config.yaml') as Record<string, unknown>;
      const replanned = makePlan(saved, validateStudy(saved, 'config.yaml'), 'config.yaml', tmpdir());
      expect(replanned.runs.map((r) => r.runId)).to.deep.equal(plan.runs.map((r) => r.runId));
      for (const task of plan.runs) {
        const result = await train(task);
        const where = `${file} point ${JSON.stringify(plan.points[task.pointIndex]!.values)}`;
        expect(result.status, `${where}: ${result.error}`).to.equal('ok');
        expect(Object.keys(result.metrics).sort(), where).to.deep.equal(metricNames(task.config).sort());
        for (const [name, value] of Object.entries(result.metrics)) expect(Number.isFinite(value), `${where} ${name}`).to.equal(true);
      }
    });
  }
});

/**
 * configs/examples/own-script/: the user's own scripts, each swept in full by its study, whose expect: bounds
 * must hold (a violated bound rejects). The Python one needs python3 (numpy optional): skipped, saying so, without it.
 */
describe('configs/examples/own-script (full sweeps, bounds judged)', function () {
  this.timeout(300_000);
  const OWN = join(EXAMPLES, 'own-script');
  const needs: Record<string, string> = { 'python-script.yaml': 'python3', 'node-script.yaml': 'node' };

  it('has a Python and a Node study', () => expect(readdirSync(OWN).filter((f) => f.endsWith('.yaml')).sort()).to.deep.equal(Object.keys(needs).sort()));

  for (const [file, program] of Object.entries(needs)) {
    it(file, async function () {
      if (spawnSync(program, ['--version']).status !== 0) {
        console.log(`      skipped ${file}: ${program} is not installed here`);
        this.skip();
      }
      const outcome = await sweepCommand({ config: join(OWN, file), out: join(tmpDir(), 'r'), workers: 2, set: [], quiet: true });
      expect(outcome.results.every((r) => r.status === 'ok')).to.equal(true);
      expect(outcome.metrics).to.include.members(['test_accuracy', 'train_accuracy', 'test_loss', 'train_loss']);
    });
  }
});
