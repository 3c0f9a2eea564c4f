/** bench/race-vs-fixed: a small race and its fixed-repeat twin, compared point by point (no timing involved). */
import { expect } from 'chai';
import { join } from 'node:path';
import { raceVsFixed } from '../../bench/race-vs-fixed.js';
import { sweepCommand } from '../../src/commands/sweep.js';
import { tmpDir, tmpFile } from '../helpers/tmp.js';

const FIXED = `name: small
seed: 3
repeats: 6
data: { generator: moons, samples: 100, noise: 0.2, seed: 1, trainSize: 30 }
model: { hidden: [16] }
train: { epochs: 60, learningRate: 0.2 }
grid:
  train.epochs: [1, 60, 200]
`;

describe('bench/race-vs-fixed', function () {
  this.timeout(300_000);

  it('lists every point with its race status and what the fixed study tells, then the budget and the winner', async () => {
    const race = join(tmpDir(), 'race');
    const fixed = join(tmpDir(), 'fixed');
    const raced = await sweepCommand({ config: tmpFile('race.yaml', `${FIXED}race: { min: 3, max: 6, step: 1 }\n`), out: race, workers: 2, set: [], quiet: true });
    await sweepCommand({ config: tmpFile('fixed.yaml', FIXED), out: fixed, workers: 2, set: [], quiet: true });
    const lines = await raceVsFixed(race, fixed);
    expect(lines[0]).to.match(/^point\s+race\s+fixed test_accuracy mean \(6 repeats\)\s+told from its best$/);
    expect(lines.slice(1, 4).map((l) => l.split(/\s+/)[0])).to.deep.equal(['train.epochs=1', 'train.epochs=60', 'train.epochs=200']);
    expect(lines[1]).to.match(/^train\.epochs=1\s+out r\d \(\d\)\s+0\.\d{3}\s+yes$/);
    const { spent, budget } = raced.race!;
    expect(lines[4]).to.equal(`race: ${spent} of ${budget} runs (${((100 * spent) / budget).toFixed(1)} %), ${raced.race!.state.rounds.length} rounds, finished`);
    expect(lines[5]).to.match(/^eliminations the fixed study confirms \(it tells the point from its best\): (\d) of \1$/);
    expect(lines[7]).to.match(/^race winner: train\.epochs=\d+, one of them$/);
  });

  it('refuses a directory whose study does not race', async () => {
    const fixed = join(tmpDir(), 'fixed');
    await sweepCommand({ config: tmpFile('fixed.yaml', FIXED.replace('repeats: 6', 'repeats: 2')), out: fixed, workers: 1, set: [], quiet: true });
    let error: Error | undefined;
    await raceVsFixed(fixed, fixed).catch((err: Error) => (error = err));
    expect(error?.message).to.match(/expected the results of a study with race:/);
  });
});
