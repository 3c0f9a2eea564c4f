/** report.html stays small at any number of runs: boxes from sketches, a bounded sample of dots. */
import { expect } from 'chai';
import { nextNormal } from '../../../src/engine/rng/normal.js';
import { Xoshiro128 } from '../../../src/engine/rng/xoshiro128.js';
import { MAX_DOTS, RunDigest } from '../../../src/report/digest/run-digest.js';
import { renderReport } from '../../../src/report/html.js';
import { syntheticStudy } from '../html-data.js';

describe('report size', () => {
  it('100,000 runs: a page under 1 MB whose note says what was sampled, the same page for the same runs', async () => {
    const study = syntheticStudy({ repeats: 3 });
    const runsPerPoint = Math.ceil(100_000 / study.summary.length);
    const page = async () => {
      const digest = new RunDigest({ gridKeys: study.gridKeys, metric: 'test_accuracy', groupKey: 'noise.placement', points: study.summary.length, seed: 1 });
      const rng = Xoshiro128.fromSeed(5);
      for (const point of study.summary) {
        for (let repeat = 0; repeat < runsPerPoint; repeat++) {
          digest.add({ 'noise.placement': point['noise.placement']!, 'noise.stddev': point['noise.stddev']!, repeat, status: 'ok', run_id: `${String(point['noise.placement'])}-${String(point['noise.stddev'])}-${repeat}`, test_accuracy: 0.8 + 0.02 * nextNormal(rng) });
        }
      }
      return renderReport({ name: 'big', gridKeys: study.gridKeys, summary: study.summary, runs: digest, sortMetric: 'test_accuracy' });
    };
    const html = await page();
    expect(html.length).to.be.below(1_000_000);
    const dots = (html.match(/aria-roledescription="circle"/g) ?? []).length;
    expect(html).to.match(/Dots: a seeded sample of \d+ of the \d+ runs/);
    expect(html).to.contain('t-digest estimates');
    expect(html).to.contain(`${runsPerPoint * study.summary.length} runs`);
    expect(dots).to.be.within(MAX_DOTS / 2, MAX_DOTS);
    expect(await page()).to.equal(html);
  });

  it('a small study draws every run and says so', async () => {
    const study = syntheticStudy({ repeats: 4 });
    const html = await renderReport({ name: 'small', gridKeys: study.gridKeys, summary: study.summary, runs: study.runs, sortMetric: 'test_accuracy' });
    expect(html).to.contain('Each dot is one run; boxes: quartiles and median of every run');
  });
});
