/** report/race: a study's race rules from its plan, its replay from results, and the words that show it. */
import { expect } from 'chai';
import { loadStudy } from '../../src/config/load.js';
import { InputError } from '../../src/errors.js';
import { makePlan } from '../../src/plan/plan.js';
import type { RunResult } from '../../src/protocol.js';
import { budgetLine, raceColumns, raceLines, raceStateOf, rulesInWords, studyRaceOf, worstCaseLine } from '../../src/report/race.js';
import { tmpFile } from '../helpers/tmp.js';

const METRICS = ['test_accuracy', 'train_loss', 'train_accuracy', 'test_loss'];

function planOf(yaml: string) {
  const { raw, study } = loadStudy(tmpFile('s.yaml', `name: s\ntrain: { epochs: 1 }\ngrid: { noise.placement: [none, input, pre] }\n${yaml}`));
  return makePlan(raw, study, 's.yaml', '.');
}

/** A result of point `p`, repeat `repeat`, with test accuracy `acc` (null: a failed run). */
function result(p: number, repeat: number, acc: number | null): RunResult {
  return { runId: `${p}-${repeat}`, pointIndex: p, repeat, seed: 1, status: acc === null ? 'failed' : 'ok', engine: 'fused', metrics: acc === null ? {} : { test_accuracy: acc, test_loss: 1 - acc }, seconds: 0 };
}

describe('report/race', () => {
  it('none for a study without race:', () => {
    expect(studyRaceOf(planOf(''), METRICS, null)).to.equal(null);
  });

  it('races on the sort metric by default, in its direction; paired as the study is; a named metric in its own', () => {
    const paired = studyRaceOf(planOf('race: { min: 2, max: 4, step: 2 }\n'), METRICS, 0)!;
    expect(paired.metric).to.equal('test_accuracy');
    expect(paired.rules).to.deep.include({ min: 2, max: 4, step: 2, alpha: 0.05, lowerIsBetter: false, baseline: 0 });
    expect(paired.rules.test.paired).to.equal(true);
    const loss = studyRaceOf(planOf('pairing: independent\nrace: { min: 2, max: 4, metric: test_loss }\n'), METRICS, null)!;
    expect(loss.metric).to.equal('test_loss');
    expect(loss.rules.lowerIsBetter).to.equal(true);
    expect(loss.rules.test).to.deep.equal({ paired: false });
    // sort: says which way is better for the sort metric, and the race follows it.
    expect(studyRaceOf(planOf('sort: { metric: test_accuracy, better: lower }\nrace: { min: 2, max: 4 }\n'), METRICS, null)!.rules.lowerIsBetter).to.equal(true);
  });

  it('refuses a race.metric the study does not have, naming the file', () => {
    expect(() => studyRaceOf(planOf('race: { metric: test_mse }\n'), METRICS, null, 'study.yaml')).to.throw(InputError, /^study\.yaml: race\.metric: expected one of the study's metrics \(test_accuracy, train_loss, train_accuracy, test_loss\).*, found "test_mse"$/);
  });

  it('replays from results in any order, failed runs counted as run; columns, lines and budget from the replay', () => {
    const plan = planOf('race: { min: 2, max: 4, step: 2 }\n');
    const race = studyRaceOf(plan, METRICS, null)!;
    // Point 2 is far below the others: out after round 1 (2 repeats, paired p = 0 for a constant difference).
    const round1 = [result(0, 0, 0.8), result(0, 1, 0.82), result(1, 0, 0.78), result(1, 1, 0.82), result(2, 0, 0.5), result(2, 1, 0.52)];
    const state = raceStateOf(race, 3, [...round1].reverse());
    expect(state.rounds[0]!.eliminated).to.deep.equal([2]);
    expect(state.pending).to.deep.equal([{ point: 0, repeat: 2 }, { point: 0, repeat: 3 }, { point: 1, repeat: 2 }, { point: 1, repeat: 3 }]);
    expect(raceColumns(state, 2)).to.deep.equal({ status: 'eliminated', eliminated_after: 2, eliminated_round: 1 });
    expect(raceColumns(state, 0)).to.deep.equal({ status: 'survivor', eliminated_after: null, eliminated_round: null });
    const label = (i: number) => ['none', 'input', 'pre'][i]!;
    expect(raceLines(race, state, label).slice(1)).to.deep.equal(['  round 1 at 2 repeats, level 0.030: out: pre (beaten by none)', '  not finished: round 2 takes 2 points to 4 repeats (4 runs to go; --resume continues it)']);
    const done = raceStateOf(race, 3, [...round1, result(0, 2, 0.81), result(0, 3, null), result(1, 2, 0.8), result(1, 3, 0.81)]);
    expect(done.finished).to.equal(true);
    expect(raceLines(race, done, label).slice(-1)).to.deep.equal([`  winner: ${label(done.winner!)}; still in at the end: ${label(1 - done.winner!)}`]);
    expect(budgetLine(race, 3, [...round1, result(0, 2, 0.81), result(0, 3, null), result(1, 2, 0.8), result(1, 3, 0.81)])).to.equal('race: 10 runs spent of the 12 a fixed study would run (3 points × 4 repeats), 83.3 %');
  });

  it('says its rules and its worst case', () => {
    const race = studyRaceOf(planOf('race: { min: 5, max: 30, step: 5 }\n'), METRICS, 0)!;
    expect(rulesInWords(race)).to.equal("rounds at 5, 10, ..., 30 repeats; a point is out when a better one beats it on test_accuracy (paired t-test on matched repeats, every pair of points racing, Holm over the pairs) at round r's level 0.05·6/(π²r²): 0.030, 0.0076, 0.0034, ..., so at most 0.05 over the race; the baseline is never out");
    expect(worstCaseLine(race, 21)).to.match(/^race: at most 630 runs \(the worst case: nothing eliminated, 21 × 30\), at least 105 \(21 × 5\); rounds at 5, 10/);
    const short = studyRaceOf(planOf('race: { min: 2, max: 4, step: 1 }\n'), METRICS, null)!;
    // Three rounds: all three levels shown, no "...", and no baseline clause without a baseline.
    expect(rulesInWords(short)).to.match(/^rounds at 2, 3, 4 repeats; a point is out when a better one beats it on test_accuracy \(paired t-test on matched repeats, .*\) at round r's level 0\.05·6\/\(π²r²\): 0\.030, 0\.0076, 0\.0034, so at most 0\.05 over the race$/);
  });
});
