/**
 * `train.engine: auto` picks the fused engine for every grid point of every study in configs/examples/ (CNNs,
 * LSTMs with masks, multiclass and regression MLPs, every noise kind): a change that made the plan fall back
 * to tfjs for one of them, silently many times slower, fails here.
 */
import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadStudy } from '../../src/config/load.js';
import { makePlan } from '../../src/plan/plan.js';

const EXAMPLES = fileURLToPath(new URL('../../../configs/examples/', import.meta.url));

describe('configs/examples: the engine auto picks', () => {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).sort();
  it('finds the example studies', () => expect(files.length).to.be.at.least(10));
  for (const file of files) {
    it(`${file}: fused at every grid point`, () => {
      const loaded = loadStudy(join(EXAMPLES, file));
      expect(loaded.study.train.engine, 'the study leaves the choice to auto').to.equal('auto');
      const plan = makePlan(loaded.raw, loaded.study, loaded.file, loaded.baseDir);
      for (const point of plan.points) expect(point.config.train.engine, JSON.stringify(point.values)).to.equal('fused');
    });
  }
});
