/**
 * Every study in configs/examples/ as CI runs it: loaded with `--set train.epochs=3`, planned, and one run per
 * grid point through the worker function (the code the pool runs), so a config that no longer loads, plans
 * or trains fails here in seconds instead of in a minute-long sweep; and each one's saved config.yaml (absolute
 * paths, the data pinned) plans the same runs from another folder.
 */
import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import YAML from 'yaml';
import { loadStudy, parseYaml, validateStudy } from '../../src/config/load.js';
import { checkPlanData } from '../../src/plan/check-data.js';
import { savedStudy } from '../../src/plan/saved-study.js';
import { metricNames } from '../../src/engine/metrics.js';
import { makePlan } from '../../src/plan/plan.js';
import train from '../../src/worker/train.js';

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
